import Foundation
import Testing
@testable import Language

/// Inputs that once crashed (or could crash) the lexer or parser, and every
/// crash scripts/fuzz finds (copy it from .build-fuzz/crashes/ to
/// FuzzRegressions/): each must give exactly the syntax errors in its
/// NAME.expected file, never a crash. A new input without one gets it written
/// from what the parser says, and fails until that file is read and committed.
@Suite struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "FuzzRegressions")

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
            !$0.hasSuffix(".expected")
        }.sorted()
    }

    @Test func inputsAreFound() {
        #expect(Self.inputs.count >= 8, "FuzzRegressions/ lists too few inputs")
    }

    @Test(arguments: inputs)
    func givesItsSyntaxErrors(_ name: String) throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
        let text = String(decoding: data, as: UTF8.self)
        let errors = try #require(Session.check(source: text, file: name), "\(name) parsed without an error")
        _ = Session.isIncomplete(text)
        let expectedFile = Self.folder.appendingPathComponent(name + ".expected")
        guard let expected = try? String(contentsOf: expectedFile, encoding: .utf8) else {
            try (errors + "\n").write(to: expectedFile, atomically: true, encoding: .utf8)
            Issue.record("wrote \(expectedFile.lastPathComponent): check it and commit it")
            return
        }
        #expect(errors + "\n" == expected, "\(name): got\n\(errors)")
    }

    @Test func deepNestingIsAnError() {
        let text = "x = " + String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        #expect(Session.check(source: text, file: "deep.cs")?.contains("nested more than 100 levels deep") == true)
    }
}

import Foundation
import Testing
@testable import Language

/// Inputs that once crashed (or could crash) the lexer or parser, and every
/// crash scripts/fuzz finds (copy it from .build-fuzz/crashes/ to
/// FuzzRegressions/): each must give syntax errors, never a crash.
@Suite struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FuzzRegressions")

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test(arguments: inputs)
    func parsesWithoutCrashing(_ name: String) throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
        let text = String(decoding: data, as: UTF8.self)
        _ = Session.check(source: text, file: name)
        _ = Session.isIncomplete(text)
    }

    @Test func deepNestingIsAnError() {
        let text = "x = " + String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        #expect(Session.check(source: text, file: "deep.cs")?.contains("nested more than 100 levels deep") == true)
    }
}

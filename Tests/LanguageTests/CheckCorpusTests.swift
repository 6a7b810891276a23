import Contracts
import Foundation
import Testing
import Values
@testable import Language

/// The corpus of broken scripts under Check/: each NAME.cs beside NAME.expected, the
/// exact lines `acsh check` prints (paths relative to Check/), against the bundled
/// catalog with no parameter defaults. ACSH_UPDATE_GOLDEN=1 rewrites the expected files.
struct CheckCase: CustomTestStringConvertible, Sendable {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Check")
    let name: String
    var testDescription: String { name }

    static func all() -> [CheckCase] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { $0.hasSuffix(".cs") }.sorted().map(CheckCase.init)
    }

    /// What `acsh check` prints for it, with the folder left out of each path.
    func output(_ format: OutputFormat? = nil) throws -> String {
        let path = Self.root.appendingPathComponent(name).path
        let findings = ScriptCheck.findings(
            source: try String(contentsOfFile: path, encoding: .utf8), file: path,
            context: CheckContext(catalog: .bundled, defaults: []))
        return findings.rendered(format).replacingOccurrences(of: Self.root.path + "/", with: "")
    }
}

@Suite struct CheckCorpusTests {
    /// A folder that cannot be listed would give zero cases and a silent pass.
    @Test func corpusIsFound() {
        #expect(CheckCase.all().count >= 10, "Check/ under \(CheckCase.root.path) lists too few .cs files")
    }

    @Test(arguments: CheckCase.all())
    func findings(_ c: CheckCase) throws {
        let actual = try c.output()
        let expectedFile = CheckCase.root.appendingPathComponent(
            c.name.replacingOccurrences(of: ".cs", with: ".expected"))
        if ProcessInfo.processInfo.environment["ACSH_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: expectedFile, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: expectedFile, encoding: .utf8)
        #expect(actual == expected, "Check/\(c.name) differs from its .expected:\n\(actual)")
    }

    /// `-o json` for editors and CI: one record per finding with the fields an editor needs.
    @Test func jsonFindings() throws {
        let text = try CheckCase(name: "commands.cs").output(.json)
        guard case .list(let items) = try JSONParser.parse(text).data else {
            Issue.record("not a list: \(text)"); return
        }
        let lines = try CheckCase(name: "commands.cs").output().split(separator: "\n")
        #expect(items.count == lines.count)
        let first = items.first?.record
        #expect(first?["file"]?.plainText == "commands.cs")
        #expect(first?["line"]?.plainText == "2")
        #expect(first?["column"]?.plainText == "1")
        #expect(first?["severity"]?.plainText == "error")
        #expect(first?["message"]?.plainText == "unknown command 'list zonez'; did you mean 'list zones'?")
        let clean = try CheckCase(name: "clean.cs").output(.json)
        #expect(clean == "[]\n")
    }

    @Test func cleanScriptHasNoFindings() throws {
        let text = try CheckCase(name: "clean.cs").output()
        #expect(text == "")
    }
}

import Foundation
import Testing
@testable import Language

/// `acsh check` never stops a valid script: the language's own test scripts, the
/// examples people copy and LANGUAGE.md's examples pass, and where a script is
/// meant to fail, the check's first error is the one the run stops at.
@Suite struct CheckTests {
    static let context = CheckContext(catalog: .bundled, defaults: [])

    static func errors(_ source: String, _ file: String) -> [Finding] {
        ScriptCheck.findings(source: source, file: file, context: context).filter { $0.severity == .error }
    }

    @Test(arguments: ScriptCase.all())
    func languageScriptsAgreeWithTheirRun(_ c: ScriptCase) {
        let x = c.expectations
        let errors = Self.errors(c.source, c.path)
        if x.errors.isEmpty && (x.exit ?? 0) == 0 {
            #expect(errors.isEmpty, "\(c.path) runs cleanly, yet check says: \(errors.map(\.line))")
        } else if let first = errors.first {
            let place = "\(first.location): "
            #expect((x.errors + x.stderr).contains { $0.contains(place) },
                    "\(c.path): check's first error \(first.line) is not where the run stops: \(x.errors + x.stderr)")
        }
    }

    @Test func examplesCheckClean() throws {
        let folder = ExampleScriptTests.folder
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".cs") }
        #expect(names.count >= 4)
        for n in names {
            let path = folder.appendingPathComponent(n).path
            let found = ScriptCheck.findings(source: try String(contentsOfFile: path, encoding: .utf8), file: path,
                                             context: CheckContext(defaults: ["serviceoffering"]))
            #expect(found.isEmpty, "\(n): \(found.map(\.line))")
        }
    }

    /// LANGUAGE.md's examples as one script, each at its own line: errors only where the document shows one.
    @Test func languageReferenceChecksClean() throws {
        let pieces = DocTests.pieces(try String(contentsOf: DocTests.document, encoding: .utf8))
        #expect(pieces.count > 20)
        var lines: [String] = []
        var failing: Set<Int> = []
        for p in pieces {
            while lines.count < p.line - 1 { lines.append("") }
            for (k, code) in p.code.enumerated() {
                lines.append(code)
                if !p.errors.isEmpty { failing.insert(p.line + k) }
            }
        }
        let errors = Self.errors(lines.joined(separator: "\n"), "LANGUAGE.md")
        let unexpected = errors.filter { !failing.contains($0.location.line) }
        #expect(unexpected.isEmpty, "\(unexpected.map(\.line))")
        #expect(!errors.isEmpty, "the document's failing examples are found too")
    }
}

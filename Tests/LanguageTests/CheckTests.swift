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
            #expect(
                (x.errors + x.stderr).contains { $0.contains(place) },
                "\(c.path): check's first error \(first.line) is not where the run stops: \(x.errors + x.stderr)")
        }
    }

    @Test func examplesCheckClean() throws {
        let folder = ExampleScriptTests.folder
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".cs") }
        #expect(names.count >= 4)
        for n in names {
            let path = folder.appendingPathComponent(n).path
            let found = ScriptCheck.findings(
                source: try String(contentsOfFile: path, encoding: .utf8), file: path,
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

/// LANGUAGE.md's `acsh-check` blocks: a script, then `#=>` lines, exactly what `acsh check`
/// prints for it against the sandbox (bundled catalog, the sandbox's service offering default).
@Suite struct CheckDocTests {
    struct Block {
        var code: [String] = []
        var output: [String] = []
        var line = 0
    }

    static func blocks(_ text: String) -> [Block] {
        var out: [Block] = []
        var current: Block?
        for (n, line) in text.components(separatedBy: "\n").enumerated() {
            if line.hasPrefix("```") {
                if let b = current { out.append(b) }
                current = line == "```acsh-check" ? Block(line: n + 1) : nil
            } else if line.hasPrefix("#=>") {
                current?.output.append(String(line.dropFirst(3).drop { $0 == " " }))
            } else {
                current?.code.append(line)
            }
        }
        return out
    }

    @Test func languageReferenceCheckExamples() throws {
        let blocks = Self.blocks(try String(contentsOf: DocTests.document, encoding: .utf8))
        #expect(blocks.count >= 2)
        for b in blocks {
            let findings = ScriptCheck.findings(
                source: b.code.joined(separator: "\n"), file: "example.cs",
                context: CheckContext(defaults: ["serviceoffering"]))
            #expect(findings.map(\.line) == b.output, "LANGUAGE.md line \(b.line)")
        }
    }
}

/// The check a script gets before it runs (`Session.check`).
@Suite struct SessionCheckTests {
    /// Syntax errors are the run's to show, with the line and a caret.
    @Test func syntaxErrorsAreLeftToTheRun() {
        let session = Session(host: TestHost())
        #expect(session.check(source: "x = [1, 2\n", file: "s.cs").isEmpty)
        let findings = session.check(source: "print $nope\n", file: "s.cs")
        #expect(findings.map(\.line) == ["s.cs:1:7: error: unknown variable 'nope'"])
    }

    /// An unlisted API's warning is shown by the check, not again by the run.
    @Test func aWarningShowsOnce() async throws {
        let host = TestHost(api: try await SandboxServer.shared.api())
        let session = Session(host: host)
        let source = "try { quotaFutureReport account=admin } catch e { print \"sent\" }\n"
        let findings = session.check(source: source, file: "w.cs")
        #expect(findings.count == 1 && findings[0].severity == .warning, "\(findings)")
        #expect(await session.run(source: source, file: "w.cs") == 0, "\(host.errors)")
        #expect(host.output == "sent\n")
        #expect(!host.errors.contains("does not list"), "\(host.errors)")
    }

    /// The session's parameter defaults count as given.
    @Test func sessionDefaultsCount() async {
        let session = Session(host: TestHost())
        let line = "deploy template:3 zone:1\n"
        #expect(session.check(source: line, file: "d.cs").count == 1)
        #expect(await session.run(source: "set default serviceoffering \"Small Instance\"", file: "-c") == 0)
        #expect(session.check(source: line, file: "d.cs").isEmpty)
    }
}

/// Nesting as deep as the parser allows is walked without trouble.
@Suite struct CheckDepthTests {
    @Test func deepNestingIsWalked() {
        let parens = "x = " + String(repeating: "(", count: 90) + "$nope" + String(repeating: ")", count: 90) + "\n"
        let blocks = String(repeating: "if true {\n", count: 45) + "print $nope\n" + String(repeating: "}\n", count: 45)
        let pipes = "for i in range(2) { list zones | each { list vms | each { print $nope } } }\n"
        for source in [parens, blocks, pipes] {
            let found = ScriptCheck.findings(source: source, file: "deep.cs", context: CheckContext())
            #expect(found.map(\.message) == ["unknown variable 'nope'"], "\(found.map(\.line))")
        }
    }
}

import Contracts
import Foundation
import Testing
@testable import Language

/// The `.cs` (and `.acsh`) scripts under Scripts/, each carrying its expectations in comments
/// (as Crafting Interpreters tests its languages):
///   `# expect: TEXT`            the next line of stdout
///   `# expect error: L:C: MSG`  stderr has `FILE:L:C: MSG` (FILE = path under Scripts/)
///   `# expect stderr: TEXT`     stderr contains TEXT
///   `# expect exit: N`          the exit code (default 0, or non-zero with an expected error)
///   `# args: A B C`             script arguments
///   `# dry-run`                 run with --dry-run
struct ScriptCase: CustomTestStringConvertible, Sendable {
    let path: String  // relative to Scripts/
    let source: String
    var testDescription: String { path }

    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scripts")

    static func all(under root: URL = root) -> [ScriptCase] {
        let fm = FileManager.default
        guard let e = fm.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var out: [ScriptCase] = []
        for case let url as URL in e where ["cs", "acsh"].contains(url.pathExtension) {
            let rel = String(url.path.dropFirst(root.path.count + 1))
            out.append(ScriptCase(path: rel, source: (try? String(contentsOf: url, encoding: .utf8)) ?? ""))
        }
        return out.sorted { $0.path < $1.path }
    }

    struct Expectations {
        var output: [String] = []
        var errors: [String] = []
        var stderr: [String] = []
        var exit: Int32?
        var args: [String] = []
        var dryRun = false
    }

    var expectations: Expectations {
        var x = Expectations()
        for raw in source.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let hash = raw.range(of: "# ") else { continue }
            let c = raw[hash.upperBound...]
            func after(_ p: String) -> String? { c.hasPrefix(p) ? String(c.dropFirst(p.count)) : nil }
            if let v = after("expect: ") {
                x.output.append(v)
            } else if c == "expect:" || c == "expect: " {
                x.output.append("")
            } else if let v = after("expect error: ") {
                x.errors.append("\(path):\(v)")
            } else if let v = after("expect stderr: ") {
                x.stderr.append(v)
            } else if let v = after("expect exit: ") {
                x.exit = Int32(v.trimmingCharacters(in: .whitespaces))
            } else if let v = after("args: ") {
                x.args = v.split(separator: " ").map(String.init)
            } else if c.hasPrefix("dry-run") && raw.hasPrefix("#") {
                x.dryRun = true
            }
        }
        return x
    }
}

@Suite struct ScriptTests {
    /// An expected line matches exactly, or with each `@` standing for one word (ids, dates).
    static func matches(_ pair: (String, String)) -> Bool {
        let (got, want) = pair
        if got == want || !want.contains("@") { return got == want }
        let pattern =
            "^"
            + want.split(separator: "@", omittingEmptySubsequences: false)
            .map { NSRegularExpression.escapedPattern(for: String($0)) }.joined(separator: "\\S+") + "$"
        return got.range(of: pattern, options: .regularExpression) != nil
    }

    /// A folder that cannot be listed would give zero cases and a silent pass.
    @Test func scriptsAreFound() {
        #expect(ScriptCase.all().count >= 50, "Scripts/ under \(ScriptCase.root.path) lists too few .cs files")
    }

    @Test(arguments: ScriptCase.all())
    func script(_ c: ScriptCase) async throws {
        let x = c.expectations
        var options = SessionOptions()
        options.arguments = x.args
        options.dryRun = x.dryRun
        options.output = .json
        let api = try await SandboxServer.shared.api()
        let host = TestHost(api: api)
        let session = Session(host: host, options: options)
        // Run by its full path, as `acsh FILE` runs it, so `read("data/x.csv")` finds the data
        // beside the script; messages are compared with the path under Scripts/.
        let code = await session.run(source: c.source, file: ScriptCase.root.appendingPathComponent(c.path).path)
        let errors = host.errors.replacingOccurrences(of: ScriptCase.root.path + "/", with: "")
        let out = host.output.replacingOccurrences(of: ScriptCase.root.path + "/", with: "").replacingOccurrences(
            of: "\r\n", with: "\n"
        ).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let shown = out.last == "" ? Array(out.dropLast()) : out
        #expect(
            shown.count == x.output.count && zip(shown, x.output).allSatisfy(Self.matches),
            "stdout of \(c.path): \(shown) expected \(x.output); stderr: \(errors)")
        for e in x.errors {
            #expect(errors.contains(e), "stderr of \(c.path) lacks \(e); it was: \(errors)")
        }
        for e in x.stderr {
            #expect(errors.contains(e), "stderr of \(c.path) lacks \(e); it was: \(errors)")
        }
        if let want = x.exit {
            #expect(code == want, "exit code of \(c.path); stderr: \(errors)")
        } else if x.errors.isEmpty {
            #expect(code == 0, "exit code of \(c.path); stderr: \(errors)")
            if x.stderr.isEmpty { #expect(errors.isEmpty, "unexpected stderr in \(c.path): \(errors)") }
        } else {
            #expect(code != 0, "\(c.path) should fail")
        }
    }
}

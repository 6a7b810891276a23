import Contracts
import Foundation
import Testing
@testable import Language

/// `history save`: a session's successful statements become a script that
/// replays the session on a fresh sandbox with the same results.
@Suite struct HistorySaveTests {
    /// REPL entries, one `evaluate` each, as typed at the prompt.
    static let entries = [
        "zones = list zones",
        "print len(zones), zones[0].name",
        #"vm = deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:saved-1"#,
        "list zonez",  // fails: left out
        "print vm.name, vm.state",
        #"secret = "hunter2""#,  // carries a secret: left out
        "help zone",  // only looks: left out
        "explain stop vm id:$vm.id",  // only looks: left out
        "n = 1; print n + 1; print nosuchvar",  // the first two statements ran, the third failed
        "s = stop vm id:$vm.id",
        "print s.state",
        "list vms name:saved-1 | select name state",
    ]

    static func temp() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("acsh-history-\(UUID().uuidString).cs").path
    }

    @Test func savedScriptReplaysTheSession() async throws {
        let (simA, clientA) = try await SandboxServer.fresh()
        var options = SessionOptions()
        options.output = .json
        let host = TestHost(api: clientA)
        let session = Session(host: host, options: options)
        var kept = ""
        for entry in Self.entries {
            let before = host.output.count
            let code = await session.evaluate(entry)
            let printed = String(host.output.dropFirst(before))
            if code == 0 && !entry.hasPrefix("help") && !entry.hasPrefix("explain") { kept += printed }
            if entry.hasPrefix("n = 1") { kept += printed }  // its first two statements ran and printed
        }
        let path = Self.temp()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(await session.evaluate("history save \(path)") == 0)
        #expect(host.output.hasSuffix("saved 9 statements to \(path)\n"), "\(host.output)")

        let text = try String(contentsOfFile: path, encoding: .utf8)
        let attrs = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attrs[.posixPermissions] as? Int) == 0o600)
        #expect(text.hasPrefix("#!/usr/bin/env acsh\n# Saved by `history save` from an acsh session on 20"))
        #expect(text.contains("profile test."))
        #expect(text.contains("failed ones and 1 carrying a secret were left out"))
        #expect(
            !text.contains("hunter2") && !text.contains("zonez") && !text.contains("help zone")
                && !text.contains("explain"))
        #expect(!text.contains("nosuchvar") && text.contains("n = 1\nprint n + 1\n"))

        // A fresh cloud and a fresh session: the same output as the statements that were kept.
        let (simB, clientB) = try await SandboxServer.fresh()
        let replayHost = TestHost(api: clientB)
        let code = await Session(host: replayHost, options: options).run(source: text, file: path)
        #expect(code == 0, "\(replayHost.errors)")
        #expect(replayHost.output == kept)
        #expect(kept.contains("saved-1 Running\n") && kept.contains("Stopped\n"))
        for c in [clientA, clientB] { try await c.shutdown() }
        for s in [simA, simB] { await s.stop() }
    }

    @Test func refusesToOverwriteWithoutForce() async throws {
        let path = Self.temp()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "old".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let refused = await run("x = 1\nhistory save \(path)")
        #expect(refused.code == 2)
        #expect(refused.err.contains("cannot save \(path): the file exists; add -f to overwrite it"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")

        let forced = await run("x = 1\nhistory save \(path) -f")
        #expect(forced.code == 0, "\(forced.err)")
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasSuffix("\nx = 1\n"))
        let attrs = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attrs[.posixPermissions] as? Int) == 0o600)
    }

    @Test func historyListsAndRejectsBadUsage() async {
        let r = await run("a = 2\nprint a\nprint (history)")
        #expect(r.out == "2\n[\"a = 2\",\"print a\"]\n")
        let bad = await run("history load x.cs")
        #expect(bad.code == 2 && bad.err.contains("usage: history [-p PROFILE] [save FILE.cs] [-f]"))
    }
}

import Foundation
import Simulator
import TestSupport
import Testing

/// `acsh profile ...` and the config file it writes.
@Suite(.serialized) struct ProfileCommandTests {
    @Test func addUseShowRedactsAndFileIs0600() async throws {
        let acsh = try ACSHProcess()
        let add = try await acsh.run(
            [
                "profile", "add", "lab", "--url", "http://127.0.0.1:9/client/api",
                "--api-key", "KEY1", "--secret-key", "-",
            ], stdin: "TOPSECRET\n")
        #expect(add.code == 0, "\(add.err)")
        let show = try await acsh.run(["profile", "show", "lab"])
        #expect(show.out.contains("api_key = <redacted>"))
        #expect(show.out.contains("secret_key = <redacted>"))
        #expect(!show.out.contains("TOPSECRET") && !show.out.contains("KEY1"))
        let attrs = try FileManager.default.attributesOfItem(atPath: acsh.home.path + "/config/acsh/config.toml")
        #expect((attrs[.posixPermissions] as? Int) == 0o600)
        let list = try await acsh.run(["profile", "list"])
        #expect(list.out.contains("* lab"))
    }

    /// Unattended runs have stdin piped: a missing secret is an error, never a prompt.
    @Test func aMissingSecretWithPipedStdinIsAnErrorNotAPrompt() async throws {
        let acsh = try ACSHProcess()
        let r = try await acsh.run(
            ["profile", "add", "ci", "--url", "http://127.0.0.1:9", "--api-key", "K"], stdin: "")
        #expect(r.code == 2)
        #expect(r.err.contains("stdin is not a terminal"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: acsh.home.path + "/config/acsh/config.toml"))
    }

    @Test func unknownProfileIsAClearError() async throws {
        let acsh = try ACSHProcess()
        _ = try await acsh.run(["profile", "add", "a", "--url", "http://127.0.0.1:9"])
        let r = try await acsh.run(["-p", "nope", "list", "zones"])
        #expect(r.code == 2)
        #expect(r.err.contains("no profile 'nope'"), "\(r.err)")
    }

    @Test func brokenConfigIsReportedAndNotOverwritten() async throws {
        let acsh = try ACSHProcess()
        let dir = acsh.home.appendingPathComponent("config/acsh")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("config.toml").path
        try "current = \"x\"\n[profiles.x\nurl = 1\n".write(toFile: path, atomically: true, encoding: .utf8)
        let r = try await acsh.run(["profile", "add", "b", "--url", "http://127.0.0.1:9"])
        #expect(r.code == 2)
        #expect(r.err.contains("config.toml"), "\(r.err)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "current = \"x\"\n[profiles.x\nurl = 1\n")
    }

    @Test func syncCachesTheServersCatalog() async throws {
        try await withSimulator { sim in
            let acsh = try ACSHProcess()
            let r = try await acsh.run([
                "profile", "add", "sim", "--url", sim.baseURL, "--api-key", SimulatorOptions.sandboxAPIKey,
                "--secret-key", SimulatorOptions.sandboxSecretKey,
            ])
            #expect(r.code == 0, "\(r.err)")
            let s = try await acsh.run(["sync"])
            #expect(s.code == 0, "\(s.err)")
            #expect(s.out.contains("synced"))
            // The simulator serves the bundled catalog but for the Kubernetes service's 12 APIs, which a 4.18
            // server registers only when the service is enabled (off by default); nothing new against the first sync.
            #expect(
                s.out.contains(
                    "against the bundled catalog: 0 APIs added, 12 removed; parameters changed in 0 APIs (0 added, 0 removed)"
                ), "\(s.out)")
            let again = try await acsh.run(["sync", "--verbose"])
            #expect(again.code == 0, "\(again.err)")
            #expect(again.out.contains("against the previous sync: no API or parameter changed"), "\(again.out)")
            let cache = acsh.home.path + "/cache/acsh/sim/catalog.json"
            let attrs = try FileManager.default.attributesOfItem(atPath: cache)
            #expect((attrs[.posixPermissions] as? Int) == 0o600)
        }
    }

    /// An older catalog in the cache (three APIs fewer, as before an upgrade): sync names
    /// what is new, and `sync -v` still lists it after a sync that changed nothing.
    @Test func syncReportsWhatAnUpgradeAdded() async throws {
        try await withSimulator { sim in
            let acsh = try ACSHProcess()
            _ = try await acsh.run([
                "profile", "add", "sim", "--url", sim.baseURL, "--api-key", SimulatorOptions.sandboxAPIKey,
                "--secret-key", SimulatorOptions.sandboxSecretKey,
            ])
            #expect(try await acsh.run(["sync"]).code == 0)
            let cache = acsh.home.path + "/cache/acsh/sim/catalog.json"
            var lines = try String(contentsOfFile: cache, encoding: .utf8).split(
                separator: "\n", omittingEmptySubsequences: false)
            let removed = [lines[10], lines[20], lines[30]].map { String($0.prefix { $0 != "\t" }) }
            for i in [30, 20, 10] { lines.remove(at: i) }
            try lines.joined(separator: "\n").write(toFile: cache, atomically: true, encoding: .utf8)

            let upgrade = try await acsh.run(["sync"])
            #expect(upgrade.code == 0, "\(upgrade.err)")
            #expect(
                upgrade.out.contains(
                    "against the previous sync: 3 APIs added, 0 removed; parameters changed in 0 APIs (0 added, 0 removed) (sync -v lists them)"
                ), "\(upgrade.out)")
            let previous = acsh.home.path + "/cache/acsh/sim/catalog.previous.json"
            #expect((try FileManager.default.attributesOfItem(atPath: previous)[.posixPermissions] as? Int) == 0o600)

            let later = try await acsh.run(["sync", "-v"])
            #expect(later.code == 0, "\(later.err)")
            #expect(
                later.out.contains(
                    "against the previous sync: no API or parameter changed\nthe sync that last changed it, against the catalog before: 3 APIs added"
                ), "\(later.out)")
            for name in removed { #expect(later.out.contains("+ \(name)\n"), "\(name) in \(later.out)") }
        }
    }
}

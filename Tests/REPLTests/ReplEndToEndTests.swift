import Foundation
import TestSupport
import Testing

/// The real binary at a real terminal (tmux): what a person sees when typing.
/// They need the `acsh` product built (`swift build`, which `swift test` does too).
@Suite(.serialized) struct ReplEndToEndTests {
    /// The debug build, or the binary named by ACSH_BINARY (CI points it at the static release build).
    static let binary =
        ProcessInfo.processInfo.environment["ACSH_BINARY"]
        .map { URL(fileURLWithPath: $0, relativeTo: repositoryRoot).path }
        ?? repositoryRoot.appendingPathComponent(".build/debug/acsh").path

    /// `acsh ARGS` in a fresh terminal with its own state and config directories,
    /// once its prompt `acsh PROFILE>` is on the screen.
    func start(
        _ arguments: [String] = ["--sandbox"], profile: String = "sandbox",
        state: TemporaryDirectory? = nil
    ) async throws -> (TmuxSession, TemporaryDirectory) {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw TmuxSession.Failure(
                description:
                    "\(Self.binary) is missing: run `swift build --product acsh` before the REPL end-to-end tests")
        }
        let dir = try state ?? TemporaryDirectory()
        let session = try TmuxSession(
            command: [Self.binary] + arguments,
            environment: [
                "XDG_STATE_HOME": dir.path + "/state", "XDG_CONFIG_HOME": dir.path + "/config",
                "XDG_CACHE_HOME": dir.path + "/cache", "HOME": dir.path, "TERM": "xterm-256color", "NO_COLOR": "1",
            ])
        try await session.waitUntil("the prompt 'acsh \(profile)>'") { screen in
            if screen.contains("acsh \(profile)>") { return true }
            if (try? session.hasExited()) == true {
                Issue.record(
                    "acsh \(arguments.joined(separator: " ")) exited before showing its prompt; the screen was:\n\(screen)"
                )
                return true
            }
            return false
        }
        return (session, dir)
    }

    /// How many prompts the screen shows (tmux drops the prompt's trailing space).
    func prompts(_ screen: String, _ profile: String = "sandbox") -> Int {
        screen.components(separatedBy: "acsh \(profile)>").count - 1
    }

    @Test func tabCompletesANoun() async throws {
        let (s, _) = try await start()
        try s.type("list zo")
        try s.press("Tab")
        try await s.waitFor("acsh sandbox> list zones")
        // Two nouns start with `zones`: the next Tab lists them.
        try s.press("Tab")
        try await s.waitFor("zonesmetrics")
    }

    @Test func tabOffersParameterNames() async throws {
        let (s, _) = try await start()
        try s.type("deploy virtualmachine zone")
        try s.press("Tab")
        try await s.waitFor("zoneid=")
        try await s.waitFor("zone:")
    }

    @Test func tabListsTheSandboxZones() async throws {
        let (s, _) = try await start()
        try s.type("deploy virtualmachine zoneid=")
        try s.press("Tab")
        let screen = try await s.waitFor("Sandbox-1", timeout: .seconds(60))
        #expect(screen.contains("Sandbox-2"))
        // Typing a zone's name then Tab puts its id in the line.
        try s.type("Sandbox-2")
        try s.press("Tab")
        try await s.waitUntil("the id of Sandbox-2 in the line") { screen in
            screen.split(separator: "\n").contains { line in
                line.hasPrefix("acsh sandbox> deploy virtualmachine zoneid=") && !line.contains("Sandbox")
            }
        }
    }

    @Test func historyIsKeptAcrossARestartWithoutSecrets() async throws {
        let (first, dir) = try await start()
        try first.type("list zones | count")
        try first.press("Enter")
        try await first.waitUntil("the answer and a new prompt") { prompts($0) >= 2 }
        try first.type("createUser username=bob password=hunter2 account=admin email=b@x firstname=B lastname=X")
        try first.press("Enter")
        try await first.waitUntil("the answer and a new prompt") { prompts($0) >= 3 }
        try first.type("print 'done'")
        try first.press("Enter")
        try await first.waitUntil("the answer and a new prompt") { prompts($0) >= 4 }
        try first.press("C-d")
        try await first.waitUntil("acsh to exit") { _ in (try? first.hasExited()) == true }

        let history = try dir.read("state/acsh/history")
        #expect(history == "list zones | count\nprint 'done'\n")
        let mode =
            try FileManager.default.attributesOfItem(atPath: dir.path + "/state/acsh/history")[.posixPermissions]
            as? Int
        #expect(mode == 0o600)

        let (second, _) = try await start(state: dir)
        try second.press("Up")
        try await second.waitFor("acsh sandbox> print 'done'")
        try second.press("Up")
        try await second.waitFor("acsh sandbox> list zones | count")
    }

    @Test func ctrlRSearchesHistory() async throws {
        let (s, _) = try await start()
        for line in ["list zones | count", "print 'other'"] {
            let before = prompts(try s.screen())
            try s.type(line)
            try s.press("Enter")
            try await s.waitUntil("a new prompt") { prompts($0) > before }
        }
        try s.press("C-r")
        try s.type("cou")
        try await s.waitFor("list zones | count")
        try s.press("Enter")
        try await s.waitUntil("the count") {
            $0.split(separator: "\n").last { !$0.isEmpty && !$0.hasPrefix("acsh") } == "2"
        }
    }

    @Test func listingsFollowTheWindowWidth() async throws {
        let (s, _) = try await start()
        try s.resize(width: 200)
        try s.type("deploy virtualmachine zoneid=")
        try s.press("Tab")
        let wide = try await s.waitFor("Sandbox-2", timeout: .seconds(60))
        #expect(wide.split(separator: "\n").contains { $0.contains("Sandbox-1") && $0.contains("Sandbox-2") })
        try s.resize(width: 60)
        try s.press("Tab")
        try await s.waitUntil("one zone per line") { screen in
            let lines = screen.split(separator: "\n")
            return lines.filter { $0.contains("Sandbox-1") && !$0.contains("Sandbox-2") }.count >= 1
                && lines.filter { $0.contains("Sandbox-2") && !$0.contains("Sandbox-1") }.count >= 1
        }
    }

    @Test func ctrlCAtThePromptDoesNotExit() async throws {
        let (s, _) = try await start()
        try s.type("list zon")
        try s.press("C-c")
        try await s.waitUntil("a fresh prompt") { TmuxSession.lastLine($0) == "acsh sandbox>" }
        #expect(try !s.hasExited())
        // The dropped text is gone: what is typed now stands alone.
        try s.type("list zo")
        try s.press("Tab")
        try await s.waitFor("acsh sandbox> list zones")
    }

    @Test func ctrlCStopsASlowCommand() async throws {
        let (s, _) = try await start()
        try s.type("sleep 600")
        try s.press("Enter")
        // A Ctrl-C that lands before the statement starts is dropped on purpose (a stale key),
        // so press it until the prompt is back; the sleep lasts 600 s, so the prompt proves it.
        var back = false
        for _ in 0..<30 where !back {
            try s.press("C-c")
            back =
                (try? await s.waitUntil("the prompt after Ctrl-C", timeout: .seconds(2)) {
                    TmuxSession.lastLine($0) == "acsh sandbox>"
                }) != nil
        }
        #expect(back)
        #expect(try !s.hasExited())
    }

    /// A job that takes ten minutes on a separate simulator: Ctrl-C returns to the
    /// prompt at once and says the job goes on at the server.
    @Test func ctrlCStopsWaitingForASlowJob() async throws {
        let server = try TmuxSession(command: [Self.binary, "simulator", "--port", "0", "--job-time", "600s"])
        let banner = try await server.waitFor("listening on http://127.0.0.1:")
        let address = try #require(banner.split(separator: "\n").first { $0.contains("listening on") })
        let url = try #require(address.split(separator: " ").first { $0.hasPrefix("http://") }).description
        let keys = try await String(decoding: runProcess(Self.binary, ["simulator", "--print-keys"]), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        try #require(keys.count == 2)
        let (s, _) = try await start(
            [
                "--url", url.hasSuffix("/client/api") ? url : url + "/client/api", "--api-key", keys[0], "--secret-key",
                keys[1],
            ],
            profile: "cli")
        try s.type("deploy vm zone:Sandbox-1 template:'Debian 12' serviceoffering:'Small Instance' name:slow-1")
        try s.press("Enter")
        // The progress line names the job once it is being waited for.
        try await s.waitFor("(job ", timeout: .seconds(60))
        try s.press("C-c")
        let screen = try await s.waitUntil("the prompt after Ctrl-C", timeout: .seconds(60)) {
            TmuxSession.lastLine($0) == "acsh cli>"
        }
        #expect(screen.contains("still running"), "the job's id and state are reported; the screen was:\n\(screen)")
        #expect(try !s.hasExited())
    }

    @Test func ctrlDOnAnEmptyLineExits() async throws {
        let (s, _) = try await start()
        try s.press("C-d")
        try await s.waitUntil("acsh to exit") { _ in (try? s.hasExited()) == true }
    }
}

/// `home`: run with HOME and the XDG directories there, so the user's files (the sandbox's saved cloud) are not touched.
func runProcess(_ path: String, _ arguments: [String], home: String? = nil) async throws -> Data {
    let environment =
        home.map { home in
            [
                "HOME": home, "XDG_STATE_HOME": home + "/state", "XDG_CONFIG_HOME": home + "/config",
                "XDG_CACHE_HOME": home + "/cache", "XDG_DATA_HOME": home + "/fresh-data", "PATH": "/usr/bin:/bin",
            ]
        } ?? ProcessInfo.processInfo.environment
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("acsh-run-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    _ = try await Spawn.run(
        path, arguments, environment: environment, directory: FileManager.default.currentDirectoryPath,
        stdout: out.path, stderr: "/dev/null", stdin: nil)
    return try Data(contentsOf: out)
}

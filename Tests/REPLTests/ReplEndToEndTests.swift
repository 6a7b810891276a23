import Foundation
import Testing

/// The real binary at a real terminal (tmux): what a person sees when typing.
/// They need the `acsh` product built (`swift build`, which `swift test` does too).
@Suite(.serialized) struct ReplEndToEndTests {
    static let binary = repositoryRoot.appendingPathComponent(".build/debug/acsh").path

    /// `acsh ARGS` in a fresh terminal with its own state and config directories,
    /// once its prompt `acsh PROFILE>` is on the screen.
    func start(_ arguments: [String] = ["--sandbox"], profile: String = "sandbox",
               state: TemporaryDirectory? = nil) throws -> (TmuxSession, TemporaryDirectory) {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw TmuxSession.Failure(description: "\(Self.binary) is missing: run `swift build --product acsh` before the REPL end-to-end tests")
        }
        let dir = try state ?? TemporaryDirectory()
        let session = try TmuxSession(command: [Self.binary] + arguments, environment: [
            "XDG_STATE_HOME": dir.path + "/state", "XDG_CONFIG_HOME": dir.path + "/config",
            "XDG_CACHE_HOME": dir.path + "/cache", "HOME": dir.path, "TERM": "xterm-256color", "NO_COLOR": "1",
        ])
        try session.waitUntil("the prompt 'acsh \(profile)>'") { screen in
            if screen.contains("acsh \(profile)>") { return true }
            if (try? session.hasExited()) == true {
                Issue.record("acsh \(arguments.joined(separator: " ")) exited before showing its prompt; the screen was:\n\(screen)")
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

    @Test func tabCompletesANoun() throws {
        let (s, _) = try start()
        try s.type("list zo")
        try s.press("Tab")
        try s.waitFor("acsh sandbox> list zones")
        // Two nouns start with `zones`: the next Tab lists them.
        try s.press("Tab")
        try s.waitFor("zonesmetrics")
    }

    @Test func tabOffersParameterNames() throws {
        let (s, _) = try start()
        try s.type("deploy virtualmachine zone")
        try s.press("Tab")
        try s.waitFor("zoneid=")
        try s.waitFor("zone:")
    }

    @Test func tabListsTheSandboxZones() throws {
        let (s, _) = try start()
        try s.type("deploy virtualmachine zoneid=")
        try s.press("Tab")
        let screen = try s.waitFor("Sandbox-1", timeout: .seconds(15))
        #expect(screen.contains("Sandbox-2"))
        // Typing a zone's name then Tab puts its id in the line.
        try s.type("Sandbox-2")
        try s.press("Tab")
        try s.waitUntil("the id of Sandbox-2 in the line") { screen in
            screen.split(separator: "\n").contains { line in
                line.hasPrefix("acsh sandbox> deploy virtualmachine zoneid=") && !line.contains("Sandbox")
            }
        }
    }

    @Test func upRecallsHistoryAcrossARestart() throws {
        let (first, dir) = try start()
        try first.type("list zones | count")
        try first.press("Enter")
        try first.waitUntil("the answer and a new prompt") { prompts($0) >= 2 }
        try first.press("C-d")
        try first.waitUntil("acsh to exit") { _ in (try? first.hasExited()) == true }
        let (second, _) = try start(state: dir)
        try second.press("Up")
        try second.waitFor("acsh sandbox> list zones | count")
    }

    @Test func ctrlCAtThePromptDoesNotExit() throws {
        let (s, _) = try start()
        try s.type("list zon")
        try s.press("C-c")
        try s.waitUntil("a fresh prompt") { _ in (try? s.lastLine()) == "acsh sandbox>" }
        #expect(try !s.hasExited())
        // The dropped text is gone: what is typed now stands alone.
        try s.type("list zo")
        try s.press("Tab")
        try s.waitFor("acsh sandbox> list zones")
    }

    @Test func ctrlCStopsASlowCommand() throws {
        let (s, _) = try start()
        try s.type("sleep 30")
        try s.press("Enter")
        Thread.sleep(forTimeInterval: 0.5)
        try s.press("C-c")
        try s.waitUntil("the prompt after Ctrl-C", timeout: .seconds(5)) { _ in (try? s.lastLine()) == "acsh sandbox>" }
        #expect(try !s.hasExited())
    }

    /// A job that takes a minute on a separate simulator: Ctrl-C returns to the
    /// prompt at once and says the job goes on at the server.
    @Test func ctrlCStopsWaitingForASlowJob() throws {
        let port = Int.random(in: 20000..<40000)
        let server = try TmuxSession(command: [Self.binary, "simulator", "--port", "\(port)", "--job-time", "60s"])
        try server.waitFor("listening")
        let keys = try String(decoding: runProcess(Self.binary, ["simulator", "--print-keys"]), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        try #require(keys.count == 2)
        let (s, _) = try start(["--url", "http://127.0.0.1:\(port)/client/api", "--api-key", keys[0], "--secret-key", keys[1]],
                               profile: "cli")
        try s.type("deploy vm zone:Sandbox-1 template:'Debian 12' serviceoffering:'Small Instance' name:slow-1")
        try s.press("Enter")
        Thread.sleep(forTimeInterval: 2)
        try s.press("C-c")
        let screen = try s.waitUntil("the prompt after Ctrl-C", timeout: .seconds(5)) { _ in (try? s.lastLine()) == "acsh cli>" }
        #expect(screen.contains("still running"), "the job's id and state are reported")
        #expect(try !s.hasExited())
    }

    @Test func ctrlDOnAnEmptyLineExits() throws {
        let (s, _) = try start()
        try s.press("C-d")
        try s.waitUntil("acsh to exit") { _ in (try? s.hasExited()) == true }
    }
}

func runProcess(_ path: String, _ arguments: [String]) throws -> Data {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = arguments
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return data
}

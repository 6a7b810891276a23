import Foundation
import Testing

/// The real binary at a real terminal (tmux): what a person sees when typing.
/// They need `swift build --product acsh` first (the test runner builds it with the tests).
@Suite(.serialized) struct ReplEndToEndTests {
    static let binary = repositoryRoot.appendingPathComponent(".build/debug/acsh").path

    /// A fresh `acsh --sandbox` with its own state and config directories.
    func start(state: TemporaryDirectory? = nil) throws -> (TmuxSession, TemporaryDirectory) {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw TmuxSession.Failure(description: "\(Self.binary) is missing: run `swift build --product acsh` before the REPL end-to-end tests")
        }
        let dir = try state ?? TemporaryDirectory()
        let session = try TmuxSession(command: [Self.binary, "--sandbox"], environment: [
            "XDG_STATE_HOME": dir.path + "/state", "XDG_CONFIG_HOME": dir.path + "/config",
            "XDG_CACHE_HOME": dir.path + "/cache", "HOME": dir.path, "TERM": "xterm-256color", "NO_COLOR": "1",
        ])
        try session.waitFor("acsh sandbox> ")
        return (session, dir)
    }

    @Test func tabCompletesANoun() throws {
        let (s, _) = try start()
        try s.type("list zo")
        try s.press("Tab")
        try s.waitFor("acsh sandbox> list zones ")
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
        try s.waitFor("Sandbox-1", timeout: .seconds(15))
    }

    @Test func upRecallsHistoryAcrossARestart() throws {
        let (first, dir) = try start()
        try first.type("list zones | count")
        try first.press("Enter")
        try first.waitUntil("the statement's answer and a new prompt") {
            $0.components(separatedBy: "acsh sandbox> ").count >= 3
        }
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
        try s.waitUntil("a fresh prompt") { $0.hasSuffix("acsh sandbox> \n") || $0.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("acsh sandbox>") }
        #expect(try !s.hasExited())
        try s.type("list zo")
        try s.press("Tab")
        try s.waitFor("acsh sandbox> list zones ")
    }

    @Test func ctrlCStopsASlowCommand() throws {
        let (s, _) = try start()
        try s.type("sleep 30")
        try s.press("Enter")
        Thread.sleep(forTimeInterval: 0.5)
        try s.press("C-c")
        try s.waitUntil("the prompt after Ctrl-C", timeout: .seconds(5)) {
            $0.components(separatedBy: "acsh sandbox> ").count >= 3
        }
        #expect(try !s.hasExited())
    }

    @Test func ctrlDOnAnEmptyLineExits() throws {
        let (s, _) = try start()
        try s.press("C-d")
        try s.waitUntil("acsh to exit") { _ in (try? s.hasExited()) == true }
    }
}

import TestSupport
import Testing
@testable import Language

/// Every builtin's and stage's examples (what `help` shows) run, as nushell's do:
/// each parses, and each runs without an error in a sandbox of its own.
@Suite struct CommandExampleTests {
    static let all: [(command: String, example: String)] = (Builtins.commandSignatures + Stages.signatures)
        .flatMap { s in s.examples.map { (s.name, $0) } }

    /// Examples that parse but cannot run in a test session, and why.
    static let notRun: [String: String] = [
        "tour": "needs the shell's TourHost (TourRunnerTests and TourEndToEndTests drive it)",
        "history": "writes a file into the working directory (HistorySaveTests cover saving)",
    ]

    @Test func everyFamilyHasExamples() {
        #expect(Self.all.count >= 15)
        for name in ["each", "where", "select", "sort", "first", "print", "set", "explain"] {
            #expect(Self.all.contains { $0.command == name }, "\(name) has no example")
        }
    }

    @Test(arguments: all.map { "\($0.command)\t\($0.example)" })
    func exampleRuns(_ entry: String) async throws {
        let parts = entry.split(separator: "\t", maxSplits: 1).map(String.init)
        let (command, example) = (parts[0], parts[1])
        #expect(Session.check(source: example, file: "example") == nil, "\(example)")
        guard Self.notRun[command] == nil else { return }
        // Run as a script in a folder of its own: what an example saves lands there and goes away.
        let folder = try TemporaryDirectory()
        let r = try await withSandbox({ $0.seedVMs = 3 }) { _, client in
            await run(example, file: folder.path + "/example.cs", api: client)
        }
        #expect(r.code == 0, "\(example): \(r.err)")
    }
}

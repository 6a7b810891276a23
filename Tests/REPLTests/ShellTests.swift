import Foundation
import Language
import Synchronization
import TestSupport
import Testing
@testable import REPL

/// Lines as a person would type them, one per prompt; records the prompts shown.
final class ScriptedReader: LineReader {
    var inputs: [LineInput]
    var prompts: [String] = []
    var remembered: [String] = []
    let isInteractive: Bool

    init(_ inputs: [LineInput], interactive: Bool = true) {
        self.inputs = inputs
        self.isInteractive = interactive
    }

    func readLine(prompt: String) -> LineInput {
        prompts.append(prompt)
        return inputs.isEmpty ? .endOfInput : inputs.removeFirst()
    }

    func addToHistory(_ line: String) { remembered.append(line) }
}

/// Records the statements it is given; `sleep` waits until cancelled.
final class RecordingEvaluator: LineEvaluator {
    let statements = Mutex<[String]>([])
    let cancelled = Mutex(false)
    let profile = Mutex<String?>(nil)

    var profileName: String? { profile.withLock { $0 } }

    func evaluate(_ source: String) async -> Session.Outcome {
        statements.withLock { $0.append(source) }
        if source == "sleep" {
            do { try await Task.sleep(for: .seconds(600)) } catch { cancelled.withLock { $0 = true }; return .failure(exitCode: 130) }
        }
        if source.hasPrefix("exit ") { return .exit(Int32(source.dropFirst(5)) ?? 0) }
        if source == "fail" { return .failure(exitCode: 1) }
        if source.hasPrefix("use ") { profile.withLock { $0 = String(source.dropFirst(4)) } }
        return .success
    }
}

@Suite(.serialized) struct ShellTests {
    @Test func quitLeavesTheShellAsExitDoes() async throws {
        let reader = ScriptedReader([.line("list zones"), .line("  quit "), .line("never reached")])
        let evaluator = RecordingEvaluator()
        let shell = Shell(evaluator: evaluator, options: .init(profileName: "sandbox", color: false, historyPath: nil),
                          reader: reader)
        #expect(await shell.run() == 0)
        #expect(evaluator.statements.withLock { $0 } == ["list zones"])
        #expect(reader.inputs.count == 1)  // the line after quit was never read
    }

    @Test func multiLineStatementsUseTheContinuationPrompt() async throws {
        let dir = try TemporaryDirectory()
        let reader = ScriptedReader([.line("for z in list zones {"), .line("  print $z.name"), .line("}"), .line("list zones")])
        let evaluator = RecordingEvaluator()
        let shell = Shell(evaluator: evaluator, options: .init(profileName: "sandbox", color: false, historyPath: dir.path + "/h"),
                          reader: reader)
        _ = await shell.run()
        #expect(reader.prompts == ["acsh sandbox> ", "...> ", "...> ", "acsh sandbox> ", "acsh sandbox> "])
        #expect(evaluator.statements.withLock { $0 } == ["for z in list zones {\n  print $z.name\n}", "list zones"])
        #expect(HistoryStore(path: dir.path + "/h").load() == ["for z in list zones {", "  print $z.name", "}", "list zones"])
    }

    @Test func thePromptFollowsTheActiveProfile() async throws {
        let reader = ScriptedReader([.line("use prod"), .line("list zones")])
        _ = await Shell(evaluator: RecordingEvaluator(), options: .init(profileName: "sandbox", color: false, historyPath: nil),
                        reader: reader).run()
        #expect(reader.prompts == ["acsh sandbox> ", "acsh prod> ", "acsh prod> "])
    }

    @Test func secretsReachNeitherHistory() async throws {
        let dir = try TemporaryDirectory()
        let reader = ScriptedReader([.line("createUser username=u password=hunter2"), .line("list users")])
        let shell = Shell(evaluator: RecordingEvaluator(), options: .init(profileName: "p", color: false, historyPath: dir.path + "/h"),
                          reader: reader)
        _ = await shell.run()
        #expect(reader.remembered == ["list users"])
        let text = try dir.read("h")
        #expect(!text.contains("hunter2"))
    }

    @Test func pipedInputIsNoHistoryAndEndsWithTheLastStatus() async throws {
        let dir = try TemporaryDirectory()
        let reader = ScriptedReader([.line("list zones"), .line("fail")], interactive: false)
        let code = await Shell(evaluator: RecordingEvaluator(),
                               options: .init(profileName: "p", color: false, historyPath: dir.path + "/h"), reader: reader).run()
        #expect(code == 1)
        #expect(reader.remembered.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/h"))
    }

    @Test func ctrlCDropsAnOpenStatement() async throws {
        let reader = ScriptedReader([.line("for z in list zones {"), .interrupted, .line("list zones")])
        let evaluator = RecordingEvaluator()
        let shell = Shell(evaluator: evaluator, options: .init(profileName: "p", color: false, historyPath: nil), reader: reader)
        _ = await shell.run()
        #expect(evaluator.statements.withLock { $0 } == ["list zones"])
        #expect(reader.prompts == ["acsh p> ", "...> ", "acsh p> ", "acsh p> "])
    }

    @Test func exitEndsTheLoopWithItsCode() async throws {
        let reader = ScriptedReader([.line("exit 3"), .line("list zones")])
        let evaluator = RecordingEvaluator()
        let code = await Shell(evaluator: evaluator, options: .init(profileName: "p", color: false, historyPath: nil), reader: reader).run()
        #expect(code == 3)
        #expect(evaluator.statements.withLock { $0 } == ["exit 3"])
    }

    @Test func sigintCancelsTheRunningStatement() async throws {
        let reader = ScriptedReader([.line("sleep"), .line("list zones")])
        let evaluator = RecordingEvaluator()
        let shell = Shell(evaluator: evaluator, options: .init(profileName: "p", color: false, historyPath: nil), reader: reader)
        InterruptSignal.install()
        // Ctrl-C only once the statement runs (one before `evaluate` starts is dropped as stale on
        // purpose), and again until it is seen: a loaded machine may take long to get there.
        // The handler's own step stands in for kill(SIGINT), which another suite's simulator may trap.
        let interrupter = Task.detached {
            while !evaluator.statements.withLock({ $0.contains("sleep") }) {
                try await Task.sleep(for: .milliseconds(10))
            }
            let start = ContinuousClock.now
            while !evaluator.cancelled.withLock({ $0 }), ContinuousClock.now - start < .seconds(120) {
                InterruptSignal.note()
                try await Task.sleep(for: .milliseconds(200))
            }
        }
        _ = await shell.run()
        try await interrupter.value
        // The statement sleeps 600 s: being cancelled is the proof it did not run to its end.
        #expect(evaluator.cancelled.withLock { $0 })
        #expect(evaluator.statements.withLock { $0 } == ["sleep", "list zones"])
    }
}

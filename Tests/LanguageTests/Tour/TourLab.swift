import APICatalog
import CloudClient
import Foundation
import Simulator
import Testing
import Values
@testable import Language

/// A learner at a fresh simulator: a session whose host records calls (as the
/// shell's does) and keeps tour progress in a temporary folder.
final class TourLab: @unchecked Sendable {
    let sim: Simulator
    let host: TourTestHost
    var session: Session
    let folder: String

    init(jobTime: Duration = .milliseconds(50)) async throws {
        let (sim, client) = try await SandboxServer.fresh { $0.jobTime = jobTime }
        self.sim = sim
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("acsh-tour-\(UUID().uuidString)").path
        host = TourTestHost(client: client, progressFile: folder + "/state/acsh/tour/sandbox.json")
        session = Session(host: host)
    }

    func close() async {
        await sim.stop()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Types one line at the prompt; it must succeed.
    @discardableResult
    func type(_ line: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) async -> String {
        let before = host.output.count
        let code = await session.evaluate(line)
        #expect(code == 0, "`\(line)` failed: \(host.errors)", sourceLocation: sourceLocation)
        return String(host.output.dropFirst(before))
    }

    /// `tour skip`, n times.
    func skip(_ n: Int) async {
        for _ in 0..<n { await type("tour skip") }
    }

    /// What a restart of the shell does: a new session and a new memory (no calls, nothing shown).
    func restart() {
        host.tourMemory = TourMemory()
        session = Session(host: host)
    }

    /// The check of one step, as `tour` runs it.
    func check(_ id: String, remembered: [String: String] = [:]) async throws -> TourVerdict {
        let step = try #require(TourSteps.step(id))
        let globals = session.interpreter.globals
        let api = (host.api as? RecordingAPI)?.base ?? host.api!
        let context = TourContext(api: api, variables: { globals.lookup($0) }, remembered: remembered)
        do { return try await step.check(context) } catch let h as TourHint { return .notYet(h.text) }
    }

    /// Expects the check to say "not yet" with a hint containing `text`.
    func expectHint(
        _ id: String, _ text: String, remembered: [String: String] = [:],
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws {
        let v = try await check(id, remembered: remembered)
        #expect(
            v.hint?.contains(text) == true, "step \(id): wanted a hint with '\(text)', got \(v)",
            sourceLocation: sourceLocation)
    }

    /// Expects the check to pass; its explanation lines joined, and what it remembers.
    func expectPass(
        _ id: String, remembered: [String: String] = [:],
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws -> (text: String, remember: [String: String]) {
        let v = try await check(id, remembered: remembered)
        guard case .passed(let lines, let equivalent, let remember) = v else {
            Issue.record("step \(id) did not pass: \(v.hint ?? "")", sourceLocation: sourceLocation)
            return ("", [:])
        }
        #expect(!lines.isEmpty && !equivalent.isEmpty, sourceLocation: sourceLocation)
        return (lines.joined(separator: "\n"), remember)
    }
}

/// The shell's host as far as the tour sees it: output kept, calls recorded, progress in a file.
final class TourTestHost: TourHost, @unchecked Sendable {
    private let lock = NSLock()
    private var outText = ""
    private var errText = ""
    let client: CloudStackClient
    let tourProgressFile: String
    var tourMemory = TourMemory()
    let profileName: String? = "sandbox"
    let catalog: Catalog = .bundled
    var isTerminal: Bool { false }
    var api: (any CloudAPI)? { RecordingAPI(client, log: tourMemory.calls) }

    init(client: CloudStackClient, progressFile: String) {
        self.client = client
        tourProgressFile = progressFile
    }

    var output: String { lock.withLock { outText } }
    var errors: String { lock.withLock { errText } }
    func writeOutput(_ text: String) { lock.withLock { outText += text } }
    func writeError(_ text: String) { lock.withLock { errText += text } }
    func useProfile(_ name: String) async throws { throw ScriptError("no profiles in tour tests") }
    func sync(verbose: Bool) async throws -> String { "" }
}

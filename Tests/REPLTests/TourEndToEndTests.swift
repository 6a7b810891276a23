import Foundation
import TestSupport
import Testing
@testable import Language

/// The tour through the real binary at a real terminal against the sandbox:
/// every step's commands typed as the tour shows them, `tour` after each, a
/// wrong action answered with its hint, and a restart in the middle.
@Suite(.serialized) struct TourEndToEndTests {
    /// Types a line and waits until it has run: a numbered comment makes each
    /// line's echo unique, and the empty prompt must come after it.
    final class Learner {
        var session: TmuxSession
        var count = 0
        init(_ session: TmuxSession) { self.session = session }

        @discardableResult
        func run(_ line: String, timeout: Duration = .seconds(60)) async throws -> String {
            count += 1
            let marker = "# line \(count)"
            try session.type("\(line)   \(marker)")
            try session.press("Enter")
            return try await session.waitUntil("`\(line)` to finish", timeout: timeout) { screen in
                let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                guard let echo = lines.lastIndex(where: { $0.hasSuffix(marker) }),
                    let prompt = lines.lastIndex(of: "acsh sandbox>")
                else { return false }
                return prompt > echo
            }
        }

        /// What the last command printed: the screen after its echo line.
        func last(_ screen: String) -> String {
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            let echo = lines.lastIndex { $0.contains("# line \(count)") } ?? 0
            return lines[(echo + 1)...].joined(separator: "\n")
        }
    }

    func start(_ state: TemporaryDirectory? = nil, _ arguments: [String] = ["--sandbox"]) async throws -> (
        Learner, TemporaryDirectory
    ) {
        let (s, dir) = try await ReplEndToEndTests().start(arguments, state: state)
        try s.resize(width: 250, height: 60)
        return (Learner(s), dir)
    }

    @Test func theWholeTourTypedAtThePrompt() async throws {
        var (me, dir) = try await start()
        var out = me.last(try await me.run("tour"))
        #expect(out.contains("Welcome to the acsh tour"))
        #expect(out.contains("Step 1 of 8"))

        for (i, step) in TourSteps.all.enumerated() {
            let n = i + 1
            if step.id == "stop" {
                // A restart: progress comes back from the file, and so does the sandbox's cloud.
                try me.session.press("C-d")
                try await me.session.waitUntil("acsh to exit") { _ in (try? me.session.hasExited()) == true }
                (me, dir) = try await start(dir)
                out = me.last(try await me.run("tour status"))
                #expect(out.contains("here >  6. Stop the VM"))
                out = me.last(try await me.run("tour"))
                #expect(out.contains("Step 6 of 8: Stop the VM"))
                #expect(!out.contains("Not yet"))
                out = me.last(try await me.run("tour"))
                #expect(out.contains("tour-vm is still Running"))
                // Started over with --fresh, the VM is gone and the step says how to make it again.
                try me.session.press("C-d")
                try await me.session.waitUntil("acsh to exit") { _ in (try? me.session.hasExited()) == true }
                (me, dir) = try await start(dir, ["--sandbox", "--fresh"])
                out = me.last(try await me.run("tour"))
                #expect(out.contains("Step 6 of 8: Stop the VM"))
                out = me.last(try await me.run("tour"))
                #expect(out.contains("no VM named tour-vm on this server (deleted, or the sandbox was started over)"))
                try await me.run(TourSteps.deployLine)
                try await me.run("wait job")
            }
            for (k, command) in step.commands.enumerated() {
                try await me.run(command)
                if step.id == "securitygroup" && k == 0 {
                    // A wrong (unfinished) action: the group has no rules yet.
                    out = me.last(try await me.run("tour"))
                    #expect(out.contains("Not yet (step 5 of 8"))
                    #expect(out.contains("tour-web has no ingress rule yet"))
                }
            }
            out = me.last(try await me.run("tour"))
            #expect(out.contains("Done: step \(n) of 8, \(step.title)."), "step \(step.id): \(out)")
            #expect(out.contains("Behind it, the API calls this session sent"))
            if n < TourSteps.all.count { #expect(out.contains("Step \(n + 1) of 8")) }
        }
        #expect(out.contains("The tour is complete"))
        #expect(out.contains("expungeVirtualMachine id="))
        let mode =
            try FileManager.default.attributesOfItem(atPath: dir.path + "/state/acsh/tour/sandbox.json")[
                .posixPermissions] as? Int
        #expect(mode == 0o600)
        let status = me.last(try await me.run("tour status"))
        #expect(status.contains("Every step is done."))
    }
}

import Contracts
import CloudClient
import Foundation
import Simulator
import Testing
@testable import Language

/// A command stage over many records: progress per record, Ctrl-C in the middle.
@Suite struct BulkCommandTests {
    static let deploy = "deploy template:\"Debian 12\" zone:Sandbox-1 serviceoffering:\"Small Instance\""

    @Test func theProgressLineCountsAndNamesTheRecord() async throws {
        let (sim, client) = try await SandboxServer.fresh(fastPolls: true) { $0.jobTime = .milliseconds(300) }
        let host = TestHost(api: client, terminal: true)
        var options = SessionOptions()
        options.output = .json
        let s = Session(host: host, options: options)
        let src = "a = \(Self.deploy) name:prog-a\nb = \(Self.deploy) name:prog-b\nr = [a, b] | stop vm"
        #expect(await s.run(source: src, file: "t.cs") == 0, "\(host.errors)")
        let lines = host.progress
        #expect(
            lines.contains {
                $0.range(of: #"^stop vm 1/2: prog-a \(job [0-9a-f-]{8}…\) \d+\.\ds$"#, options: .regularExpression)
                    != nil
            }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("stop vm 2/2: prog-b (job ") }, "\(lines)")
        try await client.shutdown()
        await sim.stop()
    }

    @Test func interruptingNamesWhatWasDoneAndTheJobStillRunning() async throws {
        let (sim, client) = try await SandboxServer.fresh {
            $0.faults = [try! FaultSpec(parsing: "job-hang@stopVirtualMachine")]
        }
        let host = TestHost(api: client)
        let s = Session(host: host)
        #expect(await s.run(source: "a = \(Self.deploy) name:int-a\nb = \(Self.deploy) name:int-b", file: "t.cs") == 0)
        async let code = s.run(source: "r = [a, b] | stop vm", file: "t.cs")
        let started = ContinuousClock.now
        while s.interpreter.jobs.running.isEmpty, ContinuousClock.now - started < .seconds(120) {
            try await Task.sleep(for: .milliseconds(20))
        }
        let jobid = try #require(s.interpreter.jobs.running.first?.jobid)
        s.interrupt()
        #expect(await code == 130)
        #expect(
            host.errors.contains("t.cs:1:14: interrupted: stop vm: 0 done, 1 interrupted (int-a), 1 not tried (int-b)"),
            "\(host.errors)")
        #expect(
            host.errors.contains(
                "job \(jobid) (stopVirtualMachine) is still running on the server; wait for it with: wait \"\(jobid)\""),
            "\(host.errors)")
        try await client.shutdown()
        await sim.stop()
    }
}

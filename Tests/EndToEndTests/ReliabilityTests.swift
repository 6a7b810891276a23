import Foundation
import Simulator
import TestSupport
import Testing

/// Issue 6 points that need the whole binary: interrupts, deadlines, bad input.
@Suite(.serialized) struct ReliabilityTests {
    static let deploy = #"deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:stuck-1"#

    static func hangingOptions() throws -> SimulatorOptions {
        var o = SimulatorOptions()
        o.faults = [try FaultSpec(parsing: "job-hang@deployVirtualMachine")]
        return o
    }

    @Test func aJobThatNeverEndsStopsAtTheDeadlineWith124AndItsId() async throws {
        try await withSimulator(try Self.hangingOptions()) { sim in
            let acsh = try ACSHProcess()
            let file = try acsh.write("deadline.cs", "set timeout 1\nvm = \(Self.deploy)\nprint \"not reached\"\n")
            let r = try await acsh.run([file], env: acsh.cloud(sim))
            #expect(r.code == 124, "\(r.err)")
            #expect(r.err.contains("queryAsyncJobResult jobid="), "\(r.err)")
            #expect(!r.out.contains("not reached"))
        }
    }

    @Test func sigintDuringAWaitExits130AndNamesTheJob() async throws {
        try await withSimulator(try Self.hangingOptions()) { sim in
            let acsh = try ACSHProcess()
            let file = try acsh.write("wait.cs", "job = \(Self.deploy) &\nwait job\n")
            let errURL = acsh.home.appendingPathComponent("sigint.err")
            let p = try Spawn.start(
                ACSHProcess.binary, [file], environment: acsh.cloud(sim), directory: acsh.home.path,
                stdout: "/dev/null", stderr: errURL.path)
            // Interrupt once the job exists and is being polled (not after a fixed delay:
            // a loaded machine may still be starting the binary).
            let waitStart = ContinuousClock.now
            while sim.requestCount(command: "queryAsyncJobResult") == 0, ContinuousClock.now - waitStart < .seconds(30)
            {
                try await Task.sleep(for: .milliseconds(20))
            }
            kill(p.pid, SIGINT)
            // The job never ends on its own (see above): exiting at all proves Ctrl-C stopped the wait.
            #expect(await p.wait() == 130)
            let err = try String(contentsOf: errURL, encoding: .utf8)
            #expect(err.contains("still running on the server"), "\(err)")
        }
    }

    @Test func aScriptThatIsNotUTF8IsRefusedClearly() async throws {
        let acsh = try ACSHProcess()
        let url = acsh.home.appendingPathComponent("latin1.cs")
        try Data([0x70, 0x72, 0x69, 0x6E, 0x74, 0x20, 0x22, 0xE9, 0x22, 0x0A]).write(to: url)
        let r = try await acsh.run(["--sandbox", url.path])
        #expect(r.code == 2)
        #expect(r.err.contains("UTF-8"), "\(r.err)")
        #expect(r.err.split(separator: "\n").count == 1)
    }

    @Test func anEnormousLineIsHandled() async throws {
        let acsh = try ACSHProcess()
        let big = String(repeating: "x", count: 1_000_000)
        let file = try acsh.write("big.cs", "s = \"\(big)\"\nprint len(s)\n")
        let r = try await acsh.run(["--sandbox", file])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out == "1000000\n")
    }

    @Test func aValueWithAControlCharacterIsRefusedBeforeSending() async throws {
        try await withSimulator { sim in
            let acsh = try ACSHProcess()
            let before = sim.requestCount(command: "listZones")
            let r = try await acsh.run(["-c", #"list zones name:"a\eb""#], env: acsh.cloud(sim))
            #expect(r.code != 0)
            #expect(r.err.contains("control character"), "\(r.err)")
            #expect(sim.requestCount(command: "listZones") == before)
        }
    }
}

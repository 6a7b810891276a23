import CloudClient
import Contracts
import Foundation
import Simulator
import Testing
@testable import Language

/// The example scripts users copy (scripts/examples/) run against a simulator of their own.
@Suite struct ExampleScriptTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/examples")

    func source(_ name: String) throws -> String {
        try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
    }

    func run(_ name: String, _ args: [String], dryRun: Bool = false, client: CloudStackClient) async throws -> (String, String, Int32) {
        var options = SessionOptions()
        options.arguments = args
        options.dryRun = dryRun
        options.output = .json
        let host = TestHost(api: client)
        let code = await Session(host: host, options: options).run(source: try source(name), file: name)
        return (host.output, host.errors, code)
    }

    @Test func everyExampleParses() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".cs") || $0.hasSuffix(".acsh") }
        #expect(names.count >= 4)
        for n in names { #expect(Session.check(source: try source(n), file: n) == nil, "\(n)") }
    }

    @Test func fleetThenCleanupThenReport() async throws {
        let (sim, client) = try await SandboxServer.fresh()
        let (out, err, code) = try await run("deploy-fleet.cs", ["3", "fleet"], client: client)
        #expect(code == 0, "\(err)")
        #expect(out.hasPrefix("deployed 3 machines\n"))
        #expect(out.contains("fleet-3"))

        // Dry-run stop by tag: prints the calls, sends none.
        let (dry, derr, dcode) = try await run("stop-tagged.cs", ["env"], dryRun: true, client: client)
        #expect(dcode == 0, "\(derr)")
        #expect(dry.contains("machine(s) tagged env"))
        #expect(sim.requestCount(command: "stopVirtualMachine") == 0)

        let (_, _, scode) = try await run("deploy-fleet.cs", ["1", "old"], client: client)
        #expect(scode == 0)
        let host = TestHost(api: client)
        #expect(await Session(host: host).run(source: "s = list vms name:old-1 | stop vm", file: "t.cs") == 0)
        let (cleaned, cerr, ccode) = try await run("cleanup-stopped.cs", ["0"], client: client)
        #expect(ccode == 0, "\(cerr)")
        #expect(cleaned.hasPrefix("1 machine(s) stopped for more than 0 day(s)"))
        #expect(sim.requestCount(command: "destroyVirtualMachine") == 1)

        let (report, rerr, rcode) = try await run("capacity-report.cs", [], client: client)
        #expect(rcode == 0, "\(rerr)")
        let lines = report.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n")
        #expect(lines.first == "zone,vms,running,vcpus,memory_mb,host_cores")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("Sandbox-1,3,3,3,1536,"))
        try await client.shutdown()
        await sim.stop()
    }

    @Test func usageErrorsExitWith2() async throws {
        let (sim, client) = try await SandboxServer.fresh()
        let (out, _, code) = try await run("deploy-fleet.cs", [], client: client)
        #expect(code == 2)
        #expect(out.hasPrefix("usage:"))
        try await client.shutdown()
        await sim.stop()
    }
}

import CloudClient
import Contracts
import Foundation
import Simulator
import TestSupport
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

    func run(_ name: String, _ args: [String], dryRun: Bool = false, client: CloudStackClient) async throws -> (
        String, String, Int32
    ) {
        var options = SessionOptions()
        options.arguments = args
        options.dryRun = dryRun
        options.output = .json
        let host = TestHost(api: client)
        // By its full path, as `acsh scripts/examples/NAME` runs it: files beside it are found.
        let code = await Session(host: host, options: options).run(
            source: try source(name),
            file: Self.folder.appendingPathComponent(name).path)
        return (host.output, host.errors, code)
    }

    @Test func everyExampleParses() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter {
            $0.hasSuffix(".cs") || $0.hasSuffix(".acsh")
        }
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

    /// CSV in, machines deployed with cloud-init user data (by POST, redacted in the trace), report out;
    /// a second run deploys nothing.
    @Test func inventoryDeployWritesAReport() async throws {
        let dir = try TemporaryDirectory()
        let trace = TraceLines()
        try await withSandbox(client: { $0.trace = { trace.add($0) } }) { sim, client in
            let (out, err, code) = try await run(
                "inventory-deploy.cs", ["inventory.csv", dir.path + "/report.csv"], client: client)
            #expect(code == 0, "\(err)")
            #expect(out == "deployed 3, 0 already there\nsaved 3 records to \(dir.path)/report.csv\n")
            let report = try dir.read("report.csv").split(separator: "\n").map(String.init)
            #expect(report.first == "name,zone,template,offering,state,ip")
            #expect(
                report.dropFirst().map { $0.split(separator: ",").prefix(5).joined(separator: ",") } == [
                    "inv-db-1,Sandbox-2,Ubuntu 22.04 LTS,Medium Instance,Running",
                    "inv-web-1,Sandbox-1,Debian 12,Small Instance,Running",
                    "inv-web-2,Sandbox-1,Debian 12,Small Instance,Running",
                ])
            // Two deploys carried the cloud-init file, never shown in the trace.
            let deploys = trace.lines.filter { $0.contains("command=deployVirtualMachine") }
            #expect(deploys.count == 3)
            #expect(deploys.filter { $0.contains("userdata=\(SecretPolicy.marker)") }.count == 2, "\(deploys)")
            let encoded = Data(
                try String(contentsOf: Self.folder.appendingPathComponent("cloud-init.yaml"), encoding: .utf8).utf8
            )
            .base64EncodedString()
            #expect(!trace.lines.joined().contains(encoded.prefix(40)))

            let (again, aerr, acode) = try await run(
                "inventory-deploy.cs", ["inventory.csv", dir.path + "/report.csv"], client: client)
            #expect(acode == 0, "\(aerr)")
            #expect(again.hasPrefix("deployed 0, 3 already there\n"))
            #expect(sim.requestCount(command: "deployVirtualMachine") == 3)
        }
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

/// The client's trace lines, kept for assertions.
final class TraceLines: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [String] = []
    func add(_ line: String) { lock.withLock { kept.append(line) } }
    var lines: [String] { lock.withLock { kept } }
}

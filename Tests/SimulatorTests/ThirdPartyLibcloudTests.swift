import Foundation
import Simulator
import TestSupport
import Testing
import Values

/// Apache libcloud's CloudStack driver (from PyPI, in the same virtualenv as `cs`) against
/// `--datacenter cloudstack-simulator`: Clients/libcloud_scenario.py calls its public methods in
/// the order a user would and prints one line per step.
@Suite(.serialized) struct ThirdPartyLibcloudTests {
    static let scenario = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Clients/libcloud_scenario.py").path

    /// The virtualenv's python with libcloud installed (once).
    static func python() async throws -> String {
        _ = try await ThirdPartyClientTests.csExecutable()  // makes the virtualenv
        let venv = ThirdPartyClientTests.venv
        let python = venv.appendingPathComponent("bin/python").path
        let probe = try await ThirdPartyClientTests.run(python, ["-c", "import libcloud"])
        if probe.status != 0 {
            let pip = try await ThirdPartyClientTests.run(
                venv.appendingPathComponent("bin/pip").path, ["install", "--quiet", "apache-libcloud"])
            #expect(pip.status == 0, "pip install apache-libcloud failed (is PyPI reachable?): \(pip.err)")
        }
        return python
    }

    @Test func libcloudsDriverWorksThroughTheWholeScenario() async throws {
        let python = try await Self.python()
        try await withSimulator(quickJobOptions { $0.datacenter = .cloudstackSimulator }) { sim async throws in
            let r = try await ThirdPartyClientTests.run(
                python, [Self.scenario], env: ["ACSH_ENDPOINT": sim.baseURL])
            let lines = r.out.split(separator: "\n").map(String.init)
            let failed = lines.filter { $0.hasPrefix("FAIL") }
            #expect(r.status == 0 && failed.isEmpty, "\(failed.joined(separator: "\n"))\n\(r.err)")
            // Every step ran: a scenario that stopped early or ran nothing must not pass.
            let summary = try #require(lines.last, "no output: \(r.err)")
            #expect(summary.hasSuffix("steps ok"), "\(summary)")
            #expect(lines.filter { $0.hasPrefix("ok") }.count >= 80, "\(r.out)")
            for step in ["create_node", "ex_create_ip_forwarding_rule", "ex_create_snapshot_template", "ex_create_vpc"]
            {
                #expect(lines.contains { $0.hasPrefix("ok   \(step):") }, "\(step) did not run: \(r.out)")
            }
        }
    }
}

import Simulator
import TestSupport
import Testing
import Values

/// assignToGlobalLoadBalancerRule and removeFromGlobalLoadBalancerRule.
@Suite struct GSLBAssignmentTests {
    @Test func rulesAreCheckedAndTheZonesMissingGSLBServiceStopsTheAssignment() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let (lb, _) = try await LBPolicyTests.rule(c)
            let id = try await GSLBRuleTests.rule(c, "app")
            let assigned = try await c.job(
                "assignToGlobalLoadBalancerRule", [("id", id), ("loadbalancerrulelist", lb)])
            #expect(assigned["jobresult.errorcode"]?.number?.int == 431)
            #expect(
                assigned["jobresult.errortext"]?.text?.hasPrefix("GSLB service is not enabled in the zone:") == true)
            let twice = try await c.job(
                "assignToGlobalLoadBalancerRule", [("id", id), ("loadbalancerrulelist", "\(lb),\(lb)")])
            #expect(twice["jobresult.errortext"]?.text == "Load balancer rule specified should be in unique zone")
            let removed = try await c.job(
                "removeFromGlobalLoadBalancerRule", [("id", id), ("loadbalancerrulelist", lb)])
            #expect(
                removed["jobresult.errortext"]?.text
                    == "Load balancer ID \(lb) is not assigned to global load balancer rule: \(id)")
            // Another account's rules are not the caller's to use.
            #expect(
                try await c.signed().get("assignToGlobalLoadBalancerRule", [("id", id), ("loadbalancerrulelist", lb)])
                    .status == 531)
        }
    }
}

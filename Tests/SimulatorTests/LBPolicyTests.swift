import Simulator
import TestSupport
import Testing
import Values

/// Stickiness and health-check policies of load balancer rules, and updateIpAddress, through the HTTP API.
@Suite struct LBPolicyTests {
    /// An isolated network with a VM, a public IP and a load balancer rule on it: (rule, ip).
    static func rule(_ c: TestClient) async throws -> (String, String) {
        let net = try await c.isolatedNetwork("lb")
        _ = try await c.deploy([("networkids", net), ("name", "lb-1")])
        let ip = try #require(
            try await c.job("associateIpAddress", [("networkid", net)])["jobresult.ipaddress.id"]?.text)
        let created = try await c.job(
            "createLoadBalancerRule",
            [
                ("name", "web"), ("publicipid", ip), ("algorithm", "roundrobin"),
                ("publicport", "80"), ("privateport", "8080"),
            ])
        return (try #require(created["jobresult.loadbalancer.id"]?.text), ip)
    }

    @Test func stickinessPoliciesLiveOnTheirRule() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let (rule, ip) = try await Self.rule(c)
            let made = try await c.job(
                "createLBStickinessPolicy",
                [
                    ("lbruleid", rule), ("name", "sticky"), ("methodname", "LbCookie"),
                    ("param[0].name", "cookie-name"), ("param[0].value", "SRV"),
                ])
            #expect(made["jobresult.stickinesspolicies.lbruleid"]?.text == rule)
            let policy = try #require(made["jobresult.stickinesspolicies.stickinesspolicy.0.id"]?.text, "\(made)")
            #expect(made["jobresult.stickinesspolicies.stickinesspolicy.0.methodname"]?.text == "LbCookie")
            #expect(made["jobresult.stickinesspolicies.stickinesspolicy.0.params.cookie-name"]?.text == "SRV")

            let listed = try await c.get("listLBStickinessPolicies", [("lbruleid", rule)]).inner
            #expect(listed["count"]?.number?.int == 1)
            #expect(listed["stickinesspolicies.0.stickinesspolicy.0.name"]?.text == "sticky")
            #expect(
                try await c.value("listLBStickinessPolicies", [("id", policy)], "stickinesspolicies.0.lbruleid") == rule
            )

            let badMethod = try await c.get(
                "createLBStickinessPolicy", [("lbruleid", rule), ("name", "x"), ("methodname", "Magic")])
            #expect(badMethod.status == 431)
            #expect(
                badMethod.inner["errortext"]?.text?.hasPrefix("Failed to match Stickiness method name for LB rule:")
                    == true)
            let badParam = try await c.get(
                "createLBStickinessPolicy",
                [
                    ("lbruleid", rule), ("name", "x"), ("methodname", "SourceBased"),
                    ("param[0].name", "cookie-name"), ("param[0].value", "x"),
                ])
            #expect(badParam.status == 431)

            let hidden = try await c.job("updateLBStickinessPolicy", [("id", policy), ("fordisplay", "false")])
            #expect(hidden["jobresult.stickinesspolicies.stickinesspolicy.0.fordisplay"]?.bool == false)
            #expect(try await c.job("deleteLBStickinessPolicy", [("id", policy)])["jobresult.success"]?.bool == true)
            #expect(
                try await c.get("listLBStickinessPolicies", [("lbruleid", rule)]).inner[
                    "stickinesspolicies.0.stickinesspolicy"]?.list?.isEmpty == true)
            #expect(try await c.get("deleteLBStickinessPolicy", [("id", policy)]).status == 431)

            // The virtual router balances without health checks: the server refuses them for that provider.
            let health = try await c.get("createLBHealthCheckPolicy", [("lbruleid", rule), ("pingpath", "/health")])
            #expect(health.status == 431)
            #expect(
                health.inner["errortext"]?.text?.contains("HealthCheck Policy is not supported by LB Provider") == true)
            let checks = try await c.get("listLBHealthCheckPolicies", [("lbruleid", rule)]).inner
            #expect(checks["healthcheckpolicies.0.lbruleid"]?.text == rule)
            #expect(checks["healthcheckpolicies.0.healthcheckpolicy"]?.list?.isEmpty == true)

            // A rule's policies go with it.
            _ = try await c.job(
                "createLBStickinessPolicy", [("lbruleid", rule), ("name", "src"), ("methodname", "SourceBased")])
            _ = try await c.job("deleteLoadBalancerRule", [("id", rule)])
            #expect(try await c.get("listLBStickinessPolicies", [("lbruleid", rule)]).status == 431)

            let shown = try await c.job("updateIpAddress", [("id", ip), ("fordisplay", "false")])
            #expect(shown["jobresult.ipaddress.fordisplay"]?.bool == false)
            #expect(try await c.get("updateIpAddress", [("id", ip), ("customid", "mine")]).status == 431)
        }
    }
}

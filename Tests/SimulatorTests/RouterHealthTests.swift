import Simulator
import TestSupport
import Testing
import Values

/// getRouterHealthCheckResults and upgradeRouterTemplate.
@Suite struct RouterHealthTests {
    @Test func aRunningRouterReportsItsChecksAndAStoppedOneCannotRunFreshOnes() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let net = try await c.value("listNetworks", [("name", "admin-network")], "network.0.id")
            let router = try await c.value("listRouters", [("networkid", net)], "router.0.id")
            let r = try await c.get("getRouterHealthCheckResults", [("routerid", router)]).inner
            #expect(r["routerhealthchecks.routerid"]?.text == router)
            let checks = try #require(r["routerhealthchecks.healthchecks"]?.list)
            let names = checks.compactMap { $0["checkname"]?.text }
            #expect(names.contains("connectivity.test") && names.contains("router_version_check.py"))
            // The seeded network's offering has DHCP and DNS on the router.
            #expect(names.contains("dhcp_check.py") && names.contains("dns_check.py"))
            #expect(checks.allSatisfy { $0["success"]?.bool == true && $0["lastupdated"]?.text != nil })
            #expect(Set(checks.compactMap { $0["checktype"]?.text }) == ["basic", "advanced"])

            let fresh = try await c.get(
                "getRouterHealthCheckResults", [("routerid", router), ("performfreshchecks", "true")])
            #expect(fresh.status == 200)
            _ = try await c.job("stopRouter", [("id", router)])
            // The last results stay; fresh ones need the router running.
            #expect(try await c.get("getRouterHealthCheckResults", [("routerid", router)]).status == 200)
            let stopped = try await c.get(
                "getRouterHealthCheckResults", [("routerid", router), ("performfreshchecks", "true")])
            #expect(stopped.status == 530)
            #expect(stopped.inner["errortext"]?.text?.hasPrefix("Failed to get health check results due to: ") == true)
            #expect(try await c.get("getRouterHealthCheckResults", [("routerid", net)]).status == 431)
            // Root admins only, as the command's authorization says.
            #expect(try await c.signed().get("getRouterHealthCheckResults", [("routerid", router)]).status == 432)
        }
    }

    @Test func upgradeRouterTemplateTakesOneScopeAndFindsNothingToUpgrade() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [], "zone.0.id")
            let pod = try await c.value("listPods", [], "pod.0.id")
            // Every router runs the current template: no reboot job is started.
            let r = try await c.get("upgradeRouterTemplate", [("zoneid", zone)])
            #expect(r.status == 200)
            #expect(r.inner["count"] == nil)
            let two = try await c.get("upgradeRouterTemplate", [("zoneid", zone), ("podid", pod)])
            #expect(two.status == 431)
            #expect(
                two.inner["errortext"]?.text
                    == "Multiple parameters not supported. Specify only one among routerId/zoneId/podId/clusterId/accountId/domainId"
            )
            let domain = try await c.value("listDomains", [("name", "ROOT")], "domain.0.id")
            let nobody = try await c.get("upgradeRouterTemplate", [("domainid", domain), ("account", "nobody")])
            #expect(nobody.inner["errortext"]?.text?.hasPrefix("Account :nobody does not exist in domain: ") == true)
        }
    }
}

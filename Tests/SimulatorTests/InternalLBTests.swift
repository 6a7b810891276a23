@testable import Simulator
import TestSupport
import Testing
import Values

/// Internal load balancers on VPC tiers, and a stopped router changing its system offering.
@Suite struct InternalLBTests {
    @Test func internalLoadBalancersBalanceTierVMs() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim).signed()  // as the user dev
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let offering = try await c.value("listVPCOfferings", [("name", "Default VPC offering")], "vpcoffering.0.id")
            let vpc = try #require(
                try await c.job(
                    "createVPC",
                    [
                        ("name", "app"), ("displaytext", "app"), ("cidr", "10.40.0.0/16"),
                        ("zoneid", zone), ("vpcofferingid", offering),
                    ])["jobresult.vpc.id"]?.text)
            func tier(_ name: String, _ offeringName: String, _ gateway: String) async throws -> String {
                let o = try await c.value("listNetworkOfferings", [("name", offeringName)], "networkoffering.0.id")
                return try await c.value(
                    "createNetwork",
                    [
                        ("name", name), ("displaytext", name), ("zoneid", zone), ("vpcid", vpc),
                        ("networkofferingid", o), ("gateway", gateway), ("netmask", "255.255.255.0"),
                    ],
                    "network.id")
            }
            let lbTier = try await tier(
                "back", "DefaultIsolatedNetworkOfferingForVpcNetworksWithInternalLB", "10.40.1.1")
            let plainTier = try await tier("front", "DefaultIsolatedNetworkOfferingForVpcNetworks", "10.40.2.1")
            func create(_ network: String, _ extra: [(String, String)] = []) async throws -> TestClient.Reply {
                try await c.get(
                    "createLoadBalancer",
                    [
                        ("name", "ilb"), ("scheme", "Internal"), ("networkid", network),
                        ("sourceipaddressnetworkid", network), ("sourceport", "80"),
                        ("instanceport", "8080"), ("algorithm", "roundrobin"),
                    ] + extra)
            }
            let refused = try await create(plainTier)
            #expect(refused.status == 431)
            #expect(
                refused.inner["errortext"]?.text?.hasPrefix("Scheme Internal is not supported") == true,
                "\(refused.body)")
            #expect(try await create(lbTier, [("scheme", "Public")]).status == 431)
            let accepted = try await create(lbTier, [("sourceipaddress", "10.40.1.50")]).inner
            let made = try await c.wait(job: try #require(accepted["jobid"]?.text))
            let id = try #require(made["jobresult.loadbalancer.id"]?.text, "\(made)")
            #expect(made["jobresult.loadbalancer.sourceipaddress"]?.text == "10.40.1.50")
            #expect(made["jobresult.loadbalancer.loadbalancerrule.0.sourceport"]?.number?.int == 80)
            #expect(made["jobresult.loadbalancer.loadbalancerrule.0.state"]?.text == "Add")
            // same address and port
            #expect(try await create(lbTier, [("sourceipaddress", "10.40.1.50")]).status == 537)
            #expect(try await create(lbTier, [("sourceipaddress", "10.40.9.9")]).status == 431)  // outside the tier

            let vm = try #require(try await c.deploy([("networkids", lbTier)])["jobresult.virtualmachine.id"]?.text)
            #expect(
                try await c.job("assignToLoadBalancerRule", [("id", id), ("virtualmachineids", vm)])[
                    "jobresult.success"]?.bool == true)
            let listed = try await c.get("listLoadBalancers", [("networkid", lbTier)]).inner
            #expect(listed["count"]?.text == "1")
            #expect(listed["loadbalancer.0.loadbalancerinstance.0.id"]?.text == vm)
            #expect(listed["loadbalancer.0.loadbalancerrule.0.state"]?.text == "Active")
            #expect(
                try await c.job("removeFromLoadBalancerRule", [("id", id), ("virtualmachineids", vm)])[
                    "jobresult.success"]?.bool == true)
            #expect(
                try await c.get("listLoadBalancers", [("id", id)]).inner["loadbalancer.0.loadbalancerinstance"]?.list?
                    .isEmpty == true)
            #expect(try await TestClient(sim).get("listLoadBalancers").inner["count"] == nil)  // the admin's own: none
            #expect(try await c.job("deleteLoadBalancer", [("id", id)])["jobresult.success"]?.bool == true)
            #expect(try await c.get("listLoadBalancers", [("id", id)]).inner["count"] == nil)
        }
    }

    @Test func aStoppedRouterChangesItsSystemOffering() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            _ = try await c.deploy()  // implements the admin's network: its router runs
            let router = try await c.value("listRouters", [("listall", "true")], "router.0.id")
            let plain = try await c.value("listServiceOfferings", [("name", "Small Instance")], "serviceoffering.0.id")
            let made = try await c.get(
                "createServiceOffering",
                [
                    ("name", "Router 2G"), ("displaytext", "Router 2G"), ("cpunumber", "2"),
                    ("cpuspeed", "1000"), ("memory", "2048"), ("issystem", "true"),
                    ("systemvmtype", "domainrouter"),
                ]
            ).inner
            let system = try #require(made["serviceoffering.id"]?.text, "\(made)")
            #expect(
                try await c.get("changeServiceForRouter", [("id", router), ("serviceofferingid", plain)]).status == 431)
            let running = try await c.get("changeServiceForRouter", [("id", router), ("serviceofferingid", system)])
            #expect(
                running.inner["errortext"]?.text?.contains("make sure the router is stopped") == true, "\(running.body)"
            )
            #expect(try await c.job("stopRouter", [("id", router)])["jobresult.router.state"]?.text == "Stopped")
            let changed = try await c.get("changeServiceForRouter", [("id", router), ("serviceofferingid", system)])
                .inner
            #expect(changed["router.serviceofferingname"]?.text == "Router 2G")
            #expect(changed["router.serviceofferingid"]?.text == system)
        }
    }
}

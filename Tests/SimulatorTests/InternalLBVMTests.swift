@testable import Simulator
import TestSupport
import Testing
import Values

/// Internal LB VMs: deployed when an internal load balancer's first member is assigned, listed,
/// stopped and started by the admin APIs, left out of listRouters, gone with the load balancer.
@Suite struct InternalLBVMTests {
    /// A VPC with an internal-LB tier, an internal load balancer on it and a VM in the tier.
    static func setUp(_ c: TestClient) async throws -> (tier: String, lb: String, vm: String) {
        let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
        let offering = try await c.value("listVPCOfferings", [("name", "Default VPC offering")], "vpcoffering.0.id")
        let vpc = try #require(
            try await c.job(
                "createVPC",
                [
                    ("name", "app"), ("displaytext", "app"), ("cidr", "10.40.0.0/16"), ("zoneid", zone),
                    ("vpcofferingid", offering),
                ])["jobresult.vpc.id"]?.text)
        let tierOffering = try await c.value(
            "listNetworkOfferings", [("name", "DefaultIsolatedNetworkOfferingForVpcNetworksWithInternalLB")],
            "networkoffering.0.id")
        let tier = try await c.value(
            "createNetwork",
            [
                ("name", "back"), ("displaytext", "back"), ("zoneid", zone), ("vpcid", vpc),
                ("networkofferingid", tierOffering), ("gateway", "10.40.1.1"), ("netmask", "255.255.255.0"),
            ],
            "network.id")
        let lb = try #require(
            try await c.job(
                "createLoadBalancer",
                [
                    ("name", "ilb"), ("scheme", "Internal"), ("networkid", tier),
                    ("sourceipaddressnetworkid", tier), ("sourceport", "80"), ("instanceport", "8080"),
                    ("algorithm", "roundrobin"), ("sourceipaddress", "10.40.1.50"),
                ])["jobresult.loadbalancer.id"]?.text)
        let vm = try #require(try await c.deploy([("networkids", tier)])["jobresult.virtualmachine.id"]?.text)
        return (tier, lb, vm)
    }

    @Test func theFirstMemberDeploysTheVMAndTheAdminStopsAndStartsIt() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let (tier, lb, vm) = try await Self.setUp(c)
            // A load balancer without members has no VM yet.
            #expect(try await c.get("listInternalLoadBalancerVMs", [("networkid", tier)]).inner["count"] == nil)
            _ = try await c.job("assignToLoadBalancerRule", [("id", lb), ("virtualmachineids", vm)])
            let listed = try await c.get("listInternalLoadBalancerVMs", [("networkid", tier)]).inner
            #expect(listed["count"]?.number?.int == 1, "\(listed)")
            let id = try #require(listed["router.0.id"]?.text)
            #expect(listed["router.0.name"]?.text?.hasPrefix("b-") == true)
            #expect(listed["router.0.role"]?.text == "INTERNAL_LB_VM")
            #expect(listed["router.0.state"]?.text == "Running")
            #expect(listed["router.0.guestipaddress"]?.text == "10.40.1.50")
            #expect(listed["router.0.guestnetworkid"]?.text == tier)
            #expect(listed["router.0.serviceofferingname"]?.text == "System Offering For Internal LB VM")
            // Its default NIC on the tier holds the balanced address; its control NIC is on the link-local network.
            let nics = try #require(listed["router.0.nic"]?.list)
            #expect(nics.compactMap { $0[field: "traffictype"]?.text } == ["Guest", "Control"])
            #expect(nics[0][field: "ipaddress"]?.text == "10.40.1.50" && nics[0][field: "isdefault"]?.text == "true")
            #expect(nics[0][field: "networkid"]?.text == tier)
            #expect(listed["router.0.linklocalnetworkid"]?.text == nics[1][field: "networkid"]?.text)
            // listRouters shows the VPC's router only.
            let routers = try await c.get("listRouters", [("listall", "true")]).inner
            #expect(routers["router"]?.list?.allSatisfy { $0["role"]?.text == "VIRTUAL_ROUTER" } == true)
            let router = try #require(routers["router.0.id"]?.text)
            let wrong = try await c.get("startInternalLoadBalancerVM", [("id", router)])
            #expect(wrong.status == 431)
            #expect(wrong.inner["errortext"]?.text == "Unable to find internal lb vm by id")
            let asRouter = try await c.get("stopRouter", [("id", id)])
            #expect(asRouter.status == 431)
            #expect(asRouter.inner["errortext"]?.text == "Unable to find router by id")

            #expect(
                try await c.job("stopInternalLoadBalancerVM", [("id", id)])["jobresult.router.state"]?.text
                    == "Stopped")
            // Stopping a stopped one (and starting a running one) succeeds and changes nothing.
            #expect(
                try await c.job("stopInternalLoadBalancerVM", [("id", id), ("forced", "true")])[
                    "jobresult.router.state"]?.text == "Stopped")
            #expect(
                try await c.get("listInternalLoadBalancerVMs", [("state", "Stopped")]).inner["router.0.id"]?.text
                    == id)
            #expect(
                try await c.job("startInternalLoadBalancerVM", [("id", id)])["jobresult.router.state"]?.text
                    == "Running")
            // The last member leaving keeps the VM; deleting the load balancer removes it.
            _ = try await c.job("removeFromLoadBalancerRule", [("id", lb), ("virtualmachineids", vm)])
            #expect(try await c.get("listInternalLoadBalancerVMs").inner["count"]?.number?.int == 1)
            _ = try await c.job("deleteLoadBalancer", [("id", lb)])
            #expect(try await c.get("listInternalLoadBalancerVMs").inner["count"] == nil)
        }
    }

    @Test func anUndisplayedLoadBalancerIsListedOnlyWhenAsked() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let (tier, lb, vm) = try await Self.setUp(c)
            let updated = try await c.job("updateLoadBalancer", [("id", lb), ("fordisplay", "false")])
            #expect(updated["jobresult.loadbalancer.fordisplay"]?.bool == false, "\(updated)")
            // The answer keeps the internal load balancer's shape: ports in loadbalancerrule.
            #expect(updated["jobresult.loadbalancer.loadbalancerrule.0.sourceport"]?.number?.int == 80)
            #expect(updated["jobresult.loadbalancer.sourceport"] == nil)
            #expect(try await c.get("listLoadBalancers", [("networkid", tier)]).inner["count"] == nil)
            let asked = try await c.get("listLoadBalancers", [("networkid", tier), ("fordisplay", "false")]).inner
            #expect(asked["loadbalancer.0.id"]?.text == lb)
            let custom = try await c.get("updateLoadBalancer", [("id", lb), ("customid", "x")])
            #expect(custom.status == 431)
            // Deleting the tier revokes its internal load balancers.
            _ = try await c.job("destroyVirtualMachine", [("id", vm), ("expunge", "true")])
            #expect(try await c.job("deleteNetwork", [("id", tier)])["jobresult.success"]?.bool == true)
            #expect(
                try await c.get("listLoadBalancers", [("id", lb), ("fordisplay", "false")]).inner["count"] == nil)
        }
    }
}

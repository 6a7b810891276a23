@testable import Simulator
import TestSupport
import Testing
import Values

/// The calls the Ansible collection's internal_lb_vm and lb_internal modules make, through the
/// Python `cs` client (in ThirdPartyClientTests' serialized suite: one virtualenv), against the
/// official container's data center.
extension ThirdPartyClientTests {
    @Test func csFindsStopsAndStartsAnInternalLBVM() async throws {
        let cs = try await Self.csExecutable()
        let options = quickJobOptions {
            $0.datacenter = .cloudstackSimulator; $0.jobTime = .milliseconds(100)
        }
        try await withSimulator(options) { sim async throws in
            func run(_ args: [String]) async throws -> Value { try await self.cs(cs, args, sim) }
            let zone = try #require(try await run(["listZones", "name=Sandbox-simulator-advanced"])["zone.0.id"]?.text)
            let vpcOffering = try #require(
                try await run(["listVPCOfferings", "name=Default VPC offering"])["vpcoffering.0.id"]?.text)
            let vpc = try #require(
                try await run([
                    "createVPC", "name=ilb", "displaytext=ilb", "cidr=10.13.0.0/16", "zoneid=\(zone)",
                    "vpcofferingid=\(vpcOffering)",
                ])["vpc.id"]?.text)
            let tierOffering = try #require(
                try await run([
                    "listNetworkOfferings", "name=DefaultIsolatedNetworkOfferingForVpcNetworksWithInternalLB",
                ])["networkoffering.0.id"]?.text)
            let tier = try #require(
                try await run([
                    "createNetwork", "name=tier", "displaytext=tier", "zoneid=\(zone)", "vpcid=\(vpc)",
                    "networkofferingid=\(tierOffering)", "gateway=10.13.1.1", "netmask=255.255.255.0",
                ])["network.id"]?.text)
            let lb = try await run([
                "createLoadBalancer", "name=ilb", "scheme=Internal", "networkid=\(tier)",
                "sourceipaddressnetworkid=\(tier)", "sourceport=80", "instanceport=8080", "algorithm=roundrobin",
            ])
            let lbID = try #require(lb["loadbalancer.id"]?.text, "\(lb)")
            let template = try #require(
                try await run(["listTemplates", "templatefilter=executable", "zoneid=\(zone)"])["template.0.id"]?.text)
            let offering = try #require(
                try await run(["listServiceOfferings", "name=Small Instance"])["serviceoffering.0.id"]?.text)
            let vm = try #require(
                try await run([
                    "deployVirtualMachine", "zoneid=\(zone)", "templateid=\(template)",
                    "serviceofferingid=\(offering)", "networkids=\(tier)", "name=ilb-vm",
                ])["virtualmachine.id"]?.text)
            _ = try await run(["assignToLoadBalancerRule", "id=\(lbID)", "virtualmachineids=\(vm)"])

            let listed = try await run([
                "listInternalLoadBalancerVMs", "zoneid=\(zone)", "vpcid=\(vpc)", "networkid=\(tier)", "listall=true",
            ])
            let id = try #require(listed["router.0.id"]?.text, "\(listed)")
            #expect(listed["router.0.guestnetworkid"]?.text == tier)
            #expect(listed["router.0.state"]?.text == "Running")
            #expect(
                try await run(["stopInternalLoadBalancerVM", "id=\(id)", "forced=false"])["router.state"]?.text
                    == "Stopped")
            #expect(try await run(["startInternalLoadBalancerVM", "id=\(id)"])["router.state"]?.text == "Running")
            // for_display=false, then found only by asking with fordisplay=false (the module's second lookup)
            _ = try await run(["updateLoadBalancer", "id=\(lbID)", "fordisplay=false"])
            let hidden = try await Self.run(
                cs, ["listLoadBalancers", "name=ilb", "networkid=\(tier)", "scheme=Internal"], env: env(sim))
            #expect(hidden.status == 0 && hidden.out.allSatisfy(\.isWhitespace), "\(hidden.out)")
            let shown = try await run(["listLoadBalancers", "name=ilb", "networkid=\(tier)", "fordisplay=false"])
            #expect(shown["loadbalancer.0.loadbalancerrule.0.instanceport"]?.number?.int == 8080)
        }
    }
}

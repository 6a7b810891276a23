import Simulator
import TestSupport
import Testing
import Values

/// Adding and deleting network service providers, and the elements behind them.
@Suite struct ServiceProviderTests {
    /// The id of the provider `name` on the first physical network, and that network's id.
    static func provider(_ c: TestClient, _ name: String) async throws -> (String, String) {
        let pn = try await c.value("listPhysicalNetworks", [], "physicalnetwork.0.id")
        let nsp = try await c.value(
            "listNetworkServiceProviders", [("physicalnetworkid", pn), ("name", name)], "networkserviceprovider.0.id")
        return (nsp, pn)
    }

    @Test func aProviderNoNetworkUsesGoesAndComesBackDisabled() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let (ilb, pn) = try await ServiceProviderTests.provider(c, "InternalLbVm")
            #expect(try await c.job("deleteNetworkServiceProvider", [("id", ilb)])["jobresult.success"]?.bool == true)
            // Its element went with it, and the list does not bring the provider back.
            #expect(try await c.get("listInternalLoadBalancerElements", [("nspid", ilb)]).inner["count"] == nil)
            let left = try await c.get("listNetworkServiceProviders", [("physicalnetworkid", pn)]).inner
            #expect(
                left["networkserviceprovider"]?.list?.contains { $0[field: "name"]?.text == "InternalLbVm" } == false)

            let added = try await c.job(
                "addNetworkServiceProvider", [("physicalnetworkid", pn), ("name", "InternalLbVm")])
            #expect(added["jobresult.networkserviceprovider.state"]?.text == "Disabled")
            #expect(added["jobresult.networkserviceprovider.servicelist"] == .list([.string("Lb")]))
            let nsp = try #require(added["jobresult.networkserviceprovider.id"]?.text)
            #expect(added["jobinstanceid"]?.text == nsp)
            // Enabled only once its element is made and enabled.
            let early = try await c.get("updateNetworkServiceProvider", [("id", nsp), ("state", "Enabled")])
            #expect(early.status == 431)
            let element = try await c.job("createInternalLoadBalancerElement", [("nspid", nsp)])
            #expect(element["jobresult.internalloadbalancerelement.enabled"]?.bool == false)
            let elementID = try #require(element["jobresult.internalloadbalancerelement.id"]?.text)
            let again = try await c.get("createInternalLoadBalancerElement", [("nspid", nsp)])
            #expect(again.status == 431)
            #expect(
                again.inner["errortext"]?.text?.hasPrefix("There is already an element with service provider id ")
                    == true)
            _ = try await c.job("configureInternalLoadBalancerElement", [("id", elementID), ("enabled", "true")])
            let enabled = try await c.job("updateNetworkServiceProvider", [("id", nsp), ("state", "Enabled")])
            #expect(enabled["jobresult.networkserviceprovider.state"]?.text == "Enabled")
        }
    }

    @Test func addingChecksTheProviderItsServicesAndTheNetwork() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let (sg, pn) = try await ServiceProviderTests.provider(c, "SecurityGroupProvider")
            let twice = try await c.get(
                "addNetworkServiceProvider", [("physicalnetworkid", pn), ("name", "VirtualRouter")])
            #expect(twice.status == 530)
            #expect(
                twice.inner["errortext"]?.text?.hasPrefix(
                    "The 'VirtualRouter' provider already exists on physical network : ") == true)
            let unknown = try await c.get("addNetworkServiceProvider", [("physicalnetworkid", pn), ("name", "Acme")])
            #expect(unknown.inner["errortext"]?.text == "Invalid Network Service Provider=Acme")
            // A provider the server knows whose plugin this cloud does not have.
            let netscaler = try await c.get(
                "addNetworkServiceProvider", [("physicalnetworkid", pn), ("name", "Netscaler")])
            #expect(
                netscaler.inner["errortext"]?.text
                    == "Unable to find the Network Element implementing the Service Provider 'Netscaler'")

            _ = try await c.job("deleteNetworkServiceProvider", [("id", sg)])
            // The security group provider's services come all together.
            let subset = try await c.get(
                "addNetworkServiceProvider",
                [("physicalnetworkid", pn), ("name", "SecurityGroupProvider"), ("servicelist", "Dhcp,SecurityGroup")])
            #expect(
                subset.inner["errortext"]?.text
                    == "Cannot enable subset of Services, Please specify the complete list of Services for this Service Provider 'SecurityGroupProvider'"
            )
            let (ilb, _) = try await ServiceProviderTests.provider(c, "InternalLbVm")
            _ = try await c.job("deleteNetworkServiceProvider", [("id", ilb)])
            let dhcp = try await c.get(
                "addNetworkServiceProvider",
                [("physicalnetworkid", pn), ("name", "InternalLbVm"), ("servicelist", "Dhcp")])
            #expect(dhcp.inner["errortext"]?.text == "InternalLbVm Provider cannot provide this Service specified=Dhcp")
            let gateway = try await c.get(
                "addNetworkServiceProvider",
                [("physicalnetworkid", pn), ("name", "InternalLbVm"), ("servicelist", "Gateway")])
            #expect(gateway.inner["errortext"]?.text == "Invalid Network Service specified=Gateway")
            let back = try await c.job(
                "addNetworkServiceProvider",
                [("physicalnetworkid", pn), ("name", "SecurityGroupProvider"), ("servicelist", "securitygroup")])
            #expect(back["jobresult.networkserviceprovider.servicelist"] == .list([.string("SecurityGroup")]))
            #expect(back["jobresult.networkserviceprovider.canenableindividualservice"]?.bool == false)
            #expect(
                try await c.signed().get("addNetworkServiceProvider", [("physicalnetworkid", pn), ("name", "Ovs")])
                    .status == 432)
        }
    }

    @Test func aProviderInUseStaysAndElementsAreMadeOncePerProvider() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            // The seeded guest networks run on the virtual router.
            let (vr, _) = try await ServiceProviderTests.provider(c, "VirtualRouter")
            let busy = try await c.job("deleteNetworkServiceProvider", [("id", vr)])
            #expect(busy["jobresult.errorcode"]?.number?.int == 530)
            #expect(
                busy["jobresult.errortext"]?.text
                    == "Provider is not deletable because there are active networks using this provider, please upgrade these networks to new network offerings"
            )
            let element = try await c.get("createVirtualRouterElement", [("nspid", vr)])
            #expect(element.status == 530)
            #expect(element.inner["errortext"]?.text == "Failed to add Virtual Router entity to physical network")
            let wrong = try await c.get("createInternalLoadBalancerElement", [("nspid", vr)])
            #expect(wrong.inner["errortext"]?.text == "Invalid network service provider is specified")

            // A VPC router provider nothing uses: deleted, added back, given a new element.
            let (vpc, pn) = try await ServiceProviderTests.provider(c, "VpcVirtualRouter")
            _ = try await c.job("deleteNetworkServiceProvider", [("id", vpc)])
            let added = try await c.job(
                "addNetworkServiceProvider", [("physicalnetworkid", pn), ("name", "VpcVirtualRouter")])
            let nsp = try #require(added["jobresult.networkserviceprovider.id"]?.text)
            let made = try await c.job("createVirtualRouterElement", [("nspid", nsp)])
            #expect(made["jobresult.virtualrouterelement.nspid"]?.text == nsp)
            #expect(made["jobresult.virtualrouterelement.enabled"]?.bool == false)
            #expect(try await c.get("listVirtualRouterElements", [("nspid", nsp)]).inner["count"]?.number?.int == 1)
        }
    }
}

import Simulator
import TestSupport
import Testing
import Values

/// A router runs on a host of its zone and has a NIC on each guest network it serves.
@Suite struct RouterPlacementTests {
    @Test func anIsolatedNetworksRouterHasAHostATemplateAndAGuestNICOnTheVLAN() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let network = try await c.isolatedNetwork("placed")
            _ = try await c.deploy([("networkids", network)])
            let r = try await c.get("listRouters", [("networkid", network)]).inner
            let host = try #require(r["router.0.hostid"]?.text)
            #expect(try await c.value("listHosts", [("id", host)], "host.0.zoneid") == r["router.0.zoneid"]?.text)
            #expect(r["router.0.podid"] != nil && r["router.0.templateid"] != nil)
            #expect(r["router.0.templatename"]?.text?.contains("SystemVM") == true)
            let vlan = try await c.value("listNetworks", [("id", network)], "network.0.broadcasturi")
            let nics = try #require(r["router.0.nic"]?.list)
            // its guest NIC first, then the control and public ones (SystemNetworkTests)
            #expect(nics.count == 3)
            #expect(nics[0][field: "networkid"]?.text == network)
            #expect(nics[0][field: "broadcasturi"]?.text == vlan)
            #expect(nics[0][field: "ipaddress"]?.text == r["router.0.guestipaddress"]?.text)
            #expect(nics[0][field: "macaddress"]?.text == r["router.0.guestmacaddress"]?.text)
            // A VM's NIC on the same network names the same VLAN.
            let vm = try await c.get("listVirtualMachines", [("networkid", network)]).inner
            #expect(vm["virtualmachine.0.nic.0.isolationuri"]?.text == vlan)

            let id = try #require(r["router.0.id"]?.text)
            _ = try await c.job("stopRouter", [("id", id)])
            let stopped = try await c.get("listRouters", [("id", id)]).inner
            #expect(stopped["router.0.state"]?.text == "Stopped" && stopped["router.0.hostid"] == nil)
            _ = try await c.job("startRouter", [("id", id)])
            #expect(try await c.get("listRouters", [("id", id)]).inner["router.0.hostid"] != nil)
        }
    }

    @Test func aVPCRouterGainsANICPerTierAndLosesItWithTheTier() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let vpcOffering = try await c.value(
                "listVPCOfferings", [("name", "Default VPC offering")], "vpcoffering.0.id")
            let vpc = try await c.job(
                "createVPC",
                [
                    ("name", "v"), ("displaytext", "v"), ("zoneid", zone), ("vpcofferingid", vpcOffering),
                    ("cidr", "10.9.0.0/16"),
                ])
            let vpcID = try #require(vpc["jobresult.vpc.id"]?.text)
            let tierOffering = try await c.value(
                "listNetworkOfferings", [("name", "DefaultIsolatedNetworkOfferingForVpcNetworks")],
                "networkoffering.0.id")
            func tier(_ n: Int) async throws -> String {
                try await c.value(
                    "createNetwork",
                    [
                        ("name", "tier\(n)"), ("displaytext", "tier\(n)"), ("zoneid", zone), ("vpcid", vpcID),
                        ("networkofferingid", tierOffering), ("gateway", "10.9.\(n).1"), ("netmask", "255.255.255.0"),
                    ], "network.id")
            }
            // The first tier comes up with its first VM; a tier added to the running VPC is plugged in at once.
            let first = try await tier(1)
            _ = try await c.deploy([("networkids", first)])
            let tiers = [first, try await tier(2)]
            func nics() async throws -> [Value] {
                (try await c.get("listRouters", [("vpcid", vpcID)]).inner["router.0.nic"]?.list ?? []).filter {
                    $0[field: "traffictype"]?.text == "Guest"
                }
            }
            let both = try await nics()
            #expect(Set(both.compactMap { $0[field: "networkid"]?.text }) == Set(tiers))
            #expect(Set(both.compactMap { $0[field: "ipaddress"]?.text }) == ["10.9.1.1", "10.9.2.1"])
            #expect(Set(both.compactMap { $0[field: "macaddress"]?.text }).count == 2)

            // Before its tiers come the control NIC and the public one, on the VPC's source NAT address.
            let router = try await c.get("listRouters", [("vpcid", vpcID)]).inner
            let all = router["router.0.nic"]?.list ?? []
            #expect(all.prefix(2).compactMap { $0[field: "traffictype"]?.text } == ["Control", "Public"])
            let sourceNat = try await c.value(
                "listPublicIpAddresses", [("vpcid", vpcID), ("issourcenat", "true")], "publicipaddress.0.ipaddress")
            #expect(all.count > 1 && all[1][field: "ipaddress"]?.text == sourceNat)
            #expect(router["router.0.publicnetworkid"]?.text == all[1][field: "networkid"]?.text)

            _ = try await c.job("deleteNetwork", [("id", tiers[1])])
            #expect(try await nics().compactMap { $0[field: "networkid"]?.text } == [tiers[0]])
        }
    }
}

import Simulator
import TestSupport
import Testing
import Values

/// Static NAT rules (createIpForwardingRule) and addresses asked for by zone alone, as libcloud's
/// CloudStack driver uses them.
@Suite struct StaticNatRuleTests {
    /// A VM on a fresh isolated network of Sandbox-1: (network, vm).
    static func vmOnIsolatedNetwork(_ c: TestClient, name: String) async throws -> (String, String) {
        let net = try await c.isolatedNetwork(name)
        let vm = try #require(
            try await c.deploy([("networkids", net), ("name", "\(name)-vm")])["jobresult.virtualmachine.id"]?.text)
        return (net, vm)
    }

    @Test func rulesNeedStaticNatAndForwardToItsVM() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let (net, vm) = try await Self.vmOnIsolatedNetwork(c, name: "nat")
            let ip = try #require(
                try await c.job("associateIpAddress", [("networkid", net)])["jobresult.ipaddress.id"]?.text)
            let address = try await c.value("listPublicIpAddresses", [("id", ip)], "publicipaddress.0.ipaddress")
            let rule = [("ipaddressid", ip), ("protocol", "TCP"), ("startport", "1000"), ("endport", "2000")]
            let refused = try await c.get("createIpForwardingRule", rule)
            #expect(refused.status == 537)
            #expect(refused.inner["errortext"]?.text == "Can't do static nat on ip address: \(address)")

            #expect(try await c.get("enableStaticNat", [("ipaddressid", ip), ("virtualmachineid", vm)]).status == 200)
            let made = try await c.job("createIpForwardingRule", rule)
            #expect(made["jobstatus"]?.text == "1", "\(made)")
            #expect(made["jobresult.ipforwardingrule.virtualmachineid"]?.text == vm)
            #expect(made["jobresult.ipforwardingrule.protocol"]?.text == "tcp")
            #expect(made["jobresult.ipforwardingrule.publicport"]?.text == "1000")
            #expect(made["jobresult.ipforwardingrule.privateendport"]?.text == "2000")
            #expect(made["jobresult.ipforwardingrule.ipaddress"]?.text == address)
            let listed = try await c.get("listIpForwardingRules", [("virtualmachineid", vm)]).inner
            #expect(listed["count"]?.number?.int == 1)
            #expect(listed["ipforwardingrule.0.virtualmachinename"]?.text == "nat-vm")

            let overlap = try await c.get(
                "createIpForwardingRule", [("ipaddressid", ip), ("protocol", "tcp"), ("startport", "1500")])
            #expect(overlap.status == 537)
            #expect(overlap.inner["errortext"]?.text?.hasPrefix("The range specified, 1500-1500, conflicts") == true)

            // Disabling static NAT revokes the address's static NAT rules.
            #expect(try await c.job("disableStaticNat", [("ipaddressid", ip)])["jobstatus"]?.text == "1")
            #expect(try await c.get("listIpForwardingRules", [("ipaddressid", ip)]).inner["count"] == nil)
        }
    }

    @Test func anAddressAskedForByZoneGoesToTheOwnersOneIsolatedNetwork() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            // The seeded user `dev` has one isolated network in Sandbox-1.
            let dev = TestClient(sim).signed()
            let zone = try await dev.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let own = try await dev.value("listNetworks", [("zoneid", zone), ("type", "Isolated")], "network.0.id")
            let ip = try await dev.job("associateIpAddress", [("zoneid", zone)])
            #expect(ip["jobresult.ipaddress.associatednetworkid"]?.text == own, "\(ip)")

            _ = try await Self.vmOnIsolatedNetwork(dev, name: "two")
            let two = try await dev.get("associateIpAddress", [("zoneid", zone)])
            #expect(two.status == 431)
            #expect(two.inner["errortext"]?.text == "Account has more than one isolated network in the zone")
        }
        // With projectid, the project's one isolated network.
        try await withSimulator(quickJobOptions()) { sim async throws in
            let dev = TestClient(sim).signed()
            let project = try #require(
                try await dev.job("createProject", [("name", "web"), ("displaytext", "web")])["jobresult.project.id"]?
                    .text)
            let zone = try await dev.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let offering = try await dev.value(
                "listNetworkOfferings", [("name", "DefaultIsolatedNetworkOfferingWithSourceNatService")],
                "networkoffering.0.id")
            let net = try await dev.value(
                "createNetwork",
                [
                    ("name", "p"), ("displaytext", "p"), ("zoneid", zone), ("networkofferingid", offering),
                    ("projectid", project),
                ], "network.id")
            let ip = try await dev.job("associateIpAddress", [("zoneid", zone), ("projectid", project)])
            #expect(ip["jobresult.ipaddress.associatednetworkid"]?.text == net, "\(ip)")
            #expect(ip["jobresult.ipaddress.projectid"]?.text == project)
        }
        // The container's data center starts with no network of the admin's.
        try await withSimulator(quickJobOptions { $0.datacenter = .cloudstackSimulator }) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-simulator-advanced")], "zone.0.id")
            let none = try await c.get("associateIpAddress", [("zoneid", zone)])
            #expect(none.status == 431)
            #expect(
                none.inner["errortext"]?.text
                    == "Account name=admin domain=ROOT doesn't have virtual networks in zone=Sandbox-simulator-advanced",
                "\(none.body)")
        }
    }
}

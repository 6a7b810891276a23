@testable import Simulator
import TestSupport
import Testing
import Values

/// Each zone has its system networks (ConfigurationManagerImpl.createDefaultSystemNetworks), public
/// addresses come from its public network, and routers have NICs on them.
@Suite struct SystemNetworkTests {
    @Test func aZoneHasItsSystemNetworksListedOnlyForIsSystem() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim)
            let zone = try await admin.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let system = try await admin.get("listNetworks", [("issystem", "true"), ("zoneid", zone)]).inner
            let nets = try #require(system["network"]?.list)
            var byTraffic: [String: Value] = [:]
            for n in nets { byTraffic[n[field: "traffictype"]?.text ?? ""] = n }
            #expect(Set(byTraffic.keys) == ["Public", "Management", "Control", "Storage"])
            for (traffic, broadcast) in [
                ("Public", "Vlan"), ("Management", "Native"), ("Control", "LinkLocal"), ("Storage", "Native"),
            ] {
                let n = try #require(byTraffic[traffic])
                #expect(n[field: "broadcastdomaintype"]?.text == broadcast)
                #expect(n[field: "issystem"]?.text == "true")
                #expect(n[field: "networkofferingname"]?.text == "System-\(traffic)-Network")
                #expect(n[field: "networkofferingdisplaytext"]?.text == "System Offering for System-\(traffic)-Network")
                #expect(n[field: "networkofferingavailability"]?.text == "Required")
                #expect(n[field: "state"]?.text == "Setup")
                #expect(n[field: "account"]?.text == "system" && n[field: "domain"]?.text == "ROOT")
                #expect(n[field: "canusefordeploy"]?.text == "false")
                // system networks have no name, no guest type, no physical network
                #expect(n[field: "name"] == nil && n[field: "type"] == nil && n[field: "physicalnetworkid"] == nil)
            }
            #expect(byTraffic["Control"]?[field: "cidr"]?.text == "169.254.0.0/16")
            #expect(byTraffic["Control"]?[field: "gateway"]?.text == "169.254.0.1")
            #expect(byTraffic["Public"]?[field: "cidr"] == nil)
            let traffic = try await admin.get(
                "listNetworks", [("issystem", "true"), ("zoneid", zone), ("traffictype", "Control")]
            ).inner
            #expect(traffic["count"]?.text == "1")

            // Without issystem (or with false) they stay out of the list; a user asking gets its own list.
            let plain = try await admin.get("listNetworks", [("zoneid", zone), ("listall", "true")]).inner
            #expect(plain["network"]?.list?.contains { $0[field: "issystem"]?.text == "true" } == false)
            let user = admin.signed()
            let asked = try await user.get("listNetworks", [("issystem", "true")]).inner
            #expect(asked["network"]?.list?.contains { $0[field: "issystem"]?.text == "true" } != true)
            let withAccount = try await admin.get("listNetworks", [("issystem", "true"), ("account", "admin")])
            #expect(withAccount.status == 431)
            #expect(withAccount.body.contains("System network belongs to system"))

            // They are the server's own: not removed, not updated, their offerings never listed.
            let control = try #require(byTraffic["Control"]?[field: "id"]?.text)
            let delete = try await admin.get("deleteNetwork", [("id", control)])
            #expect(delete.status == 431 && delete.body.contains("is system and can't be removed"))
            let offerings = try await admin.get("listNetworkOfferings", [("listall", "true")]).inner
            #expect(
                offerings["networkoffering"]?.list?.contains { $0[field: "name"]?.text == "System-Public-Network" }
                    == false)
            let deploy = try await admin.get(
                "deployVirtualMachine", try await admin.deployParameters() + [("networkids", control)])
            #expect(deploy.status == 431 && deploy.body.contains("is system only and can't be used for vm deployment"))
            let systemOffering = try #require(byTraffic["Control"]?[field: "networkofferingid"]?.text)
            let byID = try await admin.get("listNetworkOfferings", [("id", systemOffering)])
            #expect(byID.status == 200 && byID.inner["count"] == nil, "\(byID.body)")
            let upgrade = try await admin.get("listNetworkOfferings", [("networkid", control)])
            #expect(upgrade.status == 431 && upgrade.body.contains("Can't update system networks"))
        }
    }

    @Test func aCloudSavedBeforeSystemNetworksGetsThemWhenReadBack() {
        let store = Store(options: quickJobOptions())
        store.seed(created: "2026-01-01T00:00:00+0000")
        let zones = store.table("zone").rows.count
        #expect(store.table("network").rows.count { $0["issystem"] == "true" } == zones * 4)
        for n in store.table("network").rows where n["issystem"] == "true" { store.table("network").remove(n.id) }
        for o in store.table("networkoffering").rows {
            store.table("networkoffering").update(o.id) { $0.fields["serviceofferingid"] = nil }
        }
        store.completeSeed("2026-01-02T00:00:00+0000")
        #expect(store.table("network").rows.count { $0["issystem"] == "true" } == zones * 4)
        #expect(store.table(SystemNetworks.offeringNoun).rows.count == 4)  // not made twice
        let router = store.defaultRouterOfferingID()
        #expect(router != nil)
        #expect(store.table("networkoffering").rows.allSatisfy { $0["serviceofferingid"] == router })
    }

    @Test func aNewZoneGetsItsSystemNetworksAndLosesThemWithIt() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let sg = try await c.value(
                "createZone",
                [
                    ("name", "sg-zone"), ("networktype", "Advanced"), ("securitygroupenabled", "true"),
                    ("dns1", "192.0.2.53"), ("internaldns1", "192.0.2.53"),
                ],
                "zone.id")
            let plain = try await c.value(
                "createZone",
                [
                    ("name", "plain-zone"), ("networktype", "Advanced"), ("dns1", "192.0.2.53"),
                    ("internaldns1", "192.0.2.53"),
                ],
                "zone.id")
            func traffics(_ zone: String) async throws -> Set<String> {
                let l = try await c.get("listNetworks", [("issystem", "true"), ("zoneid", zone)]).inner
                return Set((l["network"]?.list ?? []).compactMap { $0[field: "traffictype"]?.text })
            }
            // An advanced zone with security groups has no public network.
            #expect(try await traffics(sg) == ["Management", "Control", "Storage"])
            #expect(try await traffics(plain) == ["Public", "Management", "Control", "Storage"])
            #expect(try await c.get("deleteZone", [("id", plain)]).status == 200)
            #expect(try await traffics(plain).isEmpty)
        }
    }

    @Test func publicAddressesComeFromTheZonesPublicNetwork() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let pub = try await c.value(
                "listNetworks", [("issystem", "true"), ("zoneid", zone), ("traffictype", "Public")], "network.0.id")
            let network = try await c.isolatedNetwork("addressed")
            let ip = try await c.job("associateIpAddress", [("networkid", network)])
            #expect(ip["jobresult.ipaddress.networkid"]?.text == pub)
            #expect(ip["jobresult.ipaddress.associatednetworkid"]?.text == network)
            let listed = try await c.get("listPublicIpAddresses", [("associatednetworkid", network)]).inner
            for a in listed["publicipaddress"]?.list ?? [] { #expect(a[field: "networkid"]?.text == pub) }
            #expect(listed["count"]?.text == "2")  // the source NAT address and this one
        }
    }

    @Test func aRouterHasAControlAndAPublicNICOnTheZonesSystemNetworks() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim)
            let zone = try await admin.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            func systemNet(_ t: String) async throws -> String {
                try await admin.value(
                    "listNetworks", [("issystem", "true"), ("zoneid", zone), ("traffictype", t)], "network.0.id")
            }
            let (pub, control) = (try await systemNet("Public"), try await systemNet("Control"))
            let network = try await admin.isolatedNetwork("routed")
            _ = try await admin.deploy([("networkids", network)])
            let r = try await admin.get("listRouters", [("networkid", network)]).inner
            let nics = try #require(r["router.0.nic"]?.list)
            #expect(nics.compactMap { $0[field: "traffictype"]?.text } == ["Guest", "Control", "Public"])
            let publicNIC = nics[2], controlNIC = nics[1]
            #expect(publicNIC[field: "networkid"]?.text == pub && r["router.0.publicnetworkid"]?.text == pub)
            #expect(publicNIC[field: "ipaddress"]?.text == r["router.0.publicip"]?.text)
            #expect(publicNIC[field: "macaddress"]?.text == r["router.0.publicmacaddress"]?.text)
            #expect(publicNIC[field: "isdefault"]?.text == "true" && nics[0][field: "isdefault"]?.text == "false")
            // the public NIC sits on the address's VLAN range, whose gateway is the router's
            let sourceNat = try await admin.get(
                "listPublicIpAddresses", [("associatednetworkid", network), ("issourcenat", "true")]
            ).inner
            #expect(sourceNat["publicipaddress.0.ipaddress"]?.text == r["router.0.publicip"]?.text)
            let vlan = try #require(sourceNat["publicipaddress.0.vlanid"]?.text)
            let range = try await admin.get("listVlanIpRanges", [("id", vlan)]).inner
            #expect(publicNIC[field: "gateway"]?.text == range["vlaniprange.0.gateway"]?.text)
            #expect(r["router.0.gateway"]?.text == range["vlaniprange.0.gateway"]?.text)
            #expect(r["router.0.publicnetmask"]?.text == range["vlaniprange.0.netmask"]?.text)
            #expect(
                controlNIC[field: "networkid"]?.text == control && r["router.0.linklocalnetworkid"]?.text == control)
            #expect(controlNIC[field: "ipaddress"]?.text == r["router.0.linklocalip"]?.text)
            #expect(controlNIC[field: "macaddress"]?.text == r["router.0.linklocalmacaddress"]?.text)
            #expect(controlNIC[field: "gateway"]?.text == "169.254.0.1")
        }
    }
}

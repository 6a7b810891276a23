import Simulator
import TestSupport
import Testing
import Values

/// Guest VLAN ranges and public IP ranges dedicated to an account.
@Suite struct DedicatedRangeTests {
    @Test func guestVlanRangesOfAPhysicalNetwork() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let pn = try await c.value("listPhysicalNetworks", [("zoneid", zone)], "physicalnetwork.0.id")
            let devDomain = try await c.value("listDomains", [("name", "dev")], "domain.0.id")
            let made = try await c.get(
                "dedicateGuestVlanRange",
                [
                    ("physicalnetworkid", pn), ("vlanrange", "120-129"),
                    ("account", "dev"), ("domainid", devDomain),
                ])
            let r = try #require(made.inner["dedicatedguestvlanrange"], "\(made.body)")
            #expect(r[field: "guestvlanrange"]?.text == "120-129")
            #expect(r[field: "account"]?.text == "dev")
            #expect(r[field: "physicalnetworkid"]?.number?.int == 1)  // the internal id, as the server answers it
            #expect(r[field: "zoneid"]?.number?.int == 1)
            let overlap = try await c.get(
                "dedicateGuestVlanRange",
                [
                    ("physicalnetworkid", pn), ("vlanrange", "125-140"),
                    ("account", "admin"),
                    ("domainid", try await c.value("listDomains", [("name", "ROOT")], "domain.0.id")),
                ])
            #expect(
                overlap.inner["errortext"]?.text
                    == "Vlan range is already dedicated. Cannot dedicate guest vlan range 125-140")
            let outside = try await c.get(
                "dedicateGuestVlanRange",
                [
                    ("physicalnetworkid", pn), ("vlanrange", "300-310"),
                    ("account", "dev"), ("domainid", devDomain),
                ])
            #expect(outside.inner["errortext"]?.text == "Unable to find guest vlan by range 300-310")
            let badFormat = try await c.get(
                "dedicateGuestVlanRange",
                [
                    ("physicalnetworkid", pn), ("vlanrange", "120"),
                    ("account", "dev"), ("domainid", devDomain),
                ])
            #expect(
                badFormat.inner["errortext"]?.text?.hasPrefix("Invalid format for parameter value vlan 120") == true)
            let listed = try await c.get("listDedicatedGuestVlanRanges", [("physicalnetworkid", pn)]).inner
            #expect(listed["count"]?.number?.int == 1)
            #expect(listed["dedicatedguestvlanrange.0.physicalnetworkuuid"] == nil)
            let id = try #require(r[field: "id"]?.text)
            let released = try await c.job("releaseDedicatedGuestVlanRange", [("id", id)])
            #expect(released["jobresult.success"]?.bool == true)
            #expect(try await c.get("listDedicatedGuestVlanRanges").inner["count"] == nil)
        }
    }

    @Test func publicIpRangeToAnAccount() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let range = try await c.value(
                "listVlanIpRanges", [("zoneid", zone), ("forvirtualnetwork", "true")], "vlaniprange.0.id")
            let devDomain = try await c.value("listDomains", [("name", "dev")], "domain.0.id")
            let release0 = try await c.get("releasePublicIpRange", [("id", range)])
            #expect(
                release0.inner["errortext"]?.text
                    == "Can't release Public IP range 1 as it not dedicated to any domain and any account")
            // The admin's network already holds an address of the range: it cannot go to dev.
            let taken = try await c.get(
                "dedicatePublicIpRange", [("id", range), ("domainid", devDomain), ("account", "dev")])
            #expect(taken.status == 431)
            #expect(
                taken.inner["errortext"]?.text?.hasSuffix("Public IP address in range is allocated to another account ")
                    == true)
            let toDomain = try await c.get("dedicatePublicIpRange", [("id", range), ("domainid", devDomain)])
            #expect(toDomain.inner["vlan.domain"]?.text == "dev")
            #expect(try await c.value("listVlanIpRanges", [("id", range)], "vlaniprange.0.domainid") == devDomain)
            let twice = try await c.get("dedicatePublicIpRange", [("id", range), ("domainid", devDomain)])
            #expect(twice.inner["errortext"]?.text == "Specified Public IP range has already been dedicated")
            #expect(try await c.get("releasePublicIpRange", [("id", range)]).inner["success"]?.bool == true)
            #expect(try await c.value("listVlanIpRanges", [("id", range)], "vlaniprange.0.domain") == "ROOT")
        }
    }
}

@testable import Simulator
import TestSupport
import Testing
import Values

/// updateVlanIpRange: new bounds, gateway, netmask, IPv6 side and system-VM flag, with the server's refusals.
@Suite struct VLANRangeUpdateTests {
    static func publicRange(_ c: TestClient, zone: String) async throws -> Value {
        let ranges = try await c.get("listVlanIpRanges", [("zoneid", zone)]).inner["vlaniprange"]?.list ?? []
        return try #require(
            ranges.first { $0[field: "networkid"] == nil && $0[field: "forvirtualnetwork"]?.bool == true })
    }

    @Test func addressesInUsePinTheRange() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let network = try await c.isolatedNetwork("pinned")
            let ip = try await c.job("associateIpAddress", [("networkid", network)])
            let address = try #require(ip["jobresult.ipaddress.ipaddress"]?.text, "\(ip)")
            let range = try await Self.publicRange(c, zone: zone)
            let id = try #require(range[field: "id"]?.text)
            #expect(range[field: "cidr"]?.text == "198.51.100.0/24")
            let refused = { (params: [(String, String)]) async throws -> String in
                let r = try await c.get("updateVlanIpRange", [("id", id)] + params)
                #expect(r.status == 431, "\(params): \(r.body)")
                return r.inner["errortext"]?.text ?? ""
            }
            #expect(
                try await refused([("gateway", "198.51.100.2")])
                    == "Unable to change gateway to 198.51.100.2 because some IPs are in use")
            #expect(
                try await refused([("netmask", "255.255.0.0")])
                    == "Unable to change netmask to 255.255.0.0 because some IPs are in use")
            // The system VMs hold the range's first addresses, so the lowest in use is its start.
            let first = try #require(range[field: "startip"]?.text)
            let past = try await refused([("startip", "198.51.100.240")])
            #expect(
                past.hasPrefix("The start IP address must be less than or equal to \(first) which is already in use."))
            #expect(past.hasSuffix("IPs already allocated in this range."))
            #expect(
                try await refused([("forsystemvms", "true")])
                    == "IP \(first) is in use, cannot change forSystemVms of the IP range")
            #expect(address != first)
            #expect(
                try await refused([("endip", "198.51.101.9")])
                    == "The end address of the IP range is not in the CIDR subnet.")
            #expect(try await refused([("startipv6", "fd00::2")]) == "IPv6 is not support in this IP range.")
            // Moving the ends around the addresses in use is fine.
            let grown = try await c.get("updateVlanIpRange", [("id", id), ("startip", "198.51.100.5")]).inner
            #expect(grown["vlan.startip"]?.text == "198.51.100.5")
            #expect(grown["vlan.endip"]?.text == "198.51.100.250")
            #expect(grown["vlan.description"]?.text == "198.51.100.5-198.51.100.250")
            #expect(try await Self.publicRange(c, zone: zone)[field: "startip"]?.text == "198.51.100.5")
            #expect(try await c.get("listEvents", [("type", "VLAN.IP.RANGE.UPDATE")]).inner["count"] != nil)
        }
    }

    @Test func aFreeRangeMovesWithinTheServersRules() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let made = try await c.get(
                "createVlanIpRange",
                [
                    ("zoneid", zone), ("startip", "203.0.113.10"), ("endip", "203.0.113.20"),
                    ("gateway", "203.0.113.1"), ("netmask", "255.255.255.0"), ("forvirtualnetwork", "true"),
                ]
            ).inner
            let id = try #require(made["vlan.id"]?.text, "\(made)")
            _ = try await c.get(
                "createVlanIpRange",
                [
                    ("zoneid", zone), ("startip", "203.0.113.100"), ("endip", "203.0.113.110"),
                    ("gateway", "203.0.113.1"), ("netmask", "255.255.255.0"), ("forvirtualnetwork", "true"),
                ])
            // No address in use: gateway, netmask and the flag may change.
            let moved = try await c.get(
                "updateVlanIpRange",
                [
                    ("id", id), ("gateway", "203.0.112.1"), ("netmask", "255.255.254.0"), ("startip", "203.0.112.10"),
                    ("forsystemvms", "true"),
                ]
            ).inner
            #expect(moved["vlan.gateway"]?.text == "203.0.112.1")
            #expect(moved["vlan.cidr"]?.text == "203.0.112.0/23")
            #expect(moved["vlan.forsystemvms"]?.bool == true)
            let gatewayInside = try await c.get("updateVlanIpRange", [("id", id), ("startip", "203.0.112.1")])
            #expect(
                gatewayInside.inner["errortext"]?.text == "The gateway shouldn't overlap the new start/end ip addresses"
            )
            let backwards = try await c.get("updateVlanIpRange", [("id", id), ("endip", "203.0.112.5")])
            #expect(
                backwards.inner["errortext"]?.text
                    == "The start IP address must have a lower value than the end IP address.")
            // Addresses another range of the zone holds cannot be added: the server's insert fails.
            let clash = try await c.get("updateVlanIpRange", [("id", id), ("endip", "203.0.113.105")])
            #expect(clash.status == 530)
            #expect(clash.inner["errortext"]?.text == "Failed to edit VlanRange. Please contact Cloud Support.")
            #expect(try await c.get("updateVlanIpRange", [("id", id), ("gateway", "bogus")]).status == 431)

            // A range dedicated to a domain keeps its system-VM flag.
            let domain = try await c.value("listDomains", [("name", "ROOT")], "domain.0.id")
            let dedicate = try await c.get("dedicatePublicIpRange", [("id", id), ("domainid", domain)])
            #expect(dedicate.status == 200, "\(dedicate.body)")
            let dedicated = try await c.get("updateVlanIpRange", [("id", id), ("forsystemvms", "false")])
            #expect(
                dedicated.inner["errortext"]?.text == "Specified Public IP range has already been dedicated to a domain"
            )
            // Only the root admin updates ranges.
            #expect(
                try await c.signed().get("updateVlanIpRange", [("id", id), ("endip", "203.0.112.50")]).status == 432)
        }
    }

    @Test func theIPv6SideOfASharedNetworksRange() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let shared = try await c.value(
                "listNetworkOfferings", [("name", "DefaultSharedNetworkOffering")], "networkoffering.0.id")
            let net = try await c.value(
                "createNetwork",
                [
                    ("name", "v6"), ("displaytext", "v6"), ("zoneid", zone), ("networkofferingid", shared),
                    ("vlan", "97"), ("startip", "10.2.5.2"), ("endip", "10.2.5.50"), ("gateway", "10.2.5.1"),
                    ("netmask", "255.255.255.0"),
                ], "network.id")
            let made = try await c.get(
                "createVlanIpRange",
                [
                    ("networkid", net), ("startip", "10.2.5.60"), ("endip", "10.2.5.70"),
                    ("ip6gateway", "fd00:5::1"), ("ip6cidr", "fd00:5::/64"), ("startipv6", "fd00:5::10"),
                    ("endipv6", "fd00:5::20"),
                ]
            ).inner
            let id = try #require(made["vlan.id"]?.text, "\(made)")
            let wider = try await c.get("updateVlanIpRange", [("id", id), ("endipv6", "fd00:5::ff")]).inner
            #expect(wider["vlan.endipv6"]?.text == "fd00:5::ff")
            #expect(wider["vlan.startipv6"]?.text == "fd00:5::10")
            let outside = try await c.get("updateVlanIpRange", [("id", id), ("endipv6", "fd00:6::1")])
            #expect(outside.inner["errortext"]?.text == "endIPv6 is not in ip6cidr indicated network!")
            let bad = try await c.get("updateVlanIpRange", [("id", id), ("startipv6", "nope")])
            #expect(bad.inner["errortext"]?.text == "Invalid format for the startIPv6 parameter")
            // A guest range of a shared network is DirectAttached: no system-VM flag.
            let flag = try await c.get("updateVlanIpRange", [("id", id), ("forsystemvms", "true")])
            #expect(
                flag.inner["errortext"]?.text
                    == "forSystemVms is not available for this IP range with vlan type: DirectAttached")
        }
    }
}

import Simulator
import TestSupport
import Testing
import Values

/// create/list/deleteGuestNetworkIpv6Prefix.
@Suite struct GuestIPv6PrefixTests {
    @Test func prefixesAreCountedInSlash64SubnetsAndNeverOverlap() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [], "zone.0.id")
            let made = try await c.job("createGuestNetworkIpv6Prefix", [("zoneid", zone), ("prefix", "fd17:6:1::/56")])
            let p = try #require(made["jobresult.guestnetworkipv6prefix"])
            #expect(p["totalsubnets"]?.number?.int == 256)
            #expect(p["availablesubnets"]?.number?.int == 256)
            #expect(p["usedsubnets"]?.number?.int == 0)
            let id = try #require(p["id"]?.text)
            #expect(
                try await c.value("listGuestNetworkIpv6Prefixes", [("zoneid", zone)], "guestnetworkipv6prefix.0.id")
                    == id)

            // A /32 around it overlaps; a longer prefix than /64 cannot hold a subnet.
            let overlap = try await c.job(
                "createGuestNetworkIpv6Prefix", [("zoneid", zone), ("prefix", "fd17:6::/32")])
            #expect(
                overlap["jobresult.errortext"]?.text
                    == "IPv6 prefix fd17:6::/32 overlaps with the existing IPv6 prefix fd17:6:1::/56")
            let long = try await c.job("createGuestNetworkIpv6Prefix", [("zoneid", zone), ("prefix", "fd17:7::/80")])
            #expect(long["jobresult.errortext"]?.text == "IPv6 prefix must be /64 or less")
            let bad = try await c.job("createGuestNetworkIpv6Prefix", [("zoneid", zone), ("prefix", "fd17:zz::/56")])
            #expect(bad["jobresult.errorcode"]?.number?.int == 530)
            let other = try await c.job(
                "createGuestNetworkIpv6Prefix", [("zoneid", zone), ("prefix", "fd17:6:2::/56")])
            #expect(other["jobstatus"]?.number?.int == 1)

            #expect(try await c.job("deleteGuestNetworkIpv6Prefix", [("id", id)])["jobresult.success"]?.bool == true)
            #expect(try await c.get("listGuestNetworkIpv6Prefixes", [("id", id)]).inner["count"] == nil)
            #expect(try await c.signed().get("listGuestNetworkIpv6Prefixes").status == 432)
        }
    }
}

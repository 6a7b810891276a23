@testable import Simulator
import TestSupport
import Testing
import Values

/// Portable IP ranges of a region: made and checked as the server does, their addresses taken by
/// associateIpAddress isportable=true, freed with the address, and the range kept while one is taken.
@Suite struct PortableIPTests {
    static let range = [
        ("regionid", "1"), ("startip", "192.0.2.10"), ("endip", "192.0.2.11"), ("gateway", "192.0.2.1"),
        ("netmask", "255.255.255.0"),
    ]

    @Test func aRangeHandsOutItsAddressesAndIsKeptWhileOneIsTaken() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let made = try await c.job("createPortableIpRange", Self.range)
            let id = try #require(made["jobresult.portableiprange.id"]?.text, "\(made)")
            #expect(made["jobresult.portableiprange.vlan"]?.text == "untagged")
            #expect(made["jobresult.portableiprange.regionid"]?.text == "1")
            #expect(try await c.value("listRegions", [("id", "1")], "region.0.portableipserviceenabled") == "true")
            let listed = try await c.get("listPortableIpRanges", [("id", id)]).inner
            let ips = listed["portableiprange.0.portableipaddress"]?.list ?? []
            #expect(ips.compactMap { $0[field: "ipaddress"]?.text } == ["192.0.2.10", "192.0.2.11"])
            #expect(ips.allSatisfy { $0[field: "state"]?.text == "Free" })

            // associateIpAddress isportable=true takes the first free one.
            let network = try await c.isolatedNetwork("roaming")
            let ip = try await c.job("associateIpAddress", [("networkid", network), ("isportable", "true")])
            #expect(ip["jobresult.ipaddress.ipaddress"]?.text == "192.0.2.10", "\(ip)")
            #expect(ip["jobresult.ipaddress.isportable"]?.bool == true)
            let ipID = try #require(ip["jobresult.ipaddress.id"]?.text)
            let taken = try await c.get("listPortableIpRanges", [("regionid", "1")]).inner
            let first = try #require(taken["portableiprange.0.portableipaddress.0"])
            #expect(first[field: "state"]?.text == "Allocated")
            #expect(first[field: "accountid"]?.text == "admin")
            #expect(first[field: "networkid"]?.text == network)
            #expect(taken["portableiprange.0.portableipaddress.1.state"]?.text == "Free")

            let refused = try await c.get("deletePortableIpRange", [("id", id)])
            #expect(refused.status == 431)
            #expect(refused.inner["errortext"]?.text == "Can't delete portable IP range as there are IP's assigned.")
            // Both taken: the next one finds none (533, before any job).
            _ = try await c.job("associateIpAddress", [("networkid", network), ("isportable", "true")])
            let none = try await c.get("associateIpAddress", [("networkid", network), ("isportable", "true")])
            #expect(none.status == 533)
            #expect(none.inner["errortext"]?.text == "Unable to find available portable IP addresses")

            // Releasing the address frees it in the range.
            _ = try await c.job("disassociateIpAddress", [("id", ipID)])
            let freed = try await c.get("listPortableIpRanges").inner
            #expect(freed["portableiprange.0.portableipaddress.0.state"]?.text == "Free")
            let left = try #require(
                try await c.get("listPublicIpAddresses", [("isportable", "true")]).inner["publicipaddress.0.id"]?.text)
            _ = try await c.job("disassociateIpAddress", [("id", left)])
            #expect(try await c.job("deletePortableIpRange", [("id", id)])["jobresult.success"]?.bool == true)
            #expect(try await c.get("listPortableIpRanges").inner["count"] == nil)
            #expect(try await c.value("listRegions", [("id", "1")], "region.0.portableipserviceenabled") == "false")
        }
    }

    @Test func createChecksAsTheServer() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            func refused(_ changes: [(String, String)]) async throws -> String {
                var params = Self.range.filter { p in !changes.contains { $0.0 == p.0 } }
                params += changes
                let r = try await c.get("createPortableIpRange", params)
                #expect(r.status == 431, "\(changes): \(r.body)")
                return r.inner["errortext"]?.text ?? ""
            }
            #expect(try await refused([("regionid", "7")]) == "Invalid region ID: 7")
            #expect(try await refused([("endip", "192.0.2.9")]) == "Invalid portable ip  range: 192.0.2.10-192.0.2.9")
            #expect(
                try await refused([("startip", "192.0.3.10"), ("endip", "192.0.3.11")]).hasPrefix(
                    "Please ensure that your start IP"))
            #expect(try await refused([("endip", "192.0.3.11")]).hasPrefix("Please ensure that your end IP"))
            #expect(try await refused([("vlan", "5000")]) == "Invalid vlan id 5000")
            _ = try await c.job("createPortableIpRange", Self.range)
            #expect(
                try await refused([("startip", "192.0.2.11"), ("endip", "192.0.2.20")])
                    == "Ip  range: 192.0.2.11-192.0.2.20 overlaps with a portable IP range already configured in the region 1"
            )
            // With a VLAN the zones' addresses are checked too: Sandbox-1's public range holds 198.51.100.16 on.
            let publicOverlap = try await refused([
                ("startip", "198.51.100.2"), ("endip", "198.51.100.20"), ("gateway", "198.51.100.1"), ("vlan", "300"),
            ])
            #expect(publicOverlap == "The Start IP and endIP address range overlap with Public IP :198.51.100.16")
            // Only the root admin manages them.
            #expect(try await c.signed().get("listPortableIpRanges").status == 432)
        }
    }
}

import Simulator
import TestSupport
import Testing
import Values

/// reserveIpAddress and releaseIpAddress through the HTTP API: free addresses listed with allocatedonly=false.
@Suite struct PublicIPReserveTests {
    @Test func aFreeAddressIsReservedAssociatedAndReleased() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim), dev = admin.signed()
            let zone = try await dev.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let free = try await dev.get(
                "listPublicIpAddresses", [("zoneid", zone), ("allocatedonly", "false"), ("state", "Free")]
            ).inner
            let first = try #require(free["publicipaddress.0"], "\(free)")
            let id = try #require(first[field: "id"]?.text), address = try #require(first[field: "ipaddress"]?.text)
            #expect(first[field: "account"] == nil)
            // The allocated-only default does not show free addresses.
            #expect(try await dev.get("listPublicIpAddresses", [("id", id)]).inner["count"] == nil)

            let reserved = try await dev.get("reserveIpAddress", [("id", id)])
            #expect(reserved.inner["ipaddress.state"]?.text == "Reserved", "\(reserved.body)")
            #expect(reserved.inner["ipaddress.account"]?.text == "dev")
            #expect(
                try await dev.value("listPublicIpAddresses", [("id", id)], "publicipaddress.0.ipaddress") == address)
            #expect(try await dev.get("reserveIpAddress", [("id", id)]).status == 200)  // again: still dev's
            let other = try await admin.get("reserveIpAddress", [("id", id)])
            #expect(
                other.inner["errortext"]?.text
                    == "Unable to reserve a IP because it has already been reserved for another account.")

            // Associated by address, the reservation becomes the network's address (same id).
            let offering = try await dev.value(
                "listNetworkOfferings", [("name", "DefaultIsolatedNetworkOfferingWithSourceNatService")],
                "networkoffering.0.id")
            let net = try await dev.value(
                "createNetwork",
                [("name", "n"), ("displaytext", "n"), ("zoneid", zone), ("networkofferingid", offering)], "network.id")
            let associated = try await dev.job("associateIpAddress", [("networkid", net), ("ipaddress", address)])
            #expect(associated["jobresult.ipaddress.id"]?.text == id, "\(associated)")
            #expect(associated["jobresult.ipaddress.state"]?.text == "Allocated")
            let allocated = try await dev.get("releaseIpAddress", [("id", id)])
            #expect(
                allocated.inner["errortext"]?.text
                    == "Unable to release a public IP in Allocated state, please use disassociateIpAddress instead")

            // A reservation released is free again under the same id.
            let next = try #require(
                try await dev.get(
                    "listPublicIpAddresses", [("zoneid", zone), ("allocatedonly", "false"), ("state", "Free")]
                ).inner["publicipaddress.0.id"]?.text)
            _ = try await dev.get("reserveIpAddress", [("id", next)])
            #expect(try await dev.get("releaseIpAddress", [("id", next)]).inner["success"]?.bool == true)
            #expect(
                try await dev.value(
                    "listPublicIpAddresses", [("id", next), ("allocatedonly", "false")], "publicipaddress.0.state")
                    == "Free")
        }
    }
}

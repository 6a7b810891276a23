import Simulator
import TestSupport
import Testing
import Values

/// The display flags every VM and network answer carries, and the offering's conserve mode a network shows.
@Suite struct DisplayFlagTests {
    @Test func vmsAndNetworksCarryTheirDisplayFlag() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let shown = try await c.deploy()
            #expect(shown["jobresult.virtualmachine.displayvm"]?.bool == true)
            let hidden = try await c.deploy([("displayvm", "false")])
            let id = try #require(hidden["jobresult.virtualmachine.id"]?.text)
            #expect(
                try await c.get("listVirtualMachines", [("id", id)]).inner["virtualmachine.0.displayvm"]?.bool == false)
            let updated = try await c.get("updateVirtualMachine", [("id", id), ("displayvm", "true")]).inner
            #expect(updated["virtualmachine.displayvm"]?.bool == true)

            let network = try await c.isolatedNetwork("flagged")
            let n = try await c.get("listNetworks", [("id", network)]).inner
            #expect(n["network.0.displaynetwork"]?.bool == true)
            let offering = try await c.get(
                "listNetworkOfferings", [("name", "DefaultIsolatedNetworkOfferingWithSourceNatService")]
            ).inner
            #expect(
                n["network.0.networkofferingconservemode"]?.bool == offering["networkoffering.0.conservemode"]?.bool)
            _ = try await c.job("updateNetwork", [("id", network), ("displaynetwork", "false")])
            #expect(try await c.get("listNetworks", [("id", network)]).inner["network.0.displaynetwork"]?.bool == false)
        }
    }
}

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
                try await c.get("listVirtualMachines", [("id", id), ("displayvm", "false")]).inner[
                    "virtualmachine.0.displayvm"]?.bool == false)
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
            #expect(
                try await c.get("listNetworks", [("id", network), ("displaynetwork", "false")]).inner[
                    "network.0.displaynetwork"]?.bool == false)
        }
    }

    /// A list reads an absent display flag as true, so what an admin hid lists to no one by default; only
    /// the root admin may ask for the hidden ones (anyone else's flag is dropped, as the dispatcher drops
    /// a parameter the caller's role may not pass).
    @Test func hiddenThingsListOnlyWhenTheRootAdminAsks() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            var dev = TestClient(sim)
            dev.apiKey = SimulatorOptions.defaultUsers[1].apiKey
            dev.secretKey = SimulatorOptions.defaultUsers[1].secretKey
            let (vm, job) = try await StateFileTests.deploy(dev, name: "dev-hidden")
            #expect(try await dev.wait(job: job)["jobstatus"]?.text == "1")
            let zone = try #require(try await dev.get("listZones").inner["zone.0.id"]?.text)
            #expect(try await dev.get("listVirtualMachines").inner["count"]?.text == "1")

            let hide = try await c.get("updateVirtualMachine", [("id", vm), ("displayvm", "false")])
            #expect(hide.inner["virtualmachine.displayvm"]?.bool == false)
            #expect(try await dev.get("listVirtualMachines").inner == .record([:]))
            #expect(try await dev.get("listVirtualMachines", [("displayvm", "false")]).inner == .record([:]))
            #expect(try await c.get("listVirtualMachines", [("listall", "true")]).inner == .record([:]))
            let asked = try await c.get("listVirtualMachines", [("listall", "true"), ("displayvm", "false")]).inner
            #expect(asked["virtualmachine.0.id"]?.text == vm)
            #expect(asked["count"]?.text == "1")

            // The same for the families listed through the shared filters: a VPC's `fordisplay`.
            let vpcOffering = try #require(
                try await c.get("listVPCOfferings", [("name", "Default VPC offering")]).inner["vpcoffering.0.id"]?
                    .text)
            let made = try await c.get(
                "createVPC",
                [
                    ("name", "quiet"), ("displaytext", "quiet"), ("cidr", "10.9.0.0/16"), ("zoneid", zone),
                    ("vpcofferingid", vpcOffering), ("fordisplay", "false"),
                ])
            let vpc = try #require(made.inner["id"]?.text)
            _ = try await c.wait(job: try #require(made.inner["jobid"]?.text))
            #expect(try await c.get("listVPCs", [("id", vpc)]).inner == .record([:]))
            #expect(try await c.get("listVPCs", [("id", vpc), ("fordisplay", "false")]).inner["count"]?.text == "1")
        }
    }
}

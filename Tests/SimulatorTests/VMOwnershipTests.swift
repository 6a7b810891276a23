import Simulator
import TestSupport
import Testing
import Values

/// assignVirtualMachine and updateVMAffinityGroup through the HTTP API: both need a stopped VM.
@Suite struct VMOwnershipTests {
    @Test func aStoppedVMChangesAffinityGroups() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let vm = try #require(try await c.deploy()["jobresult.virtualmachine.id"]?.text)
            let group = try #require(
                try await c.job("createAffinityGroup", [("name", "spread"), ("type", "host anti-affinity")])[
                    "jobresult.affinitygroup.id"]?.text)
            let running = try await c.get("updateVMAffinityGroup", [("id", vm), ("affinitygroupids", group)])
            #expect(running.status == 431)
            #expect(running.inner["errortext"]?.text?.contains("make sure the virtual machine is stopped") == true)
            _ = try await c.job("stopVirtualMachine", [("id", vm)])
            let updated = try await c.job("updateVMAffinityGroup", [("id", vm), ("affinitygroupnames", "spread")])
            #expect(updated["jobresult.virtualmachine.affinitygroup.0.id"]?.text == group, "\(updated)")
            #expect(
                try await c.value("listAffinityGroups", [("virtualmachineid", vm)], "affinitygroup.0.name") == "spread")
            let cleared = try await c.job("updateVMAffinityGroup", [("id", vm), ("affinitygroupids", "")])
            #expect(cleared["jobresult.virtualmachine.affinitygroup"]?.list?.isEmpty ?? true)
            #expect(
                try await c.get("updateVMAffinityGroup", [("id", vm), ("affinitygroupnames", "nope")]).status == 431)
        }
    }

    @Test func assignMovesAStoppedVMWithItsDataVolumesToAnotherAccount() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim), dev = c.signed()
            let deployed = try await c.deploy()
            let vm = try #require(deployed["jobresult.virtualmachine.id"]?.text)
            let zone = try #require(deployed["jobresult.virtualmachine.zoneid"]?.text)
            let offering = try await c.value("listDiskOfferings", [("name", "Small")], "diskoffering.0.id")
            let volume = try #require(
                try await c.job("createVolume", [("name", "data"), ("zoneid", zone), ("diskofferingid", offering)])[
                    "jobresult.volume.id"]?.text)
            _ = try await c.job("attachVolume", [("id", volume), ("virtualmachineid", vm)])
            let domain = try await c.value(
                "listAccounts", [("name", "dev"), ("listall", "true")], "account.0.domainid")

            let running = try await c.get(
                "assignVirtualMachine", [("virtualmachineid", vm), ("account", "dev"), ("domainid", domain)])
            #expect(
                running.inner["errortext"]?.text
                    == "VM is not Stopped, unable to migrate the vm having the specified id")
            _ = try await c.job("stopVirtualMachine", [("id", vm)])
            let moved = try await c.get(
                "assignVirtualMachine", [("virtualmachineid", vm), ("account", "dev"), ("domainid", domain)])
            #expect(moved.inner["virtualmachine.account"]?.text == "dev", "\(moved.body)")
            // dev now sees the VM and its data volume, in dev's own network.
            #expect(try await dev.value("listVirtualMachines", [("id", vm)], "virtualmachine.0.state") == "Stopped")
            #expect(try await dev.value("listVolumes", [("id", volume)], "volume.0.account") == "dev")
            let network = try await dev.value("listVirtualMachines", [("id", vm)], "virtualmachine.0.nic.0.networkid")
            #expect(try await dev.value("listNetworks", [("id", network)], "network.0.account") == "dev")
            #expect(
                try await c.get(
                    "listVirtualMachines",
                    [
                        ("id", vm), ("account", "admin"),
                        ("domainid", try await c.value("listDomains", [("name", "ROOT")], "domain.0.id")),
                    ]
                ).inner["count"] == nil)
            let same = try await c.get(
                "assignVirtualMachine", [("virtualmachineid", vm), ("account", "dev"), ("domainid", domain)])
            #expect(same.inner["errortext"]?.text?.hasPrefix("The new account is the same as the old account.") == true)
            // Users may not move VMs.
            #expect(
                try await dev.get(
                    "assignVirtualMachine", [("virtualmachineid", vm), ("account", "dev"), ("domainid", domain)]
                ).status == 432)
        }
    }
}

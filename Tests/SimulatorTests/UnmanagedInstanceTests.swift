import Simulator
import TestSupport
import Testing
import Values

/// Unmanaged instances: 4.18 lists, imports and unmanages VMs on VMware clusters only; the
/// simulator's clusters and VMs get the server's refusals.
@Suite struct UnmanagedInstanceTests {
    @Test func simulatorClustersAndVMsAreRefusedAsTheServerRefusesThem() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let cluster = try await c.value("listClusters", [], "cluster.0.id")
            let listed = try await c.get("listUnmanagedInstances", [("clusterid", cluster)])
            #expect(listed.status == 431)
            #expect(
                listed.inner["errortext"]?.text == "VM ingestion is currently not supported for hypervisor: Simulator")
            let offering = try await c.value(
                "listServiceOfferings", [("name", "Small Instance")], "serviceoffering.0.id")
            let imported = try await c.job(
                "importUnmanagedInstance",
                [("clusterid", cluster), ("name", "legacy-vm"), ("serviceofferingid", offering)])
            #expect(imported["jobstatus"]?.number?.int == 2)
            #expect(imported["jobresult.errorcode"]?.number?.int == 431)
            #expect(
                imported["jobresult.errortext"]?.text
                    == "VM import is currently not supported for hypervisor: Simulator")
            let vm = try #require(try await c.deploy()["jobresult.virtualmachine.id"]?.text)
            let unmanaged = try await c.job("unmanageVirtualMachine", [("id", vm)])
            #expect(unmanaged["jobresult.errorcode"]?.number?.int == 530)
            #expect(unmanaged["jobresult.errortext"]?.text == "Unmanage VM is currently allowed for VMware VMs only")
            // The VM stays managed.
            #expect(try await c.value("listVirtualMachines", [("id", vm)], "virtualmachine.0.state") == "Running")
            #expect(try await c.signed().get("listUnmanagedInstances", [("clusterid", cluster)]).status == 432)
        }
    }
}

import Simulator
import TestSupport
import Testing
import Values

/// revertSnapshot, archiveSnapshot and createSnapshotFromVMSnapshot through the HTTP API.
@Suite struct SnapshotRevertTests {
    @Test func aSnapshotRevertsTheVolumeOfAStoppedVM() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let vm = try #require(try await c.deploy()["jobresult.virtualmachine.id"]?.text)
            let root = try await c.value("listVolumes", [("virtualmachineid", vm)], "volume.0.id")
            let size = try await c.value("listVolumes", [("id", root)], "volume.0.size")
            let snap = try #require(
                try await c.job("createSnapshot", [("volumeid", root)])["jobresult.snapshot.id"]?.text)
            _ = try await c.job("resizeVolume", [("id", root), ("size", "50")])
            let running = try await c.get("revertSnapshot", [("id", snap)])
            #expect(
                running.inner["errortext"]?.text
                    == "The VM the specified disk is attached to is not in the shutdown state.")
            _ = try await c.job("stopVirtualMachine", [("id", vm)])
            let reverted = try await c.job("revertSnapshot", [("id", snap)])
            #expect(reverted["jobresult.snapshot.id"]?.text == snap, "\(reverted)")
            #expect(try await c.value("listVolumes", [("id", root)], "volume.0.size") == size)
            // A snapshot since deleted: the id still reads (the dispatcher finds removed rows), the snapshot is gone.
            _ = try await c.job("deleteSnapshot", [("id", snap)])
            #expect(try await c.get("revertSnapshot", [("id", snap)]).inner["errortext"]?.text == "No such snapshot")
        }
    }

    @Test func onlyASnapshotOnPrimaryStorageIsArchived() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let vm = try #require(try await c.deploy()["jobresult.virtualmachine.id"]?.text)
            let root = try await c.value("listVolumes", [("virtualmachineid", vm)], "volume.0.id")
            let backedUp = try #require(
                try await c.job("createSnapshot", [("volumeid", root)])["jobresult.snapshot.id"]?.text)
            let refused = try await c.get("archiveSnapshot", [("id", backedUp)])
            #expect(refused.status == 530)
            #expect(
                refused.inner["errortext"]?.text?.hasPrefix("Can only archive snapshots present on primary storage.")
                    == true)
            let primary = try await c.job("createSnapshot", [("volumeid", root), ("locationtype", "primary")])
            let id = try #require(primary["jobresult.snapshot.id"]?.text)
            #expect(primary["jobresult.snapshot.locationtype"]?.text == "PRIMARY")
            let archived = try await c.job("archiveSnapshot", [("id", id)])
            #expect(archived["jobresult.snapshot.locationtype"]?.text == "SECONDARY")

            // Volume snapshots out of VM snapshots are a KVM feature.
            let vmSnap = try #require(
                try await c.job("createVMSnapshot", [("virtualmachineid", vm)])["jobresult.vmsnapshot.id"]?.text)
            let fromVM = try await c.get(
                "createSnapshotFromVMSnapshot", [("vmsnapshotid", vmSnap), ("volumeid", root)])
            #expect(fromVM.inner["errortext"]?.text == "Unsupported hypervisor type Simulator. This supports KVM only")
        }
    }
}

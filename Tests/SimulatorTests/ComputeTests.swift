@testable import Simulator
import TestSupport
import Testing
import Values

/// VM snapshots, volume snapshot policies, instance groups and OS types as a real install has them.
@Suite struct ComputeTests {
    @Test func vmSnapshotsChainAndRevert() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let vm = try #require(try await c.deploy()["jobresult.virtualmachine.id"]?.text)
            let first = try await c.get("createVMSnapshot", [("virtualmachineid", vm), ("name", "before")]).inner
            let firstID = try #require(first["id"]?.text)
            // Made by a job: Creating until it finishes, then Ready and the VM's current snapshot.
            let creating = try await c.get("listVMSnapshot", [("vmsnapshotid", firstID)]).inner
            #expect(["Creating", "Ready"].contains(creating["vmSnapshot.0.state"]?.text ?? ""))
            let done = try await c.wait(job: try #require(first["jobid"]?.text))
            #expect(done["jobresult.vmsnapshot.state"]?.text == "Ready")
            #expect(done["jobresult.vmsnapshot.displayname"]?.text == "before")
            #expect(done["jobresult.vmsnapshot.name"]?.text?.contains("_VS_") == true)
            #expect(done["jobresult.vmsnapshot.type"]?.text == "Disk")
            #expect(done["jobresult.vmsnapshot.current"]?.bool == true)
            let second = try await c.job(
                "createVMSnapshot", [("virtualmachineid", vm), ("name", "after"), ("snapshotmemory", "true")])
            #expect(second["jobresult.vmsnapshot.type"]?.text == "DiskAndMemory")
            #expect(second["jobresult.vmsnapshot.parent"]?.text == firstID)
            // `name` finds a snapshot by the name the client gave (its display name).
            let byName = try await c.get("listVMSnapshot", [("virtualmachineid", vm), ("name", "before")]).inner
            #expect(byName["count"]?.text == "1")
            #expect(byName["vmSnapshot.0.current"]?.bool == false)
            // Reverting to a disk-only snapshot leaves the VM stopped; it becomes the current one.
            let reverted = try await c.job("revertToVMSnapshot", [("vmsnapshotid", firstID)])
            #expect(reverted["jobresult.virtualmachine.state"]?.text == "Stopped", "\(reverted)")
            #expect(
                try await c.get("listVMSnapshot", [("vmsnapshotid", firstID)]).inner["vmSnapshot.0.current"]?.bool
                    == true)
            // Memory snapshots need a running VM.
            #expect(
                try await c.get("createVMSnapshot", [("virtualmachineid", vm), ("snapshotmemory", "true")]).status
                    == 431)
            #expect(try await c.job("deleteVMSnapshot", [("vmsnapshotid", firstID)])["jobresult.success"]?.bool == true)
            let left = try await c.get("listVMSnapshot", [("virtualmachineid", vm)]).inner
            #expect(left["count"]?.text == "1")
            #expect(left["vmSnapshot.0.parent"] == nil)
            // Another user's snapshot is out of reach.
            let otherID = try #require(left["vmSnapshot.0.id"]?.text)
            #expect(try await c.signed().get("deleteVMSnapshot", [("vmsnapshotid", otherID)]).status == 531)
        }
    }

    @Test func snapshotPoliciesAreOnePerIntervalAndValidated() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let vm = try #require(try await c.deploy()["jobresult.virtualmachine.id"]?.text)
            let volume = try await c.value("listVolumes", [("virtualmachineid", vm), ("type", "ROOT")], "volume.0.id")
            func policy(_ extra: [(String, String)]) async throws -> TestClient.Reply {
                try await c.get("createSnapshotPolicy", [("volumeid", volume), ("intervaltype", "hourly")] + extra)
            }
            let made = try await policy([("schedule", "5"), ("maxsnaps", "8"), ("timezone", "UTC")]).inner
            #expect(made["snapshotpolicy.schedule"]?.text == "5")
            #expect(made["snapshotpolicy.intervaltype"]?.number?.int == 0)
            #expect(made["snapshotpolicy.maxsnaps"]?.number?.int == 8)
            let id = try #require(made["snapshotpolicy.id"]?.text)
            // The same interval again changes that policy.
            let changed = try await policy([("schedule", "6"), ("maxsnaps", "3"), ("timezone", "Europe/Zurich")]).inner
            #expect(changed["snapshotpolicy.id"]?.text == id)
            #expect(changed["snapshotpolicy.timezone"]?.text == "Europe/Zurich")
            let listed = try await c.get("listSnapshotPolicies", [("volumeid", volume)]).inner
            #expect(listed["count"]?.text == "1")
            #expect(listed["snapshotpolicy.0.schedule"]?.text == "6")
            #expect(try await policy([("schedule", "61"), ("maxsnaps", "3"), ("timezone", "UTC")]).status == 431)
            #expect(try await policy([("schedule", "5"), ("maxsnaps", "9"), ("timezone", "UTC")]).status == 431)
            #expect(
                try await c.get(
                    "createSnapshotPolicy",
                    [
                        ("volumeid", volume), ("intervaltype", "yearly"), ("schedule", "5"),
                        ("maxsnaps", "1"), ("timezone", "UTC"),
                    ]
                ).status == 431)
            let weekly = try await c.get(
                "createSnapshotPolicy",
                [
                    ("volumeid", volume), ("intervaltype", "WEEKLY"),
                    ("schedule", "30:02:7"), ("maxsnaps", "2"), ("timezone", "UTC"),
                ]
            ).inner
            #expect(weekly["snapshotpolicy.intervaltype"]?.number?.int == 2)
            let hidden = try await c.job("updateSnapshotPolicy", [("id", id), ("fordisplay", "false")])
            #expect(hidden["jobresult.snapshotpolicy.fordisplay"]?.bool == false)
            #expect(try await c.signed().get("deleteSnapshotPolicies", [("id", id)]).status == 531)
            #expect(try await c.get("deleteSnapshotPolicies", [("id", id)]).inner["success"]?.bool == true)
            #expect(try await c.get("listSnapshotPolicies", [("volumeid", volume)]).inner["count"]?.text == "1")
        }
    }

    @Test func deployingWithAGroupMakesItAndGroupsFollowRenames() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let vm = try await c.deploy([("group", "web")])
            let groupID = try #require(vm["jobresult.virtualmachine.groupid"]?.text, "\(vm)")
            #expect(vm["jobresult.virtualmachine.group"]?.text == "web")
            #expect(
                try await c.get("listInstanceGroups", [("name", "web")]).inner["instancegroup.0.id"]?.text == groupID)
            #expect(
                try await c.get("updateInstanceGroup", [("id", groupID), ("name", "frontend")]).inner[
                    "instancegroup.name"]?.text == "frontend")
            let id = try #require(vm["jobresult.virtualmachine.id"]?.text)
            #expect(
                try await c.get("listVirtualMachines", [("id", id)]).inner["virtualmachine.0.group"]?.text == "frontend"
            )
            #expect(try await c.get("deleteInstanceGroup", [("id", groupID)]).inner["success"]?.bool == true)
            let after = try await c.get("listVirtualMachines", [("id", id)]).inner
            #expect(after["virtualmachine.0.group"] == nil)
            #expect(after["virtualmachine.0.groupid"] == nil)
        }
    }

    @Test func osTypesHaveTheirInstallIDs() {
        let store = Store(options: quickJobOptions())
        store.seed(created: "2026-01-01T00:00:00+0000")
        let types = store.table("ostype")
        #expect(types.get(seq: 184)?["description"] == "Debian GNU/Linux 7(64-bit)")
        #expect(types.get(seq: 142)?["description"] == "CentOS 5.6 (64-bit)")
        #expect(types.get(seq: 279)?["description"] == "Ubuntu 18.04 LTS")
        let ubuntu = store.table("oscategory").first { $0["name"] == "Ubuntu" }?.id
        #expect(types.get(seq: 279)?["oscategoryid"] == ubuntu)
        // Every description once: clients find an OS type by it.
        let names = types.rows.compactMap { $0["description"] }
        #expect(Set(names).count == names.count)
    }
}

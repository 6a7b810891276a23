import OrderedCollections
import Values

/// revertSnapshot, archiveSnapshot and createSnapshotFromVMSnapshot with SnapshotManagerImpl's checks.
enum SnapshotRevertAPIs {
    static let cmdPrefix = "org.apache.cloudstack.api.command.user.snapshot."

    static let handlers: [Handler] = [
        Handler("revertSnapshot", async: true) { c throws(APIError) in
            let s = try ownSnapshot(c)
            let volumeID = s["volumeid"] ?? ""
            let vm =
                c.store.vms.owner(ofRootVolume: volumeID)
                ?? c.store.table("volume").get(volumeID)?["virtualmachineid"].flatMap { c.store.vms[id: $0] }
            let state =
                vm != nil && c.store.vms.owner(ofRootVolume: volumeID) != nil
                ? "Ready" : c.store.table("volume").get(volumeID)?["state"]
            guard state == "Ready" else { throw APIError.refused("The volume is not in Ready state.") }
            if let vm {
                guard vm.state == "Stopped" else {
                    throw APIError.refused("The VM the specified disk is attached to is not in the shutdown state.")
                }
                if c.store.table("vmsnapshot").first(where: { $0["virtualmachineid"] == vm.id }) != nil {
                    throw APIError.refused(
                        "Unable to revert snapshot for VM, please remove VM snapshots before reverting VM from snapshot"
                    )
                }
            }
            let size = Int(s["virtualsize"] ?? "") ?? 0
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "RevertSnapshotCmd", instanceType: "Snapshot", instanceID: s.id, immediateID: nil
                ) { store, _ in
                    // The volume goes back to the snapshot's size (its content too, on a real cloud).
                    if let vm = store.vms.owner(ofRootVolume: volumeID) {
                        store.vms.update(vm.id) { $0.rootSize = size }
                    } else {
                        store.table("volume").update(volumeID) { $0.fields["size"] = .int(size) }
                    }
                    return ["snapshot": store.tagged(try store.jobEntity("snapshot", s.id))]
                })
        },
        Handler("archiveSnapshot", async: true) { c throws(APIError) in
            let s = try ownSnapshot(c)
            guard s["locationtype"] == "PRIMARY" else {
                throw APIError.internalError(
                    "Can only archive snapshots present on primary storage. Cannot find snapshot \(s.seq) on primary storage"
                )
            }
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "ArchiveSnapshotCmd", instanceType: "Snapshot", instanceID: s.id, immediateID: nil
                ) { store, _ in
                    store.table("snapshot").update(s.id) { $0.fields["locationtype"] = .string("SECONDARY") }
                    return ["snapshot": store.tagged(try store.jobEntity("snapshot", s.id))]
                })
        },
        Handler("createSnapshotFromVMSnapshot", async: true) { c throws(APIError) in
            let snap = try c.entity("vmsnapshot", "vmsnapshotid", what: "VM snapshot")
            try c.checkAccess(account: snap["account"], domainID: snap["domainid"], what: "VM snapshot \(snap.id)")
            let vmID = snap["virtualmachineid"] ?? ""
            guard let vm = c.store.vms[id: vmID] else {
                throw APIError.refused("Creating snapshot failed due to vm:\(vmID) doesn't exist")
            }
            let volumeID = try c.required("volumeid")
            guard
                c.store.vms.owner(ofRootVolume: volumeID)?.id == vm.id
                    || c.store.table("volume").get(volumeID)?["virtualmachineid"] == vm.id
            else {
                throw APIError.refused("Creating snapshot failed due to volume:\(volumeID) doesn't exist")
            }
            // Backing up a volume snapshot out of a VM snapshot is a KVM feature; the simulator's hosts are hypervisor Simulator.
            throw APIError.refused("Unsupported hypervisor type Simulator. This supports KVM only")
        },
    ]

    static func ownSnapshot(_ c: Call) throws(APIError) -> Entity {
        let id = try c.required("id")
        guard let s = c.store.table("snapshot").get(id) else { throw APIError.refused("No such snapshot") }
        try c.checkAccess(account: s["account"], domainID: s["domainid"], what: "snapshot \(id)")
        return s
    }
}

import Values
import OrderedCollections

/// VM snapshots: create, list and delete are the generic engine's (Generic/); reverting
/// acts on the VM, so it is modelled here.
enum VMSnapshotAPIs {
    static let handlers: [Handler] = [
        Handler("revertToVMSnapshot", async: true) { c throws(APIError) in
            let snap = try c.entity("vmsnapshot", "vmsnapshotid", what: "vm snapshot")
            try c.checkAccess(account: snap["account"], domainID: snap["domainid"], what: "vm snapshot \(snap["name"] ?? snap.id)")
            guard snap["state"] == "Ready" else {
                throw APIError.refused("VM Snapshot \(snap["name"] ?? snap.id) is not in Ready state, it cannot be reverted to")
            }
            guard let vmID = snap["virtualmachineid"], let vm = c.store.vms[id: vmID] else {
                throw APIError.refused("The virtual machine of VM snapshot \(snap["name"] ?? snap.id) no longer exists")
            }
            return .job(JobSpec(cmd: "org.apache.cloudstack.api.command.user.vmsnapshot.RevertToVMSnapshotCmd",
                                instanceType: "VirtualMachine", instanceID: vm.id, immediateID: nil) { store, _ in
                // The reverted-to snapshot becomes the VM's current one.
                for s in store.table("vmsnapshot").rows where s["virtualmachineid"] == vm.id {
                    store.table("vmsnapshot").update(s.id) { $0.fields["current"] = .bool(s.id == snap.id) }
                }
                return ["virtualmachine": store.render(try store.jobVM(vm.id))]
            })
        },
    ]
}

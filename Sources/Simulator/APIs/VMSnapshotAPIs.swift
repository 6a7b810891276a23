import Values

/// VM snapshots as the server keeps them: a snapshot is made by a job (Creating, then Ready),
/// named `<instance name>_VS_<time>` with the given name as its display name; the newest is
/// the VM's current one and the previous current its parent. Reverting goes through
/// Reverting and leaves a VM Running only with a memory snapshot; deleting goes through Expunging.
enum VMSnapshotAPIs {
    static let cmdPrefix = "org.apache.cloudstack.api.command.user.vmsnapshot."

    static let handlers: [Handler] = [
        Handler("createVMSnapshot", async: true, create),
        Handler("listVMSnapshot", list),
        Handler("deleteVMSnapshot", async: true, delete),
        Handler("revertToVMSnapshot", async: true, revert),
    ]

    static func create(_ c: Call) throws(APIError) -> Reply {
        let vm = try ISOAPIs.findVM(c)
        guard vm.state == "Running" || vm.state == "Stopped" else {
            throw APIError.refused("Creating VM snapshot failed due to VM \(vm.id) is in state \(vm.state): it must be Running or Stopped")
        }
        let memory = try c.bool("snapshotmemory")
        if memory, vm.state != "Running" {
            throw APIError.refused("Can not snapshot memory when VM is not in Running state")
        }
        if try c.bool("quiescevm"), memory {
            throw APIError.invalid("quiescevm", "Quiescing the VM is not supported with a memory snapshot")
        }
        let table = c.store.table("vmsnapshot")
        let mine = table.rows.filter { $0["virtualmachineid"] == vm.id }
        if let busy = mine.first(where: { $0["state"] == "Creating" || $0["state"] == "Reverting" || $0["state"] == "Expunging" }) {
            throw APIError.refused("VM \(vm.name) has a VM snapshot in state \(busy["state"] ?? ""); wait for it to finish")
        }
        let stamp = String(c.created.filter(\.isNumber).prefix(14))
        let generated = "i-\(vm.seq)-VM_VS_\(stamp)"
        let parent = mine.first { $0["current"] == "true" }
        let zone = c.store.table("zone").get(vm.zoneID)
        let id = c.store.newID()
        var f: Record = ["name": .string(generated),
                         "displayname": .string(c.optional("name") ?? generated)]
        f["description"] = c.optional("description").map(Value.string)
        f.merge(["state": .string("Creating"), "type": .string(memory ? "DiskAndMemory" : "Disk"), "current": .bool(false),
                 "virtualmachineid": .string(vm.id), "virtualmachinename": .string(vm.displayName),
                 "zoneid": .string(vm.zoneID), "zonename": zone?.fields["name"] ?? .null,
                 "hypervisor": .string(c.store.table("template").get(vm.templateID)?["hypervisor"] ?? "Simulator"),
                 "account": .string(vm.account), "domainid": .string(vm.domainID), "domain": .string(vm.domain),
                 "created": .string(c.created), "hasannotations": .bool(false)], uniquingKeysWith: { $1 })
        if let parent { f["parent"] = .string(parent.id); f["parentName"] = parent.fields["name"] }
        let snap = c.store.insert("vmsnapshot", f, id: id)
        return .job(JobSpec(cmd: cmdPrefix + "CreateVMSnapshotCmd", instanceType: "VirtualMachine", instanceID: vm.id,
                            immediateID: snap.id, work: { store, _ in
            _ = try store.jobEntity("vmsnapshot", snap.id)
            makeCurrent(snap.id, vmID: vm.id, store)
            store.table("vmsnapshot").update(snap.id) { $0.fields["state"] = .string("Ready") }
            return ["vmsnapshot": store.tagged(try store.jobEntity("vmsnapshot", snap.id))]
        }, onFailure: { store in store.table("vmsnapshot").update(snap.id) { $0.fields["state"] = .string("Error") } }))
    }

    /// Exactly one current snapshot per VM (or none).
    static func makeCurrent(_ id: String?, vmID: String, _ store: Store) {
        for s in store.table("vmsnapshot").rows where s["virtualmachineid"] == vmID {
            store.table("vmsnapshot").update(s.id) { $0.fields["current"] = .bool(s.id == id) }
        }
    }

    /// listVMSnapshot: the owner filters, virtualmachineid, vmsnapshotid(s), state, and `name`
    /// matching the display name (the name a client gave), as the server's list does.
    static func list(_ c: Call) throws(APIError) -> Reply {
        let name = c.optional("name")
        let ids = c.list("vmsnapshotids").map(Set.init)
        let one = c.optional("vmsnapshotid")
        let listing = c.with(params: RequestParams(c.params.pairs.filter { $0.0.lowercased() != "name" }))
        guard case .list(_, let items, let total) = try listing.listEntities("vmsnapshot", owned: true, taggable: true, where: { s in
            (name.map { s["displayname"] == $0 } ?? true) && (ids.map { $0.contains(s.id) } ?? true) && (one.map { s.id == $0 } ?? true)
        }) else { return .list(noun: "vmSnapshot", items: [], total: 0) }
        return .list(noun: "vmSnapshot", items: items, total: total)
    }

    static func snapshot(_ c: Call) throws(APIError) -> Entity {
        let snap = try c.entity("vmsnapshot", "vmsnapshotid", what: "vm snapshot")
        try c.checkAccess(account: snap["account"], domainID: snap["domainid"], what: "vm snapshot \(snap["displayname"] ?? snap.id)")
        return snap
    }

    static func delete(_ c: Call) throws(APIError) -> Reply {
        let snap = try snapshot(c)
        guard ["Ready", "Error", "Expunging"].contains(snap["state"] ?? "") else {
            throw APIError.refused("Can't delete the vm snapshot \(snap.id) due to it is not in Created or Error, or Expunging State")
        }
        c.store.table("vmsnapshot").update(snap.id) { $0.fields["state"] = .string("Expunging") }
        return .job(JobSpec(cmd: cmdPrefix + "DeleteVMSnapshotCmd", instanceType: "VMSnapshot", instanceID: snap.id,
                            immediateID: nil) { store, _ in
            let gone = try store.jobEntity("vmsnapshot", snap.id)
            // Children now hang off the deleted one's parent; a deleted current one hands over to its parent.
            for child in store.table("vmsnapshot").rows where child["parent"] == gone.id {
                store.table("vmsnapshot").update(child.id) { $0.fields["parent"] = gone.fields["parent"]; $0.fields["parentName"] = gone.fields["parentName"] }
            }
            if gone["current"] == "true", let vmID = gone["virtualmachineid"] { makeCurrent(gone["parent"], vmID: vmID, store) }
            store.table("vmsnapshot").remove(gone.id)
            store.removeTags(resourceID: gone.id) { _ in true }
            return ["success": .bool(true)]
        })
    }

    static func revert(_ c: Call) throws(APIError) -> Reply {
        let snap = try snapshot(c)
        let label = snap["displayname"] ?? snap.id
        guard snap["state"] == "Ready" else {
            throw APIError.refused("VM Snapshot \(label) is not in Ready state, it cannot be reverted to")
        }
        guard let vmID = snap["virtualmachineid"], let vm = c.store.vms[id: vmID] else {
            throw APIError.refused("The virtual machine of VM snapshot \(label) no longer exists")
        }
        guard vm.state == "Running" || vm.state == "Stopped" else {
            throw APIError.refused("VM \(vm.name) is in state \(vm.state): it must be Running or Stopped to revert to a VM snapshot")
        }
        let withMemory = snap["type"] == "DiskAndMemory"
        c.store.table("vmsnapshot").update(snap.id) { $0.fields["state"] = .string("Reverting") }
        return .job(JobSpec(cmd: cmdPrefix + "RevertToVMSnapshotCmd", instanceType: "VirtualMachine", instanceID: vm.id,
                            immediateID: nil, work: { store, _ in
            _ = try store.jobEntity("vmsnapshot", snap.id)
            store.table("vmsnapshot").update(snap.id) { $0.fields["state"] = .string("Ready") }
            makeCurrent(snap.id, vmID: vm.id, store)
            // A disk-only snapshot holds no memory: the reverted VM is Stopped.
            if !withMemory, store.vms[id: vm.id]?.state == "Running" {
                store.unplace(vm.id)
                store.vms.update(vm.id) { $0.state = "Stopped" }
            }
            return ["virtualmachine": store.render(try store.jobVM(vm.id))]
        }, onFailure: { store in store.table("vmsnapshot").update(snap.id) { $0.fields["state"] = .string("Ready") } }))
    }
}

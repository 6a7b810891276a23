import OrderedCollections
import Values

/// Where a running VM may move (findHostsForMigration) and moving it with its volumes
/// (migrateVirtualMachineWithVolume), as ManagementServerImpl and UserVmManagerImpl decide.
enum VMMigrationAPIs {
    static let handlers: [Handler] = [
        Handler("findHostsForMigration") { c throws(APIError) in
            let id = try c.required("virtualmachineid")
            guard let vm = c.store.vms[id: id] else { throw APIError.refused("Unable to find the VM with given id") }
            guard vm.state == "Running" else {
                throw APIError.refused("VM is not running, cannot migrate the vm with specified id")
            }
            let need = c.store.demand(offeringID: vm.offeringID)
            let current = vm.hostID.flatMap { c.store.table("host").get($0) }
            let keyword = c.optional("keyword")?.lowercased()
            let hosts = c.store.table("host").rows.filter { h in
                h["zoneid"] == vm.zoneID && h.id != vm.hostID && h["type"] == "Routing"
                    && h["resourcestate"] == "Enabled"
                    && (keyword.map { h["name"]?.lowercased().contains($0) ?? false } ?? true)
            }
            let items: [Value] = hosts.map { h in
                var f = h.fields
                f["id"] = .string(h.id)
                let (mhz, bytes) = Store.free(h)
                f["suitableformigration"] = .bool(mhz >= need.mhz && bytes >= need.bytes)
                // Another cluster reaches the VM's cluster-wide pools only by moving the volumes too.
                f["requiresStorageMotion"] = .bool(
                    current != nil && h["clusterid"] != current?["clusterid"]
                        && c.store.volumePools(of: vm).contains { $0["scope"] == "CLUSTER" })
                return .record(f)
            }
            let range = try c.pageRange(count: items.count)
            return .list(noun: "host", items: Array(items[range]), total: items.count)
        },
        Handler("migrateVirtualMachineWithVolume", async: true) { c throws(APIError) in
            let id = try c.required("virtualmachineid")
            guard let vm = c.store.vms[id: id] else {
                throw CatalogCheck.noEntity("virtualmachineid", id, command: c.command)
            }
            let moves = try volumeMoves(c, vm: vm)
            let target = try c.store.requestedHost(c, zoneID: vm.zoneID)
            switch vm.state {
            case "Running":
                guard let target else { throw APIError.missing("hostid", command: c.command) }
                if target == vm.hostID {
                    throw APIError.refused("Cannot migrate VM, destination host is same as current host")
                }
            case "Stopped":
                // A stopped VM moves its volumes only.
                if target != nil {
                    throw APIError.refused("VM is not Running, unable to migrate the vm to a host: pass migrateto only")
                }
                if moves.isEmpty { throw APIError.missing("migrateto", command: c.command) }
            default:
                throw APIError.refused(
                    "VM is not Running or Stopped, unable to migrate the vm \(VirtualMachineAPIs.describe(vm))")
            }
            let from = vm.hostID
            if vm.state == "Running" { c.store.vms.update(vm.id) { $0.state = "Migrating" } }
            let wasRunning = vm.state == "Running"
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.admin.vm.MigrateVirtualMachineWithVolumeCmd",
                    instanceType: "VirtualMachine", instanceID: vm.id, immediateID: nil,
                    work: { store, _ in
                        if wasRunning {
                            store.unplace(vm.id)
                            do { try store.place(vm.id, on: target) } catch {
                                try? store.place(vm.id, on: from)
                                throw error
                            }
                        }
                        for (volume, pool) in moves {
                            try volume.change(store) { f in
                                f["storageid"] = .string(pool.id)
                                f["storage"] = pool.fields["name"]
                            }
                        }
                        store.vms.update(vm.id) { v in if wasRunning { v.state = "Running" } }
                        return ["virtualmachine": store.render(try store.jobVM(vm.id))]
                    },
                    onFailure: { store in
                        store.vms.update(vm.id) { v in
                            if wasRunning { v.state = "Running" }
                            v.pendingJobID = nil
                        }
                    }))
        },
    ]

    /// migrateto[i].volume / migrateto[i].pool: each a volume of this VM and a primary pool of its zone.
    static func volumeMoves(_ c: Call, vm: VM) throws(APIError) -> [(VolumeRef, Entity)] {
        var out: [(VolumeRef, Entity)] = []
        for m in c.params.map("migrateto") {
            guard let volumeID = m["volume"], let poolID = m["pool"] else {
                throw APIError.invalid("migrateto", "each entry needs volume and pool")
            }
            let ref = try VolumeRef.find(c.with(params: RequestParams([("id", volumeID)])), "id")
            guard ref.vm?.id == vm.id else {
                throw APIError.refused("Volume \(volumeID) is not attached to virtual machine \(vm.name)")
            }
            guard let pool = c.store.table("storagepool").get(poolID), pool["zoneid"] == vm.zoneID else {
                throw APIError.refused(
                    "Unable to find the storage pool \(poolID) in the zone of virtual machine \(vm.name)")
            }
            out.append((ref, pool))
        }
        return out
    }
}

extension Store {
    /// The primary storage pools a VM's volumes are on.
    func volumePools(of vm: VM) -> [Entity] {
        var ids = [VolumeAPIs.rootVolume(of: vm, store: self)["storageid"]]
        ids += table("volume").rows.filter { $0["virtualmachineid"] == vm.id }.map { $0["storageid"] }
        return ids.compactMap { $0.flatMap { table("storagepool").get($0) } }
    }
}

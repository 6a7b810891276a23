import OrderedCollections
import Values

/// Operations on primary storage beyond its lifecycle (root admin): which pools a volume could move
/// to, refreshing a pool's capabilities or (VMware datastore clusters only) its member datastores, and
/// copying a template onto primary storage ahead of deployments; getPathForVolume and
/// getVolumeSnapshotDetails read the path and iSCSI details managed storage keeps.
enum StoragePoolOpsAPIs {
    static let handlers: [Handler] = [
        // Every other pool of the volume's zone, each saying whether the allocators would take it.
        Handler("findStoragePoolsForMigration") { c throws(APIError) in
            let vol = try VolumeRef.find(c, "id")
            var pools: [Entity] = []
            let vmState = vol.vm?.state
            if vol.entity["state"] == "Ready", vmState == nil || vmState == "Stopped" || vmState == "Running" {
                let source = vol.entity["storageid"]
                pools = c.store.table("storagepool").rows.filter {
                    $0["zoneid"] == vol.entity["zoneid"] && $0.id != source
                }
            }
            let wanted = tags(vol, c.store)
            let keyword = c.optional("keyword")?.lowercased()
            let items: [Value] = pools.filter { keyword == nil || $0["name"]?.lowercased().contains(keyword!) == true }
                .map { p in
                    var f = p.fields
                    let offered = Set((p["tags"] ?? "").split(separator: ",").map { String($0).trimmingSpaces() })
                    f["suitableformigration"] = .bool(p["state"] == "Up" && wanted.isSubset(of: offered))
                    return .record(f)
                }
            let range = try c.pageRange(count: items.count)
            return .list(noun: "storagepool", items: Array(items[range]), total: items.count)
        },
        Handler("syncStoragePool", async: true) { c throws(APIError) in
            let pool = try c.entity("storagepool", "id", what: "storage pool")
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.admin.storage.SyncStoragePoolCmd",
                    instanceType: "StoragePool", instanceID: pool.id, immediateID: nil
                ) { store, _ in
                    let p = try store.jobEntity("storagepool", pool.id)
                    // Only a VMware datastore cluster has member datastores to sync; no pool here is one.
                    guard p["type"] == "DatastoreCluster" else {
                        throw APIError.refused(
                            "SyncStoragePool API is currently supported only for storage type of datastore cluster")
                    }
                    return ["storagepool": .record(p.fields)]
                })
        },
        // The hosts report what the pool supports; the simulated hosts report what the pool already shows.
        Handler("updateStorageCapabilities") { c throws(APIError) in
            let pool = try c.entity("storagepool", "id", what: "storage pool")
            let connected = c.store.table("host").rows.contains {
                $0["zoneid"] == pool["zoneid"] && $0["state"] == "Up"
                    && (pool["clusterid"] == nil || $0["clusterid"] == pool["clusterid"])
            }
            guard pool["state"] == "Up", connected else {
                throw APIError.internalError(
                    "Unable to find a host in Up state connected to the storage pool \(pool["name"] ?? pool.id)")
            }
            return .object(["storagepool": .record(pool.fields)])
        },
        Handler("prepareTemplate") { c throws(APIError) in
            let zone = try c.entity("zone", "zoneid", what: "zone")
            let template = try c.entity("template", "templateid", what: "template")
            try c.checkAccess(
                account: template["account"], domainID: template["domainid"], what: "template \(template.id)")
            if c.optional("storageid") != nil { _ = try c.entity("storagepool", "storageid", what: "storage pool") }
            // Copying onto primary storage changes nothing a list shows; the answer is the template in the zone.
            let rows = c.store.imageZoneRows()[template.id]
            let items: [Value] = c.store.placements(of: template, rows: rows).filter { $0.zone.id == zone.id }.map {
                .record(c.store.imageInZone(template, zone: $0.zone, row: $0.row, now: c.now).fields)
            }
            return .list(noun: "template", items: items, total: items.count)
        },
        // A volume on storage is a file named by its uuid (the KVM and simulator layout); an allocated
        // volume not yet created on a pool has no path.
        Handler("getPathForVolume") { c throws(APIError) in
            let vol = try VolumeRef.find(c, "volumeid")
            let onPool = vol.entity["storageid"] != nil && vol.entity["state"] != "Allocated"
            return .object(["apipathforvolume": .record(onPool ? ["path": .string(vol.entity.id)] : [:])])
        },
        Handler("getVolumeSnapshotDetails") { c throws(APIError) in
            let id = try c.required("snapshotid")
            guard c.store.table("snapshot").get(id) != nil else {
                throw CatalogCheck.noEntity("snapshotid", id, command: c.command)
            }
            // The details are the iSCSI names managed storage records for its snapshots; other snapshots have none.
            return .list(noun: "apivolumesnapshotdetail", items: [], total: 0)
        },
    ]

    /// The storage tags the volume's disk offering asks for.
    static func tags(_ vol: VolumeRef, _ store: Store) -> Set<String> {
        let offering = store.table("diskoffering").get(vol.entity["diskofferingid"] ?? "")
        return Set((offering?["tags"] ?? "").split(separator: ",").map { String($0).trimmingSpaces() })
    }
}

import Values
import OrderedCollections

/// Primary storage pools, secondary storage (image stores) and their providers (root admin).
/// Pool states as the server moves them: Up, Disabled (updateStoragePool enabled=false),
/// PrepareForMaintenance while the maintenance job runs, Maintenance; cancelling makes it Up.
/// Only a pool in Maintenance is deleted.
enum StorageAPIs {
    /// The data store providers of a 4.18 management server, by type.
    static let providers = [
        "primary": [
            "DefaultPrimary", "CloudByte", "Datera", "Linstor", "PowerFlex", "SolidFire", "SolidFireShared", "StorPool",
        ],
        "image": ["NFS", "S3", "Swift"],
    ]

    static let handlers: [Handler] = [
        Handler("listStoragePools") { c throws(APIError) in try c.listEntities("storagepool") },
        // The metrics view lists the same pools (the server adds usage figures it computes).
        Handler("listStoragePoolsMetrics") { c throws(APIError) in try c.listEntities("storagepool") },
        Handler("createStoragePool", createPool),
        Handler("updateStoragePool", updatePool),
        Handler("deleteStoragePool") { c throws(APIError) in
            let pool = try c.entity("storagepool", "id", what: "storage pool")
            if pool["state"] != "Maintenance", try !c.bool("forced") {
                throw APIError.invalid(
                    "id", "Unable to delete storage due to it is not in Maintenance state, id: \(pool.id)")
            }
            c.store.table("storagepool").remove(pool.id)
            return .object(["success": .bool(true)])
        },
        Handler("enableStorageMaintenance", async: true) { c throws(APIError) in
            try Maintenance.prepare(c, Maintenance.pool, cmd: "PreparePrimaryStorageForMaintenanceCmd")
        },
        Handler("cancelStorageMaintenance", async: true) { c throws(APIError) in
            try Maintenance.cancel(c, Maintenance.pool, cmd: "CancelPrimaryStorageMaintenanceCmd")
        },
        Handler("listImageStores") { c throws(APIError) in try c.listEntities("imagestore") },
        Handler("addImageStore", addImageStore),
        Handler("updateImageStore") { c throws(APIError) in
            let store = try c.entity("imagestore", "id", what: "image store")
            let readOnly = try c.bool("readonly")
            c.store.table("imagestore").update(store.id) { $0.fields["readonly"] = .bool(readOnly) }
            return .object(["imagestore": .record(c.store.table("imagestore").get(store.id)!.fields)])
        },
        Handler("deleteImageStore") { c throws(APIError) in
            let store = try c.entity("imagestore", "id", what: "image store")
            c.store.table("imagestore").remove(store.id)
            return .object(["success": .bool(true)])
        },
        Handler("listStorageProviders") { c throws(APIError) in
            let type = try c.required("type").lowercased()
            guard let names = providers[type] else {
                throw APIError.invalid("type", "Invalid type parameter '\(type)': use primary or image")
            }
            let items = names.map { Value.record(["name": .string($0), "type": .string(type.uppercased())]) }
            let range = try c.pageRange(count: items.count)
            return .list(noun: "dataStoreProvider", items: Array(items[range]), total: items.count)
        },
    ]

    static func provider(_ c: Call, _ type: String, default d: String? = nil) throws(APIError) -> String {
        guard let v = c.optional("provider") ?? d else { throw APIError.missing("provider", command: c.command) }
        guard let p = providers[type]?.first(where: { $0.lowercased() == v.lowercased() }) else {
            throw APIError.invalid(
                "provider",
                "Failed to find \(type) storage provider \(v) (known: \(providers[type]!.joined(separator: ", ")))")
        }
        return p
    }

    static func createPool(_ c: Call) throws(APIError) -> Reply {
        let name = try c.required("name")
        let zone = try c.entity("zone", "zoneid", what: "zone")
        let text = try c.required("url")
        guard let url = StorageURL(text) else {
            throw APIError.invalid(
                "url",
                "'\(text)' is not a storage URL this server supports (nfs://HOST/PATH, rbd://MONS/POOL, "
                    + "iscsi://..., presetup://..., sharedmountpoint://...)")
        }
        let provider = try provider(c, "primary", default: "DefaultPrimary")
        var pod: Entity?, cluster: Entity?
        if c.optional("podid") != nil { pod = try c.entity("pod", "podid", what: "pod") }
        if c.optional("clusterid") != nil { cluster = try c.entity("cluster", "clusterid", what: "cluster") }
        let scope = (c.optional("scope") ?? (cluster == nil ? "zone" : "cluster")).lowercased()
        switch scope {
        case "cluster":
            guard let cluster else {
                throw APIError.invalid("clusterid", "A cluster-wide storage pool needs clusterid (and podid)")
            }
            guard let pod, cluster["podid"] == pod.id else {
                throw APIError.invalid("podid", "Cluster id requires pod id of its pod")
            }
        case "zone":
            pod = nil
            cluster = nil
            guard c.optional("hypervisor") != nil else {
                throw APIError.invalid("hypervisor", "Hypervisor type is required for a zone-wide storage pool")
            }
        default: throw APIError.invalid("scope", "'\(scope)' is not cluster or zone")
        }
        if c.store.table("storagepool").first(where: { $0["zoneid"] == zone.id && $0["name"] == name }) != nil {
            throw APIError.invalid(
                "name", "A storage pool with name \(name) already exists in zone \(zone["name"] ?? zone.id)")
        }
        let capacity = try c.int("capacitybytes")
        var f = Store.storagePoolFields(
            name: name, url: url, zone: zone, pod: pod, cluster: cluster, provider: provider,
            created: c.created, tags: c.optional("tags"), capacity: capacity)
        if cluster == nil, let hv = try PodClusterAPIs.hypervisor(c) { f["hypervisor"] = .string(hv) }
        if let iops = try c.int("capacityiops") { f["capacityiops"] = .int(iops) }
        return .object(["storagepool": .record(c.store.insert("storagepool", f).fields)])
    }

    static func updatePool(_ c: Call) throws(APIError) -> Reply {
        let pool = try c.entity("storagepool", "id", what: "storage pool")
        let enabled: Bool? = c.optional("enabled") == nil ? nil : try c.bool("enabled")
        if enabled != nil, Maintenance.states.contains(pool["state"] ?? "") {
            throw APIError.invalid("enabled", "Storage pool \(pool.id) is in maintenance; cancel the maintenance first")
        }
        let capacity = try c.int("capacitybytes"), iops = try c.int("capacityiops")
        c.store.table("storagepool").update(pool.id) { p in
            if let enabled { p.fields["state"] = .string(enabled ? "Up" : "Disabled") }
            if let tags = c.optional("tags") { p.fields["tags"] = tags.isEmpty ? nil : .string(tags) }
            if let name = c.optional("name") { p.fields["name"] = .string(name) }
            if let capacity { p.fields["disksizetotal"] = .int(capacity) }
            if let iops { p.fields["capacityiops"] = .int(iops) }
        }
        return .object(["storagepool": .record(c.store.table("storagepool").get(pool.id)!.fields)])
    }

    static func addImageStore(_ c: Call) throws(APIError) -> Reply {
        let provider = try provider(c, "image")
        var zone: Entity?
        if c.optional("zoneid") != nil { zone = try c.entity("zone", "zoneid", what: "zone") }
        let url = c.optional("url") ?? ""
        if provider == "NFS" {
            guard url.lowercased().hasPrefix("nfs://") else {
                throw APIError.invalid("url", "An NFS image store needs an nfs:// URL")
            }
            guard zone != nil else {
                throw APIError.invalid("zoneid", "An NFS image store belongs to a zone: give zoneid")
            }
        }
        let name = c.optional("name") ?? url
        if c.store.table("imagestore").first(where: { $0["name"] == name }) != nil {
            throw APIError.invalid("name", "An image store with name \(name) already exists")
        }
        let f = Store.imageStoreFields(name: name, url: url, provider: provider, zone: zone)
        let store = c.store.insert("imagestore", f)
        c.store.seedSystemVMs(c.created)
        return .object(["imagestore": .record(store.fields)])
    }
}

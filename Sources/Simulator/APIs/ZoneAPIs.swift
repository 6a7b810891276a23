import Values
import OrderedCollections

/// Zones (everyone lists them; root admins create, update, delete), and for now the pods,
/// clusters, hosts below them and the capacity VMs take on them (root admin only, see `APIAccess`).
enum ZoneAPIs {
    static let handlers: [Handler] = [
        Handler("listZones") { c throws(APIError) in try c.listEntities("zone") },
        Handler("listPods") { c throws(APIError) in try c.listEntities("pod") },
        Handler("listClusters") { c throws(APIError) in
            guard case .list(let noun, let items, let total) = try c.listEntities("cluster") else {
                throw APIError.internalError("listClusters: not a list")
            }
            return .list(noun: noun, items: items.map(PodClusterAPIs.withDetails), total: total)
        },
        Handler("listHosts") { c throws(APIError) in
            // virtualmachineid: the host the VM runs on (none for a stopped VM).
            guard let vmID = c.optional("virtualmachineid") else {
                return HostHAAPIs.withHostStates(c.store, try c.listEntities("host"))
            }
            guard let vm = c.store.vms[id: vmID] else {
                throw APIError.notFound("virtual machine", id: vmID, param: "virtualmachineid")
            }
            return HostHAAPIs.withHostStates(c.store, try c.listEntities("host") { $0.id == vm.hostID })
        },
        Handler("listCapacity", listCapacity),
        Handler("createZone") { c throws(APIError) in
            let name = try c.required("name")
            if c.store.table("zone").first(where: { $0["name"]?.lowercased() == name.lowercased() }) != nil {
                throw APIError.invalid("name", "A zone with name \(name) already exists")
            }
            let type = try c.required("networktype")
            guard type == "Basic" || type == "Advanced" else {
                throw APIError.invalid("networktype", "'\(type)' is not a network type; use Basic or Advanced")
            }
            let sg = try c.bool("securitygroupenabled")
            var f = Store.zoneFields(
                name: name, type: type, sg: type == "Basic" || sg,
                description: c.optional("description") ?? name, token: c.store.newID(),
                allocation: try allocationState(c) ?? "Disabled")
            for key in ["dns1", "dns2", "internaldns1", "internaldns2", "domain", "guestcidraddress"] {
                if let v = c.optional(key) { f[key] = .string(v) }
            }
            f["localstorageenabled"] = .bool(try c.bool("localstorageenabled"))
            let zone = c.store.insert("zone", f)
            c.store.addSystemNetworks(zone: zone, created: c.created)
            return .object(["zone": .record(zone.fields)])
        },
        Handler("updateZone") { c throws(APIError) in
            let zone = try c.entity("zone", "id", what: "zone")
            let state = try allocationState(c)
            let local: Bool? = c.optional("localstorageenabled") == nil ? nil : try c.bool("localstorageenabled")
            c.store.table("zone").update(zone.id) { z in
                if let local { z.fields["localstorageenabled"] = .bool(local) }
                for key in [
                    "name", "description", "dns1", "dns2", "internaldns1", "internaldns2", "domain", "guestcidraddress",
                ] {
                    if let v = c.optional(key) { z.fields[key] = .string(v) }
                }
                if let state { z.fields["allocationstate"] = .string(state) }
            }
            c.store.seedSystemVMs(c.created)
            return .object(["zone": .record(c.store.table("zone").get(zone.id)!.fields)])
        },
        Handler("deleteZone") { c throws(APIError) in
            let zone = try c.entity("zone", "id", what: "zone")
            if c.store.table("pod").first(where: { $0["zoneid"] == zone.id }) != nil {
                throw APIError.inUse("The zone is not deletable because there are pods in this zone; delete them first")
            }
            if c.store.table("physicalnetwork").first(where: { $0["zoneid"] == zone.id }) != nil {
                throw APIError.inUse(
                    "The zone is not deletable because there are physical networks in this zone; delete them first")
            }
            if c.store.vms.live.contains(where: { $0.zoneID == zone.id }) {
                throw APIError.inUse("The zone is not deletable because there are virtual machines in this zone")
            }
            c.store.table("zone").remove(zone.id)
            // Its system networks go with it.
            for n in c.store.table("network").rows where n["zoneid"] == zone.id && n["issystem"] == "true" {
                c.store.table("network").remove(n.id)
            }
            // Its system VMs (stopped once its hosts went) go with it.
            for vm in c.store.table(Store.systemVMNoun).rows where vm["zoneid"] == zone.id {
                c.store.table(Store.systemVMNoun).remove(vm.id)
            }
            return .object(["success": .bool(true)])
        },
    ]

    static func allocationState(_ c: Call) throws(APIError) -> String? {
        guard let s = c.optional("allocationstate") else { return nil }
        guard let v = ["Enabled", "Disabled"].first(where: { $0.lowercased() == s.lowercased() }) else {
            throw APIError.invalid("allocationstate", "'\(s)' is not Enabled or Disabled")
        }
        return v
    }

    /// Capacity type codes as the server numbers them.
    static let memoryType = 0, cpuType = 1, storageType = 2, storageAllocatedType = 3, secondaryStorageType = 6

    /// One record per zone (or per pod/cluster when asked) and capacity type: used and
    /// total over the hosts there, and the percentage used.
    static func listCapacity(_ c: Call) throws(APIError) -> Reply {
        let zoneID = c.optional("zoneid"), podID = c.optional("podid"), clusterID = c.optional("clusterid")
        let type = try c.int("type")
        let hosts = c.store.table("host").rows.filter { h in
            (zoneID == nil || h["zoneid"] == zoneID) && (podID == nil || h["podid"] == podID)
                && (clusterID == nil || h["clusterid"] == clusterID)
        }
        var items: [Value] = []
        for zone in c.store.table("zone").rows {
            let inZone = hosts.filter { $0["zoneid"] == zone.id }
            guard !inZone.isEmpty else { continue }
            func sum(_ key: String) -> Int { inZone.reduce(0) { $0 + (Int($1[key] ?? "") ?? 0) } }
            let cpuTotal = inZone.reduce(0) {
                $0 + (Int($1["cpunumber"] ?? "") ?? 0) * (Int($1["cpuspeed"] ?? "") ?? 0)
            }
            // Primary storage: the pools there (zone-wide ones count for every pod and cluster); volumes use it.
            let pools = c.store.table("storagepool").rows.filter { p in
                p["zoneid"] == zone.id && (podID == nil || p["podid"] == podID || p["podid"] == nil)
                    && (clusterID == nil || p["clusterid"] == clusterID || p["clusterid"] == nil)
            }
            let poolTotal = pools.reduce(0) { $0 + (Int($1["disksizetotal"] ?? "") ?? 0) }
            let volumes =
                c.store.table("volume").rows.filter { $0["zoneid"] == zone.id }.reduce(0) {
                    $0 + (Int($1["size"] ?? "") ?? 0)
                }
                + c.store.vms.live.filter { $0.zoneID == zone.id }.reduce(0) { $0 + $1.rootSize }
            let secondary = c.store.table("imagestore").rows.filter { $0["zoneid"] == zone.id }
                .reduce(0) { $0 + (Int($1["disksizetotal"] ?? "") ?? 0) }
            var kinds = [
                (memoryType, "MEMORY", sum("memoryallocated"), sum("memorytotal")),
                (cpuType, "CPU", sum("cpuallocatedvalue"), cpuTotal),
            ]
            if poolTotal > 0 {
                kinds += [
                    (storageType, "STORAGE", volumes, poolTotal),
                    (storageAllocatedType, "STORAGE_ALLOCATED", volumes, poolTotal),
                ]
            }
            if secondary > 0, podID == nil, clusterID == nil {
                kinds.append((secondaryStorageType, "SECONDARY_STORAGE", 0, secondary))
            }
            for (code, name, used, total) in kinds where type == nil || type == code {
                var r: Record = [
                    "type": .int(code), "name": .string(name), "zoneid": .string(zone.id),
                    "zonename": zone.fields["name"] ?? .string(""),
                ]
                if let podID, let pod = c.store.table("pod").get(podID) {
                    r["podid"] = .string(podID)
                    r["podname"] = pod.fields["name"]
                }
                if let clusterID, let cluster = c.store.table("cluster").get(clusterID) {
                    r["clusterid"] = .string(clusterID)
                    r["clustername"] = cluster.fields["name"]
                }
                r["capacityallocated"] = .int(used)
                r["capacityused"] = .int(used)
                r["capacitytotal"] = .int(total)
                r["percentused"] = .string(Store.percent(used, total))
                items.append(.record(r))
            }
        }
        let range = try c.pageRange(count: items.count)
        return .list(noun: "capacity", items: Array(items[range]), total: items.count)
    }
}

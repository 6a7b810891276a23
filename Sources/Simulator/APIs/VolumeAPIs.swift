import Values
import OrderedCollections

/// Volumes: each VM's ROOT volume (derived from the VM, so 100,000 seeded VMs cost
/// no extra records) plus DATADISK volumes created, attached, detached, resized, deleted.
enum VolumeAPIs {
    static let cmdPrefix = "org.apache.cloudstack.api.command.user.volume."
    /// The largest size in GB a request may ask for (a Java int, as the server's GB sizes are):
    /// in bytes (`<< 30`) it still fits in an Int.
    static let maxGB = Int(Int32.max)

    /// The offering's size, or for a custom-size offering the call's `size` (GB), required then.
    static func sizeGB(_ c: Call, offering: Entity) throws(APIError) -> Int {
        guard offering["iscustomized"] == "true" else { return Int(offering["disksize"] ?? "") ?? 0 }
        guard let size = try c.int("size", in: 0...maxGB), size > 0 else {
            throw APIError.invalid("size", "disk offering \(offering["name"] ?? "") is custom: pass size in GB")
        }
        return size
    }

    static let handlers: [Handler] = [
        Handler("listVolumes") { c throws(APIError) in
            c.store.settleUploads(now: c.now)
            var rows: [Entity]
            if let vmID = c.optional("virtualmachineid") {
                rows = c.store.vms[id: vmID].map { [rootVolume(of: $0, store: c.store)] } ?? []
            } else if let id = c.optional("id"), let vm = c.store.vms.owner(ofRootVolume: id) {
                rows = [rootVolume(of: vm, store: c.store)]
            } else {
                rows = c.store.vms.live.map { rootVolume(of: $0, store: c.store) }
            }
            rows += c.store.table("volume").rows.map { dataVolume($0, store: c.store) }
            return try c.listEntities("volume", rows: rows, owned: true, taggable: true)
        },
        Handler("createVolume", async: true) { c throws(APIError) in
            let name = try c.required("name")
            let zone = try c.entity("zone", "zoneid", what: "zone")
            let offering = try c.entity("diskoffering", "diskofferingid", what: "disk offering")
            let gb = try sizeGB(c, offering: offering)
            var f: Record = [
                "name": .string(name), "zoneid": .string(zone.id), "zonename": zone.fields["name"]!,
                "type": .string("DATADISK"), "size": .int(gb << 30), "created": .string(c.created),
                "state": .string("Allocated"),
            ]
            f.merge(try c.ownerFields(), uniquingKeysWith: { $1 })
            f.merge(offeringFields(offering), uniquingKeysWith: { $1 })
            let id = c.store.newID()
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "CreateVolumeCmd", instanceType: "Volume", instanceID: id,
                    immediateID: id
                ) { store, _ in
                    let v = store.insert("volume", f, id: id)
                    return ["volume": store.tagged(dataVolume(v, store: store))]
                })
        },
        Handler("attachVolume", async: true) { c throws(APIError) in
            let vol = try ownDataVolume(c)
            guard vol["virtualmachineid"] == nil else {
                throw APIError.invalid("id", "Please specify a volume that is not attached to any VM.")
            }
            if vol["state"] == "Destroy" { throw APIError.refused("Please specify a volume that is not destroyed.") }
            if !["Allocated", "Ready", "Uploaded"].contains(vol["state"] ?? "") {
                throw APIError.refused("Volume state must be in Allocated, Ready or in Uploaded state")
            }
            let vm = try VirtualMachineAPIs.findBy(c, param: "virtualmachineid")
            guard vm.zoneID == vol["zoneid"] else {
                throw APIError.invalid("virtualmachineid", "the volume and the VM are in different zones")
            }
            let used = c.store.table("volume").rows.filter { $0["virtualmachineid"] == vm.id }.count
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "AttachVolumeCmd", instanceType: "Volume", instanceID: vol.id,
                    immediateID: nil
                ) { store, _ in
                    store.table("volume").update(vol.id) { v in
                        v.fields["virtualmachineid"] = .string(vm.id)
                        v.fields["deviceid"] = .int(used + 1)
                        v.fields["state"] = .string("Ready")
                        v.fields["attached"] = .string(c.created)
                        // Created on primary storage when first attached (an Allocated volume has no pool yet).
                        if v.fields["storageid"] == nil,
                            let pool = store.primaryPool(zoneID: vm.zoneID, id: vm.rootPoolID)
                        {
                            v.fields["storageid"] = .string(pool.id)
                            v.fields["storage"] = pool.fields["name"]
                        }
                    }
                    return ["volume": store.tagged(dataVolume(try store.jobEntity("volume", vol.id), store: store))]
                })
        },
        Handler("detachVolume", async: true) { c throws(APIError) in
            let vol = try ownDataVolume(c)
            guard vol["virtualmachineid"] != nil else {
                throw APIError.invalid("id", "Please specify a volume that is attached to a VM.")
            }
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "DetachVolumeCmd", instanceType: "Volume", instanceID: vol.id,
                    immediateID: nil
                ) { store, _ in
                    detach(vol.id, store: store)
                    return ["volume": store.tagged(dataVolume(try store.jobEntity("volume", vol.id), store: store))]
                })
        },
        Handler("deleteVolume") { c throws(APIError) in
            let vol = try ownDataVolume(c)
            if let vm = vol["virtualmachineid"] {
                throw APIError.inUse(
                    "Unable to delete volume \(vol["name"] ?? vol.id): it is attached to VM \(vm); detach it first")
            }
            c.store.table("volume").remove(vol.id)
            return .object(["success": .bool(true)])
        },
        Handler("resizeVolume", async: true) { c throws(APIError) in
            let id = try c.required("id")
            var gb = try c.int("size", in: 0...maxGB)
            if let offeringID = c.optional("diskofferingid") {
                guard let o = c.store.table("diskoffering").get(offeringID) else {
                    throw APIError.notFound("disk offering", id: offeringID, param: "diskofferingid")
                }
                gb = gb ?? Int(o["disksize"] ?? "")
            }
            guard let newGB = gb, newGB > 0 else { throw APIError.missing("size", command: c.command) }
            let current: Int
            if let vm = c.store.vms.owner(ofRootVolume: id) {
                current = vm.rootSize
            } else {
                current = Int(try ownDataVolume(c)["size"] ?? "") ?? 0
            }
            if newGB << 30 < current, !(try c.bool("shrinkok")) {
                throw APIError.invalid("size", "shrinking a volume needs shrinkok=true")
            }
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "ResizeVolumeCmd", instanceType: "Volume", instanceID: id,
                    immediateID: nil
                ) { store, _ in
                    if let vm = store.vms.owner(ofRootVolume: id) {
                        store.vms.update(vm.id) { $0.rootSize = newGB << 30 }
                        return ["volume": store.tagged(rootVolume(of: try store.jobVM(vm.id), store: store))]
                    }
                    store.table("volume").update(id) { $0.fields["size"] = .int(newGB << 30) }
                    return ["volume": store.tagged(dataVolume(try store.jobEntity("volume", id), store: store))]
                })
        },
    ]

    /// The disk-offering and storage fields every DATADISK record carries.
    static func offeringFields(_ offering: Entity) -> Record {
        var f: Record = [
            "diskofferingid": .string(offering.id), "diskofferingname": offering.fields["name"]!,
            "diskofferingdisplaytext": offering.fields["displaytext"]!, "storagetype": .string("shared"),
            "provisioningtype": .string("thin"), "hypervisor": .string("None"), "storage": .string("sandbox-primary"),
            "destroyed": .bool(false), "isextractable": .bool(true),
        ]
        f.merge(alwaysShown, uniquingKeysWith: { $1 })
        return f
    }

    /// What every volume answer carries: its display flag and the storage driver's snapshot capabilities
    /// (primitive booleans in VolumeResponse, so the server writes them even when false).
    static let alwaysShown: Record = [
        "displayvolume": .bool(true), "quiescevm": .bool(false), "supportsstoragesnapshot": .bool(false),
    ]

    static func ownDataVolume(_ c: Call) throws(APIError) -> Entity {
        let id = try c.required("id")
        c.store.settleUploads(now: c.now)
        if c.store.vms.owner(ofRootVolume: id) != nil {
            throw APIError.invalid("id", "volume \(id) is a ROOT volume; this works on DATADISK volumes only")
        }
        guard let v = c.store.table("volume").get(id) else { throw APIError.notFound("volume", id: id, param: "id") }
        try c.checkAccess(account: v["account"], domainID: v["domainid"], what: "volume \(id)")
        return v
    }

    static func detach(_ id: String, store: Store) {
        store.table("volume").update(id) { v in
            v.fields["virtualmachineid"] = nil
            v.fields["deviceid"] = nil
            v.fields["attached"] = nil
        }
    }

    static func detachAll(from vmID: String, store: Store) {
        for v in store.table("volume").rows where v["virtualmachineid"] == vmID { detach(v.id, store: store) }
    }

    static func rootVolume(of vm: VM, store: Store) -> Entity {
        let offering = store.table("serviceoffering").get(vm.offeringID)
        let pool = store.primaryPool(zoneID: vm.zoneID, id: vm.rootPoolID)
        var f: Record = [
            "id": .string(vm.rootVolumeID), "name": .string(vm.rootVolumeName), "zoneid": .string(vm.zoneID),
            "zonename": store.table("zone").get(vm.zoneID)?.fields["name"] ?? .string(""), "type": .string("ROOT"),
            "deviceid": .int(0), "virtualmachineid": .string(vm.id), "vmname": .string(vm.name),
            "vmdisplayname": .string(vm.displayName), "vmstate": .string(vm.state), "size": .int(vm.rootSize),
            "created": .string(vm.created), "state": .string("Ready"), "account": .string(vm.account),
            "domainid": .string(vm.domainID), "domain": .string(vm.domain), "storagetype": .string("shared"),
            "provisioningtype": .string("thin"), "hypervisor": .string("Simulator"),
            "storage": pool?.fields["name"] ?? .string(""),
            "destroyed": .bool(vm.state == "Destroyed"), "serviceofferingid": .string(vm.offeringID),
            "serviceofferingname": offering?.fields["name"] ?? .string(""),
            "serviceofferingdisplaytext": offering?.fields["displaytext"] ?? .string(""), "isextractable": .bool(false),
        ]
        f.merge(alwaysShown, uniquingKeysWith: { $1 })
        if let template = store.table("template").get(vm.templateID) {
            f["templateid"] = .string(template.id)
            f["templatename"] = template.fields["name"]
            f["templatedisplaytext"] = template.fields["displaytext"]
        }
        if let pool {
            f["storageid"] = .string(pool.id)
            // Where the pool lies (the full view only; ResponseView cuts it for others).
            for (k, from) in [
                ("podid", "podid"), ("podname", "podname"), ("clusterid", "clusterid"),
                ("clustername", "clustername"),
            ] {
                if let v = pool.fields[from] { f[k] = v }
            }
        }
        // A destroyed VM's ROOT volume waits in Destroy with it until the VM is expunged.
        if vm.state == "Destroyed" { f["state"] = .string("Destroy") }
        for (k, v) in vm.rootVolumeChanges ?? [:] { f[k] = k == "displayvolume" ? .bool(v == "true") : .string(v) }
        return Entity(id: vm.rootVolumeID, fields: f)
    }

    /// A data volume with the attached VM's fields filled in.
    static func dataVolume(_ v: Entity, store: Store) -> Entity {
        guard let vmID = v["virtualmachineid"], let vm = store.vms[id: vmID] else { return v }
        var e = v
        e.fields["vmname"] = .string(vm.name)
        e.fields["vmdisplayname"] = .string(vm.displayName)
        e.fields["vmstate"] = .string(vm.state)
        return e
    }
}

extension Store {
    /// The primary storage pool `id`, else the zone's first (where the simulator places new volumes).
    func primaryPool(zoneID: String, id: String?) -> Entity? {
        if let id, let p = table("storagepool").get(id) { return p }
        return table("storagepool").first { $0["zoneid"] == zoneID }
    }

    func tagged(_ e: Entity) -> Value {
        var f = e.fields
        f["tags"] = tagsValue(e.id)
        return .record(f)
    }
}

extension VirtualMachineAPIs {
    static func findBy(_ c: Call, param: String) throws(APIError) -> VM {
        let id = try c.required(param)
        guard let vm = c.store.vms[id: id] else { throw APIError.notFound("virtual machine", id: id, param: param) }
        try c.checkAccess(accountID: vm.accountID, domainID: vm.domainID, what: "virtual machine \(vm.id)")
        return vm
    }
}

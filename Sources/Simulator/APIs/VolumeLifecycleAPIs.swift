import OrderedCollections
import Values

/// A volume's life after creation as VolumeApiServiceImpl runs it: destroy (to state Destroy, or
/// expunged at once), recover, migrate between primary storage pools, a new disk offering, and a
/// new owner. Users may expunge and recover only when allow.user.expunge.recover.volume allows it.
enum VolumeLifecycleAPIs {
    static let allowUserSetting = "allow.user.expunge.recover.volume"

    static let handlers: [Handler] = [
        Handler("destroyVolume", async: true) { c throws(APIError) in
            let vol = try VolumeRef.find(c, "id")
            let expunge = try c.bool("expunge")
            if vol.vm != nil { throw APIError.refused("Please specify a volume that is not attached to any VM.") }
            let state = vol.entity["state"] ?? ""
            if state == "UploadOp" { throw APIError.refused("Please specify a volume that is not uploading") }
            if ["NotUploaded", "UploadInProgress"].contains(state) {
                throw APIError.refused(
                    "The volume is either getting uploaded or it may be initiated shortly, please wait for it to be completed"
                )
            }
            if expunge, !userMayExpungeOrRecover(c) {
                throw APIError.permission(
                    "Expunging a volume can only be done by an Admin. Or when the \(allowUserSetting) key is set.")
            } else if !expunge, state == "Allocated" || state == "Uploaded" {
                throw APIError.refused(
                    "The volume in Allocated/Uploaded state can only be expunged not destroyed/recovered")
            }
            let id = vol.entity.id
            return .job(
                JobSpec(
                    cmd: VolumeAPIs.cmdPrefix + "DestroyVolumeCmd", instanceType: "Volume", instanceID: id,
                    immediateID: nil
                ) { store, _ in
                    var v = try store.jobEntity("volume", id)
                    if expunge {
                        store.table("volume").remove(id)
                        store.removeTags(resourceID: id) { _ in true }
                        v.fields["state"] = .string("Expunged")
                        v.fields["destroyed"] = .bool(true)
                        return ["volume": .record(v.fields)]
                    }
                    store.table("volume").update(id) { e in
                        e.fields["state"] = .string("Destroy")
                        e.fields["destroyed"] = .bool(true)
                    }
                    return ["volume": store.tagged(try store.jobEntity("volume", id))]
                })
        },
        Handler("recoverVolume") { c throws(APIError) in
            if !userMayExpungeOrRecover(c) {
                throw APIError.permission(
                    "Recovering a volume can only be done by an Admin. Or when the \(allowUserSetting) key is set.")
            }
            let vol = try VolumeRef.find(c, "id")
            guard vol.entity["state"] == "Destroy" else {
                throw APIError.refused("Please specify a volume in Destroy state.")
            }
            let size = Int(vol.entity["size"] ?? "") ?? 0
            if let owner = c.store.limitOwner(of: vol.entity) {
                do throws(APIError) { try c.store.checkLimit(owner, 10, size) } catch {
                    throw APIError.refused(error.text)  // the server rethrows the limit failure as a parameter error
                }
            }
            c.store.table("volume").update(vol.entity.id) { e in
                e.fields["state"] = .string("Ready")
                e.fields["destroyed"] = .bool(false)
            }
            return .object(["volume": c.store.tagged(try c.store.jobEntity("volume", vol.entity.id))])
        },
        Handler("migrateVolume", async: true) { c throws(APIError) in
            let vol = try VolumeRef.find(c, "volumeid")
            guard vol.entity["state"] == "Ready" else { throw APIError.refused("Volume must be in ready state") }
            let poolID = try c.required("storageid")
            if vol.entity["storageid"] == poolID {
                throw APIError.refused("Volume \(vol.described(c.store)) is already on the destination storage pool")
            }
            if let vm = vol.vm, c.store.table("vmsnapshot").first(where: { $0["virtualmachineid"] == vm.id }) != nil {
                throw APIError.refused(
                    "Volume cannot be migrated, please remove all VM snapshots for VM to which this volume is attached")
            }
            // The simulator hypervisor supports storage motion, so a running VM's volume moves live when asked to.
            if let vm = vol.vm, vm.state == "Running", try !c.bool("livemigrate") {
                throw APIError.refused(
                    "The volume \(vol.described(c.store))is attached to a vm and for migrating it "
                        + "the parameter livemigrate should be specified")
            }
            guard let pool = c.store.table("storagepool").get(poolID) else {
                throw APIError.refused("Failed to find the destination storage pool: \(poolID)")
            }
            if Maintenance.states.contains(pool["state"] ?? "") {
                throw APIError.refused(
                    "Cannot migrate volume \(vol.described(c.store))to the destination storage pool "
                        + "\(pool["name"] ?? poolID) as the storage pool is in maintenance mode.")
            }
            guard pool["zoneid"] == vol.entity["zoneid"] else {
                throw APIError.refused(
                    "Storage pool \(pool["name"] ?? poolID) is not in the zone of volume \(vol.entity["name"] ?? "")")
            }
            let offering = try c.optional("newdiskofferingid").map { _ throws(APIError) in
                try c.entity("diskoffering", "newdiskofferingid", what: "disk offering")
            }
            let ref = vol
            return .job(
                JobSpec(
                    cmd: VolumeAPIs.cmdPrefix + "MigrateVolumeCmd", instanceType: "Volume",
                    instanceID: ref.entity.id, immediateID: nil
                ) { store, _ in
                    try ref.change(store) { f in
                        f["storageid"] = .string(pool.id)
                        f["storage"] = pool.fields["name"]
                        if let offering {
                            f.merge(VolumeAPIs.offeringFields(offering).filter { $0.key.hasPrefix("diskoffering") }) {
                                $1
                            }
                        }
                    }
                    return ["volume": try ref.rendered(store)]
                })
        },
        Handler("changeOfferingForVolume", async: true) { c throws(APIError) in
            let vol = try VolumeRef.find(c, "id")
            guard vol.vm == nil || vol.entity["type"] == "DATADISK" else {
                throw APIError.refused(
                    "Changing the disk offering of a ROOT volume: use changeServiceForVirtualMachine with a new compute offering"
                )
            }
            let offering = try c.entity("diskoffering", "diskofferingid", what: "disk offering")
            let current = Int(vol.entity["size"] ?? "") ?? 0
            let newGB: Int
            if offering["iscustomized"] == "true" {
                guard let gb = try c.int("size", in: 0...VolumeAPIs.maxGB), gb > 0 else {
                    throw APIError.refused("The new disk offering requires that a size be specified.")
                }
                newGB = gb
            } else {
                newGB = Int(offering["disksize"] ?? "") ?? 0
            }
            if newGB << 30 < current, try !c.bool("shrinkok") {
                throw APIError.refused(
                    "Going from existing size of \(current) to size of \(newGB << 30) would shrink the volume."
                        + "Need to sign off by supplying the shrinkok parameter with value of true.")
            }
            let ref = vol
            return .job(
                JobSpec(
                    cmd: VolumeAPIs.cmdPrefix + "ChangeOfferingForVolumeCmd", instanceType: "Volume",
                    instanceID: ref.entity.id, immediateID: nil
                ) { store, _ in
                    try ref.change(store) { f in
                        f.merge(VolumeAPIs.offeringFields(offering).filter { $0.key.hasPrefix("diskoffering") }) { $1 }
                        f["size"] = .int(newGB << 30)
                    }
                    return ["volume": try ref.rendered(store)]
                })
        },
        Handler("assignVolume") { c throws(APIError) in
            let vol = try VolumeRef.find(c, "volumeid")
            guard vol.vm == nil, vol.entity["type"] == "DATADISK" else {
                throw APIError.refused(
                    "Volume \(vol.entity["name"] ?? vol.entity.id) is attached to a VM: detach it before assigning it to another owner"
                )
            }
            let accountID = c.optional("accountid"), projectID = c.optional("projectid")
            if accountID != nil && projectID != nil {
                throw APIError.refused("Both accountid and projectid were given: pass only one of them.")
            }
            let owner: Record
            if let projectID {
                guard let project = c.store.table(Store.projectNoun).get(projectID) else {
                    throw CatalogCheck.noEntity("projectid", projectID, command: c.command)
                }
                // A project's volume shows its project, not an account (as every project resource does).
                owner = Store.projectOwnerFields(project)
            } else if let accountID {
                guard let acct = c.store.table("account").get(accountID) else {
                    throw CatalogCheck.noEntity("accountid", accountID, command: c.command)
                }
                try c.checkAccess(
                    accountID: acct.id, domainID: acct["domainid"] ?? "", what: "account \(acct["name"] ?? acct.id)")
                owner = [
                    "account": acct.fields["name"] ?? .null, "domainid": acct.fields["domainid"] ?? .null,
                    "domain": acct.fields["domain"] ?? .null,
                ]
            } else {
                throw APIError.refused("Either accountid or projectid must be given.")
            }
            let size = Int(vol.entity["size"] ?? "") ?? 0
            let target = Entity(id: "", fields: owner)
            if let limitOwner = c.store.limitOwner(of: target) {
                try c.store.checkLimit(limitOwner, 2, 1)
                try c.store.checkLimit(limitOwner, 10, size)
            }
            c.store.table("volume").update(vol.entity.id) { e in
                for k in ["account", "domainid", "domain", "projectid", "project"] { e.fields[k] = owner[k] }
            }
            return .object(["volume": c.store.tagged(try c.store.jobEntity("volume", vol.entity.id))])
        },
    ]

    /// Root admins always; others when the setting (per account) allows it.
    static func userMayExpungeOrRecover(_ c: Call) -> Bool { userMay(c, allowUserSetting) }

    /// Whether an account-scoped Boolean setting is true for the caller's account (root admins: always).
    static func userMay(_ c: Call, _ setting: String) -> Bool {
        if c.caller.isAdmin { return true }
        guard let s = Settings.byName[setting] else { return false }
        let target = ConfigurationAPIs.Target(scope: .account, answer: "account", id: c.caller.accountID)
        return ConfigurationAPIs.value(s, c.store, target)?.lowercased() == "true"
    }

    /// destroyVirtualMachine's `volumeids`: data volumes of that VM, destroyed (or expunged) with it.
    static func volumesDestroyedWith(_ c: Call, vm: VM) throws(APIError) -> [String] {
        let ids = c.list("volumeids") ?? []
        for id in ids {
            guard let v = c.store.table("volume").get(id), v["virtualmachineid"] == vm.id else {
                throw APIError.refused(
                    "Please specify volumes of type DATADISK attached to virtual machine \(vm.name): \(id) is not one")
            }
        }
        return ids
    }

    /// Data volumes going with their VM: to Destroy, or removed when the VM is expunged.
    static func destroy(_ ids: [String], expunge: Bool, store: Store) {
        for id in ids {
            if expunge {
                store.table("volume").remove(id)
                store.removeTags(resourceID: id) { _ in true }
            } else {
                store.table("volume").update(id) { e in
                    e.fields["state"] = .string("Destroy")
                    e.fields["destroyed"] = .bool(true)
                }
            }
        }
    }
}

/// A volume named by a request: a stored DATADISK volume, or a VM's ROOT volume (derived from the VM).
struct VolumeRef {
    var entity: Entity
    /// The VM the volume is attached to (the owner of a ROOT volume).
    var vm: VM?

    static func find(_ c: Call, _ param: String) throws(APIError) -> VolumeRef {
        let id = try c.required(param)
        c.store.settleUploads(now: c.now)
        if let vm = c.store.vms.owner(ofRootVolume: id) {
            try c.checkAccess(accountID: vm.accountID, domainID: vm.domainID, what: "volume \(id)")
            return VolumeRef(entity: VolumeAPIs.rootVolume(of: vm, store: c.store), vm: vm)
        }
        guard let v = c.store.table("volume").get(id) else {
            throw CatalogCheck.noEntity(param, id, command: c.command)
        }
        try c.checkAccess(owner: v, what: "volume \(id)")
        return VolumeRef(entity: v, vm: v["virtualmachineid"].flatMap { c.store.vms[id: $0] })
    }

    var isRoot: Bool { entity["type"] == "ROOT" }

    /// How the server's VolumeVO prints itself in messages.
    func described(_ store: Store) -> String {
        let seq = isRoot ? vm?.seq ?? 0 : store.table("volume").get(entity.id)?.seq ?? 0
        return
            "{\"id\":\(seq),\"name\":\"\(entity["name"] ?? "")\",\"uuid\":\"\(entity.id)\",\"volumeType\":\"\(entity["type"] ?? "")\"}"
    }

    /// Changes the stored record (a ROOT volume's pool is kept on its VM).
    func change(_ store: Store, _ edit: @escaping (inout Record) -> Void) throws(APIError) {
        if isRoot, let vm {
            var f: Record = [:]
            edit(&f)
            store.vms.update(vm.id) { v in
                if let pool = f["storageid"]?.plainText { v.rootPoolID = pool }
                for k in ["name", "path", "state", "displayvolume"] {
                    if let value = f[k]?.plainText {
                        v.rootVolumeChanges = (v.rootVolumeChanges ?? [:]).merging([k: value]) { $1 }
                    }
                }
            }
            return
        }
        _ = try store.jobEntity("volume", entity.id)
        store.table("volume").update(entity.id) { edit(&$0.fields) }
    }

    func rendered(_ store: Store) throws(APIError) -> Value {
        if isRoot, let vm { return store.tagged(VolumeAPIs.rootVolume(of: try store.jobVM(vm.id), store: store)) }
        return store.tagged(VolumeAPIs.dataVolume(try store.jobEntity("volume", entity.id), store: store))
    }
}

extension Store {
    /// Whose resource limits a record owned by `account`/`domainid` (or `projectid`) counts against.
    func limitOwner(of e: Entity) -> LimitOwner? {
        if let p = e["projectid"], let project = table(Store.projectNoun).get(p) { return .project(project) }
        return table("account").first { $0["name"] == e["account"] && $0["domainid"] == e["domainid"] }.map(
            LimitOwner.account)
    }
}

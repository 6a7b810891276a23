import FoundationEssentials
import OrderedCollections
import Values

/// What the usage server meters, as its helper tables keep it (usage_vm_instance, usage_volume,
/// usage_ip_address, usage_storage): per resource, the intervals it was allocated or running, with the
/// facts billed (offering, template, size). `observe` records a change when a call's answer shows it (a VM
/// started, a volume deleted); `reconcile` catches the rest before each usage job: a resource nobody
/// watched begins at its `created` time, an entry whose resource is gone ends then.
enum UsageLedger {
    /// The latest state per resource and usage type (id `TYPE:RESOURCE`): open, or ended at `end`.
    static let stateNoun = "usagestate"
    /// Ended intervals the next usage job has not consumed yet.
    static let intervalNoun = "usageinterval"

    /// The usage types metered here (UsageTypes).
    enum Kind: Int, CaseIterable {
        case runningVM = 1
        case allocatedVM = 2
        case ipAddress = 3
        case volume = 6
        case template = 7
        case iso = 8
        case snapshot = 9
    }

    /// Records what the answer of a finished call shows: the resources in it, or the one its `id` named.
    static func observe(_ store: Store, result: Record, id: String?, at date: Date) {
        let time = SimClock.cloudStackTime(date)
        var seen = false
        for (key, value) in result {
            let kinds: [Kind]
            switch key {
            case "virtualmachine": kinds = [.allocatedVM, .runningVM, .volume]
            case "volume": kinds = [.volume]
            case "ipaddress": kinds = [.ipAddress]
            case "snapshot": kinds = [.snapshot]
            case "template": kinds = [.template]
            case "iso": kinds = [.iso]
            default: continue
            }
            let items = value.list ?? [value]
            for item in items {
                guard let rid = item[field: "id"]?.plainText else { continue }
                seen = true
                for k in kinds {
                    // A VM's answer stands for its ROOT volume too.
                    if k == .volume, let vm = store.vms.stored(rid) {
                        sync(store, .volume, vm.rootVolumeID, at: time)
                    } else {
                        sync(store, k, rid, at: time)
                    }
                }
            }
        }
        // A delete answers `success`: what its `id` named may have ended.
        if !seen, let id {
            for k in Kind.allCases where store.table(stateNoun).get(key(k, id)) != nil { sync(store, k, id, at: time) }
            if let vm = store.vms.stored(id) { sync(store, .volume, vm.rootVolumeID, at: time) }
        }
    }

    /// Brings every entry up to date at `date` (before a usage job runs).
    static func reconcile(_ store: Store, at date: Date) {
        let time = SimClock.cloudStackTime(date)
        for e in store.table(stateNoun).rows where e["end"] == nil {
            sync(store, Kind(rawValue: Int(e["usagetype"] ?? "") ?? 0) ?? .allocatedVM, e["resourceid"] ?? "", at: time)
        }
        for vm in store.vms.rows where !vm.expunged {
            for k in [Kind.allocatedVM, .runningVM] { sync(store, k, vm.id, at: time, opening: vm.created) }
            sync(store, .volume, vm.rootVolumeID, at: time, opening: vm.created)
        }
        let tables: [(Kind, String)] = [
            (.volume, "volume"), (.ipAddress, "publicipaddress"), (.snapshot, "snapshot"), (.template, "template"),
            (.iso, "iso"),
        ]
        for (k, noun) in tables {
            for e in store.table(noun).rows { sync(store, k, e.id, at: time, opening: e["created"]) }
        }
    }

    static func key(_ k: Kind, _ id: String) -> String { "\(k.rawValue):\(id)" }

    /// Ends the open entry when the resource stopped being metered or its billed facts changed, and
    /// opens one when it is metered: at `time`, or for a resource seen for the first time at `opening`.
    static func sync(_ store: Store, _ k: Kind, _ id: String, at time: String, opening: String? = nil) {
        let states = store.table(stateNoun)
        let now = metered(store, k, id)
        let last = states.get(key(k, id))
        if let last, last["end"] == nil {
            if let now, same(now, last.fields) { return }
            var ended = last.fields
            ended["end"] = .string(time)
            store.insert(intervalNoun, ended)
            states.put(Entity(id: last.id, fields: ended))
        }
        guard var facts = now else { return }
        // A resource met first now began when it was created; one seen before begins again now.
        let start = last == nil ? min(opening ?? time, time) : time
        facts["usagetype"] = .int(k.rawValue)
        facts["resourceid"] = .string(id)
        facts["start"] = .string(start)
        states.put(Entity(id: key(k, id), fields: facts))
    }

    /// The facts that decide a record: a change of any ends one interval and begins another.
    static let billed = ["offeringid", "templateid", "size", "virtualsize", "cpunumber", "memory", "issourcenat"]

    static func same(_ a: Record, _ b: Record) -> Bool {
        billed.allSatisfy { a[$0]?.plainText == b[$0]?.plainText }
    }

    /// The billed facts of a resource while it is metered, nil when it is not (stopped, deleted, gone).
    static func metered(_ store: Store, _ k: Kind, _ id: String) -> Record? {
        switch k {
        case .allocatedVM, .runningVM:
            guard let vm = store.vms[id: id] else { return nil }
            let allocated: Set = ["Running", "Stopped", "Starting", "Stopping", "Migrating"]
            let running: Set = ["Running", "Stopping", "Migrating"]
            guard (k == .runningVM ? running : allocated).contains(vm.state) else { return nil }
            return vmFacts(store, vm)
        case .volume:
            if let vm = store.vms.owner(ofRootVolume: id) {
                guard vm.state != "Destroyed", vm.state != "Expunging" else { return nil }
                var f = owner(store, vm)
                f.merge(
                    [
                        "zoneid": .string(vm.zoneID), "name": .string(vm.rootVolumeName), "size": .int(vm.rootSize),
                        "templateid": .string(vm.templateID), "vmid": .string(vm.id),
                    ], uniquingKeysWith: { $1 })
                return f
            }
            // A volume waiting for (or failing) its upload holds nothing yet.
            let unmetered: Set = [
                "Destroy", "Expunged", "NotUploaded", "UploadOp", "UploadInProgress", "UploadError", "UploadAbandoned",
            ]
            guard let v = store.table("volume").get(id), !unmetered.contains(v["state"] ?? "") else { return nil }
            var f = owner(store, v)
            f["zoneid"] = v.fields["zoneid"]
            f["name"] = v.fields["name"]
            f["size"] = v.fields["size"]
            f["offeringid"] = v.fields["diskofferingid"]
            f["vmid"] = v.fields["virtualmachineid"]
            return f
        case .ipAddress:
            guard let ip = store.table("publicipaddress").get(id), ip["state"] == "Allocated", ip["account"] != nil,
                ip["account"] != "system"
            else { return nil }
            var f = owner(store, ip)
            f["zoneid"] = ip.fields["zoneid"]
            f["name"] = ip.fields["ipaddress"]
            f["issourcenat"] = .bool(ip["issourcenat"] == "true")
            f["issystem"] = .bool(ip["issystem"] == "true")
            return f
        case .snapshot:
            guard let s = store.table("snapshot").get(id), s["state"] == "BackedUp" else { return nil }
            var f = owner(store, s)
            f["zoneid"] = s.fields["zoneid"]
            f["name"] = s.fields["name"]
            f["size"] = s.fields["physicalsize"]
            return f
        case .template, .iso:
            let noun = k == .template ? "template" : "iso"
            // Images of the system account (the built-in ones) are nobody's usage.
            guard let t = store.table(noun).get(id), t["account"] != "system", t["isready"] != "false" else {
                return nil
            }
            var f = owner(store, t)
            f["zoneid"] = t.fields["zoneid"]
            f["name"] = t.fields["name"]
            f["size"] = t.fields["physicalsize"] ?? t.fields["size"]
            f["virtualsize"] = t.fields["size"]
            return f
        }
    }

    static func vmFacts(_ store: Store, _ vm: VM) -> Record {
        var f = owner(store, vm)
        let offering = store.table("serviceoffering").get(vm.offeringID)
        f.merge(
            [
                "zoneid": .string(vm.zoneID), "name": .string(vm.name), "vmid": .string(vm.id),
                "offeringid": .string(vm.offeringID), "templateid": .string(vm.templateID),
                "cpunumber": offering?.fields["cpunumber"] ?? .int(1),
                "cpuspeed": offering?.fields["cpuspeed"] ?? .int(1000),
                "memory": offering?.fields["memory"] ?? .int(512),
            ], uniquingKeysWith: { $1 })
        return f
    }

    /// The owning account (a project's resources: the project's).
    static func owner(_ store: Store, _ vm: VM) -> Record {
        var f: Record = [
            "accountid": .string(vm.accountID), "account": .string(vm.account), "domainid": .string(vm.domainID),
            "domain": .string(vm.domain),
        ]
        if let p = vm.projectID { f["projectid"] = .string(p) }
        return f
    }

    static func owner(_ store: Store, _ e: Entity) -> Record {
        var f: Record = [:]
        for k in ["account", "domainid", "domain", "projectid"] { f[k] = e.fields[k] }
        let account = store.table("account").first {
            $0["name"] == e["account"] && $0["domainid"] == e["domainid"]
        }
        if let account { f["accountid"] = .string(account.id) }
        return f
    }
}

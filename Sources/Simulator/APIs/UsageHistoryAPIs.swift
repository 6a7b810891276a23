import FoundationEssentials
import OrderedCollections
import Values

/// Resource usage history (the metrics plugin): the stats the management server collects while a
/// machine runs, one sample per vm.stats.interval (60 s) for VMs and volume.stats.interval (600 s) for
/// volumes, kept vm.stats.max.retention.time (720 minutes). A user VM ran when the usage ledger says
/// so; a system VM or router since it was created, while it runs. The simulator's machines do no work,
/// so every sample reads the same load (VMStats).
enum UsageHistoryAPIs {
    static let vmInterval = 60.0
    static let volumeInterval = 600.0
    static let retention = 720.0 * 60

    static let handlers: [Handler] = [
        Handler("listVirtualMachinesUsageHistory") { c throws(APIError) in
            let range = try window(c)
            let name = c.optional("name")?.lowercased(), keyword = c.optional("keyword")?.lowercased()
            let ids = try wanted(c)
            // Only machines the caller may see (listVirtualMachines' rule).
            let visible = try c.visibility()
            let vms = Array(c.store.vms.live).filter { vm in
                guard vm.projectID == nil, visible.allows(account: vm.account, domainID: vm.domainID) else {
                    return false
                }
                if let ids, !ids.contains(vm.id) { return false }
                if let name, !vm.displayName.lowercased().contains(name) { return false }
                if let keyword, !vm.displayName.lowercased().contains(keyword), vm.state.lowercased() != keyword {
                    return false
                }
                return true
            }
            let page = vms[try c.pageRange(count: vms.count)]
            let items: [Value] = page.map { vm in
                UsageLedger.sync(c.store, .runningVM, vm.id, at: c.created, opening: vm.created)
                let memory = Int(c.store.table("serviceoffering").get(vm.offeringID)?["memory"] ?? "") ?? 512
                let samples = times(spans(c.store, vm.id, now: c.now), every: vmInterval, range, now: c.now)
                return .record([
                    "id": .string(vm.id), "name": .string(vm.name), "displayname": .string(vm.displayName),
                    "stats": .list(samples.map { VMStats.sample(at: $0, memoryMB: memory) }),
                ])
            }
            return .list(noun: "virtualmachine", items: items, total: items.count)
        },
        Handler("listSystemVmsUsageHistory") { c throws(APIError) in
            let range = try window(c)
            let ids = try wanted(c), keyword = c.optional("keyword")?.lowercased()
            let machines = (c.store.table(Store.systemVMNoun).rows + c.store.table("router").rows).filter { e in
                if let ids, !ids.contains(e.id) { return false }
                if let name = c.optional("name"), e["name"] != name { return false }
                if let keyword, !(e["name"] ?? "").lowercased().contains(keyword),
                    (e["state"] ?? "").lowercased() != keyword
                {
                    return false
                }
                return true
            }
            let page = machines[try c.pageRange(count: machines.count)]
            let items: [Value] = page.map { e in
                let ran = runningSince(e, now: c.now)
                let samples = times(ran, every: vmInterval, range, now: c.now)
                let memory = Int(c.store.table("serviceoffering").get(e["serviceofferingid"] ?? "")?["memory"] ?? "")
                return .record([
                    "id": .string(e.id), "name": e.fields["name"] ?? .string(""),
                    "stats": .list(samples.map { VMStats.sample(at: $0, memoryMB: memory ?? 256) }),
                ])
            }
            return .list(noun: "systemvm", items: items, total: items.count)
        },
        Handler("listVolumesUsageHistory") { c throws(APIError) in
            let range = try window(c)
            let ids = try wanted(c)
            let name = c.optional("name")?.lowercased(), keyword = c.optional("keyword")?.lowercased()
            let visible = try c.visibility()
            var volumes: [(id: String, name: String, state: String, vm: String?)] = c.store.vms.live.filter {
                $0.projectID == nil && visible.allows(account: $0.account, domainID: $0.domainID)
            }.map { ($0.rootVolumeID, $0.rootVolumeName, "Ready", $0.id) }
            volumes += c.store.table("volume").rows.filter {
                $0["projectid"] == nil && visible.allows(account: $0["account"], domainID: $0["domainid"])
            }.map { ($0.id, $0["name"] ?? "", $0["state"] ?? "", $0["virtualmachineid"]) }
            volumes = volumes.filter { v in
                if let ids, !ids.contains(v.id) { return false }
                if let name, !v.name.lowercased().contains(name) { return false }
                if let keyword, !v.name.lowercased().contains(keyword), v.state.lowercased() != keyword { return false }
                return true
            }
            let page = volumes[try c.pageRange(count: volumes.count)]
            let items: [Value] = page.map { v in
                // A volume is read and written while its VM runs.
                let ran = v.vm.map { spans(c.store, $0, now: c.now) } ?? []
                let samples = times(ran, every: volumeInterval, range, now: c.now)
                return .record([
                    "id": .string(v.id), "name": .string(v.name),
                    "stats": .list(samples.map { VMStats.volumeSample(at: $0) }),
                ])
            }
            return .list(noun: "volume", items: items, total: items.count)
        },
    ]

    /// id/ids as one set (nil: every one).
    static func wanted(_ c: Call) throws(APIError) -> Set<String>? {
        var ids = Set(c.list("ids") ?? [])
        if let id = c.optional("id") { ids.insert(id) }
        return ids.isEmpty ? nil : ids
    }

    /// startdate..enddate as the server reads them: a plain `yyyy-MM-dd` date (a time after it is
    /// ignored, as the server's date parser stops there), each that day's midnight.
    static func window(_ c: Call) throws(APIError) -> ClosedRange<Double> {
        func day(_ name: String) throws(APIError) -> Double? {
            guard let key = try AlertAPIs.dateKey(c, name) else { return nil }
            return SimClock.parseCloudStackTime(String(key.prefix(10)) + "T00:00:00")?.timeIntervalSince1970
        }
        let start = try day("startdate") ?? -Double.infinity, end = try day("enddate") ?? Double.infinity
        if start > end { throw APIError.refused("startDate cannot be after endDate.") }
        return start...end
    }

    /// When the user VM ran, by the usage ledger (its open entry and intervals not yet consumed).
    static func spans(_ store: Store, _ vmID: String, now: Date) -> [(Double, Double)] {
        let key = UsageLedger.key(.runningVM, vmID)
        let rows =
            store.table(UsageLedger.intervalNoun).rows.filter {
                $0["resourceid"] == vmID && $0["usagetype"] == "1"
            } + [store.table(UsageLedger.stateNoun).get(key)].compactMap { $0 }
        return rows.compactMap { e in
            guard let s = e["start"].flatMap(SimClock.parseCloudStackTime) else { return nil }
            let end = e["end"].flatMap(SimClock.parseCloudStackTime) ?? now
            return (s.timeIntervalSince1970, end.timeIntervalSince1970)
        }
    }

    static func runningSince(_ e: Entity, now: Date) -> [(Double, Double)] {
        guard e["state"] == "Running", let s = e["created"].flatMap(SimClock.parseCloudStackTime) else { return [] }
        return [(s.timeIntervalSince1970, now.timeIntervalSince1970)]
    }

    /// The collection times within the spans, the retention window and `range`, oldest first.
    static func times(_ spans: [(Double, Double)], every step: Double, _ range: ClosedRange<Double>, now: Date)
        -> [Double]
    {
        let oldest = now.timeIntervalSince1970 - retention
        var out: [Double] = []
        for (s, e) in spans.sorted(by: { $0.0 < $1.0 }) {
            var t = s + step
            if t < oldest { t += ((oldest - t) / step).rounded(.up) * step }
            while t <= e {
                if range.contains(t) { out.append(t) }
                t += step
            }
        }
        return out
    }
}

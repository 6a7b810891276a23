import Values

/// Recurring volume snapshot policies: one per volume and interval type. Creating a policy for
/// an interval the volume has already changes that policy (schedule, maxsnaps, timezone), as
/// the server does; the interval is answered as its code (HOURLY 0, DAILY 1, WEEKLY 2, MONTHLY 3).
enum SnapshotPolicyAPIs {
    static let handlers: [Handler] = [
        Handler("createSnapshotPolicy", create),
        Handler("listSnapshotPolicies", list),
        Handler("updateSnapshotPolicy", async: true, update),
        Handler("deleteSnapshotPolicies", delete),
    ]

    static let intervals = ["HOURLY", "DAILY", "WEEKLY", "MONTHLY"]
    /// snapshot.max.hourly/daily/weekly/monthly: a fresh install's limit on maxsnaps.
    static let maxSnapsLimit = 8

    /// The volume a policy is for and its owner (a root volume lives with its VM).
    static func volume(_ c: Call, _ id: String, param: String) throws(APIError) -> (id: String, accountID: String, domainID: String) {
        if let vm = c.store.vms.owner(ofRootVolume: id) { return (id, vm.accountID, vm.domainID) }
        guard let v = c.store.table("volume").get(id) else { throw APIError.notFound("volume", id: id, param: param) }
        let acct = c.store.table("account").first { $0["name"] == v["account"] && $0["domainid"] == v["domainid"] }
        return (id, acct?.id ?? "", v["domainid"] ?? "")
    }

    static func create(_ c: Call) throws(APIError) -> Reply {
        let vol = try volume(c, try c.required("volumeid"), param: "volumeid")
        try c.checkAccess(accountID: vol.accountID, domainID: vol.domainID, what: "volume \(vol.id)")
        let given = try c.required("intervaltype")
        guard let code = intervals.firstIndex(of: given.uppercased()) else {
            throw APIError.refused("Unsupported interval type \(given): use one of \(intervals.joined(separator: ", "))")
        }
        let schedule = try c.required("schedule")
        try checkSchedule(schedule, code)
        let maxSnaps = try c.int("maxsnaps") ?? 0
        guard maxSnaps > 0 else { throw APIError.refused("maxSnaps should be greater than 0") }
        guard maxSnaps <= maxSnapsLimit else {
            throw APIError.refused("maxSnaps exceeds limit: \(maxSnapsLimit) for interval type: \(intervals[code].lowercased())")
        }
        let timezone = try c.required("timezone")
        let display = try c.bool("fordisplay", default: true)
        let table = c.store.table("snapshotpolicy")
        let fields: Record = ["schedule": .string(schedule), "maxsnaps": .int(maxSnaps), "timezone": .string(timezone),
                              "fordisplay": .bool(display)]
        let policy: Entity
        if let existing = table.first(where: { $0["volumeid"] == vol.id && $0["intervaltype"] == String(code) }) {
            table.update(existing.id) { $0.fields.merge(fields, uniquingKeysWith: { $1 }) }
            policy = table.get(existing.id)!
        } else {
            var f: Record = ["volumeid": .string(vol.id), "intervaltype": .int(code)]
            f.merge(fields, uniquingKeysWith: { $1 })
            f["hasannotations"] = .bool(false)
            policy = c.store.insert("snapshotpolicy", f)
        }
        return .object(["snapshotpolicy": c.render(policy, taggable: true)])
    }

    /// The schedule each interval takes: HOURLY `MM`, DAILY `MM:HH`, WEEKLY `MM:HH:DD` (day
    /// of week 1-7), MONTHLY `MM:HH:DD` (day of month 1-28).
    static func checkSchedule(_ s: String, _ code: Int) throws(APIError) {
        let parts = s.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        let shapes = ["MM", "MM:HH", "MM:HH:DD", "MM:HH:DD"]
        let ranges: [[ClosedRange<Int>]] = [[0...59], [0...59, 0...23], [0...59, 0...23, 1...7], [0...59, 0...23, 1...28]]
        let want = ranges[code]
        guard parts.count == want.count, zip(parts, want).allSatisfy({ p, r in p.map(r.contains) ?? false }) else {
            throw APIError.invalid("schedule", "Invalid schedule: \(s) for interval type \(intervals[code]): it takes \(shapes[code])")
        }
    }

    /// listSnapshotPolicies: by volumeid or id (one of them), the caller's volumes only.
    static func list(_ c: Call) throws(APIError) -> Reply {
        if let v = c.optional("volumeid") {
            let vol = try volume(c, v, param: "volumeid")
            try c.checkAccess(accountID: vol.accountID, domainID: vol.domainID, what: "volume \(vol.id)")
        }
        return try c.listEntities("snapshotpolicy", taggable: true) { p in
            guard let v = p["volumeid"], let vol = try? volume(c, v, param: "volumeid") else { return false }
            return (try? c.checkAccess(accountID: vol.accountID, domainID: vol.domainID, what: "")) != nil
        }
    }

    static func policy(_ c: Call, _ id: String, param: String) throws(APIError) -> Entity {
        guard let p = c.store.table("snapshotpolicy").get(id) else { throw CatalogCheck.noEntity(param, id, command: c.command) }
        let vol = try volume(c, p["volumeid"] ?? "", param: param)
        try c.checkAccess(accountID: vol.accountID, domainID: vol.domainID, what: "snapshot policy \(id)")
        return p
    }

    /// updateSnapshotPolicy: whether it is shown to the user (fordisplay); the schedule changes
    /// by creating the policy again.
    static func update(_ c: Call) throws(APIError) -> Reply {
        let p = try policy(c, try c.required("id"), param: "id")
        let display: Bool? = c.optional("fordisplay") == nil ? nil : try c.bool("fordisplay")
        return .job(JobSpec(cmd: "org.apache.cloudstack.api.command.user.snapshot.UpdateSnapshotPolicyCmd",
                            instanceType: "SnapshotPolicy", instanceID: p.id, immediateID: nil) { store, _ in
            if let display { store.table("snapshotpolicy").update(p.id) { $0.fields["fordisplay"] = .bool(display) } }
            return ["snapshotpolicy": store.tagged(try store.jobEntity("snapshotpolicy", p.id))]
        })
    }

    static func delete(_ c: Call) throws(APIError) -> Reply {
        let ids = c.list("ids") ?? c.optional("id").map { [$0] } ?? []
        guard !ids.isEmpty else { throw APIError.refused("No policy id (or list of ids) specified.") }
        var gone: [Entity] = []
        for id in ids { gone.append(try policy(c, id, param: c.optional("ids") != nil ? "ids" : "id")) }
        for p in gone {
            c.store.table("snapshotpolicy").remove(p.id)
            c.store.removeTags(resourceID: p.id) { _ in true }
        }
        return .object(["success": .bool(true)])
    }
}

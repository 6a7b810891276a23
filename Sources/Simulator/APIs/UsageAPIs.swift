import FoundationEssentials
import OrderedCollections
import Values

/// Usage (root admin; listUsageRecords for domain admins too): generateUsageRecords runs the usage job
/// (UsageRecords) over what the ledger metered, listUsageRecords shows its records as the 4.18 server
/// does, removeRawUsageRecords drops old ones.
enum UsageAPIs {
    static let handlers: [Handler] = [
        Handler("generateUsageRecords") { c throws(APIError) in
            _ = try period(c)
            if c.optional("domainid") != nil { _ = try c.entity("domain", "domainid", what: "domain") }
            UsageRecords.generate(c.store, now: c.now)
            return .object(["success": .bool(true)])
        },
        Handler("listUsageRecords") { c throws(APIError) in try list(c) },
        Handler("removeRawUsageRecords") { c throws(APIError) in
            guard let days = try c.int("interval"), days > 0 else {
                throw APIError.refused(
                    "Invalid interval value. Interval to remove cloud_usage records should be greater than 0")
            }
            // Records that ended before midnight `days` days ago, as the server's DATE_SUB(CURRENT_DATE()).
            let today = (c.now.timeIntervalSince1970 / UsageRecords.day).rounded(.down) * UsageRecords.day
            let cutoff = SimClock.cloudStackTime(
                Date(timeIntervalSince1970: today - Double(days) * UsageRecords.day)
            ).prefix(19)
            let table = c.store.table(UsageRecords.noun)
            for r in table.rows where UsageRecords.sortKey(r["enddate"] ?? "") < cutoff { table.remove(r.id) }
            return .object(["success": .bool(true)])
        },
    ]

    /// startdate and enddate (`yyyy-MM-dd`: that day's first or last second), start not after end.
    static func period(_ c: Call) throws(APIError) -> (String, String) {
        guard var start = try AlertAPIs.dateKey(c, "startdate") else {
            throw APIError.missing("startdate", command: c.command)
        }
        guard var end = try AlertAPIs.dateKey(c, "enddate") else {
            throw APIError.missing("enddate", command: c.command)
        }
        if c.optional("startdate")?.contains(" ") == false { start = String(start.prefix(10)) + "T00:00:00" }
        if c.optional("enddate")?.contains(" ") == false { end = String(end.prefix(10)) + "T23:59:59" }
        if start > end {
            throw APIError.refused(
                "Incorrect Date Range. Start date: \(javaDate(start)) is after end date:\(javaDate(end))")
        }
        return (start, end)
    }

    static func list(_ c: Call) throws(APIError) -> Reply {
        let (start, end) = try period(c)
        let store = c.store
        var accountID = c.optional("accountid")
        let projectID = c.optional("projectid")
        if projectID != nil {
            if accountID != nil { throw APIError.refused("Projectid and accountId can't be specified together") }
            _ = try c.entity(Store.projectNoun, "projectid", what: "project")
        } else if accountID == nil, let name = c.optional("account"), let domainID = c.optional("domainid") {
            guard store.isDomain(domainID, within: c.caller.domainID) else {
                throw APIError.permission("Invalid Domain Id or Account")
            }
            guard let a = store.table("account").first(where: { $0["name"] == name && $0["domainid"] == domainID })
            else {
                let seq = store.table("domain").get(domainID)?.seq ?? 0
                throw APIError.refused("Unable to find account \(name) in domain \(seq)")
            }
            accountID = a.id
        } else if let id = accountID {
            guard store.table("account").get(id) != nil else {
                throw CatalogCheck.noEntity("accountid", id, command: c.command)
            }
        }
        let recursive = try c.bool("isrecursive")
        var domainID = c.optional("domainid")
        if let d = domainID {
            guard store.table("domain").get(d) != nil else {
                throw CatalogCheck.noEntity("domainid", d, command: c.command)
            }
        }
        // Without an account, a root admin sees every account's records, anyone else their own
        // (a domain admin: the domain's with isrecursive).
        var onlyAccount = accountID
        if accountID == nil && projectID == nil && c.caller.role != .rootAdmin {
            if !recursive { onlyAccount = c.caller.accountID }
        }
        if c.caller.role == .domainAdmin {
            if let d = domainID { try c.checkDomainAccess(d) } else { domainID = c.caller.domainID }
            if let a = accountID, let acct = store.table("account").get(a),
                !store.isDomain(acct["domainid"] ?? "", within: domainID ?? "")
            {
                throw APIError.permission(
                    "Domain admins may only retrieve usage records for accounts in their own domain and child domains.")
            }
        }
        let domains: Set<String>? = domainID.map { recursive ? store.domainTree($0) : [$0] }
        let type = try c.int("type", in: 0...Int(Int32.max))
        let usageID = c.optional("usageid")
        if usageID != nil && type == nil {
            throw APIError.refused("Usageid must be specified together with usageType")
        }
        // The server answers nothing for an empty range (start equal to end).
        guard start < end else { return .list(noun: "usagerecord", items: [], total: 0) }
        let old = try c.bool("oldformat"), tags = try c.bool("includetags")
        let rows = store.table(UsageRecords.noun).rows.filter { r in
            if let projectID, r["projectid"] != projectID { return false }
            if let onlyAccount, projectID == nil, r["accountid"] != onlyAccount { return false }
            if let domains, !domains.contains(r["domainid"] ?? "") { return false }
            if let type, r["usagetype"] != String(type) { return false }
            if let usageID, r["usageid"] != usageID { return false }
            let s = UsageRecords.sortKey(r["startdate"] ?? ""), e = UsageRecords.sortKey(r["enddate"] ?? "")
            return s >= start && s <= end && e >= start && e <= end
        }
        let page = rows[try c.pageRange(count: rows.count)]
        let items: [Value] = page.map { r in
            var f = r.fields
            f.removeValue(forKey: "id")
            if old { f["description"] = f["olddescription"] }
            f.removeValue(forKey: "olddescription")
            if tags, let id = r["usageid"], case .list(let t) = store.tagsValue(id), !t.isEmpty { f["tags"] = .list(t) }
            return .record(f)
        }
        // The server counts the page it answers, not every match.
        return .list(noun: "usagerecord", items: items, total: items.count)
    }

    /// Java's Date.toString in UTC (`Tue Jan 02 00:00:00 UTC 2024`), as the server's date-range error prints it.
    static func javaDate(_ key: String) -> String {
        guard let d = SimClock.parseCloudStackTime(key) else { return key }
        let days = Int((d.timeIntervalSince1970 / UsageRecords.day).rounded(.down))
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let month = Int(key.dropFirst(5).prefix(2)) ?? 1
        return "\(weekdays[((days % 7) + 7) % 7]) \(months[max(0, min(11, month - 1))]) \(key.dropFirst(8).prefix(2)) "
            + "\(key.dropFirst(11).prefix(8)) UTC \(key.prefix(4))"
    }
}

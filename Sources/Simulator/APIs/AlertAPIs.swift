import OrderedCollections
import Values

/// Alerts (root admin): what the management server raises (a node coming up, and those raised
/// with generateAlert), newest first; archived ones leave listAlerts, deleted ones are gone.
enum AlertAPIs {
    static let noun = "alert"
    /// Archived alerts and events are kept apart, out of the lists, as the server's `archived` flag does.
    static let archivedNoun = "archivedalert"
    static let managementNode = 14

    /// The server's default alert types (AlertService.AlertType): a generated alert may not reuse one's
    /// number under another name.
    static let defaultTypes: [Int: String] = [
        0: "ALERT.MEMORY", 1: "ALERT.CPU", 2: "ALERT.STORAGE", 3: "ALERT.STORAGE.ALLOCATED",
        4: "ALERT.NETWORK.PUBLICIP",
        5: "ALERT.NETWORK.PRIVATEIP", 6: "ALERT.STORAGE.SECONDARY", 7: "ALERT.COMPUTE.HOST", 8: "ALERT.USERVM",
        9: "ALERT.SERVICE.DOMAINROUTER", 10: "ALERT.SERVICE.CONSOLEPROXY", 11: "ALERT.NETWORK.ROUTING",
        12: "ALERT.STORAGE.MISC",
        13: "ALERT.USAGE", 14: "ALERT.MANAGEMENT", 15: "ALERT.NETWORK.DOMAINROUTERMIGRATE",
        16: "ALERT.SERVICE.CONSOLEPROXYMIGRATE",
        17: "ALERT.USERVM.MIGRATE", 18: "ALERT.NETWORK.VLAN", 19: "ALERT.SERVICE.SSVM", 20: "ALERT.USAGE.RESULT",
        21: "ALERT.STORAGE.DELETE", 22: "ALERT.RESOURCE.COUNT", 23: "ALERT.USAGE.SANITY",
        24: "ALERT.NETWORK.DIRECTPUBLICIP",
        25: "ALERT.STORAGE.LOCAL", 26: "ALERT.RESOURCE.EXCEED", 27: "ALERT.TYPE.SYNC", 28: "ALERT.UPLOAD.FAILED",
    ]

    static let handlers: [Handler] = [
        Handler("listAlerts") { c throws(APIError) in
            try c.listEntities(noun, rows: Array(c.store.table(noun).rows.reversed()))
        },
        Handler("generateAlert", async: true) { c throws(APIError) in
            let name = try c.required("name"), description = try c.required("description")
            guard let type = try c.int("type", in: Int(Int16.min)...Int(Int16.max)) else {
                throw APIError.missing("type", command: c.command)
            }
            if let known = defaultTypes[type], known.lowercased() != name.lowercased() {
                throw APIError.refused("There is a default alert having type \(type) and name \(known)")
            }
            if c.optional("podid") != nil {
                let pod = try c.entity("pod", "podid", what: "pod")
                if let zone = c.optional("zoneid"), pod["zoneid"] != zone {
                    throw APIError.refused("Pod \(pod.id) does not belong to zone \(zone)")
                }
            }
            if c.optional("zoneid") != nil { _ = try c.entity("zone", "zoneid", what: "zone") }
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.admin.resource.GenerateAlertCmd", instanceType: nil,
                    instanceID: nil, immediateID: nil
                ) { store, date in
                    store.addAlert(
                        type: type, name: name, description: description, sent: SimClock.cloudStackTime(date))
                    return ["success": .bool(true)]
                })
        },
        Handler("archiveAlerts") { c throws(APIError) in
            try sweep(c, noun, what: "Alerts", archiveTo: archivedNoun, owned: false)
        },
        Handler("deleteAlerts") { c throws(APIError) in
            try sweep(c, noun, what: "Alerts", archiveTo: nil, owned: false)
        },
    ]

    /// archive/delete of alerts and events: the rows named by `ids`, of `type`, created between `startdate`
    /// and `enddate` (all given ones at once); every id must be among them (530 otherwise, nothing changed).
    /// `owned`: events, of which a user touches its own and an admin those of its domain tree.
    static func sweep(_ c: Call, _ noun: String, what: String, archiveTo: String?, owned: Bool) throws(APIError)
        -> Reply
    {
        let ids = c.list("ids"), type = c.optional("type")
        let start = try dateKey(c, "startdate"), end = try dateKey(c, "enddate")
        if ids == nil && type == nil && end == nil {
            throw APIError.refused("either ids, type or enddate must be specified")
        }
        if start != nil && end == nil { throw APIError.refused("enddate must be specified with startdate parameter") }
        let domains = c.caller.role == .user ? [] : c.store.domainTree(c.caller.domainID)
        let dateKey = owned ? "created" : "sent"
        let chosen = c.store.table(noun).rows.filter { e in
            if let ids, !ids.contains(e.id) { return false }
            if let type, e["type"]?.lowercased() != type.lowercased() { return false }
            let when = String((e[dateKey] ?? "").prefix(19))
            if let start, when < start { return false }
            if let end, when > end { return false }
            if owned {
                if c.caller.role == .user {
                    return e["account"] == c.caller.account && e["domainid"] == c.caller.domainID
                }
                return domains.contains(e["domainid"] ?? "")
            }
            return true
        }
        if let ids, chosen.count < Set(ids).count {
            throw APIError.internalError(
                "Unable to \(archiveTo == nil ? "delete" : "archive") \(what), one or more parameters has invalid values"
            )
        }
        for e in chosen {
            c.store.table(noun).remove(e.id)
            if let archiveTo { c.store.table(archiveTo).insert(Entity(id: e.id, fields: e.fields)) }
        }
        return .object(["success": .bool(true)])
    }

    /// A date parameter (`yyyy-MM-dd` is that day's midnight, or `yyyy-MM-dd HH:mm:ss`) as the
    /// sortable text `created` starts with.
    static func dateKey(_ c: Call, _ name: String) throws(APIError) -> String? {
        guard let v = c.optional(name) else { return nil }
        let parts = v.split(separator: " ").map(String.init)
        let digits = parts[0].split(separator: "-")
        guard digits.count == 3, digits.allSatisfy({ Int($0) != nil }), parts.count <= 2 else {
            throw APIError.invalid(name, "'\(v)' is not a date (yyyy-MM-dd or yyyy-MM-dd HH:mm:ss)")
        }
        let time = parts.count == 2 ? parts[1] : "00:00:00"
        guard time.split(separator: ":").count == 3 else {
            throw APIError.invalid(name, "'\(v)' is not a date (yyyy-MM-dd or yyyy-MM-dd HH:mm:ss)")
        }
        return parts[0] + "T" + time
    }
}

import OrderedCollections
import Values

/// Resource details (key/value metadata the server keeps per resource, apart from tags):
/// addResourceDetail (a key given again takes the new value), removeResourceDetail (one key, or
/// all), listResourceDetails, each shown with its resource's owner. Users manage their own resources'.
enum ResourceDetailAPIs {
    static let noun = "resourcedetail"
    static let cmdPrefix = "org.apache.cloudstack.api.command.user.volume."

    static let handlers: [Handler] = [
        Handler("addResourceDetail", async: true) { c throws(APIError) in
            let (type, id, owner) = try resource(c)
            let details = try details(c, required: true)
            let display = try c.bool("fordisplay", default: true)
            return .job(
                JobSpec(cmd: cmdPrefix + "AddResourceDetailCmd", instanceType: nil, instanceID: nil, immediateID: nil) {
                    store, _ in
                    for (k, v) in details {
                        var f: Record = [
                            "resourceid": .string(id), "resourcetype": .string(type), "key": .string(k),
                            "value": .string(v),
                            "fordisplay": .bool(display),
                        ]
                        f.merge(owner, uniquingKeysWith: { $1 })
                        store.table(noun).put(Entity(id: "\(type)/\(id)/\(k)", fields: f))
                    }
                    return ["success": .bool(true)]
                })
        },
        Handler("removeResourceDetail", async: true) { c throws(APIError) in
            let (type, id, _) = try resource(c)
            let key = c.optional("key")
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "RemoveResourceDetailCmd", instanceType: nil, instanceID: nil, immediateID: nil
                ) { store, _ in
                    for d in store.table(noun).rows
                    where d["resourcetype"] == type && d["resourceid"] == id && (key == nil || d["key"] == key) {
                        store.table(noun).remove(d.id)
                    }
                    return ["success": .bool(true)]
                })
        },
        Handler("listResourceDetails") { c throws(APIError) in
            let type = try resourceType(c)
            let rid = c.optional("resourceid"), key = c.optional("key"), value = c.optional("value")
            let display = c.optional("fordisplay").map { $0.lowercased() == "true" }
            // The root admin sees every resource's details, zones' and offerings' included.
            let reply = try c.listEntities(noun, owned: c.caller.role != .rootAdmin) { d in
                d["resourcetype"] == type && (rid == nil || d["resourceid"] == rid) && (key == nil || d["key"] == key)
                    && (value == nil || d["value"] == value)
                    && (display == nil || (d["fordisplay"] == "true") == display)
            }
            guard case .list(let n, let items, let total) = reply else { return reply }
            // fordisplay filters the list but is not part of the answer.
            return .list(
                noun: n,
                items: items.map { $0.record.map { Value.record($0.filter { $0.key != "fordisplay" }) } ?? $0 },
                total: total)
        },
    ]

    static func resourceType(_ c: Call) throws(APIError) -> String {
        let raw = try c.required("resourcetype")
        guard let type = TagAPIs.types.first(where: { $0.lowercased() == raw.lowercased() }) else {
            throw APIError.invalid("resourcetype", "'\(raw)' is not one of \(TagAPIs.types.joined(separator: ", "))")
        }
        return type
    }

    /// The resource a call names, its type as the server spells it, and its owner's fields (the caller must own it).
    static func resource(_ c: Call) throws(APIError) -> (String, String, Record) {
        let type = try resourceType(c)
        let id = try c.required("resourceid")
        guard TagAPIs.exists(type, id, c.store) else {
            throw APIError.refused("Unable to find resource by id \(id) and type \(type)")
        }
        var owner: Record = [:]
        if let vm = c.store.vms[id: id] {
            owner = ["account": .string(vm.account), "domainid": .string(vm.domainID), "domain": .string(vm.domain)]
            try c.checkAccess(accountID: vm.accountID, domainID: vm.domainID, what: "\(type) \(id)")
        } else if let e = c.store.tables.values.lazy.compactMap({ $0.get(id) }).first {
            owner = Store.ownerFields(of: e.fields)
            if e["account"] != nil {
                try c.checkAccess(account: e["account"], domainID: e["domainid"], what: "\(type) \(id)")
            } else if c.caller.role != .rootAdmin {
                throw c.denied("\(type) \(id)")
            }
        }
        return (type, id, owner)
    }

    /// A `details` map as key/value pairs: details[0].key=K&details[0].value=V (or details[0].K=V).
    static func details(_ c: Call, required: Bool) throws(APIError) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for entry in c.params.map("details") {
            if let k = entry["key"] {
                pairs.append((k, entry["value"] ?? ""))
            } else {
                pairs += entry.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            }
        }
        if required && pairs.isEmpty { throw APIError.missing("details", command: c.command) }
        return pairs
    }
}

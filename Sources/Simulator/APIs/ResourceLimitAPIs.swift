import Values

/// Resource limits and counts (State/ResourceLimits.swift): listed and set per account, domain or
/// project, counted from what each owns, enforced when a VM is deployed.
enum ResourceLimitAPIs {
    static let handlers: [Handler] = [
        Handler("listResourceLimits") { c throws(APIError) in
            let owner = try limitOwner(c, forList: true)
            let types = try requestedTypes(c).map { [$0] } ?? ResourceTypes.types(for: owner)
            let items = types.map { render(c.store, owner, $0) }
            let range = try c.pageRange(count: items.count)
            return .list(noun: "resourcelimit", items: Array(items[range]), total: items.count)
        },
        Handler("updateResourceLimit") { c throws(APIError) in
            let owner = try limitOwner(c, forList: false)
            guard let type = try requestedTypes(c) else { throw APIError.missing("resourcetype", command: c.command) }
            let max = try c.int("max", in: Int(Int64.min)...Int(Int64.max)) ?? -1
            guard max >= -1 else {
                throw APIError.refused("Please specify either '-1' for an infinite limit, or a limit that is at least '0'.")
            }
            switch owner {
            case .account(let a) where a["accounttype"] == "1":
                throw APIError.refused("Can't update limits for the root admin account \(a["name"] ?? "")")
            case .domain(let d):
                if d["level"] == "0" { throw APIError.refused("Cannot update resource limit for ROOT domain \(d.seq)") }
                if c.caller.role != .rootAdmin, d.id == c.caller.domainID {
                    throw APIError.permission("Cannot update resource limit for domain \(d["name"] ?? "") as you are its domain admin")
                }
                if let parentID = d["parentdomainid"], let parent = c.store.table("domain").get(parentID) {
                    let parentMax = c.store.limit(.domain(parent), type)
                    if parentMax >= 0, max > parentMax {
                        throw APIError.refused("Domain \(d["name"] ?? "")(id: \(parent.seq)) has maximum allowed resource limit "
                            + "\(parentMax) for \(ResourceTypes.names[type]), please specify a value less that or equal to \(parentMax)")
                    }
                }
            default: break
            }
            c.store.table(Store.limitNoun).insert(Entity(id: "\(owner.key)/\(type)", fields: ["max": .int(max)]))
            return .object(["resourcelimit": render(c.store, owner, type)])
        },
        Handler("updateResourceCount") { c throws(APIError) in
            let owner = try limitOwner(c, forList: false)
            let types = try requestedTypes(c).map { [$0] } ?? ResourceTypes.types(for: owner)
            let items: [Value] = types.map { type in
                var r = ownerFields(owner)
                r["resourcetype"] = .string(String(type))
                r["resourcetypename"] = .string(ResourceTypes.names[type])
                r["resourcecount"] = .int(c.store.count(owner, type))
                return .record(r)
            }
            return .list(noun: "resourcecount", items: items, total: items.count)
        },
    ]

    /// `resourcetype` (a number) or `resourcetypename`; nil when neither is given.
    static func requestedTypes(_ c: Call) throws(APIError) -> Int? {
        if let t = try c.int("resourcetype") {
            guard ResourceTypes.names.indices.contains(t) else {
                throw APIError.refused("Please specify valid resource type")
            }
            return t
        }
        if let name = c.optional("resourcetypename") {
            guard let t = ResourceTypes.names.firstIndex(of: name.lowercased()) else {
                throw APIError.refused("Please specify valid resource type name")
            }
            return t
        }
        return nil
    }

    /// projectid, else account (in domainid, else the caller's domain), else domainid, else the caller's own account.
    /// A user only ever sees its own account's limits; changing limits is for admins (APIAccess).
    static func limitOwner(_ c: Call, forList: Bool) throws(APIError) -> LimitOwner {
        if let pid = c.optional("projectid") {
            guard let p = c.store.table("project").get(pid) else { throw CatalogCheck.noEntity("projectid", pid, command: c.command) }
            if c.caller.role != .rootAdmin { try Generic.checkOwner(c, p) }
            return .project(p)
        }
        let own = { () throws(APIError) -> LimitOwner in
            guard let a = c.store.table("account").get(c.caller.accountID) else { throw APIError.unauthorized }
            return .account(a)
        }
        if c.caller.role == .user, forList { return try own() }
        if let name = c.optional("account") {
            let domainID = c.optional("domainid") ?? c.caller.domainID
            guard let a = c.store.table("account").first(where: { $0["name"] == name && $0["domainid"] == domainID }) else {
                throw APIError.invalid("account", "Unable to find account by name \(name) in domain \(domainID)")
            }
            try c.checkAccess(accountID: a.id, domainID: domainID, what: "account \(name)")
            return .account(a)
        }
        if let domainID = c.optional("domainid") {
            guard let d = c.store.table("domain").get(domainID) else {
                throw APIError.invalid("domainid", "Unable to find domain by id \(domainID)")
            }
            try c.checkDomainAccess(domainID)
            return .domain(d)
        }
        return try own()
    }

    static func ownerFields(_ owner: LimitOwner) -> Record {
        switch owner {
        case .account(let a):
            ["account": a.fields["name"] ?? .string(""), "domainid": a.fields["domainid"] ?? .string(""),
             "domain": a.fields["domain"] ?? .string("")]
        case .domain(let d):
            ["domainid": .string(d.id), "domain": d.fields["name"] ?? .string("")]
        case .project(let p):
            ["projectid": .string(p.id), "project": p.fields["name"] ?? .string(""), "domainid": p.fields["domainid"] ?? .string(""),
             "domain": p.fields["domain"] ?? .string("")]
        }
    }

    /// A limit as the server answers it: `resourcetype` is text ("0"), `max` a number (storage in GiB).
    static func render(_ store: Store, _ owner: LimitOwner, _ type: Int) -> Value {
        var r = ownerFields(owner)
        r["resourcetype"] = .string(String(type))
        r["resourcetypename"] = .string(ResourceTypes.names[type])
        r["max"] = .int(store.limit(owner, type))
        return .record(r)
    }
}

import APICatalog
import Values

/// How the generic engine builds a new entity and finds the one an update/delete names.
extension Generic {
    /// A new entity: its response fields filled from the parameters (`ResponseFill`), plus id,
    /// owner (account, domain, or the project when `projectid` is given), created and state.
    static func create(_ c: Call, _ api: API, _ fam: Family) throws(APIError) -> Entity {
        let fields = Set(api.responseFields)
        // Some creates take the id (addRegion): the caller's numbering, unique in the family.
        var f: Record = [:]
        let id: String
        if let p = api.param(named: "id"), p.required, let given = c.optional("id") {
            if c.store.table(fam.table).get(given) != nil { throw APIError.invalid("id", "\(fam.key) with id \(given) already exists") }
            (id, f["id"]) = (given, ResponseFill.typed(given, p.type))
        } else {
            id = c.store.newID()
            f["id"] = .string(id)
        }
        ResponseFill.fill(&f, api: api, params: c.params, store: c.store, update: false)
        for shown in ["displaytext", "displayname"] where fields.contains(shown) && f[shown] == nil { f[shown] = f["name"] }
        if let pid = c.optional("projectid"), fields.contains("projectid") {
            guard let owner = ResponseFill.projectOwner(api, c.params, c.store) else {
                throw CatalogCheck.noEntity("projectid", pid, command: c.command)
            }
            f.merge(owner, uniquingKeysWith: { $1 })
        } else if fam.owned || api.param(named: "account") != nil {
            let o = try c.owner()
            if fields.contains("account") { f["account"] = .string(o.account) }
            if fields.contains("domainid") { f["domainid"] = .string(o.domainID) }
            if fields.contains("domain") { f["domain"] = .string(o.domain) }
            if fields.contains("owner") {  // a project: its owner account, which decides who sees it
                f["owner"] = .list([.record(["account": .string(o.account), "accountid": .string(o.accountID)])])
            }
        } else if let d = c.optional("domainid"), fields.contains("domainid") {
            // Offerings and the like: the domains they are restricted to, as given.
            f["domainid"] = .string(d)
            if fields.contains("domain") { f["domain"] = .string(d.split(separator: ",").compactMap { c.store.name(ofID: String($0)) }.joined(separator: ",")) }
        }
        for (k, v) in Families.defaults(fam) where f[k] == nil { f[k] = v }
        if c.optional("zoneid") == "-1", fields.contains("crossZones") {  // every zone
            f["crossZones"] = .bool(true)
            f["zoneid"] = nil
        }
        if fields.contains("created") { f["created"] = .string(c.created) }
        if fields.contains("state"), f["state"] == nil { f["state"] = .string(Families.initialState(fam)) }
        if fields.contains("fordisplay"), f["fordisplay"] == nil { f["fordisplay"] = .bool(true) }
        if fields.contains("hasannotations") { f["hasannotations"] = .bool(false) }
        return Entity(id: id, fields: f)
    }

    /// The entity an update/delete/state call names: by `id` (or `<noun>id`, as deleteVMSnapshot's
    /// `vmsnapshotid`), else by its required parameters naming fields (removeVpnUser's `username`).
    /// The entities a delete names: each of `ids` when the API takes a list, else the one target.
    static func targets(_ c: Call, _ api: API, _ fam: Family) throws(APIError) -> [Entity] {
        guard api.param(named: "ids") != nil, let ids = c.list("ids"), c.optional("id") == nil else { return [try target(c, api, fam)] }
        var found: [Entity] = []
        for id in ids {
            guard let e = c.store.table(fam.table).get(id) else { throw CatalogCheck.noEntity("ids", id, command: c.command) }
            try checkOwner(c, e)
            found.append(e)
        }
        return found
    }

    static func target(_ c: Call, _ api: API, _ fam: Family) throws(APIError) -> Entity {
        let table = c.store.table(fam.table)
        // `id`, `<noun>id`, else a uuid parameter pointing at no other family (updateRolePermission's `ruleid`).
        let idParams = ["id", fam.table + "id"].compactMap { api.param(named: $0) }
            + api.params.filter { $0.type == "uuid" && $0.name.lowercased() != "id" && referencedTable($0) == nil }
        for p in idParams {
            guard let id = c.optional(p.name) else { continue }
            guard let e = table.get(id) else { throw CatalogCheck.noEntity(p.name, id, command: c.command) }
            try checkOwner(c, e)
            return e
        }
        let keys = api.params.filter { $0.required && !ResponseFill.ownerParams.contains($0.name.lowercased()) }
        guard !keys.isEmpty else { throw APIError.missing("id", command: c.command) }
        let project = c.optional("projectid")
        let owner = fam.owned && project == nil ? try c.owner() : nil
        let found = table.rows.first { e in
            keys.allSatisfy { k in e[k.name] != nil && e[k.name] == c.optional(k.name) }
                && (project.map { e["projectid"] == $0 } ?? true)
                && (owner.map { e["account"] == $0.account && e["domainid"] == $0.domainID } ?? true)
        }
        guard let e = found else {
            let given = keys.map { "\($0.name)=\(c.optional($0.name) ?? "")" }.joined(separator: ", ")
            throw APIError.invalid(keys[0].name, "Unable to find \(fam.key) with \(given)")
        }
        return e
    }

    /// Unowned entities with owners (projects) show to their owner accounts, domain admins of their
    /// domain tree and the root admin.
    static func visibleOwnerList(_ c: Call, _ e: Entity) -> Bool {
        guard let owners = e.fields["owner"]?.list else { return true }
        switch c.caller.role {
        case .rootAdmin: return true
        case .domainAdmin: return c.store.isDomain(e["domainid"] ?? "", within: c.caller.domainID)
        case .user: return owners.contains { $0[field: "accountid"]?.plainText == c.caller.accountID }
        }
    }

    /// Someone else's entity is out of reach (531), as for the hand-written families.
    static func checkOwner(_ c: Call, _ e: Entity) throws(APIError) {
        if !visibleOwnerList(c, e) { throw c.denied("\(e["name"] ?? e.id)") }
        // A project's resource: for its members (and the admins above the project).
        if let pid = e["projectid"], let p = c.store.table(Store.projectNoun).get(pid), !ProjectAPIs.visible(c, p) {
            throw c.denied("\(e["name"] ?? e.id)")
        }
        guard e["account"] != nil else { return }
        try c.checkAccess(account: e["account"], domainID: e["domainid"], what: "\(e["name"] ?? e.id)")
    }

    /// Every uuid parameter naming a stored kind of thing must name one that exists, as the
    /// server's dispatcher checks before the command runs (zoneid, vpcid, networkid...).
    static func checkReferences(_ c: Call, _ api: API) throws(APIError) {
        for p in api.params where p.type == "uuid" && p.name.lowercased() != "id" {
            // -1 stands for "all" (zoneid=-1: every zone; projectid=-1: every project).
            guard let value = c.optional(p.name), value != "-1", let table = referencedTable(p) else { continue }
            let exists: Bool
            if table == "virtualmachine" {
                exists = c.store.vms[id: value] != nil
            } else if table == "volume", c.store.vms.owner(ofRootVolume: value) != nil {
                exists = true  // a root volume lives with its VM
            } else if let t = c.store.tables[table] {
                exists = t.get(value) != nil
            } else {
                continue  // a kind this cloud has never held: nothing to check against
            }
            if !exists { throw CatalogCheck.noEntity(p.name, value, command: c.command) }
        }
    }

    /// The table an id parameter points into: its own noun (`vpcofferingid` -> vpcoffering),
    /// else the first related list API (`aclid` -> listNetworkACLLists -> networkacllist).
    static func referencedTable(_ p: APIParam) -> String? {
        let base = String(p.name.lowercased().dropLast(2))
        guard p.name.lowercased().hasSuffix("id"), !base.isEmpty else { return nil }
        if let fam = Families.byNoun[base] { return fam.table }
        for name in p.related where name.hasPrefix("list") {
            if let key = Catalog.bundled.api(named: name)?.listItemKey { return key.lowercased() }
        }
        return nil
    }
}

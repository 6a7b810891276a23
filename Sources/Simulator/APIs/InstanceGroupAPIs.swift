import Values
import OrderedCollections

/// Instance groups, as UserVmManagerImpl and QueryManagerImpl keep them: a name unique per owner
/// (an account, or a project), listed with the owner filters and a substring match on the name.
/// A VM joins one by name (deployVirtualMachine/updateVirtualMachine `group`, which makes the group
/// when its owner has none of that name), so renaming and deleting a group act on its VMs too.
enum InstanceGroupAPIs {
    static let noun = "instancegroup"

    static let handlers: [Handler] = [
        Handler("createInstanceGroup") { c throws(APIError) in
            let name = try c.required("name")
            let owner = try groupOwner(c)
            if c.store.instanceGroup(named: name, account: owner.key, domainID: owner.domainID) != nil {
                // The server's words, its spelling and the owner's internal id included.
                throw APIError.refused(
                    "Unable to create vm group, a group with name \(name) already exisits for account \(owner.seq)")
            }
            let g = c.store.insertInstanceGroup(name, owner: owner.fields, created: c.created)
            return .object(["instancegroup": .record(g.fields)])
        },
        Handler("listInstanceGroups") { c throws(APIError) in
            // name and keyword both match part of the name (LIKE %x%), not the whole of it.
            let parts = [c.optional("name"), c.optional("keyword")].compactMap { $0?.lowercased() }
            return try c.without(["name", "keyword"]).listEntities(noun, owned: true) { g in
                let name = g["name"]?.lowercased() ?? ""
                return parts.allSatisfy { name.contains($0) }
            }
        },
        Handler("updateInstanceGroup") { c throws(APIError) in
            let g = try group(c)
            if let name = c.optional("name"), name != g["name"] {
                if c.store.instanceGroup(named: name, account: Store.groupOwnerKey(g), domainID: g["domainid"] ?? "")
                    != nil
                {
                    throw APIError.refused("Unable to update instance group, a group with name \(name) already exists")
                }
                rename(g, to: name, c.store)
            }
            return .object(["instancegroup": .record(c.store.table(noun).get(g.id)!.fields)])
        },
        Handler("deleteInstanceGroup") { c throws(APIError) in
            let g = try group(c)
            rename(g, to: nil, c.store)
            c.store.table(noun).remove(g.id)
            return .object(["success": .bool(true)])
        },
    ]

    /// Whom a new group belongs to, as finalizeOwner decides: the project's account with projectid
    /// (never together with account and domainid), else the caller or the account an admin names.
    static func groupOwner(_ c: Call) throws(APIError) -> (key: String, domainID: String, seq: Int, fields: Record) {
        if c.optional("projectid") != nil {
            if c.optional("account") != nil, c.optional("domainid") != nil {
                throw APIError.refused("ProjectId and account/domainId can't be specified together")
            }
            let p = try ProjectAPIs.project(c, "projectid", admin: false)
            return (Store.projectOwnerKey(p.id), p["domainid"] ?? "", p.seq, Store.projectOwnerFields(p))
        }
        let o = try c.owner()
        let seq = c.store.table("account").get(o.accountID)?.seq ?? 0
        return (o.account, o.domainID, seq, try c.ownerFields())
    }

    static func group(_ c: Call) throws(APIError) -> Entity {
        let id = try c.required("id")
        guard let g = c.store.table(noun).get(id) else {
            throw CatalogCheck.noEntity("id", id, command: c.command)
        }
        let what = "instance group \(g["name"] ?? g.id)"
        if let project = g["projectid"] {
            try c.checkAccess(accountID: project, domainID: g["domainid"] ?? "", what: what)
        } else {
            try c.checkAccess(account: g["account"], domainID: g["domainid"], what: what)
        }
        return g
    }

    /// The group's VMs follow it to its new name, or leave it (nil).
    static func rename(_ g: Entity, to name: String?, _ store: Store) {
        let key = Store.groupOwnerKey(g)
        let members = store.vms.live.filter {
            $0.group == g["name"] && $0.account == key && $0.domainID == g["domainid"]
        }
        for vm in members { store.vms.update(vm.id) { $0.group = name } }
        if let name { store.table(noun).update(g.id) { $0.fields["name"] = .string(name) } }
    }
}

extension Store {
    /// The owner key a group is found by: its account's name, or a project's key (`projectOwnerKey`),
    /// the same key its project's VMs carry as their account.
    static func groupOwnerKey(_ g: Entity) -> String {
        g["projectid"].map(projectOwnerKey) ?? g["account"] ?? ""
    }

    /// The group named so of this owner (`account` is an account name or a project's owner key).
    func instanceGroup(named name: String, account: String, domainID: String) -> Entity? {
        table(InstanceGroupAPIs.noun).first {
            $0["name"] == name && Self.groupOwnerKey($0) == account && $0["domainid"] == domainID
        }
    }

    @discardableResult
    func insertInstanceGroup(_ name: String, owner: Record, created: String) -> Entity {
        var f: Record = ["name": .string(name), "created": .string(created)]
        f.merge(owner, uniquingKeysWith: { $1 })
        f["hasannotations"] = .bool(false)
        return insert(InstanceGroupAPIs.noun, f)
    }

    /// The owner's group of this name, made when missing (as deploy with `group` does); a project's
    /// VMs carry the project's key as their account, and their groups are the project's.
    func ensureInstanceGroup(_ name: String, account: String, domainID: String, domain: String, created: String) {
        guard instanceGroup(named: name, account: account, domainID: domainID) == nil else { return }
        let projectPrefix = Self.projectOwnerKey("")
        if account.hasPrefix(projectPrefix),
            let p = table(Self.projectNoun).get(String(account.dropFirst(projectPrefix.count)))
        {
            insertInstanceGroup(name, owner: Self.projectOwnerFields(p), created: created)
        } else {
            let owner: Record = ["account": .string(account), "domainid": .string(domainID), "domain": .string(domain)]
            insertInstanceGroup(name, owner: owner, created: created)
        }
    }
}

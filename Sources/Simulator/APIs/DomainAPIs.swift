import Values
import OrderedCollections

/// Domains: the tree accounts live in. Root admins create, rename and delete them;
/// domain admins list their own sub-tree.
enum DomainAPIs {
    static let handlers: [Handler] = [
        Handler("listDomains") { c throws(APIError) in
            let reach = c.caller.role == .rootAdmin ? nil : c.store.domainTree(c.caller.domainID)
            let level = try c.int("level")
            let page = try c.listEntities("domain", idNamesRecord: false) { d in
                (reach?.contains(d.id) ?? true) && (level == nil || d["level"] == level.map(String.init))
            }
            return withLimits(page, c.store)
        },
        Handler("listDomainChildren") { c throws(APIError) in
            let parent = c.optional("id") ?? c.caller.domainID
            try c.checkDomainAccess(parent)
            let tree = try c.bool("isrecursive") ? c.store.domainTree(parent) : []
            let page = try c.listEntities("domain", idNamesRecord: false) { d in
                d.id != parent && (d["parentdomainid"] == parent || tree.contains(d.id))
            }
            return withLimits(page, c.store)
        },
        Handler("createDomain") { c throws(APIError) in
            let name = try c.required("name")
            let parentID = c.optional("parentdomainid") ?? c.caller.domainID
            guard let parent = c.store.table("domain").get(parentID) else {
                throw APIError.invalid("parentdomainid", "Unable to find domain by id \(parentID)")
            }
            if c.store.table("domain").first(where: {
                $0["parentdomainid"] == parentID && $0["name"]?.lowercased() == name.lowercased()
            }) != nil {
                throw APIError.invalid("name", "Domain with name \(name) already exists for the parent id=\(parentID)")
            }
            return .object(["domain": .record(c.store.addDomain(name: name, parent: parent, created: c.created).fields)]
            )
        },
        Handler("updateDomain") { c throws(APIError) in
            let d = try c.entity("domain", "id", what: "domain")
            if let name = c.optional("name") {
                guard d["level"] != "0" else { throw APIError.invalid("id", "The ROOT domain cannot be renamed") }
                let oldPath = d["path"] ?? "",
                    newPath = oldPath.split(separator: "/").dropLast().joined(separator: "/") + "/" + name
                for e in c.store.table("domain").rows
                where e["path"] == oldPath || (e["path"] ?? "").hasPrefix(oldPath + "/") {
                    c.store.table("domain").update(e.id) {
                        $0.fields["path"] = .string(newPath + (e["path"] ?? "").dropFirst(oldPath.count))
                    }
                }
                c.store.table("domain").update(d.id) { $0.fields["name"] = .string(name) }
            }
            return .object(["domain": .record(c.store.table("domain").get(d.id)!.fields)])
        },
        Handler("deleteDomain", async: true) { c throws(APIError) in
            let d = try c.entity("domain", "id", what: "domain")
            guard d["level"] != "0" else { throw APIError.invalid("id", "The ROOT domain cannot be deleted") }
            let tree = c.store.domainTree(d.id)
            let accounts = c.store.table("account").rows.filter { tree.contains($0["domainid"] ?? "") }
            let cleanup = try c.bool("cleanup")
            if !cleanup, !accounts.isEmpty || tree.count > 1 {
                throw APIError.inUse(
                    "Can't delete the domain yet because it has \(accounts.count) account(s) and \(tree.count - 1) "
                        + "sub-domain(s); delete them first or pass cleanup=true")
            }
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.admin.domain.DeleteDomainCmd", instanceType: "Domain",
                    instanceID: d.id, immediateID: nil
                ) { store, _ in
                    for a in accounts { if let live = store.table("account").get(a.id) { store.removeAccount(live) } }
                    for id in tree { store.table("domain").remove(id) }
                    if let parent = d["parentdomainid"] {
                        let hasChild = store.table("domain").first { $0["parentdomainid"] == parent } != nil
                        store.table("domain").update(parent) { $0.fields["haschild"] = .bool(hasChild) }
                    }
                    return ["success": .bool(true)]
                })
        },
    ]

    /// A page of domains with their counts and limits (drawn for the page only).
    static func withLimits(_ page: Reply, _ store: Store) -> Reply {
        store.rerender(page) { store, d in
            var f = d.fields
            f.merge(store.limitFields(.domain(d)), uniquingKeysWith: { $1 })
            return .record(f)
        }
    }
}

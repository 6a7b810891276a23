import Values

/// Who may use a template or ISO: its flags (ispublic, isfeatured, isextractable) and its
/// launch permissions, accounts and projects it is shared with (one `launchpermission` row
/// each, as the server's launch_permission table).
enum ImagePermissionAPIs {
    static let handlers: [Handler] = [
        Handler("updateTemplatePermissions") { c throws(APIError) in try update(.template, c) },
        Handler("updateIsoPermissions") { c throws(APIError) in try update(.iso, c) },
        Handler("listTemplatePermissions") { c throws(APIError) in try list(.template, c) },
        Handler("listIsoPermissions") { c throws(APIError) in try list(.iso, c) },
    ]

    static let noun = "launchpermission"

    /// The images shared with the caller's account.
    static func sharedWith(_ caller: Caller, store: Store) -> [String] {
        store.table(noun).rows.filter { $0["accountid"] == caller.accountID }.compactMap { $0["imageid"] }
    }

    /// updateTemplatePermissions/updateIsoPermissions: flags, and `accounts`/`projectids` with
    /// op=add, remove or reset (reset takes none and clears the list).
    static func update(_ kind: ImageKind, _ c: Call) throws(APIError) -> Reply {
        let image = try ImageChangeAPIs.owned(kind, c)
        let name = image["name"] ?? image.id
        if image["templatetype"] == "SYSTEM" || image["templatetype"] == "BUILTIN", !c.caller.isAdmin {
            throw APIError.permission("Unable to change the permissions of the built-in \(kind.label) \(name)")
        }
        if c.optional("isfeatured") != nil, !c.caller.isAdmin {
            throw APIError.permission("Only root admins may change whether \(kind.label) \(name) is featured")
        }
        let accounts = c.list("accounts") ?? []
        let projects = c.list("projectids") ?? []
        let op = c.optional("op")?.lowercased()
        if !accounts.isEmpty && !projects.isEmpty {
            throw APIError.invalid("accounts", "Please specify either accounts or projectids, not both")
        }
        if (!accounts.isEmpty || !projects.isEmpty), op == nil {
            throw APIError.invalid("op", "op is required with accounts or projectids: add, remove or reset")
        }
        if let op, !["add", "remove", "reset"].contains(op) {
            throw APIError.invalid("op", "Invalid operation '\(op)': use add, remove or reset")
        }
        if op == "reset", !accounts.isEmpty || !projects.isEmpty {
            throw APIError.invalid("op", "op=reset takes no accounts or projectids: it removes every launch permission")
        }
        // Accounts are looked up in the image owner's domain, as the server does.
        let domainID = image["domainid"] ?? c.caller.domainID
        var targets: [(key: String, id: String)] = []
        for a in accounts {
            guard let acct = c.store.table("account").first(where: { $0["name"] == a && $0["domainid"] == domainID }) else {
                throw APIError.refused("Unable to grant a launch permission to account \(a) in domain id=\(domainID), account not found. "
                    + "No permissions updated, please verify the account names and retry.")
            }
            targets.append(("accountid", acct.id))
        }
        for p in projects {
            guard c.store.table("project").get(p) != nil else { throw CatalogCheck.noEntity("projectids", p, command: c.command) }
            targets.append(("projectid", p))
        }
        var flags: Record = [:]
        for f in ["ispublic", "isfeatured", "isextractable"] where c.optional(f) != nil { flags[f] = .bool(try c.bool(f)) }
        c.store.table(kind.table).update(image.id) { $0.fields.merge(flags, uniquingKeysWith: { $1 }) }
        let table = c.store.table(noun)
        let existing = table.rows.filter { $0["imageid"] == image.id }
        switch op {
        case "reset"?:
            for p in existing { table.remove(p.id) }
        case "remove"?:
            for p in existing where targets.contains(where: { p[$0.key] == $0.id }) { table.remove(p.id) }
        case "add"?:
            for t in targets where !existing.contains(where: { $0[t.key] == t.id }) {
                c.store.insert(noun, ["imageid": .string(image.id), t.key: .string(t.id)])
            }
        default: break
        }
        return .object(["success": .bool(true)])
    }

    /// listTemplatePermissions/listIsoPermissions: the flags and who it is shared with.
    static func list(_ kind: ImageKind, _ c: Call) throws(APIError) -> Reply {
        let image = try ImageChangeAPIs.owned(kind, c)
        let rows = c.store.table(noun).rows.filter { $0["imageid"] == image.id }
        let accounts = rows.compactMap { $0["accountid"] }.compactMap { c.store.table("account").get($0)?.fields["name"] }
        let projects = rows.compactMap { $0["projectid"] }.map(Value.string)
        var r: Record = ["id": .string(image.id), "ispublic": image.fields["ispublic"] ?? .bool(false)]
        r["domainid"] = image.fields["domainid"]
        r["account"] = .list(accounts)
        r["projectids"] = .list(projects)
        return .object(["templatepermission": .record(r)])
    }
}

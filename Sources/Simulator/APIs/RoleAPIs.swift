import APICatalog
import Values
import OrderedCollections

/// Dynamic roles and their rules (see State/Roles.swift for how a call is checked against them).
/// The four default roles are immutable, as on the server; their rules are the APIs their type
/// may call, listed as the server lists them.
enum RoleAPIs {
    static let roleTypes = ["Admin", "ResourceAdmin", "DomainAdmin", "User"]

    static let handlers: [Handler] = [
        Handler("createRole") { c throws(APIError) in
            let name = try c.required("name")
            let type: String
            var rules: [Entity] = []
            switch (c.optional("type"), c.optional("roleid")) {
            case (nil, nil): throw APIError.refused("Neither role type nor role ID is provided")
            case (.some, .some): throw APIError.refused("Both role type and role ID should not be specified")
            case (let t?, nil): type = try roleType(t)
            case (nil, let id?):
                let source = try role(c, id, param: "roleid")
                type = source["type"] ?? "User"
                rules = c.store.rules(ofRole: source.id)
            }
            var f: Record = ["name": .string(name), "type": .string(type)]
            if let d = c.optional("description") { f["description"] = .string(d) }  // not given, not invented
            f["isdefault"] = .bool(false)
            let r = c.store.insert(Store.roleNoun, f)
            // Cloned from another role: its rules too, in their order.
            for (i, rule) in rules.enumerated() {
                addRule(
                    c.store, role: r, rule: rule["rule"] ?? "", permission: rule["permission"] ?? "deny",
                    description: rule["description"] ?? "", order: i)
            }
            return .object(["role": .record(r.fields)])
        },
        Handler("listRoles") { c throws(APIError) in
            let name = c.optional("name")?.lowercased(), type = c.optional("type")
            if let type { _ = try roleType(type) }
            // Admin roles show to root admins only.
            let rows = c.store.table(Store.roleNoun).rows.filter { r in
                (c.caller.role == .rootAdmin || r["type"] != "Admin")
                    && (name.map { r["name"]?.lowercased().contains($0) ?? false } ?? true)
                    && (type.map { r["type"] == $0 } ?? true)
            }
            var params = c.params  // matched above (name is a part, as the server's LIKE)
            params.replace("name", with: "")
            params.replace("type", with: "")
            return try c.with(params: params).listEntities(Store.roleNoun, rows: rows)
        },
        Handler("updateRole") { c throws(APIError) in
            let r = try role(c, try c.required("id"), param: "id")
            if r["isdefault"] == "true" { throw APIError.permission("Default roles cannot be updated") }
            var f = r.fields
            if let name = c.optional("name"), !name.isEmpty { f["name"] = .string(name) }
            if let description = c.optional("description"), !description.isEmpty {
                f["description"] = .string(description)
            }
            if let t = c.optional("type") {
                let type = try roleType(t)
                if type != r["type"], inUse(c.store, r) {
                    throw APIError.permission("Found accounts that have role in use, won't allow to change role type")
                }
                f["type"] = .string(type)
            }
            c.store.table(Store.roleNoun).update(r.id) { $0.fields = f }
            if f["name"] != r.fields["name"] { renameRole(c.store, r.id, to: f["name"] ?? .string("")) }
            return .object(["role": .record(f)])
        },
        Handler("deleteRole") { c throws(APIError) in
            let r = try role(c, try c.required("id"), param: "id")
            if r["isdefault"] == "true" { throw APIError.permission("Default roles cannot be deleted") }
            if inUse(c.store, r) {
                throw APIError.permission("Found accounts that have role in use, won't allow to delete role")
            }
            for rule in c.store.rules(ofRole: r.id) { c.store.table(Store.rulesNoun).remove(rule.id) }
            c.store.table(Store.roleNoun).remove(r.id)
            return .object(["success": .bool(true)])
        },
        Handler("createRolePermission") { c throws(APIError) in
            let r = try role(c, try c.required("roleid"), param: "roleid")
            let rule = try c.required("rule")
            guard RoleRule.isValid(rule) else {
                throw APIError.refused("Only API names and wildcards are allowed, invalid rule provided: \(rule)")
            }
            let permission = try permission(try c.required("permission"))
            if r["isdefault"] == "true" {
                throw APIError.permission("Role permission cannot be added for Default roles")
            }
            if c.store.rules(ofRole: r.id).contains(where: { $0["rule"] == rule }) {
                throw APIError.permission("Rule already exists for the role: \(r["name"] ?? r.id)")
            }
            let order = (c.store.rules(ofRole: r.id).compactMap { Int($0["sortorder"] ?? "") }.max() ?? -1) + 1
            let e = addRule(
                c.store, role: r, rule: rule, permission: permission, description: c.optional("description") ?? "",
                order: order)
            return .object(["rolepermission": render(e)])
        },
        Handler("listRolePermissions") { c throws(APIError) in
            var roles = c.store.table(Store.roleNoun).rows.filter {
                c.caller.role == .rootAdmin || $0["type"] != "Admin"
            }
            if let id = c.optional("roleid") { roles = [try role(c, id, param: "roleid")] }
            let items = roles.flatMap { r in
                r["isdefault"] == "true" ? implicitRules(r) : c.store.rules(ofRole: r.id).map(render)
            }
            return .list(noun: "rolepermission", items: items, total: items.count)
        },
        Handler("updateRolePermission") { c throws(APIError) in
            let r = try role(c, try c.required("roleid"), param: "roleid")
            let rules = c.store.table(Store.rulesNoun)
            if let order = c.list("ruleorder") {
                if c.optional("ruleid") != nil || c.optional("permission") != nil {
                    throw APIError.refused("Parameters permission and ruleid must be mutually exclusive with ruleorder")
                }
                for id in order where rules.get(id) == nil {
                    throw APIError.refused("Provided role permission(s) do not exist")
                }
                if r["isdefault"] == "true" {
                    throw APIError.permission("Role permission cannot be updated for Default roles")
                }
                let current = c.store.rules(ofRole: r.id)
                guard Set(order) == Set(current.map(\.id)), order.count == current.count else {
                    throw APIError.internalError(
                        "Failed to update role permission order: the new order must list each of the role's \(current.count) rules once"
                    )
                }
                for (i, id) in order.enumerated() { rules.update(id) { $0.fields["sortorder"] = .int(i) } }
            } else if let ruleID = c.optional("ruleid"), let given = c.optional("permission") {
                let p = try permission(given)
                guard rules.get(ruleID) != nil || isImplicitRule(ruleID, of: r) else {
                    throw APIError.refused("Invalid rule id provided")
                }
                if r["isdefault"] == "true" {
                    throw APIError.permission("Role permission cannot be updated for Default roles")
                }
                rules.update(ruleID) { $0.fields["permission"] = .string(p) }
            } else {
                return .object(["success": .bool(false)])  // nothing asked: the server answers false
            }
            return .object(["success": .bool(true)])
        },
        Handler("deleteRolePermission") { c throws(APIError) in
            let id = try c.required("id")
            if c.store.table(Store.roleNoun).rows.contains(where: { isImplicitRule(id, of: $0) }) {
                throw APIError.permission("Role permission cannot be deleted for Default roles")
            }
            guard let rule = c.store.table(Store.rulesNoun).get(id) else {
                throw CatalogCheck.noEntity("id", id, command: c.command)
            }
            if c.store.table(Store.roleNoun).get(rule["roleid"] ?? "")?["isdefault"] == "true" {
                throw APIError.permission("Role permission cannot be deleted for Default roles")
            }
            c.store.table(Store.rulesNoun).remove(id)
            return .object(["success": .bool(true)])
        },
    ]

    static func role(_ c: Call, _ id: String, param: String) throws(APIError) -> Entity {
        guard let r = c.store.table(Store.roleNoun).get(id), c.caller.role == .rootAdmin || r["type"] != "Admin" else {
            throw CatalogCheck.noEntity(param, id, command: c.command)
        }
        return r
    }

    static func roleType(_ given: String) throws(APIError) -> String {
        guard let t = roleTypes.first(where: { $0.lowercased() == given.lowercased() }) else {
            throw APIError.invalid("type", "'\(given)' is not a role type (Admin, ResourceAdmin, DomainAdmin or User)")
        }
        return t
    }

    static func permission(_ given: String) throws(APIError) -> String {
        let p = given.lowercased()
        guard p == "allow" || p == "deny" else {
            throw APIError.refused("Values for permission parameter should be: allow or deny")
        }
        return p
    }

    static func inUse(_ store: Store, _ role: Entity) -> Bool {
        store.table("account").first { $0["roleid"] == role.id } != nil
    }

    /// Accounts and users show their role's name.
    static func renameRole(_ store: Store, _ id: String, to name: Value) {
        for noun in ["account", "user", Store.rulesNoun] {
            for e in store.table(noun).rows where e["roleid"] == id {
                store.table(noun).update(e.id) { $0.fields["rolename"] = name }
            }
        }
    }

    @discardableResult
    static func addRule(_ store: Store, role: Entity, rule: String, permission: String, description: String, order: Int)
        -> Entity
    {
        store.insert(
            Store.rulesNoun,
            [
                "roleid": .string(role.id), "rolename": role.fields["name"] ?? .string(""),
                "rule": .string(rule), "permission": .string(permission),
                "description": .string(description), "sortorder": .int(order),
            ])
    }

    /// A rule as the server shows it (the order is the list's order, not a field).
    static func render(_ e: Entity) -> Value {
        var f = e.fields
        f["sortorder"] = nil
        return .record(f)
    }

    /// Whether `id` is one of the rules a default role shows.
    static func isImplicitRule(_ id: String, of role: Entity) -> Bool {
        role["isdefault"] == "true" && implicitRules(role).contains { $0.record?["id"]?.plainText == id.lowercased() }
    }

    /// A default role's rules: `*` for the root admin, else each API its type may call, allowed.
    /// Made when listed (they cannot change), with ids that stay the same from one listing to the next.
    static func implicitRules(_ r: Entity) -> [Value] {
        let apis =
            r["type"] == "Admin"
            ? ["*"]
            : Catalog.bundled.apiNames.filter { APIAccess.allowed($0, for: Role(roleType: r["type"] ?? "User")) }
        return apis.map { api in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a of role id and rule: a stable seed
            for b in (r.id + "/" + api).utf8 { hash = (hash ^ UInt64(b)) &* 0x0100_0000_01b3 }
            var ids = IDGenerator(seed: hash)
            return .record([
                "id": .string(ids.uuid()), "roleid": .string(r.id), "rolename": r.fields["name"] ?? .string(""),
                "rule": .string(api), "permission": .string("allow"), "description": .string(""),
            ])
        }
    }
}

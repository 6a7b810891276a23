import OrderedCollections
import Values

/// importRole (root admin): a role with its rules in one call (`rules[i].rule`, `.permission`,
/// `.description`, in that order). A name already taken is refused unless `forced`, which then replaces
/// the rules of the role of that name and type (a default role never), or adds one of another type.
enum RoleImportAPIs {
    static let handlers: [Handler] = [
        Handler("importRole") { c throws(APIError) in
            let name = try c.required("name")
            guard let given = c.optional("type"), !given.isEmpty else {
                throw APIError.refused("Invalid role type provided")
            }
            let type = try RoleAPIs.roleType(given)
            var rules: [(rule: String, permission: String, description: String)] = []
            for detail in c.params.map("rules") {
                let rule = detail["rule"] ?? ""
                if rule.isEmpty { throw APIError.refused("Empty rule provided in rules param") }
                guard RoleRule.isValid(rule) else {
                    throw APIError.refused("Only API names and wildcards are allowed, invalid rule provided: \(rule)")
                }
                let permission = detail["permission"] ?? ""
                if permission.isEmpty {
                    throw APIError.refused("Invalid permission: \(permission) provided in rules param")
                }
                rules.append((rule, try RoleAPIs.permission(permission), detail["description"] ?? ""))
            }
            let roles = c.store.table(Store.roleNoun)
            let named = roles.rows.filter { $0["name"] == name }
            if !named.isEmpty, !(try c.bool("forced")) { throw APIError.internalError("Role already exists") }
            var f: Record = ["name": .string(name), "type": .string(type)]
            if let d = c.optional("description") { f["description"] = .string(d) }
            let role: Entity
            if let existing = named.first(where: { $0["type"] == type }) {
                if existing["isdefault"] == "true" {
                    throw APIError.internalError("Failed to import the role: \(name), default role cannot be overriden")
                }
                for rule in c.store.rules(ofRole: existing.id) { c.store.table(Store.rulesNoun).remove(rule.id) }
                f["isdefault"] = .bool(false)
                roles.update(existing.id) { $0.fields.merge(f, uniquingKeysWith: { $1 }) }
                role = roles.get(existing.id) ?? existing
            } else {
                f["isdefault"] = .bool(false)
                role = c.store.insert(Store.roleNoun, f)
            }
            for (i, r) in rules.enumerated() {
                RoleAPIs.addRule(
                    c.store, role: role, rule: r.rule, permission: r.permission, description: r.description, order: i)
            }
            return .object(["role": .record(role.fields)])
        }
    ]
}

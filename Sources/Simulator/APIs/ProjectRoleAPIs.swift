import OrderedCollections
import Values

/// Project roles and their permissions (project admins, and the admins above the project): a role
/// names rules (API names or wildcards, allow or deny, in order) that bind the regular members given
/// it (addAccountToProject's projectroleid) whenever they act in the project; see `Store.projectRolePermits`.
enum ProjectRoleAPIs {
    static let roleNoun = "projectrole"
    static let ruleNoun = "projectrolepermission"

    static let handlers: [Handler] = [
        Handler("createProjectRole") { c throws(APIError) in
            let p = try ProjectAPIs.project(c, "projectid", admin: true)
            let name = try c.required("name")
            if c.store.table(roleNoun).rows.contains(where: { $0["projectid"] == p.id && $0["name"] == name }) {
                throw APIError.refused("Project role with name \(name) already exists in project \(p["name"] ?? p.id)")
            }
            let e = c.store.insert(
                roleNoun,
                [
                    "name": .string(name), "description": .string(c.optional("description") ?? ""),
                    "projectid": .string(p.id),
                ])
            return .object([roleNoun: .record(e.fields)])
        },
        Handler("listProjectRoles") { c throws(APIError) in
            let p = try ProjectAPIs.project(c, "projectid", admin: false)
            let id = c.optional("projectroleid")
            return try c.listEntities(roleNoun) {
                $0["projectid"] == p.id && (id == nil || $0.id == id)
            }
        },
        Handler("updateProjectRole") { c throws(APIError) in
            let (p, role) = try find(c, "id")
            if let name = c.optional("name"), name != role["name"],
                c.store.table(roleNoun).rows.contains(where: { $0["projectid"] == p.id && $0["name"] == name })
            {
                throw APIError.refused("Project role with name \(name) already exists in project \(p["name"] ?? p.id)")
            }
            c.store.table(roleNoun).update(role.id) { r in
                if let name = c.optional("name") { r.fields["name"] = .string(name) }
                if let d = c.optional("description") { r.fields["description"] = .string(d) }
            }
            return .object([roleNoun: .record(c.store.table(roleNoun).get(role.id)!.fields)])
        },
        Handler("deleteProjectRole") { c throws(APIError) in
            let (p, role) = try find(c, "id")
            if c.store.members(ofProject: p.id).contains(where: { $0["projectroleid"] == role.id }) {
                throw APIError.refused(
                    "Project role \(role["name"] ?? role.id) cannot be deleted: it is assigned to members of the project"
                )
            }
            for rule in rules(c.store, role.id) { c.store.table(ruleNoun).remove(rule.id) }
            c.store.table(roleNoun).remove(role.id)
            return .object(["success": .bool(true)])
        },
        Handler("createProjectRolePermission") { c throws(APIError) in
            let (p, role) = try find(c, "projectroleid")
            let rule = try c.required("rule")
            guard RoleRule.isValid(rule) else {
                throw APIError.refused("Only API names and wildcards are allowed, invalid rule provided: \(rule)")
            }
            let permission = try RoleAPIs.permission(try c.required("permission"))
            if rules(c.store, role.id).contains(where: { $0["rule"] == rule }) {
                throw APIError.permission("Rule already exists for the project role: \(role["name"] ?? role.id)")
            }
            let order = (rules(c.store, role.id).compactMap { Int($0["sortorder"] ?? "") }.max() ?? -1) + 1
            let e = c.store.insert(
                ruleNoun,
                [
                    "projectid": .string(p.id), "projectroleid": .string(role.id),
                    "projectrolename": role.fields["name"] ?? .string(""), "rule": .string(rule),
                    "permission": .string(permission), "description": .string(c.optional("description") ?? ""),
                    "sortorder": .int(order),
                ])
            return .object([ruleNoun: render(e)])
        },
        Handler("listProjectRolePermissions") { c throws(APIError) in
            let p = try ProjectAPIs.project(c, "projectid", admin: false)
            var roles = c.store.table(roleNoun).rows.filter { $0["projectid"] == p.id }
            if c.optional("projectroleid") != nil { roles = [try find(c, "projectroleid").1] }
            let items = roles.flatMap { rules(c.store, $0.id).map(render) }
            return .list(noun: ruleNoun, items: items, total: items.count)
        },
        Handler("updateProjectRolePermission") { c throws(APIError) in
            let (_, role) = try find(c, "projectroleid")
            let table = c.store.table(ruleNoun)
            if let order = c.list("ruleorder") {
                if c.optional("projectrolepermissionid") != nil || c.optional("permission") != nil {
                    throw APIError.refused(
                        "Parameters permission and projectrolepermissionid must be mutually exclusive with ruleorder")
                }
                let current = rules(c.store, role.id)
                guard Set(order) == Set(current.map(\.id)), order.count == current.count else {
                    throw APIError.refused("Provided project role permission(s) do not match the project role's rules")
                }
                for (i, id) in order.enumerated() { table.update(id) { $0.fields["sortorder"] = .int(i) } }
            } else if let id = c.optional("projectrolepermissionid"), let given = c.optional("permission") {
                let permission = try RoleAPIs.permission(given)
                guard let rule = table.get(id), rule["projectroleid"] == role.id else {
                    throw APIError.refused("Invalid project role permission id provided")
                }
                table.update(rule.id) { $0.fields["permission"] = .string(permission) }
            } else {
                throw APIError.refused(
                    "Either ruleorder, or projectrolepermissionid and permission, must be given to update a rule")
            }
            return .object(["success": .bool(true)])
        },
        Handler("deleteProjectRolePermission") { c throws(APIError) in
            let p = try ProjectAPIs.project(c, "projectid", admin: true)
            let id = try c.required("id")
            guard let rule = c.store.table(ruleNoun).get(id), rule["projectid"] == p.id else {
                throw CatalogCheck.noEntity("id", id, command: c.command)
            }
            c.store.table(ruleNoun).remove(rule.id)
            return .object(["success": .bool(true)])
        },
    ]

    /// The project (its admins only) and one of its roles named by `param`.
    static func find(_ c: Call, _ param: String) throws(APIError) -> (Entity, Entity) {
        let p = try ProjectAPIs.project(c, "projectid", admin: true)
        let id = try c.required(param)
        guard let role = c.store.table(roleNoun).get(id), role["projectid"] == p.id else {
            throw CatalogCheck.noEntity(param, id, command: c.command)
        }
        return (p, role)
    }

    /// A role's rules in their order.
    static func rules(_ store: Store, _ roleID: String) -> [Entity] {
        store.table(ruleNoun).rows.filter { $0["projectroleid"] == roleID }.sorted {
            Int($0["sortorder"] ?? "") ?? 0 < Int($1["sortorder"] ?? "") ?? 0
        }
    }

    static func render(_ e: Entity) -> Value {
        var f = e.fields
        f["sortorder"] = nil
        f["id"] = .string(e.id)
        return .record(f)
    }
}

extension Store {
    /// Whether a regular member with a project role may call `api` in `projectID`: the role's first
    /// matching rule decides, and no match denies. Admins of the cloud or domain, the project's admins
    /// and members without a project role are not bound by project roles.
    func projectRolePermits(_ api: String, _ caller: Caller, projectID: String) -> Bool {
        guard caller.role == .user, let member = table(Self.memberNoun).get("\(projectID)/\(caller.accountID)"),
            member["role"] != "Admin", let roleID = member["projectroleid"]
        else { return true }
        guard table(ProjectRoleAPIs.roleNoun).get(roleID) != nil else { return true }
        for rule in ProjectRoleAPIs.rules(self, roleID) where RoleRule.matches(rule["rule"] ?? "", api) {
            return rule["permission"] == "allow"
        }
        return false
    }
}

import FoundationEssentials
import OrderedCollections
import Values

/// Project members by invitation and single users in projects, as ProjectManagerImpl has them. With
/// project.invite.required=true, addAccountToProject and addUserToProject invite (state Pending)
/// and the invited account accepts or declines with updateProjectInvitation; otherwise they join at once.
/// A user added alone joins through its account's membership row, marked with its user id (the
/// simulator then lets the account's other users in as well).
enum ProjectInvitationAPIs {
    static let table = "projectinvitation"

    static var inviteRequiredSetting: String { "project.invite.required" }

    static func invitationRequired(_ store: Store) -> Bool {
        ConfigurationAPIs.globalValue(inviteRequiredSetting, store) == "true"
    }

    static let handlers: [Handler] = [
        Handler("addUserToProject", async: true) { c throws(APIError) in
            let p = try ProjectAPIs.project(c, "projectid", admin: true)
            guard p["state"] == "Active" else {
                throw APIError.refused(
                    "Can't add user to the specified project id in state=\(p["state"] ?? "") as it isn't currently active"
                )
            }
            let username = try c.required("username")
            guard
                let user = c.store.table("user").first(where: {
                    $0["username"] == username && $0["domainid"] == p["domainid"]
                }),
                let account = c.store.table("account").get(user["accountid"] ?? "")
            else {
                throw APIError.refused("Invalid user ID provided")
            }
            if let m = c.store.table(Store.memberNoun).get("\(p.id)/\(account.id)") {
                if m["userid"] == user.id { return done(ProjectAPIs.cmd + "AddUserToProjectCmd", p) }
                throw APIError.refused("User belongs to account \(account.seq) which is already part of the project")
            }
            let role = try roleType(c)
            if invitationRequired(c.store) {
                return invite(
                    c, p, account: account, user: user, email: c.optional("email"), cmd: "AddUserToProjectCmd")
            }
            return .job(
                JobSpec(
                    cmd: ProjectAPIs.cmd + "AddUserToProjectCmd", instanceType: "Project", instanceID: p.id,
                    immediateID: nil
                ) { store, _ in
                    let m = store.addMember(
                        project: try store.jobEntity(Store.projectNoun, p.id), account: account, role: role)
                    store.table(Store.memberNoun).update(m.id) { e in
                        e.fields["userid"] = .string(user.id)
                        e.fields["username"] = user.fields["username"]
                    }
                    return ["success": .bool(true)]
                })
        },
        Handler("deleteUserFromProject", async: true) { c throws(APIError) in
            let p = try ProjectAPIs.project(c, "projectid", admin: true)
            let userID = try c.required("userid")
            guard c.store.table("user").get(userID) != nil else {
                throw CatalogCheck.noEntity("userid", userID, command: c.command)
            }
            guard let m = c.store.members(ofProject: p.id).first(where: { $0["userid"] == userID }) else {
                throw APIError.refused("User \(userID) is not assigned to the project id=\(p.seq)")
            }
            if m["role"] == "Admin", c.store.members(ofProject: p.id).filter({ $0["role"] == "Admin" }).count == 1 {
                throw APIError.refused("Cannot remove the only admin of the project")
            }
            return .job(
                JobSpec(
                    cmd: ProjectAPIs.cmd + "DeleteUserFromProjectCmd", instanceType: "Project", instanceID: p.id,
                    immediateID: nil
                ) { store, _ in
                    store.table(Store.memberNoun).remove(m.id)
                    return ["success": .bool(true)]
                })
        },
        Handler("listProjectInvitations") { c throws(APIError) in
            let activeOnly = try c.bool("activeonly")
            var rows = c.store.table(table).rows.filter { inv in
                // The invited account sees its invitations; the project's admins and the admins above it see the project's.
                if inv["accountid"] == c.caller.accountID { return true }
                guard let p = c.store.table(Store.projectNoun).get(inv["projectid"] ?? "") else { return false }
                return
                    (try? ProjectAPIs.project(
                        c.with(params: RequestParams([("projectid", p.id)])), "projectid", admin: true)) != nil
                    && (c.caller.role != .user || c.optional("projectid") != nil)
            }
            if activeOnly { rows = rows.filter { $0["state"] == "Pending" } }
            var params = c.params
            for k in ["activeonly", "account", "domainid", "listall", "isrecursive"] { params.replace(k, with: "") }
            if let name = c.optional("account") { rows = rows.filter { $0["account"] == name } }
            // The token (what the email carries), the role and the account's id stay inside.
            rows = rows.map { r in
                var e = r
                for k in ["token", "role", "accountid", "created"] { e.fields[k] = nil }
                return e
            }
            return try c.with(params: params).listEntities(table, rows: rows)
        },
        Handler("updateProjectInvitation", async: true) { c throws(APIError) in
            let projectID = try c.required("projectid")
            guard let p = c.store.table(Store.projectNoun).get(projectID) else {
                throw CatalogCheck.noEntity("projectid", projectID, command: c.command)
            }
            var account = c.store.table("account").get(c.caller.accountID)
            if let name = c.optional("account") {
                account = c.store.table("account").first { $0["name"] == name && $0["domainid"] == p["domainid"] }
                guard let a = account else {
                    throw APIError.refused(
                        "Unable to find account name=\(name) in domain id=\(c.store.table("domain").get(p["domainid"] ?? "")?.seq ?? 0)"
                    )
                }
                try c.checkAccess(accountID: a.id, domainID: a["domainid"] ?? "", what: "account \(name)")
            }
            let accept = try c.bool("accept", default: true)
            let token = c.optional("token")
            guard let a = account,
                let inv = c.store.table(table).first(where: { i in
                    i["projectid"] == p.id && i["state"] == "Pending"
                        && (token.map { i["token"] == $0 } ?? (i["accountid"] == a.id))
                })
            else {
                throw APIError.refused(
                    "Unable to find invitation for account name=\(account?["name"] ?? "") to the project id=\(p.seq)")
            }
            let joining = c.store.table("account").get(inv["accountid"] ?? "") ?? a
            return .job(
                JobSpec(
                    cmd: ProjectAPIs.cmd + "UpdateProjectInvitationCmd", instanceType: "Project", instanceID: p.id,
                    immediateID: nil
                ) { store, _ in
                    store.table(table).update(inv.id) {
                        $0.fields["state"] = .string(accept ? "Completed" : "Declined")
                    }
                    if accept, !store.isMember(joining.id, ofProject: p.id) {
                        let m = store.addMember(
                            project: try store.jobEntity(Store.projectNoun, p.id), account: joining,
                            role: inv["role"] ?? "Regular")
                        if let userID = inv["userid"] {
                            store.table(Store.memberNoun).update(m.id) { e in
                                e.fields["userid"] = .string(userID)
                                e.fields["username"] = store.table("user").get(userID)?.fields["username"]
                            }
                        }
                    }
                    return ["success": .bool(true)]
                })
        },
        Handler("deleteProjectInvitation", async: true) { c throws(APIError) in
            let id = try c.required("id")
            guard let inv = c.store.table(table).get(id) else {
                throw APIError.refused("Unable to find the project invitation by id=\(id)")
            }
            _ = try ProjectAPIs.project(
                c.with(params: RequestParams([("projectid", inv["projectid"] ?? "")])), "projectid", admin: true)
            return .job(
                JobSpec(
                    cmd: ProjectAPIs.cmd + "DeleteProjectInvitationCmd", instanceType: "Project",
                    instanceID: inv["projectid"], immediateID: nil
                ) { store, _ in
                    store.table(table).remove(id)
                    return ["success": .bool(true)]
                })
        },
    ]

    static func roleType(_ c: Call) throws(APIError) -> String {
        let role = (c.optional("roletype") ?? "Regular").capitalized
        guard role == "Admin" || role == "Regular" else {
            throw APIError.invalid("roletype", "'\(role)' is not Admin or Regular")
        }
        return role
    }

    static func done(_ cmd: String, _ p: Entity) -> Reply {
        .job(
            JobSpec(cmd: cmd, instanceType: "Project", instanceID: p.id, immediateID: nil) { _, _ in
                ["success": .bool(true)]
            })
    }

    /// A Pending invitation for an account (or one of its users, or an email address); one per account and project.
    static func invite(_ c: Call, _ p: Entity, account: Entity?, user: Entity?, email: String?, cmd: String) -> Reply {
        var f: Record = [
            "projectid": .string(p.id), "project": p.fields["name"] ?? .null, "state": .string("Pending"),
            "domainid": p.fields["domainid"] ?? .null, "domain": p.fields["domain"] ?? .null,
            "role": .string((c.optional("roletype") ?? "Regular").capitalized), "created": .string(c.created),
        ]
        if let account {
            f["account"] = account.fields["name"]
            f["accountid"] = .string(account.id)
        }
        if let user { f["userid"] = .string(user.id) }
        if let email {
            f["email"] = .string(email)
            f["token"] = .string(c.store.newID())  // what the invitation email carries
        }
        let existing = c.store.table(table).first {
            $0["projectid"] == p.id && $0["state"] == "Pending" && account != nil && $0["accountid"] == account?.id
        }
        return .job(
            JobSpec(cmd: ProjectAPIs.cmd + cmd, instanceType: "Project", instanceID: p.id, immediateID: nil) {
                store, _ in
                // Inviting again renews the pending invitation rather than adding a second one.
                if let existing { store.table(table).remove(existing.id) }
                store.insert(table, f)
                return ["success": .bool(true)]
            })
    }
}

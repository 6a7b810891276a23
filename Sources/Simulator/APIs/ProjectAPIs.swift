import Values
import FoundationEssentials
import OrderedCollections

/// Projects (State/Projects.swift): create, list, update, delete, activate, suspend, and their member
/// accounts. With project.invite.required (default false) accounts are invited instead (ProjectInvitationAPIs).
enum ProjectAPIs {
    static let cmd = "org.apache.cloudstack.api.command.user.project."

    static let handlers: [Handler] = [
        Handler("createProject", async: true) { c throws(APIError) in
            let owner = try c.owner()
            guard let account = c.store.table("account").get(owner.accountID) else { throw APIError.unauthorized }
            if c.caller.role == .user, ConfigurationAPIs.globalValue("allow.user.create.projects", c.store) == "false" {
                throw APIError.permission("Regular user is not permitted to create a project")
            }
            let name = try c.required("name")
            let domainID = account["domainid"] ?? ""
            if c.store.table(Store.projectNoun).first(where: { $0["name"] == name && $0["domainid"] == domainID })
                != nil
            {
                let seq = c.store.table("domain").get(domainID)?.seq ?? 0
                throw APIError.refused("Project with name \(name) already exists in domain id=\(seq)")
            }
            try c.store.checkLimit(.account(account), 5, 1)
            var f: Record = [
                "name": .string(name), "displaytext": .string(c.optional("displaytext") ?? name),
                "domainid": .string(domainID), "domain": account.fields["domain"] ?? .string(""),
                "owner": .list([
                    .record(["account": account.fields["name"] ?? .string(""), "accountid": .string(account.id)])
                ]),
                "created": .string(c.created), "state": .string("Active"),
            ]
            f["projectaccountname"] = .string("PrjAcct-\(name)-\(account["name"] ?? "")")
            let p = c.store.insert(Store.projectNoun, f)
            c.store.addMember(project: p, account: account, role: "Admin")
            return .job(
                JobSpec(
                    cmd: cmd + "CreateProjectCmd", instanceType: "Project", instanceID: p.id, immediateID: p.id,
                    work: { store, _ in ["project": render(try store.jobEntity(Store.projectNoun, p.id), store)] },
                    onFailure: { $0.removeProject(p) }))
        },
        Handler("listProjects") { c throws(APIError) in
            let state = c.optional("state")?.lowercased(), name = c.optional("name")?.lowercased()
            let account: Caller? = c.optional("account") == nil ? nil : try c.owner()
            let domain = c.optional("domainid")
            if let domain { try c.checkDomainAccess(domain) }
            let tree = try c.bool("isrecursive") ? domain.map(c.store.domainTree) : nil
            let rows = c.store.table(Store.projectNoun).rows.filter { p in
                visible(c, p)
                    && (state.map { p["state"]?.lowercased() == $0 } ?? true)
                    && (name.map { p["name"]?.lowercased() == $0 } ?? true)
                    && (account.map { c.store.isMember($0.accountID, ofProject: p.id) } ?? true)
                    && (domain.map { d in tree?.contains(p["domainid"] ?? "") ?? (p["domainid"] == d) } ?? true)
            }.map { p in Entity(id: p.id, fields: render(p, c.store).record ?? p.fields, seq: p.seq) }
            var params = c.params  // matched above
            for k in ["account", "domainid", "name", "state"] { params.replace(k, with: "") }
            return try c.with(params: params).listEntities(Store.projectNoun, rows: rows, taggable: true)
        },
        Handler("updateProject", async: true) { c throws(APIError) in
            let p = try project(c, "id", admin: true)
            var newOwner: Entity?
            if let name = c.optional("account") {
                guard
                    let a = c.store.table("account").first(where: {
                        $0["name"] == name && $0["domainid"] == p["domainid"]
                    })
                else {
                    throw APIError.refused("Unable to find account name=\(name) in domain id=\(p["domainid"] ?? "")")
                }
                newOwner = a
            }
            return .job(
                JobSpec(cmd: cmd + "UpdateProjectCmd", instanceType: "Project", instanceID: p.id, immediateID: nil) {
                    store, _ in
                    store.table(Store.projectNoun).update(p.id) { e in
                        if let t = c.optional("displaytext") { e.fields["displaytext"] = .string(t) }
                        if let a = newOwner {
                            e.fields["owner"] = .list([
                                .record(["account": a.fields["name"] ?? .string(""), "accountid": .string(a.id)])
                            ])
                        }
                    }
                    if let a = newOwner {
                        for m in store.members(ofProject: p.id) where m["role"] == "Admin" {
                            store.table(Store.memberNoun).update(m.id) { $0.fields["role"] = .string("Regular") }
                        }
                        if store.isMember(a.id, ofProject: p.id),
                            store.table(Store.memberNoun).get("\(p.id)/\(a.id)") != nil
                        {
                            store.table(Store.memberNoun).update("\(p.id)/\(a.id)") {
                                $0.fields["role"] = .string("Admin")
                            }
                        } else {
                            store.addMember(
                                project: try store.jobEntity(Store.projectNoun, p.id), account: a, role: "Admin")
                        }
                    }
                    return ["project": render(try store.jobEntity(Store.projectNoun, p.id), store)]
                })
        },
        Handler("deleteProject", async: true) { c throws(APIError) in
            let p = try project(c, "id", admin: true)
            let cleanup = try c.bool("cleanup")
            if !cleanup, let what = resources(c.store, p) {
                throw APIError.refused(
                    "Can't delete the project yet because it has \(what); delete them first or pass cleanup=true")
            }
            return .job(
                JobSpec(cmd: cmd + "DeleteProjectCmd", instanceType: "Project", instanceID: p.id, immediateID: nil) {
                    store, _ in
                    store.removeProject(try store.jobEntity(Store.projectNoun, p.id))
                    return ["success": .bool(true)]
                })
        },
        Handler("activateProject", async: true) { c throws(APIError) in
            let p = try project(c, "id", admin: true)
            return setState(p, "Active", command: "ActivateProjectCmd")
        },
        Handler("suspendProject", async: true) { c throws(APIError) in
            let p = try project(c, "id", admin: true)
            return setState(p, "Suspended", command: "SuspendProjectCmd")
        },
        Handler("addAccountToProject", async: true) { c throws(APIError) in
            let p = try project(c, "projectid", admin: true)
            if p["state"] != "Active" {
                throw APIError.refused(
                    "Can't add account to the specified project id in state=\(p["state"] ?? "") as it's no longer active"
                )
            }
            let invite = ProjectInvitationAPIs.invitationRequired(c.store)
            guard let name = c.optional("account") else {
                // Without an account, an invitation by email (only when invitations are required).
                guard invite, let email = c.optional("email") else {
                    throw APIError.refused("Account information is required for assigning account to the project")
                }
                return ProjectInvitationAPIs.invite(
                    c, p, account: nil, user: nil, email: email, cmd: "AddAccountToProjectCmd")
            }
            guard
                let a = c.store.table("account").first(where: { $0["name"] == name && $0["domainid"] == p["domainid"] })
            else {
                throw APIError.refused("Unable to find account name=\(name) in domain id=\(p["domainid"] ?? "")")
            }
            let role = try ProjectInvitationAPIs.roleType(c)
            let projectRole = c.optional("projectroleid")
            if let projectRole, c.store.table(ProjectRoleAPIs.roleNoun).get(projectRole)?["projectid"] != p.id {
                throw APIError.refused(
                    "Only project roles of project \(p["name"] ?? p.id) can be assigned to its members")
            }
            if invite, !c.store.isMember(a.id, ofProject: p.id) {
                return ProjectInvitationAPIs.invite(
                    c, p, account: a, user: nil, email: c.optional("email"), cmd: "AddAccountToProjectCmd")
            }
            return .job(
                JobSpec(
                    cmd: cmd + "AddAccountToProjectCmd", instanceType: "Project", instanceID: p.id, immediateID: nil
                ) { store, _ in
                    // Already a member: nothing to do, as on the server.
                    if !store.isMember(a.id, ofProject: p.id) {
                        let m = store.addMember(
                            project: try store.jobEntity(Store.projectNoun, p.id), account: a, role: role)
                        if let projectRole {
                            store.table(Store.memberNoun).update(m.id) {
                                $0.fields["projectroleid"] = .string(projectRole)
                            }
                        }
                    }
                    return ["success": .bool(true)]
                })
        },
        Handler("deleteAccountFromProject", async: true) { c throws(APIError) in
            let p = try project(c, "projectid", admin: true)
            let name = try c.required("account")
            guard
                let a = c.store.table("account").first(where: { $0["name"] == name && $0["domainid"] == p["domainid"] })
            else {
                throw APIError.refused("Unable to find account name=\(name) in domain id=\(p["domainid"] ?? "")")
            }
            guard let m = c.store.table(Store.memberNoun).get("\(p.id)/\(a.id)") else {
                throw APIError.refused("Account \(name) is not assigned to the project id=\(p.id)")
            }
            if m["role"] == "Admin", c.store.members(ofProject: p.id).filter({ $0["role"] == "Admin" }).count == 1 {
                throw APIError.refused(
                    "Unable to delete account \(name) from the project: it is the project's only admin")
            }
            return .job(
                JobSpec(
                    cmd: cmd + "DeleteAccountFromProjectCmd", instanceType: "Project", instanceID: p.id,
                    immediateID: nil
                ) { store, _ in
                    store.table(Store.memberNoun).remove(m.id)
                    return ["success": .bool(true)]
                })
        },
        Handler("listProjectAccounts") { c throws(APIError) in
            let p = try project(c, "projectid", admin: false)
            var params = c.params
            params.replace("projectid", with: "")  // the rows are the project's already
            return try c.with(params: params).listEntities(Store.memberNoun, rows: c.store.members(ofProject: p.id))
        },
    ]

    /// Members see their projects, domain admins those of their domain tree, the root admin all.
    static func visible(_ c: Call, _ p: Entity) -> Bool {
        switch c.caller.role {
        case .rootAdmin: true
        case .domainAdmin:
            c.store.isDomain(p["domainid"] ?? "", within: c.caller.domainID)
                || c.store.isMember(c.caller.accountID, ofProject: p.id)
        case .user: c.store.isMember(c.caller.accountID, ofProject: p.id)
        }
    }

    /// The project a parameter names; `admin`: the caller must be able to manage it (a project admin or an admin above it).
    static func project(_ c: Call, _ param: String, admin: Bool) throws(APIError) -> Entity {
        let id = try c.required(param)
        guard let p = c.store.table(Store.projectNoun).get(id) else {
            throw CatalogCheck.noEntity(param, id, command: c.command)
        }
        if !visible(c, p) { throw c.denied("project \(p["name"] ?? id)") }
        if admin, c.caller.role == .user,
            c.store.table(Store.memberNoun).get("\(p.id)/\(c.caller.accountID)")?["role"] != "Admin",
            !(p.fields["owner"]?.list?.contains { $0[field: "accountid"]?.plainText == c.caller.accountID } ?? false)
        {
            throw c.denied("project \(p["name"] ?? id)")
        }
        return p
    }

    static func setState(_ p: Entity, _ state: String, command: String) -> Reply {
        .job(
            JobSpec(cmd: cmd + command, instanceType: "Project", instanceID: p.id, immediateID: nil) { store, _ in
                store.table(Store.projectNoun).update(p.id) { $0.fields["state"] = .string(state) }
                // A suspended project's VMs are stopped.
                if state == "Suspended" {
                    for vm in store.vms.live where vm.projectID == p.id && vm.state == "Running" {
                        store.unplace(vm.id)
                        store.vms.update(vm.id) { $0.state = "Stopped" }
                    }
                }
                return ["project": render(try store.jobEntity(Store.projectNoun, p.id), store)]
            })
    }

    /// What a project still holds ("2 VMs, 1 volume"), nil when nothing.
    static func resources(_ store: Store, _ p: Entity) -> String? {
        var parts: [String] = []
        let vms = store.vms.tallies[owner: p.id].vms
        if vms > 0 { parts.append("\(vms) VM\(vms == 1 ? "" : "s")") }
        for (noun, label) in [
            ("volume", "volume"), ("network", "network"), ("vpc", "VPC"), ("template", "template"),
            ("snapshot", "snapshot"),
        ] {
            let n = store.tables[noun]?.rows.filter { $0["projectid"] == p.id }.count ?? 0
            if n > 0 { parts.append("\(n) \(label)\(n == 1 ? "" : "s")") }
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// A project as the server answers it: with its tags and resource counts and limits.
    static func render(_ p: Entity, _ store: Store) -> Value {
        var f = p.fields
        f.merge(store.limitFields(.project(p)), uniquingKeysWith: { $1 })
        f["tags"] = store.tagsValue(p.id)
        return .record(f)
    }
}

import Values
import OrderedCollections

/// Domains, accounts and users as records, and the principals (who may sign or log in)
/// behind users. Used by the seed and by the account APIs.
extension Store {
    @discardableResult
    func addDomain(name: String, parent: Entity?, created: String) -> Entity {
        var f: Record = ["name": .string(name), "level": .int(parent.map { (Int($0["level"] ?? "") ?? 0) + 1 } ?? 0)]
        if let parent {
            f["parentdomainid"] = .string(parent.id)
            f["parentdomainname"] = parent.fields["name"]
            table("domain").update(parent.id) { $0.fields["haschild"] = .bool(true) }
        }
        f["haschild"] = .bool(false)
        f["path"] = .string(parent.map { "\($0["path"] ?? "ROOT")/\(name)" } ?? "ROOT")
        f["state"] = .string("Active")
        f["created"] = .string(created)
        return insert("domain", f)
    }

    /// An account and its default security group. Its role is `customRole` when given (createAccount
    /// roleid=...), else the default role of `role`'s type.
    @discardableResult
    func addAccount(name: String, role: Role, domain: Entity, created: String, customRole: Entity? = nil) -> Entity {
        insert(
            "securitygroup",
            [
                "name": .string("default"), "description": .string("Default Security Group"),
                "account": .string(name), "domainid": .string(domain.id),
                "domain": .string(domain["name"] ?? ""), "ingressrule": .list([]), "egressrule": .list([]),
            ])
        let roleRow = customRole ?? defaultRole(type: role.roleType)
        let type = roleRow?["type"] ?? role.roleType
        var f: Record = [
            "name": .string(name), "accounttype": .int(Role.accountType(ofRoleType: type)), "roletype": .string(type),
            "rolename": .string(roleRow?["name"] ?? role.roleName),
        ]
        if let roleRow { f["roleid"] = .string(roleRow.id) }
        f.merge(
            [
                "domainid": .string(domain.id), "domain": .string(domain["name"] ?? ""),
                "domainpath": domain.fields["path"] ?? .string(""), "state": .string("enabled"),
                "created": .string(created),
                "isdefault": .bool(role == .rootAdmin && domain["level"] == "0"),
            ], uniquingKeysWith: { $1 })
        return insert("account", f)
    }

    /// A user record plus its principal (the identity its keys and password log in as).
    @discardableResult
    func addUser(
        _ u: SimulatorOptions.User, firstName: String, lastName: String, email: String, account: Entity,
        created: String
    ) -> Entity {
        let role = Role(accountType: Int(account["accounttype"] ?? "") ?? 0)
        let roleType = account["roletype"] ?? role.roleType
        var f: Record = [
            "username": .string(u.username), "firstname": .string(firstName), "lastname": .string(lastName),
            "email": .string(email), "created": .string(created), "state": .string("enabled"),
            "account": .string(account["name"] ?? ""), "accounttype": .int(Role.accountType(ofRoleType: roleType)),
            "roletype": .string(roleType), "domainid": account.fields["domainid"]!, "domain": account.fields["domain"]!,
            "accountid": .string(account.id),
        ]
        f["roleid"] = account.fields["roleid"]
        f["rolename"] = account.fields["rolename"]
        if !u.apiKey.isEmpty { f["apikey"] = .string(u.apiKey) }
        f.merge(
            [
                "isdefault": .bool(account["isdefault"] == "true"), "usersource": .string("native"),
                "is2faenabled": .bool(false),
            ], uniquingKeysWith: { $1 })
        let user = insert("user", f)
        principals.append(
            Principal(
                user: u,
                caller: Caller(
                    userID: user.id, username: u.username, accountID: account.id, account: account["name"] ?? "",
                    domainID: account["domainid"] ?? "", domain: account["domain"] ?? "", isAdmin: role == .rootAdmin,
                    isDomainAdmin: role == .domainAdmin)))
        return user
    }

    /// Keys of a disabled or locked account (or user) are refused, as the server refuses them.
    func isActive(_ p: Principal) -> Bool {
        table("account").get(p.caller.accountID)?["state"] == "enabled"
            && table("user").get(p.caller.userID)?["state"] == "enabled"
    }

    /// The login domain path ("/", "/dev/team") of a domain record ("ROOT", "ROOT/dev/team").
    static func loginPath(_ domain: Entity) -> String {
        "/" + (domain["path"] ?? "ROOT").split(separator: "/").dropFirst().joined(separator: "/")
    }

    /// Removes an account with everything it owns: VMs (expunged), volumes, groups, users.
    func removeAccount(_ account: Entity) {
        for vm in vms.live where vm.accountID == account.id {
            unplace(vm.id)
            vms.update(vm.id) {
                $0.state = "Expunging"; $0.expunged = true
            }
        }
        let owned = { (e: Entity) in e["account"] == account["name"] && e["domainid"] == account["domainid"] }
        for noun in ["volume", "securitygroup", "sshkeypair", "affinitygroup", "snapshot"] {
            for e in table(noun).rows where owned(e) {
                if noun == KeyPairAPIs.noun { KeyPairAPIs.remove(e.id, self) } else { table(noun).remove(e.id) }
            }
        }
        removeAutoScale(ownedBy: owned)
        for u in table("user").rows where u["accountid"] == account.id { removeUser(u.id) }
        table("account").remove(account.id)
    }

    /// Resources name their owner by account name, so a rename reaches all of them.
    func renameAccount(_ account: Entity, to newName: String) {
        let old = account["name"], domainID = account["domainid"]
        table("account").update(account.id) { $0.fields["name"] = .string(newName) }
        for t in tables.values where t.noun != "account" {
            for e in t.rows where e["account"] == old && e["domainid"] == domainID {
                t.update(e.id) { $0.fields["account"] = .string(newName) }
            }
        }
        for vm in vms.live where vm.accountID == account.id { vms.update(vm.id) { $0.account = newName } }
        for i in principals.indices where principals[i].caller.accountID == account.id {
            principals[i].caller.account = newName
            principals[i].user.account = newName
        }
    }

    func removeUser(_ id: String) {
        table("user").remove(id)
        principals.removeAll { $0.caller.userID == id }
    }
}

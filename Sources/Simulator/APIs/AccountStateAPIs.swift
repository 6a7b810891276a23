import OrderedCollections
import Values

/// An account's lock and default zone, disabling a user, and a user moving to another account of its
/// domain, as AccountManagerImpl and ConfigurationManagerImpl do them.
enum AccountStateAPIs {
    static let handlers: [Handler] = [
        // A disabled user's keys and sessions are refused (Store.isActive); the account goes with its last
        // enabled user, as AccountManagerImpl.disableUser disables it.
        Handler("disableUser", async: true) { c throws(APIError) in
            let id = try c.required("id")
            guard let user = c.store.table("user").get(id), user["state"] != "removed" else {
                throw CatalogCheck.noEntity("id", id, command: c.command)
            }
            let accountID = user["accountid"] ?? ""
            guard let account = c.store.table("account").get(accountID) else {
                throw APIError.refused("Unable to find active user by id \(user.seq)")
            }
            try c.checkAccess(accountID: account.id, domainID: account["domainid"] ?? "", what: "account \(account.id)")
            let caller = c.caller
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.admin.user.DisableUserCmd", instanceType: "User",
                    instanceID: user.id, immediateID: nil
                ) { store, _ in
                    _ = try store.jobEntity("user", user.id)
                    store.table("user").update(user.id) { $0.fields["state"] = .string("disabled") }
                    let stillEnabled = store.table("user").rows.contains {
                        $0["accountid"] == accountID && $0["state"] == "enabled"
                    }
                    if !stillEnabled { AccountAPIs.disable(store, accountID, lock: false) }
                    return ["user": AccountAPIs.userRecord(try store.jobEntity("user", user.id), caller: caller)]
                })
        },
        // A locked account keeps its resources running; its users can no longer log in or use their keys.
        Handler("lockAccount") { c throws(APIError) in
            let account = try AccountAPIs.findAccount(c)
            if account.id == c.caller.accountID {
                throw APIError.invalid("account", "Locking the account of the caller is not allowed")
            }
            c.store.table("account").update(account.id) { $0.fields["state"] = .string("locked") }
            return .object(["account": AccountAPIs.render(try c.store.jobEntity("account", account.id), c)])
        },
        Handler("markDefaultZoneForAccount", async: true) { c throws(APIError) in
            let name = try c.required("account"), domainID = try c.required("domainid")
            guard
                let account = c.store.table("account").first(where: {
                    $0["name"] == name && $0["domainid"] == domainID && $0["state"] == "enabled"
                })
            else {
                throw APIError.refused(
                    "Unable to find account by name \(name) in domain \(c.store.table("domain").get(domainID)?.seq ?? 0)"
                )
            }
            try c.checkAccess(accountID: account.id, domainID: domainID, what: "account \(name)")
            let zone = try c.entity("zone", "zoneid", what: "zone")
            let caller = c.caller
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.admin.account.MarkDefaultZoneForAccountCmd",
                    instanceType: "Account", instanceID: account.id, immediateID: nil
                ) { store, _ in
                    store.table("account").update(account.id) { $0.fields["defaultzoneid"] = .string(zone.id) }
                    return [
                        "account": AccountAPIs.render(
                            try store.jobEntity("account", account.id), store: store, caller: caller)
                    ]
                })
        },
        Handler("moveUser") { c throws(APIError) in
            let user = try AccountAPIs.findUser(c)
            let target: Entity
            if let id = c.optional("accountid") {
                guard let a = c.store.table("account").get(id) else {
                    throw CatalogCheck.noEntity("accountid", id, command: c.command)
                }
                target = a
            } else if let name = c.optional("account") {
                guard
                    let a = c.store.table("account").first(where: {
                        $0["name"] == name && $0["domainid"] == user["domainid"]
                    })
                else {
                    throw APIError.refused("Unable to find account \(name) in the user's domain")
                }
                target = a
            } else {
                throw APIError.refused("Specify either account name or account id")
            }
            if c.optional("accountid") != nil, c.optional("account") != nil {
                throw APIError.refused("Specify only one of account name or account id")
            }
            guard target["domainid"] == user["domainid"] else {
                throw APIError.refused(
                    "Unable to move user \(user["username"] ?? user.id): the new account must be in the user's domain")
            }
            if target.id == user["accountid"] {
                throw APIError.refused(
                    "The user \(user["username"] ?? user.id) already belongs to account \(target["name"] ?? target.id)")
            }
            try c.checkAccess(
                accountID: target.id, domainID: target["domainid"] ?? "", what: "account \(target["name"] ?? "")")
            let role = Role(accountType: Int(target["accounttype"] ?? "") ?? 0)
            c.store.table("user").update(user.id) { u in
                u.fields["accountid"] = .string(target.id)
                u.fields["account"] = target.fields["name"]
                u.fields["accounttype"] = target.fields["accounttype"]
                u.fields["roleid"] = target.fields["roleid"]
                u.fields["rolename"] = target.fields["rolename"]
                u.fields["roletype"] = target.fields["roletype"] ?? .string(role.roleType)
            }
            if let i = c.store.principals.firstIndex(where: { $0.caller.userID == user.id }) {
                c.store.principals[i].caller.accountID = target.id
                c.store.principals[i].caller.account = target["name"] ?? ""
                c.store.principals[i].caller.isAdmin = role == .rootAdmin
                c.store.principals[i].caller.isDomainAdmin = role == .domainAdmin
                c.store.principals[i].user.account = target["name"] ?? ""
            }
            return .object(["success": .bool(true)])
        },
    ]
}

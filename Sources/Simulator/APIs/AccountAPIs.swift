import Values
import OrderedCollections

/// Accounts and users: list, create, update, delete, enable/disable, keys. Root admins
/// manage everyone, domain admins their domain tree (see `APIAccess` and `Call.checkAccess`).
enum AccountAPIs {
    static let handlers: [Handler] = [
        Handler("listAccounts") { c throws(APIError) in
            let users = c.store.table("user").rows
            let page = try c.listEntities(
                "account", owned: true, ownerKey: "name", visible: try peopleVisibility(c))
            // Users, counts and limits are drawn for the page only (details=all, the default).
            return c.store.rerender(page) { store, a in
                var f = a.fields
                f["user"] = .list(users.filter { $0["accountid"] == a.id }.map { userRecord($0, caller: c.caller) })
                f.merge(store.limitFields(.account(a)), uniquingKeysWith: { $1 })
                return .record(f)
            }
        },
        Handler("listUsers") { c throws(APIError) in
            let page = try c.listEntities("user", owned: true, visible: try peopleVisibility(c))
            // Whether the user lies in a domain other than the caller's (a primitive: always written).
            return c.store.rerender(page) { _, u in userRecord(u, caller: c.caller) }
        },
        Handler("createAccount") { c throws(APIError) in
            let domain = try targetDomain(c)
            var role = Role.user
            if let t = try c.int("accounttype") {
                guard [0, 1, 2].contains(t) else {
                    throw APIError.invalid("accounttype", "'\(t)' is not 0 (user), 1 (root admin) or 2 (domain admin)")
                }
                role = Role(accountType: t)
            }
            // A role (roleid) decides the account's type; its rules decide which APIs it may call.
            var customRole: Entity? = nil
            if let id = c.optional("roleid") { customRole = try RoleAPIs.role(c, id, param: "roleid") }
            if let customRole { role = Role(roleType: customRole["type"] ?? "User") }
            if role == .rootAdmin, c.caller.role != .rootAdmin { throw c.denied("account type 1 (root admin)") }
            let username = try c.required("username")
            let name = c.optional("account") ?? username
            if c.store.table("account").first(where: { $0["name"] == name && $0["domainid"] == domain.id }) != nil {
                throw APIError.invalid(
                    "account", "The specified account: \(name) already exists in domain \(domain["path"] ?? domain.id)")
            }
            try checkNewUsername(c, username, domain: domain)
            let account = c.store.addAccount(
                name: name, role: role, domain: domain, created: c.created, customRole: customRole)
            try addUser(c, account: account)
            return .object(["account": render(c.store.table("account").get(account.id)!, c)])
        },
        Handler("updateAccount") { c throws(APIError) in
            let account = try findAccount(c)
            if let newName = c.optional("newname") { c.store.renameAccount(account, to: newName) }
            if let roleID = c.optional("roleid") { try changeRole(c, account, roleID) }
            return .object(["account": render(c.store.table("account").get(account.id)!, c)])
        },
        Handler("deleteAccount", async: true) { c throws(APIError) in
            let account = try findAccount(c)
            if account.id == c.caller.accountID {
                throw APIError.invalid("id", "Deleting the account of the caller is not allowed")
            }
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.admin.account.DeleteAccountCmd", instanceType: "Account",
                    instanceID: account.id, immediateID: nil
                ) { store, _ in
                    store.removeAccount(try store.jobEntity("account", account.id))
                    return ["success": .bool(true)]
                })
        },
        Handler("enableAccount") { c throws(APIError) in
            let account = try findAccount(c)
            c.store.table("account").update(account.id) { $0.fields["state"] = .string("enabled") }
            return .object(["account": render(c.store.table("account").get(account.id)!, c)])
        },
        Handler("disableAccount", async: true) { c throws(APIError) in
            let account = try findAccount(c)
            if account.id == c.caller.accountID {
                throw APIError.invalid("id", "Disabling the account of the caller is not allowed")
            }
            let lock = try c.bool("lock"), caller = c.caller
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.admin.account.DisableAccountCmd", instanceType: "Account",
                    instanceID: account.id, immediateID: nil
                ) { store, _ in
                    disable(store, account.id, lock: lock)
                    return ["account": render(try store.jobEntity("account", account.id), store: store, caller: caller)]
                })
        },
        Handler("createUser") { c throws(APIError) in
            let domain = try targetDomain(c)
            let name = try c.required("account")
            guard
                let account = c.store.table("account").first(where: {
                    $0["name"] == name && $0["domainid"] == domain.id
                })
            else {
                throw APIError.invalid(
                    "account", "Unable to find account \(name) in domain \(domain["path"] ?? domain.id)")
            }
            try checkNewUsername(c, try c.required("username"), domain: domain)
            let user = try addUser(c, account: account)
            return .object(["user": userRecord(user, caller: c.caller)])
        },
        Handler("updateUser") { c throws(APIError) in
            let user = try findUser(c)
            c.store.table("user").update(user.id) { u in
                for key in ["firstname", "lastname", "email", "timezone", "username"] {
                    if let v = c.optional(key) { u.fields[key] = .string(v) }
                }
            }
            if let i = c.store.principals.firstIndex(where: { $0.caller.userID == user.id }) {
                if let p = c.optional("password") { c.store.principals[i].user.password = p }
                if let n = c.optional("username") {
                    c.store.principals[i].user.username = n; c.store.principals[i].caller.username = n
                }
            }
            return .object(["user": userRecord(c.store.table("user").get(user.id)!, caller: c.caller)])
        },
        Handler("deleteUser") { c throws(APIError) in
            let user = try findUser(c)
            if user.id == c.caller.userID { throw APIError.invalid("id", "Deleting the calling user is not allowed") }
            c.store.removeUser(user.id)
            return .object(["success": .bool(true)])
        },
        Handler("registerUserKeys") { c throws(APIError) in
            let user = try findUser(c)
            let apiKey = keyText(c.store), secretKey = keyText(c.store)
            c.store.table("user").update(user.id) { $0.fields["apikey"] = .string(apiKey) }
            if let i = c.store.principals.firstIndex(where: { $0.caller.userID == user.id }) {
                c.store.principals[i].user.apiKey = apiKey
                c.store.principals[i].user.secretKey = secretKey
            }
            return .object(["userkeys": .record(["apikey": .string(apiKey), "secretkey": .string(secretKey)])])
        },
        // Enabling a user enables its account too.
        Handler("enableUser") { c throws(APIError) in
            let user = try findUser(c)
            c.store.table("user").update(user.id) { $0.fields["state"] = .string("enabled") }
            c.store.table("account").update(user["accountid"] ?? "") { $0.fields["state"] = .string("enabled") }
            return .object(["user": userRecord(c.store.table("user").get(user.id)!, caller: c.caller)])
        },
        // Only an enabled user is locked (a locked one stays so); the account locks with its last enabled user.
        Handler("lockUser") { c throws(APIError) in
            let user = try findUser(c)
            switch user["state"] {
            case "locked": break
            case "enabled":
                c.store.table("user").update(user.id) { $0.fields["state"] = .string("locked") }
                let accountID = user["accountid"] ?? ""
                if !c.store.table("user").rows.contains(where: {
                    $0["accountid"] == accountID && $0["state"] == "enabled"
                }) {
                    c.store.table("account").update(accountID) { $0.fields["state"] = .string("locked") }
                }
            default: throw APIError.internalError("Unable to lock user \(user.seq)")
            }
            return .object(["user": userRecord(c.store.table("user").get(user.id)!, caller: c.caller)])
        },
        // Who owns an API key (clients ask it to learn their own account and domain).
        Handler("getUser") { c throws(APIError) in
            let key = try c.required("userapikey")
            guard let p = Authenticator().principal(forAPIKey: key, in: c.store),
                let user = c.store.table("user").get(p.caller.userID)
            else {
                throw APIError.refused("User with the specified API key does not exist")
            }
            return .object(["user": .record(user.fields)])
        },
        Handler("getUserKeys") { c throws(APIError) in
            let user = try findUser(c)
            guard let p = c.store.principals.first(where: { $0.caller.userID == user.id }), !p.user.apiKey.isEmpty
            else {
                return .object(["userkeys": .record([:])])
            }
            return .object([
                "userkeys": .record(["apikey": .string(p.user.apiKey), "secretkey": .string(p.user.secretKey)])
            ])
        },
    ]

    /// listAccounts and listUsers differ from resource lists: an admin sees the accounts of
    /// its own domain without listall (and its whole tree with it).
    static func peopleVisibility(_ c: Call) throws(APIError) -> Visibility {
        let v = try c.visibility()
        guard c.caller.role != .user, c.optional("account") == nil, c.optional("domainid") == nil,
            c.optional("id") == nil,
            !(try c.bool("listall"))
        else { return v }
        return .domains([c.caller.domainID])
    }

    /// An account record with its users, counts and limits, as listAccounts and the account APIs show it
    /// (ApiResponseHelper.createAccountResponse draws the same account view).
    static func render(_ a: Entity, _ c: Call) -> Value { render(a, store: c.store, caller: c.caller) }

    static func render(_ a: Entity, store: Store, caller: Caller) -> Value {
        var f = a.fields
        f["user"] = .list(
            store.table("user").rows.filter { $0["accountid"] == a.id }.map { userRecord($0, caller: caller) })
        f.merge(store.limitFields(.account(a)), uniquingKeysWith: { $1 })
        return .record(f)
    }

    /// A user record as every user answer shows it (UserJoinDaoImpl), with whether the user lies in a
    /// domain other than the caller's (a primitive: always written).
    static func userRecord(_ u: Entity, caller: Caller) -> Value {
        var f = u.fields
        f["iscallerchilddomain"] = .bool(u["domainid"] != caller.domainID)
        return .record(f)
    }

    /// `domainid` (default: the caller's domain), checked against the caller's reach.
    static func targetDomain(_ c: Call) throws(APIError) -> Entity {
        let id = c.optional("domainid") ?? c.caller.domainID
        guard let d = c.store.table("domain").get(id) else {
            throw APIError.invalid("domainid", "Unable to find domain by id \(id)")
        }
        try c.checkDomainAccess(id)
        return d
    }

    static func checkNewUsername(_ c: Call, _ username: String, domain: Entity) throws(APIError) {
        if c.store.table("user").first(where: { $0["username"] == username && $0["domainid"] == domain.id }) != nil {
            throw APIError.invalid(
                "username", "The user \(username) already exists in domain \(domain["path"] ?? domain.id)")
        }
    }

    /// updateAccount roleid=...: another role of the same account type (users and the principal follow).
    static func changeRole(_ c: Call, _ account: Entity, _ roleID: String) throws(APIError) {
        let r = try RoleAPIs.role(c, roleID, param: "roleid")
        let type = r["type"] ?? "User"
        guard Role.accountType(ofRoleType: type) == Int(account["accounttype"] ?? "") else {
            throw APIError.refused(
                "Role of type \(type) cannot be given to account \(account["name"] ?? account.id) of type "
                    + "\(account["roletype"] ?? ""): only a role of the account's own type may be assigned")
        }
        for noun in ["account", "user"] {
            for e in c.store.table(noun).rows where (noun == "account" ? e.id : e["accountid"]) == account.id {
                c.store.table(noun).update(e.id) {
                    $0.fields["roleid"] = .string(r.id); $0.fields["rolename"] = r.fields["name"]
                }
            }
        }
    }

    /// The user the create APIs describe (username, password, names, email), added to `account`.
    @discardableResult
    static func addUser(_ c: Call, account: Entity) throws(APIError) -> Entity {
        let domain = c.store.table("domain").get(account["domainid"] ?? "")
        let u = SimulatorOptions.User(
            username: try c.required("username"), password: try c.required("password"),
            domainPath: domain.map(Store.loginPath) ?? "/", account: account["name"] ?? "",
            isAdmin: account["accounttype"] == "1", apiKey: "", secretKey: "")
        return c.store.addUser(
            u, firstName: try c.required("firstname"), lastName: try c.required("lastname"),
            email: try c.required("email"), account: account, created: c.created)
    }

    /// The account named by `id`, or by `account` + `domainid`, within the caller's reach.
    static func findAccount(_ c: Call) throws(APIError) -> Entity {
        let account: Entity
        if let id = c.optional("id") {
            guard let a = c.store.table("account").get(id) else {
                throw APIError.notFound("account", id: id, param: "id")
            }
            account = a
        } else {
            guard let name = c.optional("account") else { throw APIError.missing("id", command: c.command) }
            guard let domainID = c.optional("domainid") else {
                throw APIError.invalid("domainid", "account must be given with domainid")
            }
            guard let a = c.store.table("account").first(where: { $0["name"] == name && $0["domainid"] == domainID })
            else {
                throw APIError.invalid("account", "Unable to find account by name \(name) in domain \(domainID)")
            }
            account = a
        }
        try c.checkAccess(
            accountID: account.id, domainID: account["domainid"] ?? "", what: "account \(account["name"] ?? "")")
        return account
    }

    /// Disables (or locks) an account; a disabled account's VMs are stopped (a locked one keeps them running).
    static func disable(_ store: Store, _ accountID: String, lock: Bool) {
        store.table("account").update(accountID) { $0.fields["state"] = .string(lock ? "locked" : "disabled") }
        guard !lock else { return }
        for vm in store.vms.live where vm.accountID == accountID && vm.state == "Running" {
            store.unplace(vm.id)
            store.vms.update(vm.id) { $0.state = "Stopped" }
        }
    }

    static func findUser(_ c: Call) throws(APIError) -> Entity {
        let id = try c.required("id")
        guard let u = c.store.table("user").get(id) else { throw APIError.notFound("user", id: id, param: "id") }
        // A user may change itself (keys, password); only admins touch others.
        if u.id != c.caller.userID {
            try c.checkAccess(
                accountID: u["accountid"] ?? "", domainID: u["domainid"] ?? "", what: "user \(u["username"] ?? id)")
            if c.caller.role == .user { throw c.denied("user \(u["username"] ?? id)") }
        }
        return u
    }

    /// API and secret keys: 64 random URL-safe characters, like the server's.
    static func keyText(_ store: Store) -> String {
        var rng = SystemRandomNumberGenerator()
        let chars = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        return String((0..<64).map { _ in chars[Int(rng.next() & 63)] })
    }
}

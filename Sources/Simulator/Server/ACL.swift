import Values

/// The three roles CloudStack ships: the root admin (account type 1) sees and runs
/// everything, a domain admin (type 2) administers its domain and the ones below it,
/// a user (type 0) works on its own account's resources.
enum Role: Sendable {
    case rootAdmin, domainAdmin, user

    var accountType: Int {
        switch self {
        case .rootAdmin: 1
        case .domainAdmin: 2
        case .user: 0
        }
    }

    var roleType: String {
        switch self {
        case .rootAdmin: "Admin"
        case .domainAdmin: "DomainAdmin"
        case .user: "User"
        }
    }

    var roleName: String {
        switch self {
        case .rootAdmin: "Root Admin"
        case .domainAdmin: "Domain Admin"
        case .user: "User"
        }
    }

    init(accountType: Int) {
        // 3: a resource admin (RESOURCE_DOMAIN_ADMIN), administering its domain like a domain admin.
        self = accountType == 1 ? .rootAdmin : accountType == 2 || accountType == 3 ? .domainAdmin : .user
    }
}

extension Caller {
    var role: Role { isAdmin ? .rootAdmin : isDomainAdmin ? .domainAdmin : .user }
}

/// Which owners a list call may show: everything, one account, or a set of domains.
enum Visibility {
    case all
    case account(name: String, domainID: String)
    case domains(Set<String>)

    func allows(account: String?, domainID: String?) -> Bool {
        switch self {
        case .all: true
        case .account(let name, let d): account == name && domainID == d
        case .domains(let ids): domainID.map(ids.contains) ?? false
        }
    }
}

extension Store {
    /// `id` and every domain below it (path prefix match, as the server's `path LIKE 'x%'`).
    func domainTree(_ id: String) -> Set<String> {
        guard let root = table("domain").get(id)?["path"] else { return [] }
        return Set(
            table("domain").rows.filter { d in
                guard let p = d["path"] else { return false }
                return p == root || p.hasPrefix(root + "/")
            }.map(\.id))
    }

    func isDomain(_ id: String, within ancestor: String) -> Bool { domainTree(ancestor).contains(id) }
}

extension Call {
    /// A permission failure (531) in the server's words.
    func denied(_ what: String) -> APIError {
        APIError.permission("Account \(caller.account) does not have permission to operate with resource \(what)")
    }

    /// May the caller act on something owned by this account (root admin: anything; domain
    /// admin: anything in its domain tree; user: its own account)? 531 otherwise.
    func checkAccess(accountID: String, domainID: String, what: String) throws(APIError) {
        switch caller.role {
        case .rootAdmin: return
        case .domainAdmin: if store.isDomain(domainID, within: caller.domainID) { return }
        case .user:
            if accountID == caller.accountID || store.isMember(caller.accountID, ofProject: accountID) { return }
        }
        throw denied(what)
    }

    /// The same for records that name their owner (account name + domain id).
    func checkAccess(account: String?, domainID: String?, what: String) throws(APIError) {
        let acct = store.table("account").first { $0["name"] == account && $0["domainid"] == domainID }
        try checkAccess(accountID: acct?.id ?? "", domainID: domainID ?? "", what: what)
    }

    /// The same for a record owned by an account or a project (whose members and the admins above it may act).
    func checkAccess(owner e: Entity, what: String) throws(APIError) {
        if let project = e["projectid"] {
            try checkAccess(accountID: project, domainID: e["domainid"] ?? "", what: what)
        } else {
            try checkAccess(account: e["account"], domainID: e["domainid"], what: what)
        }
    }

    /// Whom a create call acts for: the caller, or `account` (in `domainid`, else the caller's
    /// domain) when an admin creates on someone's behalf.
    func owner() throws(APIError) -> Caller {
        guard let name = optional("account") else { return caller }
        let domainID = optional("domainid") ?? caller.domainID
        guard let acct = store.table("account").first(where: { $0["name"] == name && $0["domainid"] == domainID })
        else {
            throw APIError.invalid("account", "could not find account \(name) in domain \(domainID)")
        }
        try checkAccess(accountID: acct.id, domainID: domainID, what: "account \(name)")
        return store.principals.first { $0.caller.accountID == acct.id }?.caller
            ?? Caller(
                userID: "", username: "", accountID: acct.id, account: name, domainID: domainID,
                domain: acct["domain"] ?? "", isAdmin: false)
    }

    /// The entity owner a command names, as getEntityOwnerId's finalyzeAccountId reads account,
    /// domainid and projectid: whether a record is that owner's (the project's with projectid, else
    /// the account's own, outside projects), and the owner's internal id for the server's messages.
    func namedOwner() throws(APIError) -> (owns: (Entity) -> Bool, seq: Int) {
        if optional("projectid") != nil {
            let project = try ProjectAPIs.project(self, "projectid", admin: false)
            return ({ $0["projectid"] == project.id }, project.seq)
        }
        let o = try owner()
        return (
            { $0["account"] == o.account && $0["domainid"] == o.domainID && $0["projectid"] == nil },
            store.table("account").get(o.accountID)?.seq ?? 0
        )
    }

    /// Checks `domainid` the way the server does before listing in it.
    func checkDomainAccess(_ domainID: String) throws(APIError) {
        let ok =
            switch caller.role {
            case .rootAdmin: true
            case .domainAdmin: store.isDomain(domainID, within: caller.domainID)
            case .user: domainID == caller.domainID
            }
        if !ok {
            throw APIError.permission(
                "Account \(caller.account) does not have permission to operate within domain id=\(domainID)")
        }
    }

    /// listall, account, domainid and isrecursive as the server turns them into an owner filter:
    /// - a user always sees its own account;
    /// - `account` (looked up in `domainid`, else the caller's domain) narrows to that account;
    /// - `domainid` alone lists that domain, with its sub-domains when `isrecursive=true`;
    /// - otherwise an admin sees its own account, or with `listall=true` everything it may see
    ///   (root admin: all; domain admin: its domain tree); asking for one `id` needs no listall.
    func visibility() throws(APIError) -> Visibility {
        let domainID = optional("domainid")
        if let domainID {
            guard store.table("domain").get(domainID) != nil else {
                throw APIError.invalid("domainid", "Unable to find domain by id \(domainID)")
            }
            try checkDomainAccess(domainID)
        }
        if let name = optional("account") {
            let inDomain = domainID ?? caller.domainID
            guard let acct = store.table("account").first(where: { $0["name"] == name && $0["domainid"] == inDomain })
            else {
                throw APIError.invalid("account", "could not find account \(name) in domain \(inDomain)")
            }
            try checkAccess(accountID: acct.id, domainID: inDomain, what: "account \(name)")
            return .account(name: name, domainID: inDomain)
        }
        let own = Visibility.account(name: caller.account, domainID: caller.domainID)
        if caller.role == .user { return own }
        if let domainID {
            return try bool("isrecursive") ? .domains(store.domainTree(domainID)) : .domains([domainID])
        }
        let tree = caller.role == .rootAdmin ? Visibility.all : .domains(store.domainTree(caller.domainID))
        if try bool("listall") { return tree }
        return optional("id") != nil ? tree : own
    }
}

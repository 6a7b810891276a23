import APICatalog
import Values
import OrderedCollections

/// Dynamic roles as the server's DynamicRoleBasedAPIAccessChecker applies them: an account has a
/// role (`roleid`); the default Root Admin role may call everything; any other role's rules are
/// tried in their order and the first whose pattern matches the API decides (allow or deny); when
/// none matches, the API's own role annotation decides (here `APIAccess`, by the role's type).
extension Store {
    static let roleNoun = "role"
    static let rulesNoun = "rolepermission"

    /// The four roles a fresh install has (ids 1-4 on the server), immutable.
    func seedRoles() {
        let roles = [
            ("Root Admin", "Admin", "Default root admin role"),
            ("Resource Admin", "ResourceAdmin", "Default resource admin role"),
            ("Domain Admin", "DomainAdmin", "Default domain admin role"),
            ("User", "User", "Default user role"),
        ]
        for (name, type, description) in roles {
            insert(
                Self.roleNoun,
                [
                    "name": .string(name), "type": .string(type), "description": .string(description),
                    "isdefault": .bool(true),
                ])
        }
    }

    /// The default role of a role type ("Admin", "DomainAdmin", "User"...).
    func defaultRole(type: String) -> Entity? {
        table(Self.roleNoun).first { $0["type"] == type && $0["isdefault"] == "true" }
    }

    /// An account's role: its `roleid`, else (state saved before roles were kept) the default one of its type.
    func role(ofAccount accountID: String) -> Entity? {
        guard let account = table("account").get(accountID) else { return nil }
        if let id = account["roleid"], let r = table(Self.roleNoun).get(id) { return r }
        return defaultRole(
            type: account["roletype"] ?? Role(accountType: Int(account["accounttype"] ?? "") ?? 0).roleType)
    }

    /// A role's rules in their evaluation order.
    func rules(ofRole roleID: String) -> [Entity] {
        table(Self.rulesNoun).rows.filter { $0["roleid"] == roleID }
            .sorted { (Int($0["sortorder"] ?? "") ?? 0, $0.seq) < (Int($1["sortorder"] ?? "") ?? 0, $1.seq) }
    }

    /// May this caller call `api`? (The server answers 432 when not.)
    func allows(_ api: String, _ caller: Caller) -> Bool { apiChecker(for: caller)(api) }

    /// `allows` for many APIs at once (listApis): the role and its rules are looked up once.
    /// The one place plugin registration gates an API: one a plugin did not register at this start
    /// (`unregisteredAPIs`) is allowed to no one, so it answers as an unknown command and listApis omits it.
    func apiChecker(for caller: Caller) -> (String) -> Bool {
        let off = unregisteredAPIs
        guard let role = role(ofAccount: caller.accountID) else {
            return { !off.contains($0) && APIAccess.allowed($0, for: caller.role) }
        }
        let rules = rules(ofRole: role.id)
        return { !off.contains($0) && Self.allows($0, role: role, rules: rules) }
    }

    static func allows(_ api: String, role: Entity, rules: [Entity]) -> Bool {
        let type = role["type"] ?? "User"
        if type == "Admin", role["isdefault"] == "true" { return true }
        for rule in rules where RoleRule.matches(rule["rule"] ?? "", api) { return rule["permission"] == "allow" }
        return APIAccess.allowed(api, for: Role(roleType: type))
    }
}

/// A rule's pattern: an API name, `*` standing for any run of letters and digits (`list*`), case aside.
enum RoleRule {
    static func isValid(_ rule: String) -> Bool {
        !rule.isEmpty
            && rule.unicodeScalars.allSatisfy {
                ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "*"
            }
    }

    static func matches(_ rule: String, _ api: String) -> Bool {
        let pattern = Array(rule.lowercased()), text = Array(api.lowercased())
        // Glob match where `*` takes any run (API names hold letters and digits only).
        var p = 0, t = 0, star = -1, mark = 0
        while t < text.count {
            if p < pattern.count, pattern[p] != "*", pattern[p] == text[t] {
                p += 1; t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p; mark = t; p += 1
            } else if star >= 0 {
                p = star + 1; mark += 1; t = mark
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}

extension Role {
    /// The simulator's three visibility levels for a role type (a resource admin administers like a domain admin).
    init(roleType: String) {
        switch roleType {
        case "Admin": self = .rootAdmin
        case "DomainAdmin", "ResourceAdmin": self = .domainAdmin
        default: self = .user
        }
    }

    /// The account type the server gives an account of a role type (RESOURCE_DOMAIN_ADMIN is 3).
    static func accountType(ofRoleType type: String) -> Int {
        ["Admin": 1, "DomainAdmin": 2, "ResourceAdmin": 3][type] ?? 0
    }
}

import Values
import OrderedCollections

/// Configuration settings (State/Settings.swift) by scope, as the server keeps them: a global value, and
/// values set for one zone, cluster, storage pool, account or domain. Listing with a scope id shows the
/// settings of that scope with the value in effect there (an account's falls back to its domain's
/// when enable.account.settings.for.domain is on, then to the global one).
enum ConfigurationAPIs {
    static let noun = "configvalue"

    /// The scope parameters, the scope each names, and the table holding its entities.
    static let scopes: [(param: String, scope: Setting.Scope, answer: String, table: String)] = [
        ("zoneid", .zone, "zone", "zone"), ("clusterid", .cluster, "cluster", "cluster"),
        ("storageid", .storagePool, "storagepool", "storagepool"), ("accountid", .account, "account", "account"),
        ("domainid", .domain, "domain", "domain"),
    ]

    struct Target {
        var scope: Setting.Scope
        var answer: String
        var id: String
    }

    static let handlers: [Handler] = [
        Handler("listConfigurations") { c throws(APIError) in
            let target = try scopeTarget(c)
            let name = c.optional("name")?.lowercased(), keyword = c.optional("keyword")?.lowercased()
            let category = c.optional("category")?.lowercased(), parent = c.optional("parent")
            let group = try c.optional("group").map { g throws(APIError) in
                guard let hit = ConfigurationGroups.all.first(where: { $0.name.lowercased() == g.lowercased() }) else {
                    throw APIError.refused("Invalid configuration group: \(g)")
                }
                return hit.name
            }
            let subgroup = try c.optional("subgroup").map { g throws(APIError) in
                guard
                    let hit = ConfigurationGroups.rows.first(where: { $0.subgroup.name.lowercased() == g.lowercased() })
                else { throw APIError.refused("Invalid configuration subgroup: \(g)") }
                return hit.subgroup.name
            }
            let settings = Settings.all.filter { s in
                let placed = s.placement
                // The keyword is looked for in the name, the category and the global value.
                let matchesKeyword = keyword.map { k in
                    [s.name, s.category, value(s, c.store, nil) ?? ""].contains { $0.lowercased().contains(k) }
                }
                return
                    (target.map {
                        s.scope == $0.scope
                            || ($0.scope == .domain && s.scope == .account && accountSettingsForDomain(c.store))
                    } ?? true)
                    && (name.map { s.name.lowercased().contains($0) } ?? true) && (matchesKeyword ?? true)
                    && (category.map { s.category.lowercased() == $0 } ?? true)
                    && (group.map { placed.group == $0 } ?? true) && (subgroup.map { placed.subgroup == $0 } ?? true)
                    && (parent.map { s.parent == $0 } ?? true)
            }.sorted { $0.name < $1.name }
            let range = try c.pageRange(count: settings.count)
            let items = settings[range].map { render($0, c.store, target) }
            return .list(noun: "configuration", items: items, total: settings.count)
        },
        Handler("updateConfiguration") { c throws(APIError) in
            let setting = try find(c)
            let target = try scopeTarget(c)
            try checkScope(setting, target)
            // No value: the setting as it is. An empty value (or `null`) clears it.
            guard let given = c.params["value"] else {
                return .object(["configuration": render(setting, c.store, target)])
            }
            let trimmed = given.trimmingSpaces()
            let value = trimmed.isEmpty || trimmed == "null" ? nil : trimmed
            try validate(setting, value)
            c.store.table(noun).put(Entity(id: key(setting.name, target), fields: ["value": .string(value ?? "")]))
            return .object(["configuration": render(setting, c.store, target)])
        },
        Handler("resetConfiguration") { c throws(APIError) in
            let setting = try find(c)
            let target = try scopeTarget(c)
            try checkScope(setting, target)
            c.store.table(noun).remove(key(setting.name, target))
            return .object(["configuration": render(setting, c.store, target)])
        },
    ]

    static func find(_ c: Call) throws(APIError) -> Setting {
        let name = try c.required("name")
        guard let s = Settings.byName[name] else {
            throw APIError.refused("Config parameter with name \(name) doesn't exist")
        }
        return s
    }

    /// The one scope parameter given (none: the global value).
    static func scopeTarget(_ c: Call) throws(APIError) -> Target? {
        let given = scopes.filter { c.optional($0.param) != nil }
        guard let first = given.first else { return nil }
        if given.count > 1 {
            throw APIError.refused("cannot handle multiple IDs, provide only one ID corresponding to the scope")
        }
        let id = c.optional(first.param)!
        guard c.store.table(first.table).get(id) != nil else {
            throw CatalogCheck.noEntity(first.param, id, command: c.command)
        }
        return Target(scope: first.scope, answer: first.answer, id: id)
    }

    static func checkScope(_ s: Setting, _ target: Target?) throws(APIError) {
        guard let target, s.scope != target.scope else { return }
        throw APIError.refused("Invalid scope id provided for the parameter \(s.name)")
    }

    /// The value must read as the setting's Java type and keep within its bound, checked in the server's
    /// order and words (ConfigurationManagerImpl.validateConfigurationValue); nil is a cleared value.
    static func validate(_ s: Setting, _ value: String?) throws(APIError) {
        let parseFailure = "There was error in trying to parse value: \(value ?? "null"). Please enter a valid"
        switch s.javaType {
        case "Integer" where value.flatMap { Int32($0) } == nil:
            throw APIError.refused("\(parseFailure) integer value for parameter \(s.name)")
        case "Long" where value.flatMap { Int64($0) } == nil:
            throw APIError.refused("\(parseFailure) long value for parameter \(s.name)")
        case "Float" where value.flatMap { Float($0) } == nil:
            throw APIError.refused("\(parseFailure) float value for parameter \(s.name)")
        default: break
        }
        guard let value else {
            if s.javaType == "Boolean" { throw APIError.refused("Please enter either 'true' or 'false'.") }
            if s.bound == .atLeastOne { throw APIError.refused("value cannot be null for the parameter \(s.name)") }
            return
        }
        switch s.bound {
        case .atLeastOne:
            guard let f = Float(value) else {
                throw APIError.refused("There was an error trying to parse the float value for: \(s.name)")
            }
            if f < 1 { throw APIError.refused("\(s.name) should be greater than or equal to 1") }
        case .positive:
            if let n = Int32(value), n <= 0 {
                throw APIError.refused("Please enter a positive value for the configuration parameter:\(s.name)")
            }
        case .fraction:
            if let f = Float(value), f < 0 || f > 1 {
                throw APIError.refused(
                    "Please enter a value between 0 and 1 for the configuration parameter: \(s.name)")
            }
        case .none: break
        }
        // The server compares case-sensitively: `True` is refused.
        if s.javaType == "Boolean", value != "true", value != "false" {
            throw APIError.refused("Please enter either 'true' or 'false'.")
        }
    }

    static func key(_ name: String, _ target: Target?) -> String {
        target.map { "\($0.scope.rawValue)/\($0.id)/\(name)" } ?? "Global//\(name)"
    }

    /// The value in effect: set at the scope, else (an account) its domain's when allowed, else the global one.
    static func value(_ s: Setting, _ store: Store, _ target: Target?) -> String? {
        let t = store.table(noun)
        if let target, let v = t.get(key(s.name, target)) { return v["value"] }
        if let target, target.scope == .account, accountSettingsForDomain(store),
            let domain = store.table("account").get(target.id)?["domainid"],
            let v = t.get(key(s.name, Target(scope: .domain, answer: "domain", id: domain)))
        {
            return v["value"]
        }
        return t.get(key(s.name, nil)).map { $0["value"] ?? "" } ?? s.defaultValue
    }

    /// The global value of a setting (what the rest of the simulator reads, e.g. resource limit defaults).
    static func globalValue(_ name: String, _ store: Store) -> String? {
        Settings.byName[name].flatMap { value($0, store, nil) }
    }

    static func accountSettingsForDomain(_ store: Store) -> Bool {
        store.table(noun).get("Global//enable.account.settings.for.domain")?["value"] == "true"
    }

    static func render(_ s: Setting, _ store: Store, _ target: Target?) -> Value {
        var r: Record = ["category": .string(s.category), "name": .string(s.name)]
        if let v = value(s, store, target), !v.isEmpty { r["value"] = .string(v) }
        r["description"] = .string(s.description)
        if let d = s.defaultValue { r["defaultvalue"] = .string(d) }
        r["type"] = .string(s.valueType)
        r["isdynamic"] = .bool(s.isDynamic)
        r["component"] = .string(s.component)
        let placed = s.placement
        r["group"] = .string(placed.group)
        r["subgroup"] = .string(placed.subgroup)
        r["displaytext"] = .string(s.displayText)
        if let parent = s.parent { r["parent"] = .string(parent) }
        if let options = s.options { r["options"] = .string(options) }
        // Listed in a scope: the scope as asked (`zone`); else where the setting may be set (`Global`).
        r["scope"] = .string(target?.answer ?? s.scope.rawValue)
        if let target { r["id"] = .string(target.id) }
        return .record(r)
    }
}

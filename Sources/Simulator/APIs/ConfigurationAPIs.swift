import Values

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
            let category = c.optional("category")?.lowercased()
            let settings = Settings.all.filter { s in
                (target.map { s.scope == $0.scope || ($0.scope == .domain && s.scope == .account && accountSettingsForDomain(c.store)) } ?? true)
                    && (name.map { s.name.lowercased().contains($0) } ?? true)
                    && (keyword.map { s.name.lowercased().contains($0) } ?? true)
                    && (category.map { s.category.lowercased() == $0 } ?? true)
            }.sorted { $0.name < $1.name }
            let range = try c.pageRange(count: settings.count)
            let items = settings[range].map { render($0, c.store, target) }
            return .list(noun: "configuration", items: items, total: settings.count)
        },
        Handler("updateConfiguration") { c throws(APIError) in
            let setting = try find(c)
            let target = try scopeTarget(c)
            try checkScope(setting, target)
            let value = c.params["value"] ?? ""  // an empty value clears the setting
            if !value.isEmpty { try validate(setting, value) }
            c.store.table(noun).insert(Entity(id: key(setting.name, target), fields: ["value": .string(value)]))
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
        guard let s = Settings.byName[name] else { throw APIError.refused("Config parameter with name \(name) doesn't exist") }
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
        guard c.store.table(first.table).get(id) != nil else { throw CatalogCheck.noEntity(first.param, id, command: c.command) }
        return Target(scope: first.scope, answer: first.answer, id: id)
    }

    static func checkScope(_ s: Setting, _ target: Target?) throws(APIError) {
        guard let target, s.scope != target.scope else { return }
        throw APIError.refused("Invalid scope id provided for the parameter \(s.name)")
    }

    /// The value must read as the setting's Java type, as the server parses it before saving.
    static func validate(_ s: Setting, _ value: String) throws(APIError) {
        switch s.javaType {
        case "Boolean":
            guard ["true", "false"].contains(value.lowercased()) else { throw APIError.refused("Please enter either 'true' or 'false'.") }
        case "Integer", "Long", "Short":
            guard Int(value) != nil else { throw APIError.refused("Please enter a valid integer value for parameter \(s.name)") }
        case "Float", "Double":
            guard Double(value) != nil else { throw APIError.refused("Please enter a valid decimal value for parameter \(s.name)") }
        default: break
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
           let v = t.get(key(s.name, Target(scope: .domain, answer: "domain", id: domain))) {
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
        r["type"] = .string(s.kind)
        r["isdynamic"] = .bool(s.isDynamic)
        // Listed in a scope: the scope as asked (`zone`); else where the setting may be set (`Global`).
        r["scope"] = .string(target?.answer ?? s.scope.rawValue)
        if let target { r["id"] = .string(target.id) }
        return .record(r)
    }
}

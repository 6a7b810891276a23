import FoundationEssentials
import OrderedCollections
import Values

/// LDAP (the ldap user-authenticator plugin). Configurations name directory servers, globally or for a
/// domain (hostname:port unique per domain); the deprecated ldapConfig/ldapRemove set and drop the global
/// one; linkDomainToLdap ties a domain to a group or OU. The simulator has no directory behind them: a
/// configuration is taken as if its bind succeeded, and every directory query then fails the way the
/// server fails it when the directory cannot be reached (searchLdap, listLdapUsers and importLdapUsers
/// log it and answer no users; ldapCreateAccount finds no such user).
enum LDAPAPIs {
    static let noun = "ldapconfiguration"
    static let siteNoun = "ldapsite"
    static let linkNoun = "ldaptrustmap"

    static let handlers: [Handler] = [
        Handler("addLdapConfiguration") { c throws(APIError) in
            let hostname = try c.required("hostname")
            var port = try c.int("port") ?? 0
            if port <= 0 { port = 389 }
            let domainID = try domain(c)
            if find(c.store, hostname, port, domainID) != nil { throw APIError.refused("Duplicate configuration") }
            var f: Record = ["hostname": .string(hostname), "port": .int(port)]
            if let domainID { f["domainid"] = .string(domainID) }
            let e = c.store.insert(noun, f)
            return .object(["LdapConfiguration": render(c, e)])
        },
        Handler("listLdapConfigurations") { c throws(APIError) in
            let hostname = c.optional("hostname"), port = try c.int("port") ?? 0
            let domainID = try domain(c), all = try c.bool("listall")
            let rows = c.store.table(noun).rows.filter { e in
                if let hostname, e["hostname"] != hostname { return false }
                if port > 0, e["port"] != String(port) { return false }
                // Without a domain: the global ones, or with listall every one.
                if let domainID { return e["domainid"] == domainID }
                return all || e["domainid"] == nil
            }
            let page = rows[try c.pageRange(count: rows.count)]
            return .list(noun: "LdapConfiguration", items: page.map { render(c, $0) }, total: rows.count)
        },
        Handler("deleteLdapConfiguration") { c throws(APIError) in
            let hostname = try c.required("hostname")
            guard let e = find(c.store, hostname, try c.int("port") ?? 0, try domain(c)) else {
                throw APIError.refused("Cannot find configuration with hostname \(hostname)")
            }
            c.store.table(noun).remove(e.id)
            return .object(["LdapConfiguration": render(c, e)])
        },
        Handler("ldapConfig") { c throws(APIError) in
            if try c.bool("listall") {
                let site = c.store.table(siteNoun).get("global")
                let items: [Value] = c.store.table(noun).rows.filter { $0["domainid"] == nil }.map { e in
                    config(
                        e["hostname"] ?? "", Int(e["port"] ?? "") ?? 389, ssl: site?["ssl"] == "true", filter: nil, site
                    )
                }
                return .list(noun: "ldapconfig", items: items, total: items.count)
            }
            guard let hostname = c.optional("hostname"), let port = try c.int("port") else {
                throw APIError.refused("You need to provide hostname, port to configure your LDAP server")
            }
            let effective = port <= 0 ? 389 : port
            if find(c.store, hostname, effective, nil) != nil { throw APIError.refused("Duplicate configuration") }
            c.store.insert(noun, ["hostname": .string(hostname), "port": .int(effective)])
            // The site settings (ldap.basedn, ldap.bind.principal, ldap.bind.password, ldap.truststore...).
            var site: Record = ["ssl": .bool(try c.bool("ssl"))]
            for (param, key) in [("searchbase", "searchbase"), ("binddn", "binddn"), ("bindpass", "bindpass")] {
                if let v = c.optional(param) { site[key] = .string(v) }
            }
            c.store.table(siteNoun).put(Entity(id: "global", fields: site))
            let shown = Entity(id: "global", fields: site)
            return .object([
                "ldapconfig": config(
                    hostname, effective, ssl: try c.bool("ssl"), filter: c.optional("queryfilter"), shown)
            ])
        },
        Handler("ldapRemove") { c throws(APIError) in
            for e in c.store.table(noun).rows where e["domainid"] == nil { c.store.table(noun).remove(e.id) }
            return .object(["ldapremove": .record([:])])
        },
        Handler("linkDomainToLdap") { c throws(APIError) in
            let domainID = try c.required("domainid")
            guard c.store.table("domain").get(domainID) != nil else {
                throw CatalogCheck.noEntity("domainid", domainID, command: c.command)
            }
            let type = try c.required("type").uppercased()
            guard let group = c.optional("ldapdomain") ?? c.optional("name"), !group.isEmpty else {
                throw APIError.internalError("ldapDomain cannot be empty, please supply a GROUP or OU name")
            }
            let accountType = try c.int("accounttype") ?? -1
            guard accountType == 0 || accountType == 2 else {
                throw APIError.internalError("accountype should be either 0(normal user) or 2(domain admin)")
            }
            guard ["GROUP", "OU"].contains(type) else {
                throw APIError.internalError("No enum constant org.apache.cloudstack.ldap.LdapManager.LinkType.\(type)")
            }
            let fields: Record = [
                "domainid": .string(domainID), "type": .string(type), "ldapdomain": .string(group),
                "name": .string(group), "accounttype": .int(accountType),
            ]
            c.store.table(linkNoun).put(Entity(id: domainID, fields: fields))
            // An `admin` to create is looked up in the directory, which does not answer: nothing is made.
            return .object(["LinkDomainToLdap": .record(fields)])
        },
        // Links a group or OU to one account (made now when missing); its members join that account at login.
        Handler("linkAccountToLdap") { c throws(APIError) in
            let domain = try c.entity("domain", "domainid", what: "domain")
            let group = try c.required("ldapdomain"), name = try c.required("account")
            guard !group.isEmpty else {
                throw APIError.internalError("ldapDomain cannot be empty, please supply a GROUP or OU name")
            }
            let type = (c.optional("type") ?? "GROUP").uppercased()
            guard ["GROUP", "OU"].contains(type) else {
                throw APIError.internalError("No enum constant org.apache.cloudstack.ldap.LdapManager.LinkType.\(type)")
            }
            let accountType = try c.int("accounttype") ?? 0
            let account =
                c.store.table("account").first { $0["name"] == name && $0["domainid"] == domain.id }
                ?? c.store.addAccount(
                    name: name, role: Role(accountType: accountType), domain: domain, created: c.created)
            let fields: Record = [
                "domainid": .string(domain.id), "type": .string(type), "ldapdomain": .string(group),
                "name": .string(name), "accounttype": .int(accountType), "accountid": .string(account.id),
            ]
            c.store.table(linkNoun).put(Entity(id: "\(domain.id)/\(account.id)", fields: fields))
            return .object(["LinkAccountToLdap": .record(fields)])
        },
        Handler("searchLdap") { c throws(APIError) in
            _ = try c.required("query")
            return unreachable()
        },
        Handler("listLdapUsers") { c throws(APIError) in
            if let f = c.optional("userfilter"),
                !["NoFilter", "LocalDomain", "AnyDomain", "PotentialImport"].contains(where: {
                    $0.lowercased() == f.lowercased()
                })
            {
                throw APIError.internalError("\(f) is not a legal 'UserFilter' value")
            }
            return unreachable()
        },
        Handler("importLdapUsers") { c throws(APIError) in
            if c.optional("domainid") != nil { _ = try c.entity("domain", "domainid", what: "domain") }
            return unreachable()
        },
        Handler("ldapCreateAccount") { c throws(APIError) in
            let username = try c.required("username")
            throw APIError(534, "No LDAP user exists with the username of \(username)")
        },
    ]

    /// A directory that cannot be reached yields no users (the server logs the failure and answers none).
    static func unreachable() -> Reply { .list(noun: "LdapUser", items: [], total: 0) }

    /// `domainid`, checked (nil: the global configuration).
    static func domain(_ c: Call) throws(APIError) -> String? {
        guard let d = c.optional("domainid") else { return nil }
        guard c.store.table("domain").get(d) != nil else {
            throw CatalogCheck.noEntity("domainid", d, command: c.command)
        }
        return d
    }

    /// The configuration of hostname (and port when above 0) in the domain (nil: global).
    static func find(_ store: Store, _ hostname: String, _ port: Int, _ domainID: String?) -> Entity? {
        store.table(noun).first {
            $0["hostname"] == hostname && (port <= 0 || $0["port"] == String(port)) && $0["domainid"] == domainID
        }
    }

    /// A configuration as the server answers it: hostname and port for the root admin only.
    static func render(_ c: Call, _ e: Entity) -> Value {
        var r: Record = [:]
        if c.caller.role == .rootAdmin {
            r["hostname"] = e.fields["hostname"]
            r["port"] = e.fields["port"]
        }
        if let d = e.fields["domainid"] { r["domainid"] = d }
        return .record(r)
    }

    /// ldapConfig's answer (its port and ssl are strings; the bind password is never shown).
    static func config(_ hostname: String, _ port: Int, ssl: Bool, filter: String?, _ site: Entity?) -> Value {
        var r: Record = ["hostname": .string(hostname), "port": .string(String(port)), "ssl": .string(String(ssl))]
        if let filter { r["queryfilter"] = .string(filter) }
        if let b = site?.fields["searchbase"] { r["searchbase"] = b }
        if let d = site?.fields["binddn"] { r["binddn"] = d }
        return .record(r)
    }
}

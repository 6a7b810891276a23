import OrderedCollections
import Values

/// Global (GSLB) load balancer rules, as GlobalLoadBalancingRulesServiceImpl keeps them: made in a region
/// whose GSLB service is on and once `cloud.dns.name` names the cloud's DNS zone (a rule's FQDN is its
/// domain name under it), with a domain name no other rule has. A new rule is Staged; an update makes it
/// Active; deleting an Active rule revokes it (Revoke) before it goes, a Staged one goes at once.
/// Assigning zones' load balancer rules is in GSLBAssignmentAPIs.
enum GSLBRuleAPIs {
    static let noun = GSLBAssignmentAPIs.gslbTable
    /// GlobalLoadBalancerRule.Algorithm, Persistence and ServiceType: the names accepted, in any case.
    static let algorithms = ["RoundRobin", "LeastConn", "Proximity"]
    static let persistences = ["sourceip"]
    static let serviceTypes = ["tcp", "udp", "http"]

    static let handlers: [Handler] = [
        // The command's create step runs the checks and stores the rule before the job starts.
        Handler("createGlobalLoadBalancerRule", async: true) { c throws(APIError) in
            let name = try c.required("name"), domainName = try c.required("gslbdomainname")
            let serviceType = try c.required("gslbservicetype")
            guard let regionID = try c.int("regionid") else { throw APIError.missing("regionid", command: c.command) }
            let owner = try c.ownerFields()
            // Unset, the command fills in these defaults (the algorithm as the enum spells it).
            let algorithm = c.optional("gslblbmethod") ?? "RoundRobin"
            let sticky = c.optional("gslbstickysessionmethodname") ?? "sourceip"
            try checkMethods(algorithm, sticky)
            guard serviceTypes.contains(serviceType.lowercased()) else {
                throw APIError.refused("Invalid service type: \(serviceType)")
            }
            guard validDomainName(domainName) else { throw APIError.refused("Invalid domain name : \(domainName)") }
            if c.store.table(noun).first(where: { $0["gslbdomain"]?.lowercased() == domainName.lowercased() }) != nil {
                // The server's words, the missing space included.
                throw APIError.refused("Domain name \(domainName)is in use")
            }
            guard let region = c.store.table("region").get(String(regionID)) else {
                throw APIError.refused("Invalid region ID: \(regionID)")
            }
            if region["gslbserviceenabled"] != "true" || dnsName(c.store) == nil {
                throw APIError.refused("GSLB service is not enabled in region : \(region["name"] ?? "")")
            }
            var f: Record = [
                "name": .string(name), "gslbdomain": .string(domainName), "gslblbmethod": .string(algorithm),
                "gslbstickysessionmethodname": .string(sticky), "gslbservicetype": .string(serviceType),
                "regionid": .int(regionID), "state": .string("Staged"),
            ]
            if let d = c.optional("description") { f["description"] = .string(d) }
            f.merge(owner, uniquingKeysWith: { $1 })
            let rule = c.store.insert(noun, f)
            return job(c, "CreateGlobalLoadBalancerRuleCmd", rule.id, immediate: true) { store in
                ["globalloadbalancer": answer(try store.jobEntity(noun, rule.id), store)]
            }
        },
        // The server lists either one rule by id or, given a region, all the caller's own rules; the
        // other list parameters (owner, keyword, tags, paging) do not narrow its answer.
        Handler("listGlobalLoadBalancerRules") { c throws(APIError) in
            let regionID = try c.int("regionid"), id = c.optional("id")
            if regionID == nil, id == nil {
                throw APIError.refused("Invalid arguments. At least one of region id, rule id must be specified")
            }
            if regionID != nil, id != nil {
                throw APIError.refused("Invalid arguments. Only one of region id, rule id must be specified")
            }
            var rules: [Entity]
            if let id {
                guard let rule = c.store.table(noun).get(id) else {
                    throw CatalogCheck.noEntity("id", id, command: c.command)
                }
                try c.checkAccess(owner: rule, what: "global load balancer rule \(rule.id)")
                rules = [rule]
            } else {
                rules = c.store.table(noun).rows.filter {
                    $0["account"] == c.caller.account && $0["domainid"] == c.caller.domainID
                }
            }
            return .list(noun: "globalloadbalancerrule", items: rules.map { answer($0, c.store) }, total: rules.count)
        },
        Handler("updateGlobalLoadBalancerRule", async: true) { c throws(APIError) in
            let rule = try own(c)
            let algorithm = c.optional("gslblbmethod"), sticky = c.optional("gslbstickysessionmethodname")
            let description = c.optional("description")
            return job(c, "UpdateGlobalLoadBalancerRuleCmd", rule.id) { store in
                try checkMethods(algorithm, sticky)
                _ = try store.jobEntity(noun, rule.id)
                // Applying the rule to the zones' GSLB providers makes it Active (with no zone assigned
                // there is nothing to apply).
                store.table(noun).update(rule.id) { r in
                    if let algorithm { r.fields["gslblbmethod"] = .string(algorithm) }
                    if let sticky { r.fields["gslbstickysessionmethodname"] = .string(sticky) }
                    if let description { r.fields["description"] = .string(description) }
                    r.fields["state"] = .string("Active")
                }
                return ["globalloadbalancer": answer(try store.jobEntity(noun, rule.id), store)]
            }
        },
        Handler("deleteGlobalLoadBalancerRule", async: true) { c throws(APIError) in
            let rule = try own(c)
            // A rule that was applied is revoked first (assignments then refuse it), then removed.
            if rule["state"] == "Add" || rule["state"] == "Active" {
                c.store.table(noun).update(rule.id) { $0.fields["state"] = .string("Revoke") }
            }
            return job(c, "DeleteGlobalLoadBalancerRuleCmd", rule.id) { store in
                store.table(noun).remove(rule.id)
                return ["success": .bool(true)]
            }
        },
    ]

    /// A rule as GlobalLoadBalancerResponse shows it: no state, the FQDN as its domain name under
    /// `cloud.dns.name` (Java's string concatenation writes an unset one as "null"), and the zones'
    /// load balancer rules assigned to it; none can be, as a zone with no GSLB provider refuses them.
    static func answer(_ rule: Entity, _ store: Store) -> Value {
        var f = rule.fields
        f["state"] = nil
        f["gslbdomain"] = nil
        f["gslbdomainname"] = .string((rule["gslbdomain"] ?? "") + "." + (dnsName(store) ?? "null"))
        f["loadbalancerrule"] = .list([])
        return .record(f)
    }

    static func dnsName(_ store: Store) -> String? {
        ConfigurationAPIs.globalValue("cloud.dns.name", store).flatMap { $0.isEmpty ? nil : $0 }
    }

    static func checkMethods(_ algorithm: String?, _ sticky: String?) throws(APIError) {
        if let algorithm, !algorithms.contains(where: { $0.lowercased() == algorithm.lowercased() }) {
            throw APIError.refused("Invalid Algorithm: \(algorithm)")
        }
        if let sticky, !persistences.contains(sticky.lowercased()) {
            throw APIError.refused("Invalid persistence: \(sticky)")
        }
    }

    /// NetUtils.verifyDomainName: at most 190 characters, no leading or trailing dot, and labels of 1 to 63
    /// letters, digits and hyphens that neither start nor end with a hyphen.
    static func validDomainName(_ name: String) -> Bool {
        guard (1...190).contains(name.count), !name.hasPrefix("."), !name.hasSuffix(".") else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            (1...63).contains(label.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    /// The rule named by `id`, if the caller may change it.
    static func own(_ c: Call) throws(APIError) -> Entity {
        let id = try c.required("id")
        guard let rule = c.store.table(noun).get(id) else { throw CatalogCheck.noEntity("id", id, command: c.command) }
        try c.checkAccess(owner: rule, what: "global load balancer rule \(rule.id)")
        return rule
    }

    static func job(
        _ c: Call, _ cmd: String, _ id: String, immediate: Bool = false, _ work: @escaping (Store) throws -> Record
    ) -> Reply {
        .job(GSLBAssignmentAPIs.cmdPrefix + cmd, on: "GlobalLoadBalancerRule", id, immediate: immediate, work)
    }
}

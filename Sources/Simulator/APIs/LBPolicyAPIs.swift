import OrderedCollections
import Values

/// Stickiness and health-check policies of public load balancer rules, as LoadBalancingRulesManagerImpl
/// checks them. The simulator's networks balance with the virtual router (HAProxy): it offers the
/// LbCookie, AppCookie and SourceBased stickiness methods and no health checks, so a health-check
/// policy is refused as the server refuses it for that provider.
enum LBPolicyAPIs {
    static let stickinessTable = "lbstickinesspolicy"
    static let healthCheckTable = "lbhealthcheckpolicy"

    static let handlers: [Handler] = [
        Handler("createLBStickinessPolicy", async: true) { c throws(APIError) in
            let rule = try LoadBalancerAPIs.ownRule(c, param: "lbruleid", includingInternal: false) {
                .refused("Failed: LB rule id: \($0) not present ")
            }
            let name = try c.required("name")
            let method = try c.required("methodname")
            guard
                let allowed = LBStickinessMethods.parameters.first(where: { $0.key.lowercased() == method.lowercased() }
                )
            else {
                throw APIError.refused("Failed to match Stickiness method name for LB rule:\(rule.seq)")
            }
            var params: Record = [:]
            for p in c.params.map("param") {
                guard let key = p["name"], let value = p["value"] else { continue }
                guard allowed.value.contains(key.lowercased()) else {
                    throw APIError.refused(
                        "Failed LB in validation rule id: \(rule.id) Cause: param \(key) is not supported by \(allowed.key)"
                    )
                }
                params[key.lowercased()] = .string(value)
            }
            if c.store.table(stickinessTable).rows.filter({ $0["lbruleid"] == rule.id }).count > 1 {
                throw APIError.refused("Failed to create Stickiness policy: Already two policies attached \(rule.seq)")
            }
            let f: Record = [
                "lbruleid": .string(rule.id), "name": .string(name), "methodname": .string(allowed.key),
                "description": .string(c.optional("description") ?? ""), "params": .record(params),
                "state": .string("Active"), "fordisplay": .bool(try c.bool("fordisplay", default: true)),
            ]
            let id = c.store.newID()
            return .job(
                JobSpec(
                    cmd: LoadBalancerAPIs.cmdPrefix + "CreateLBStickinessPolicyCmd", instanceType: "LoadBalancer",
                    instanceID: id, immediateID: id
                ) { store, _ in
                    let rule = try store.jobEntity("loadbalancerrule", rule.id)
                    let policy = store.insert(stickinessTable, f, id: id)
                    return ["stickinesspolicies": policies(of: rule, [policy], key: "stickinesspolicy")]
                })
        },
        Handler("listLBStickinessPolicies") { c throws(APIError) in
            try listPolicies(c, table: stickinessTable, key: "stickinesspolicies", nested: "stickinesspolicy")
        },
        Handler("updateLBStickinessPolicy", async: true) { c throws(APIError) in
            try updatePolicy(
                c, table: stickinessTable, cmd: "UpdateLBStickinessPolicyCmd", key: "stickinesspolicies",
                nested: "stickinesspolicy")
        },
        Handler("deleteLBStickinessPolicy", async: true) { c throws(APIError) in
            try deletePolicy(
                c, table: stickinessTable, cmd: "DeleteLBStickinessPolicyCmd", what: "LB stickiness policy")
        },
        Handler("createLBHealthCheckPolicy", async: true) { c throws(APIError) in
            let rule = try LoadBalancerAPIs.ownRule(c, param: "lbruleid", includingInternal: false) {
                .refused("Failed: LB rule id: \($0) not present ")
            }
            // Health checks need a provider with the HealthCheckPolicy capability (NetScaler, ...): the virtual router has none.
            throw APIError.refused(
                "Failed to create HealthCheck policy: Validation Failed (HealthCheck Policy is not supported by LB "
                    + "Provider for the LB rule id :\(rule.seq))")
        },
        Handler("listLBHealthCheckPolicies") { c throws(APIError) in
            try listPolicies(c, table: healthCheckTable, key: "healthcheckpolicies", nested: "healthcheckpolicy")
        },
        Handler("updateLBHealthCheckPolicy", async: true) { c throws(APIError) in
            try updatePolicy(
                c, table: healthCheckTable, cmd: "UpdateLBHealthCheckPolicyCmd", key: "healthcheckpolicies",
                nested: "healthcheckpolicy")
        },
        Handler("deleteLBHealthCheckPolicy", async: true) { c throws(APIError) in
            try deletePolicy(
                c, table: healthCheckTable, cmd: "DeleteLBHealthCheckPolicyCmd", what: "LB health check policy")
        },
    ]

    /// One answer per rule: the rule's owner and zone around the list of its policies.
    static func policies(of rule: Entity, _ rows: [Entity], key nested: String) -> Value {
        var r: Record = ["lbruleid": .string(rule.id)]
        for k in ["account", "domainid", "domain", "zoneid"] { r[k] = rule.fields[k] }
        r[nested] = .list(
            rows.map { p in
                var f = p.fields
                f["lbruleid"] = nil
                f["id"] = .string(p.id)
                return .record(f)
            })
        return .record(r)
    }

    /// By `lbruleid` (the rule's policies) or `id` (the rule holding that policy): one of them is needed.
    static func listPolicies(_ c: Call, table: String, key: String, nested: String) throws(APIError) -> Reply {
        let ruleID: String
        if let id = c.optional("id") {
            guard let p = c.store.table(table).get(id), let r = p["lbruleid"] else {
                return .list(noun: key, items: [], total: 0)
            }
            ruleID = r
        } else if let r = c.optional("lbruleid") {
            ruleID = r
        } else {
            throw APIError.refused("Either lbruleid or id is required")
        }
        guard let rule = c.store.table("loadbalancerrule").get(ruleID) else {
            throw CatalogCheck.noEntity(c.optional("id") == nil ? "lbruleid" : "id", ruleID, command: c.command)
        }
        try c.checkAccess(account: rule["account"], domainID: rule["domainid"], what: "load balancer rule \(rule.id)")
        var rows = c.store.table(table).rows.filter { $0["lbruleid"] == rule.id }
        if let id = c.optional("id") { rows = rows.filter { $0.id == id } }
        if let shown = try c.optional("fordisplay").map({ _ throws(APIError) in try c.bool("fordisplay") }) {
            rows = rows.filter { $0["fordisplay"] == String(shown) }
        }
        return .list(noun: key, items: [policies(of: rule, rows, key: nested)], total: 1)
    }

    static func ownPolicy(_ c: Call, table: String, what: String) throws(APIError) -> (Entity, Entity) {
        let id = try c.required("id")
        guard let p = c.store.table(table).get(id),
            let rule = c.store.table("loadbalancerrule").get(p["lbruleid"] ?? "")
        else {
            throw APIError.refused("Invalid \(what) id specified")
        }
        try c.checkAccess(account: rule["account"], domainID: rule["domainid"], what: "load balancer rule \(rule.id)")
        return (p, rule)
    }

    static func updatePolicy(_ c: Call, table: String, cmd: String, key: String, nested: String) throws(APIError)
        -> Reply
    {
        let (p, rule) = try ownPolicy(
            c, table: table, what: nested == "stickinesspolicy" ? "stickiness policy" : "health check policy")
        let display = try c.optional("fordisplay").map { _ throws(APIError) in try c.bool("fordisplay") }
        try VMOwnershipAPIs.refuseCustomID(c)
        return .job(
            JobSpec(
                cmd: LoadBalancerAPIs.cmdPrefix + cmd, instanceType: "LoadBalancer", instanceID: p.id,
                immediateID: nil
            ) { store, _ in
                store.table(table).update(p.id) { e in
                    if let display { e.fields["fordisplay"] = .bool(display) }
                }
                return [
                    key: policies(
                        of: try store.jobEntity("loadbalancerrule", rule.id), [try store.jobEntity(table, p.id)],
                        key: nested)
                ]
            })
    }

    static func deletePolicy(_ c: Call, table: String, cmd: String, what: String) throws(APIError) -> Reply {
        let id = try c.required("id")
        guard let p = c.store.table(table).get(id) else { throw APIError.refused("Invalid \(what) id specified") }
        if let rule = c.store.table("loadbalancerrule").get(p["lbruleid"] ?? "") {
            try c.checkAccess(
                account: rule["account"], domainID: rule["domainid"], what: "load balancer rule \(rule.id)")
        }
        return .job(
            JobSpec(
                cmd: LoadBalancerAPIs.cmdPrefix + cmd, instanceType: "LoadBalancer", instanceID: id,
                immediateID: nil
            ) { store, _ in
                store.table(table).remove(id)
                return ["success": .bool(true)]
            })
    }
}

extension Store {
    /// A deleted rule takes its policies with it.
    func removePolicies(ofRule id: String) {
        for t in [LBPolicyAPIs.stickinessTable, LBPolicyAPIs.healthCheckTable] {
            for p in table(t).rows where p["lbruleid"] == id { table(t).remove(p.id) }
        }
    }
}

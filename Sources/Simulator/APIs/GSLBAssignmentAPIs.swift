import OrderedCollections
import Values

/// Assigning load balancer rules to a global (GSLB) rule and removing them. The rules are checked as
/// the server checks them (same account, not revoked, one per zone, not yet assigned); the assignment
/// itself needs a GSLB service provider (a NetScaler device) in each rule's zone, a vendor device the
/// simulator does not model, so it ends saying the zone has no GSLB service, as a real zone without one does.
/// Both are jobs whose checks run in the job.
enum GSLBAssignmentAPIs {
    static let gslbTable = "globalloadbalancerrule"
    static let cmdPrefix = "org.apache.cloudstack.api.command.user.region.ha.gslb."

    static let handlers: [Handler] = [
        Handler("assignToGlobalLoadBalancerRule", async: true) { c throws(APIError) in
            let (gslb, rules) = try find(c)
            return job(c, gslb, "AssignToGlobalLoadBalancerRuleCmd") { (store: Store) throws(APIError) -> Record in
                guard !rules.isEmpty else {
                    throw APIError.refused(
                        "empty list of load balancer rule Ids specified to be assigned global load balancer rule")
                }
                var zones: [String] = []
                for rule in rules {
                    if rule["account"] != gslb["account"] || rule["domainid"] != gslb["domainid"] {
                        throw APIError.refused("GSLB rule and load balancer rule does not belong to same account")
                    }
                    if rule["state"] == "Revoke" {
                        throw APIError.refused("Load balancer ID \(rule.id) is in revoke state")
                    }
                    let zone = rule["zoneid"] ?? store.table("network").get(rule["networkid"] ?? "")?["zoneid"] ?? ""
                    if zones.contains(zone) {
                        throw APIError.refused("Load balancer rule specified should be in unique zone")
                    }
                    zones.append(zone)
                }
                let seq = store.table("zone").get(zones.first ?? "")?.seq ?? 0
                throw APIError.refused("GSLB service is not enabled in the zone:\(seq)")
            }
        },
        Handler("removeFromGlobalLoadBalancerRule", async: true) { c throws(APIError) in
            let (gslb, rules) = try find(c)
            return job(c, gslb, "RemoveFromGlobalLoadBalancerRuleCmd") { (_: Store) throws(APIError) -> Record in
                guard let rule = rules.first else {
                    throw APIError.refused(
                        "empty list of load balancer rule Ids specified to be un-assigned to global load balancer rule")
                }
                // Nothing is ever assigned (see above), so no rule can be taken off.
                throw APIError.refused(
                    "Load balancer ID \(rule.id) is not assigned to global load balancer rule: \(gslb.id)")
            }
        },
    ]

    /// The GSLB rule (`id`) and the load balancer rules (`loadbalancerrulelist`) a request names.
    static func find(_ c: Call) throws(APIError) -> (Entity, [Entity]) {
        let gslb = try c.entity(gslbTable, "id", what: "global load balancer rule")
        try c.checkAccess(
            account: gslb["account"], domainID: gslb["domainid"], what: "global load balancer rule \(gslb.id)")
        var rules: [Entity] = []
        for id in c.list("loadbalancerrulelist") ?? [] {
            guard let rule = c.store.table("loadbalancerrule").get(id) else {
                throw CatalogCheck.noEntity("loadbalancerrulelist", id, command: c.command)
            }
            try c.checkAccess(account: rule["account"], domainID: rule["domainid"], what: "load balancer rule \(id)")
            rules.append(rule)
        }
        return (gslb, rules)
    }

    static func job(_ c: Call, _ gslb: Entity, _ cmd: String, _ work: @escaping (Store) throws(APIError) -> Record)
        -> Reply
    {
        .job(
            JobSpec(
                cmd: cmdPrefix + cmd, instanceType: "GlobalLoadBalancerRule", instanceID: gslb.id, immediateID: nil
            ) { store, _ in
                if (try store.jobEntity(gslbTable, gslb.id))["state"] == "Revoke" {
                    throw APIError.refused("global load balancer rule id: \(gslb.id) is in revoked state")
                }
                return try work(store)
            })
    }
}

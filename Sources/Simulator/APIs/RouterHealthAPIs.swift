import OrderedCollections
import Values

/// Router health and template upgrades (root admin). The management server checks each running
/// virtual router (its own connectivity and file system tests, then the router's basic and advanced
/// check scripts); getRouterHealthCheckResults answers the last results, or runs them afresh.
/// upgradeRouterTemplate reboots the routers whose template is older than the management server's;
/// every router here runs the current template (version 4.18.0), so it answers an empty job list.
enum RouterHealthAPIs {
    /// When fresh checks last ran, by router id (else the router's start stands for the periodic run).
    static let checkedTable = "routerhealthcheck"

    static let handlers: [Handler] = [
        Handler("getRouterHealthCheckResults") { c throws(APIError) in
            let id = try c.required("routerid")
            guard let r = c.store.table("router").get(id) else {
                throw CatalogCheck.noEntity("routerid", id, command: c.command)
            }
            guard r["role"] == "VIRTUAL_ROUTER" else { throw APIError.refused("Can't find router by routerId") }
            let failed = "Failed to get health check results due to: "
            var checked = c.store.table(checkedTable).get(id)?["lastupdated"]
            if try c.bool("performfreshchecks") {
                guard r["state"] == "Running" else {
                    throw APIError.internalError(
                        failed + "Unable to perform fresh checks on router - Router \(r["name"] ?? id) is not in "
                            + "running state")
                }
                checked = c.created
                c.store.table(checkedTable).put(Entity(id: id, fields: ["lastupdated": .string(c.created)]))
            }
            guard let when = checked ?? (r["state"] == "Running" ? r["created"] : nil) else {
                throw APIError.internalError(
                    failed + "No health check results found for the router. This could happen for newly created "
                        + "routers. Please wait for periodic results to populate or manually call for checks to "
                        + "execute.")
            }
            return .object([
                "routerhealthchecks": .record([
                    "routerid": .string(id), "healthchecks": .list(results(r, c.store, at: when)),
                ])
            ])
        },
        Handler("upgradeRouterTemplate") { c throws(APIError) in
            let given = ["id", "zoneid", "podid", "clusterid", "domainid"].filter { c.optional($0) != nil }
            if given.count > 1 {
                throw APIError.refused(
                    "Multiple parameters not supported. Specify only one among "
                        + "routerId/zoneId/podId/clusterId/accountId/domainId")
            }
            if let id = c.optional("id"), c.store.table("router").get(id) == nil {
                throw CatalogCheck.noEntity("id", id, command: c.command)
            }
            if let account = c.optional("account") {
                guard let domain = c.optional("domainid") else {
                    return .list(noun: "asyncjobs", items: [], total: 0)
                }
                let found = c.store.table("account").rows.contains {
                    $0["name"] == account && $0["domainid"] == domain && $0["state"] != "disabled"
                }
                if !found {
                    let seq = c.store.table("domain").get(domain)?.seq ?? 0
                    throw APIError.refused("Account :\(account) does not exist in domain: \(seq)")
                }
            }
            // No router runs an older template than the server's, so none needs the reboot that upgrades it.
            return .list(noun: "asyncjobs", items: [], total: 0)
        },
    ]

    /// The checks a virtual router reports: the management server's two, then the router's scripts
    /// (basic ones every few minutes, advanced ones less often); DHCP, DNS and HAProxy only where the
    /// router provides those services.
    static func results(_ r: Entity, _ store: Store, at when: String) -> [Value] {
        var checks: [(String, String, String)] = [
            ("connectivity.test", "basic", "Management server can reach the router over its control network"),
            ("filesystem.writable.test", "basic", "Router file system is writable"),
            ("cpu_usage_check.py", "basic", "CPU usage within limits"),
            ("disk_space_check.py", "basic", "Sufficient free disk space"),
            ("memory_usage_check.py", "basic", "Memory usage within limits"),
            ("router_version_check.py", "basic", "Template and scripts version match 4.18.0"),
            ("gateways_check.py", "advanced", "All gateways answer ping"),
            ("iptables_check.py", "advanced", "Firewall rules match the expected configuration"),
        ]
        let offering = store.table("network").get(r["guestnetworkid"] ?? "").flatMap {
            store.table("networkoffering").get($0["networkofferingid"] ?? "")
        }
        let services = offering.map { NetworkOfferings.serviceNames($0.fields) } ?? []
        if services.contains("Dhcp") || r["vpcid"] != nil {
            checks.append(("dhcp_check.py", "advanced", "All DHCP entries are in the dnsmasq configuration"))
        }
        if services.contains("Dns") || r["vpcid"] != nil {
            checks.append(("dns_check.py", "advanced", "All DNS entries are in the hosts file"))
        }
        if services.contains("Lb") {
            checks.append(("haproxy_check.py", "advanced", "HAProxy configuration matches the load balancing rules"))
        }
        return checks.map { name, type, details in
            .record([
                "checkname": .string(name), "checktype": .string(type), "success": .bool(true),
                "lastupdated": .string(when), "details": .string(details),
            ])
        }
    }
}

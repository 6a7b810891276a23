import OrderedCollections
import Values

/// startRollingMaintenance as the server's rolling maintenance manager runs it: the KVM hosts of the
/// first scope given (pods, then clusters, zones, hosts), cluster by cluster: no VM may be starting,
/// stopping, migrating or in error; each host must be Up and Enabled (else, forced, it is skipped);
/// another host of its cluster must be able to take its VMs; then each host's agent runs its
/// maintenance hooks. The simulated agents have no hook scripts, so each host that got that far is
/// skipped saying so. Failures are answered in the result (success false, details), not as errors.
enum RollingMaintenance {
    static let defaultTimeout = 1800  // kvm.rolling.maintenance.stage.timeout
    static let pingInterval = 10  // kvm.rolling.maintenance.ping.interval

    static func start(_ c: Call) throws(APIError) -> Reply {
        // The first list given names the scope; every id must name an entity of its kind.
        let scopes: [(param: String, table: String, field: String)] = [
            ("podids", "pod", "podid"), ("clusterids", "cluster", "clusterid"), ("zoneids", "zone", "zoneid"),
            ("hostids", "host", "id"),
        ]
        var scope: (field: String, ids: [String])?
        for s in scopes {
            guard let ids = c.list(s.param), !ids.isEmpty else { continue }
            for id in ids where c.store.table(s.table).get(id) == nil {
                throw CatalogCheck.noEntity(s.param, id, command: c.command)
            }
            if scope == nil { scope = (s.field, ids) }
        }
        let timeout = try c.int("timeout") ?? defaultTimeout
        let forced = try c.bool("forced")
        return .job(
            JobSpec(
                cmd: "org.apache.cloudstack.api.command.admin.resource.StartRollingMaintenanceCmd",
                instanceType: nil, instanceID: nil, immediateID: nil
            ) { store, _ in
                guard let scope else {
                    throw APIError.internalError(
                        "Parameters podId, clusterId, zoneId, hostId are mutually exclusive, please set only one of them"
                    )
                }
                var run = Run(store: store, forced: forced)
                if timeout <= pingInterval {
                    run.details =
                        "The timeout value provided must be greater or equal than the ping interval defined in "
                        + "'kvm.rolling.maintenance.ping.interval'"
                } else {
                    run.walk(hostsIn: scope.field, scope.ids)
                }
                return ["rollingmaintenance": run.result]
            })
    }

    /// One run's progress: hosts skipped (with the reason) and the outcome.
    struct Run {
        let store: Store
        let forced: Bool
        var skipped: [Value] = []
        var success = false
        var details = ""

        var result: Value {
            .record([
                "success": .bool(success), "details": .string(details), "hostsupdated": .list([]),
                "hostsskipped": .list(skipped),
            ])
        }

        mutating func skip(_ host: Entity, _ reason: String) {
            skipped.append(
                .record([
                    "hostid": .string(host.id), "hostname": host.fields["name"] ?? .string(""),
                    "reason": .string(reason),
                ]))
        }

        mutating func walk(hostsIn field: String, _ ids: [String]) {
            let kvm = store.table("host").rows.filter {
                ids.contains(field == "id" ? $0.id : $0[field] ?? "") && $0["hypervisor"] == "KVM"
            }
            var clusters: [String] = []
            for h in kvm where !clusters.contains(h["clusterid"] ?? "") { clusters.append(h["clusterid"] ?? "") }
            for cluster in clusters {
                var hosts = kvm.filter { $0["clusterid"] == cluster }
                if let busy = hosts.first(where: hasBusyVMs) {
                    skip(
                        busy,
                        "There are VMs in starting/stopping/migrating/error/unknown state, not allowing rolling "
                            + "maintenance in the cluster")
                    if forced { continue }
                    details = "VMs in invalid states in cluster: \(cluster)"
                    return
                }
                do throws(APIError) {
                    hosts = try stateChecked(hosts)
                    for h in hosts { try checkCapacity(h) }
                } catch {
                    details = "Error starting rolling maintenance: \(error.text)"
                    return
                }
                for h in hosts { skip(h, "There is no maintenance script on the host") }
            }
            success = true
            details = "OK"
        }

        func hasBusyVMs(_ host: Entity) -> Bool {
            store.vms.rows.contains {
                !$0.expunged && $0.hostID == host.id
                    && ["Starting", "Stopping", "Migrating", "Error", "Unknown"].contains($0.state)
            }
        }

        /// Hosts not Up and Enabled stop the run, or, forced, are skipped.
        mutating func stateChecked(_ hosts: [Entity]) throws(APIError) -> [Entity] {
            var kept: [Entity] = []
            for h in hosts {
                let problem =
                    h["state"] != "Up"
                    ? "Host \(h.id) is not connected, state = \(h["state"] ?? "")"
                    : h["resourcestate"] != "Enabled"
                        ? "Host \(h.id) is not enabled, state = \(h["resourcestate"] ?? "")" : nil
                guard let problem else {
                    kept.append(h)
                    continue
                }
                guard forced else { throw APIError.internalError(problem) }
                skip(h, problem)
            }
            return kept
        }

        /// Another Up, Enabled host of the cluster must be there to take the host's VMs.
        func checkCapacity(_ host: Entity) throws(APIError) {
            let others = store.table("host").rows.filter {
                $0.id != host.id && $0["clusterid"] == host["clusterid"] && $0["resourcestate"] == "Enabled"
                    && $0["state"] == "Up"
            }
            if others.isEmpty {
                let cluster = store.table("cluster").get(host["clusterid"] ?? "")
                throw APIError.internalError(
                    "No host available in cluster \(host["clusterid"] ?? "") (\(cluster?["name"] ?? "")) to support "
                        + "host \(host.id) (\(host["name"] ?? "")) in maintenance")
            }
        }
    }
}

import OrderedCollections
import Values

/// Host states an operator sets by hand (root admin): a host whose agent is gone (Alert or Disconnected)
/// may be declared Degraded, and cancelled back to Enabled; releaseHostReservation frees a host a planner
/// reserved (every routing host has its reservation entry), cleanVMReservations drops the planner's VM
/// reservations. All are jobs whose checks run in the job, as the server's do.
enum HostStateAPIs {
    static let cmdPrefix = "org.apache.cloudstack.api.command.admin."

    static let handlers: [Handler] = [
        Handler("declareHostAsDegraded", async: true) { c throws(APIError) in
            let host = try HostHAAPIs.host(c, "id")
            return hostJob("host.DeclareHostAsDegradedCmd", host) { (store: Store) throws(APIError) -> String in
                let h = try store.jobEntity("host", host.id)
                if h["resourcestate"] == "Degraded" {
                    throw APIError.internalError(
                        "Failed to declare host as Degraded due to: Host [id:\(h.seq)] was already marked as Degraded.")
                }
                let status = h["state"] ?? ""
                guard status == "Alert" || status == "Disconnected" else {
                    throw APIError.refused(
                        "Cannot perform declare host [id=\(h.seq), name=\(h["name"] ?? "")] as 'Degraded' when host is in \(status) status"
                    )
                }
                return "Degraded"
            }
        },
        Handler("cancelHostAsDegraded", async: true) { c throws(APIError) in
            let host = try HostHAAPIs.host(c, "id")
            return hostJob("host.CancelHostAsDegradedCmd", host) { (store: Store) throws(APIError) -> String in
                let h = try store.jobEntity("host", host.id)
                guard h["resourcestate"] == "Degraded" else {
                    throw APIError.internalError(
                        "Failed to Cancel host from Degraded status due to: Cannot perform cancelHostAsDegraded on host "
                            + "[id=\(h.seq), name=\(h["name"] ?? "")] when host is in \(h["resourcestate"] ?? "") state"
                    )
                }
                return "Enabled"
            }
        },
        Handler("releaseHostReservation", async: true) { c throws(APIError) in
            let host = try HostHAAPIs.host(c, "id")
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "host.ReleaseHostReservationCmd", instanceType: "Host", instanceID: host.id,
                    immediateID: nil
                ) { store, _ in
                    // Only routing hosts have a planner reservation entry to release.
                    guard (try store.jobEntity("host", host.id))["type"] ?? "Routing" == "Routing" else {
                        throw APIError.internalError("Failed to release host reservation")
                    }
                    return ["success": .bool(true)]
                })
        },
        Handler("cleanVMReservations", async: true) { c throws(APIError) in
            .job(
                JobSpec(
                    cmd: cmdPrefix + "resource.CleanVMReservationsCmd", instanceType: nil, instanceID: nil,
                    immediateID: nil
                ) { _, _ in ["success": .bool(true)] })
        },
    ]

    /// A job on one host that sets its resource state to what `check` answers (or fails with its error).
    static func hostJob(_ cmd: String, _ host: Entity, _ check: @escaping (Store) throws(APIError) -> String) -> Reply {
        .job(
            JobSpec(cmd: cmdPrefix + cmd, instanceType: "Host", instanceID: host.id, immediateID: nil) { store, _ in
                let state = try check(store)
                store.table("host").update(host.id) { $0.fields["resourcestate"] = .string(state) }
                return ["host": .record(try store.jobEntity("host", host.id).fields)]
            })
    }
}

import OrderedCollections
import Values

/// reconnectHost (root admin): the agent disconnects and connects again, the host Connecting
/// while the job runs and Up (just pinged) when it ends, as the agent manager does.
enum HostReconnectAPIs {
    static let handlers: [Handler] = [
        Handler("reconnectHost", async: true) { c throws(APIError) in
            let id = try c.required("id")
            guard let host = c.store.table("host").get(id) else {
                throw CatalogCheck.noEntity("id", id, command: c.command)
            }
            let state = host["state"] ?? ""
            if state == "Disconnected" {
                throw APIError.internalError("Host is already disconnected, no work to be done: \(host.seq)")
            }
            guard state == "Up" || state == "Alert" else {
                throw APIError.internalError(
                    "Unable to disconnect host because it is not in the correct state: host=\(host.seq); Status=\(state)"
                )
            }
            c.store.table("host").update(id) { $0.fields["state"] = .string("Connecting") }
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.admin.host.ReconnectHostCmd", instanceType: "Host",
                    instanceID: id, immediateID: nil,
                    work: { store, date in
                        store.table("host").update(id) {
                            $0.fields["state"] = .string("Up")
                            $0.fields["lastpinged"] = .string(SimClock.cloudStackTime(date))
                        }
                        return ["host": .record(try store.jobEntity("host", id).fields)]
                    }, onFailure: { store in store.table("host").update(id) { $0.fields["state"] = .string(state) } }))
        }
    ]
}

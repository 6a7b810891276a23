import Values
import OrderedCollections

/// The maintenance cycle hosts and storage pools share, as the server runs it: the resource is
/// PrepareForMaintenance as soon as asked, Maintenance when the job has done its work
/// (ErrorInMaintenance when that fails); cancelling brings it back (Enabled or Up).
enum Maintenance {
    static let states: Set<String> = ["PrepareForMaintenance", "Maintenance", "ErrorInMaintenance"]

    /// One kind of resource: its table, the field holding its state, and its words.
    struct Kind {
        var noun: String
        var what: String
        var stateKey: String
        var upState: String
        var instanceType: String
        var cmdPrefix: String
        /// The record its job answers with, as its list API shows it.
        var render: @Sendable (Store, Entity) -> Value = { _, e in .record(e.fields) }
    }

    static let host = Kind(
        noun: "host", what: "Host", stateKey: "resourcestate", upState: "Enabled", instanceType: "Host",
        cmdPrefix: "org.apache.cloudstack.api.command.admin.host.",
        render: { store, e in HostHAAPIs.withStates(store, .record(e.fields)) })
    static let pool = Kind(
        noun: "storagepool", what: "Storage pool", stateKey: "state", upState: "Up", instanceType: "StoragePool",
        cmdPrefix: "org.apache.cloudstack.api.command.admin.storage.")

    static func prepare(_ c: Call, _ k: Kind, cmd: String, work: @escaping (Store, Entity) throws -> Void = { _, _ in })
        throws(APIError) -> Reply
    {
        let e = try c.entity(k.noun, "id", what: k.what.lowercased())
        if states.contains(e[k.stateKey] ?? "") {
            throw APIError.invalid("id", "\(k.what) \(e.id) is already in state \(e[k.stateKey] ?? "")")
        }
        c.store.table(k.noun).update(e.id) { $0.fields[k.stateKey] = .string("PrepareForMaintenance") }
        return .job(
            JobSpec(
                cmd: k.cmdPrefix + cmd, instanceType: k.instanceType, instanceID: e.id, immediateID: nil,
                work: { store, _ in
                    try work(store, e)
                    store.table(k.noun).update(e.id) { $0.fields[k.stateKey] = .string("Maintenance") }
                    return [k.noun: k.render(store, try store.jobEntity(k.noun, e.id))]
                },
                onFailure: { store in
                    store.table(k.noun).update(e.id) { $0.fields[k.stateKey] = .string("ErrorInMaintenance") }
                }))
    }

    static func cancel(_ c: Call, _ k: Kind, cmd: String) throws(APIError) -> Reply {
        let e = try c.entity(k.noun, "id", what: k.what.lowercased())
        guard states.contains(e[k.stateKey] ?? "") else {
            throw APIError.invalid(
                "id", "\(k.what) \(e.id) is not in maintenance (its state is \(e[k.stateKey] ?? ""))")
        }
        return .job(
            JobSpec(cmd: k.cmdPrefix + cmd, instanceType: k.instanceType, instanceID: e.id, immediateID: nil) {
                store, _ in
                store.table(k.noun).update(e.id) { $0.fields[k.stateKey] = .string(k.upState) }
                return [k.noun: k.render(store, try store.jobEntity(k.noun, e.id))]
            })
    }
}

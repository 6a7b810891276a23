import FoundationEssentials
import Values

/// One API call as a handler sees it: parameters, caller, the store and the time.
struct Call {
    let command: String
    let params: RequestParams
    let caller: Caller
    let store: Store
    let now: Date

    var created: String { SimClock.cloudStackTime(now) }

    func required(_ name: String) throws(APIError) -> String {
        guard let v = params.value(name) else { throw APIError.missing(name, command: command) }
        return v
    }

    func optional(_ name: String) -> String? { params.value(name) }

    func bool(_ name: String, default d: Bool = false) throws(APIError) -> Bool {
        guard let v = params.value(name) else { return d }
        switch v.lowercased() {
        case "true": return true
        case "false": return false
        default: throw APIError.invalid(name, "'\(v)' is not true or false")
        }
    }

    func int(_ name: String) throws(APIError) -> Int? {
        guard let v = params.value(name) else { return nil }
        guard let i = Int(v) else { throw APIError.invalid(name, "'\(v)' is not a whole number") }
        return i
    }

    /// Comma-separated list parameter (`ids=a,b`).
    func list(_ name: String) -> [String]? {
        params.value(name).map { $0.split(separator: ",").map { String($0).trimmingSpaces() } }
    }

    /// An entity of `noun` named by parameter `param`, or the error the server gives.
    func entity(_ noun: String, _ param: String, what: String? = nil) throws(APIError) -> Entity {
        let id = try required(param)
        guard let e = store.table(noun).get(id) else { throw APIError.notFound(what ?? noun, id: id, param: param) }
        return e
    }

    /// Ownership fields every account-owned resource carries.
    /// (An admin may pass `account` + `domainid` to create for someone else: see `owner()`.)
    func ownerFields() throws(APIError) -> Record {
        let o = try owner()
        return ["account": .string(o.account), "domainid": .string(o.domainID), "domain": .string(o.domain)]
    }
}

/// What a handler answers; the engine wraps it in `<command>response`.
enum Reply {
    /// The response object's fields, e.g. `["keypair": {...}]` or `["success": true]`.
    case object(Record)
    /// A list page: `{"count": total, noun: items}`, or `{}` when total is 0.
    case list(noun: String, items: [Value], total: Int)
    /// An async command: answered with the job id at once, `work` runs when the job completes.
    case job(JobSpec)
}

/// The delayed part of an async command.
struct JobSpec {
    /// Java command class shown by queryAsyncJobResult's `cmd`.
    var cmd: String
    var instanceType: String?
    var instanceID: String?
    /// Resource id returned next to the jobid when the resource exists already.
    var immediateID: String?
    /// Runs under the store lock when the job completes; returns the `jobresult` object.
    var work: (Store, Date) throws -> Record
    /// Runs when the job fails (by fault or error), e.g. to put a VM in Error state.
    var onFailure: ((Store) -> Void)? = nil
}

/// An API the simulator models: its handler, async flag and the parameters it needs.
struct Handler: Sendable {
    let name: String
    let isAsync: Bool
    let run: @Sendable (Call) throws(APIError) -> Reply

    init(_ name: String, async isAsync: Bool = false, _ run: @escaping @Sendable (Call) throws(APIError) -> Reply) {
        self.name = name
        self.isAsync = isAsync
        self.run = run
    }
}

/// Every modelled API, by name. Each resource family file contributes one array.
enum Registry {
    static let all: [String: Handler] = {
        var map: [String: Handler] = [:]
        let families: [[Handler]] = [
            InfrastructureAPIs.handlers, VirtualMachineAPIs.handlers, VolumeAPIs.handlers, JobAPIs.handlers,
            NetworkAPIs.handlers, SecurityGroupAPIs.handlers, KeyPairAPIs.handlers, TagAPIs.handlers,
            AddressAPIs.handlers, AccountAPIs.handlers, SnapshotAPIs.handlers, AffinityGroupAPIs.handlers,
            ZoneAPIs.handlers, OfferingAPIs.handlers, DomainAPIs.handlers, Events.handlers, VMSnapshotAPIs.handlers,
            PodClusterAPIs.handlers, HostAPIs.handlers, StorageAPIs.handlers, PlatformAPIs.handlers,
            NetworkOfferingAPIs.handlers, VPCAPIs.handlers, NetworkACLAPIs.handlers, NICAPIs.handlers, VLANAPIs.handlers,
            PhysicalNetworkAPIs.handlers, TrafficTypeAPIs.handlers, FirewallAPIs.handlers, LoadBalancerAPIs.handlers,
            SiteToSiteVPNAPIs.handlers, RemoteAccessVPNAPIs.handlers, RouterAPIs.handlers, VPCGatewayAPIs.handlers,
        ]
        for h in families.joined() { map[h.name] = h }
        return map
    }()
}

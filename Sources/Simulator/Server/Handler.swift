import FoundationEssentials
import Values
import OrderedCollections

/// One API call as a handler sees it: parameters, caller, the store and the time.
struct Call {
    let command: String
    let params: RequestParams
    let caller: Caller
    let store: Store
    let now: Date
    /// The HTTP request (method, cookies) for the few handlers that need it (login, logout).
    let request: IncomingRequest
    /// The engine's state beyond the cloud: sessions, faults, clock, throttling.
    let server: EngineState
    /// What the handler's `prepare` made outside the lock (nil when it has none).
    var prepared: (any Sendable)? = nil

    /// The same call with other parameters (a handler reusing another's lookup).
    func with(params: RequestParams) -> Call {
        Call(
            command: command, params: params, caller: caller, store: store, now: now, request: request, server: server,
            prepared: prepared)
    }

    var created: String { SimClock.cloudStackTime(now) }

    func required(_ name: String) throws(APIError) -> String {
        guard let v = params.value(name) else { throw APIError.missing(name, command: command) }
        return v
    }

    func optional(_ name: String) -> String? { params.value(name) }

    /// A boolean parameter as the server reads it (Java's Boolean.valueOf): "true" in any case is
    /// true, any other value false; absent, `d`.
    func bool(_ name: String, default d: Bool = false) throws(APIError) -> Bool {
        guard let v = params.value(name) else { return d }
        return v.lowercased() == "true"
    }

    /// A Java `int`: the type of most numeric CloudStack parameters, and the default bound below.
    static let javaInt = Int(Int32.min)...Int(Int32.max)

    /// The one way a handler reads a number from a request: a whole number within `range`, or 431
    /// naming the parameter. Bounding every number at the door is what keeps the arithmetic done
    /// on them (GB to bytes, CPUs x MHz, page offsets, clock shifts) from overflowing.
    func int(_ name: String, in range: ClosedRange<Int> = Call.javaInt) throws(APIError) -> Int? {
        guard let v = params.value(name) else { return nil }
        guard let i = Int(v) else { throw APIError.invalid(name, "'\(v)' is not a whole number") }
        guard range.contains(i) else {
            throw APIError.invalid(name, "\(v) is out of range (\(range.lowerBound) to \(range.upperBound))")
        }
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
    /// An object answered with `Set-Cookie` headers (login's session).
    case objectSettingCookies(Record, cookies: [String])
    /// A list page: `{"count": total, noun: items}`, or `{}` when total is 0.
    case list(noun: String, items: [Value], total: Int)
    /// An async command: answered with the job id at once, `work` runs when the job completes.
    case job(JobSpec)
}

extension Reply {
    /// A job on one resource whose work needs only the store; `immediate` answers the resource's id next
    /// to the job id, as creates do.
    static func job(
        _ cmd: String, on instanceType: String, _ id: String, immediate: Bool = false,
        _ work: @escaping (Store) throws -> Record
    ) -> Reply {
        .job(
            JobSpec(cmd: cmd, instanceType: instanceType, instanceID: id, immediateID: immediate ? id : nil) {
                store, _ in try work(store)
            })
    }
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
    /// The event type when it depends on the resource, not only the command (SSVM.START or PROXY.START).
    var eventType: String? = nil
    /// How many job times (`--job-delay`) it lasts: an upload's job ends with its download.
    var jobTimes: Double = 1
}

/// An API the simulator models: its handler, async flag and how requests reach it.
struct Handler: Sendable {
    /// How a request reaches the handler (see `Engine.front`).
    enum Entry: Sendable, Equatable {
        /// Through the API dispatcher: authenticated, role-checked, throttled, checked against the catalog.
        case api
        /// Like the server's API authenticators (logout): authenticated, but before the dispatcher's checks.
        case authenticator
        /// An authenticator that needs no caller (login checks a password itself); its Call's caller is `.anonymous`.
        case anonymous
    }

    let name: String
    let isAsync: Bool
    let entry: Entry
    /// Slow work that needs no state (generating an RSA key): run outside the engine's lock, once
    /// the request passed authentication, so other requests are not held up; `Call.prepared` has it.
    let prepare: (@Sendable () throws(APIError) -> any Sendable)?
    let run: @Sendable (Call) throws(APIError) -> Reply
    /// The object its answers (errors too) are wrapped in, where the command's class names it
    /// otherwise than `<command>response`; see `Exchange.wrapper`.
    let answerName: String?

    init(
        _ name: String, async isAsync: Bool = false, entry: Entry = .api, answer answerName: String? = nil,
        prepare: (@Sendable () throws(APIError) -> any Sendable)? = nil,
        _ run: @escaping @Sendable (Call) throws(APIError) -> Reply
    ) {
        self.name = name
        self.isAsync = isAsync
        self.entry = entry
        self.answerName = answerName
        self.prepare = prepare
        self.run = run
    }
}

extension Caller {
    /// The caller of an anonymous authenticator (login), before anyone is known.
    static let anonymous = Caller(
        userID: "", username: "", accountID: "", account: "", domainID: "", domain: "", isAdmin: false)
}

/// Every modelled API, by name. Each resource family file contributes one array.
enum Registry {
    /// Registered APIs that are not CloudStack's: the simulator's own controls.
    static let simulatorOnly: Set<String> = ["simulatorFault"]

    static let all: [String: Handler] = {
        var map: [String: Handler] = [:]
        let families: [[Handler]] = [
            TemplateAPIs.handlers, ImageChangeAPIs.handlers, ImagePermissionAPIs.handlers, ISOAPIs.handlers,
            InstanceGroupAPIs.handlers, SnapshotPolicyAPIs.handlers, InternalLBAPIs.handlers, GuestOSAPIs.handlers,
            DiscoveryAPIs.handlers, InternalLBVMAPIs.handlers,
            VirtualMachineAPIs.handlers, VolumeAPIs.handlers, JobAPIs.handlers,
            NetworkAPIs.handlers, SecurityGroupAPIs.handlers, KeyPairAPIs.handlers, TagAPIs.handlers,
            AddressAPIs.handlers, AccountAPIs.handlers, SnapshotAPIs.handlers, AffinityGroupAPIs.handlers,
            ZoneAPIs.handlers, OfferingAPIs.handlers, DomainAPIs.handlers, Events.handlers, VMSnapshotAPIs.handlers,
            PodClusterAPIs.handlers, HostAPIs.handlers, StorageAPIs.handlers, PlatformAPIs.handlers,
            NetworkOfferingAPIs.handlers, VPCAPIs.handlers, NetworkACLAPIs.handlers, NICAPIs.handlers,
            VLANAPIs.handlers,
            PhysicalNetworkAPIs.handlers, TrafficTypeAPIs.handlers, FirewallAPIs.handlers, LoadBalancerAPIs.handlers,
            SiteToSiteVPNAPIs.handlers, RemoteAccessVPNAPIs.handlers, RouterAPIs.handlers, VPCGatewayAPIs.handlers,
            SystemVMAPIs.handlers, AlertAPIs.handlers, EventArchiveAPIs.handlers, DedicationAPIs.handlers,
            DedicatedRangeAPIs.handlers, MetricsAPIs.handlers, OutOfBandAPIs.handlers, HostHAAPIs.handlers,
            ManagementServerAPIs.handlers, GuestOSChangeAPIs.handlers, ResourceDetailAPIs.handlers,
            ResourceIconAPIs.handlers,
            PlatformInfoAPIs.handlers, CatalogInfoAPIs.handlers, HostReconnectAPIs.handlers,
            SessionAPIs.handlers, TwoFactorAPIs.handlers, FaultAPI.handlers, RoleAPIs.handlers,
            ConfigurationAPIs.handlers, ResourceLimitAPIs.handlers, UserDataAPIs.handlers, ProjectAPIs.handlers,
            VMRestoreAPIs.handlers,
            // The tenant side added for issue 12 (sim-tenant).
            VolumeLifecycleAPIs.handlers, VolumeTransferAPIs.handlers, LBPolicyAPIs.handlers, VMOwnershipAPIs.handlers,
            AccountStateAPIs.handlers, SnapshotRevertAPIs.handlers, SSLCertAPIs.handlers,
            ProjectInvitationAPIs.handlers, VMMigrationAPIs.handlers,
            NetworkPermissionAPIs.handlers, GuestVlanAPIs.handlers, NetworkMigrationAPIs.handlers,
            PublicIPReserveAPIs.handlers, IPForwardingAPIs.handlers, TemplateCreateAPIs.handlers,
            // The admin side added for issue 12 (sim-admin).
            UsageAPIs.handlers, UploadParamsAPIs.handlers, UsageHistoryAPIs.handlers, LDAPAPIs.handlers,
            UnmanagedInstanceAPIs.handlers, RoleImportAPIs.handlers, HostStateAPIs.handlers,
            // The remaining everyday admin APIs (sim-admin2).
            DiagnosticsAPIs.handlers, RouterHealthAPIs.handlers, HostMaintenanceAPIs.handlers, ImageStoreAPIs.handlers,
            StoragePoolOpsAPIs.handlers, PodIPAPIs.handlers, GuestIPv6PrefixAPIs.handlers, ConsoleEndpointAPIs.handlers,
            AnnotationAPIs.handlers, OfferingTagPermissionAPIs.handlers, VMPasswordAPIs.handlers,
            GSLBAssignmentAPIs.handlers, ProjectRoleAPIs.handlers, CertificateAPIs.handlers,
            ConsoleProxyCertificateAPIs.handlers, AutoScaleCounterAPIs.handlers,
            VolumeUpdateAPIs.handlers,
            // The network leftovers (sim-netmisc).
            DisplayUpdateAPIs.handlers, VLANRangeUpdateAPIs.handlers, PortableIPAPIs.handlers,
            StorageNetworkAPIs.handlers, IPv6FirewallAPIs.handlers, StagingStoreAPIs.handlers,
            // The autoscale family (sim-autoscale).
            AutoScalePolicyAPIs.handlers, AutoScaleProfileAPIs.handlers, AutoScaleGroupAPIs.handlers,
            // Guest OS mappings, GSLB rules, service providers and elements (sim-gslbos).
            GuestOSMappingAPIs.handlers, GSLBRuleAPIs.handlers, ServiceProviderAPIs.handlers,
            // The Kubernetes service plugin (sim-cks); registered only when enabled at start (Store.apiChecker).
            KubernetesVersionAPIs.handlers, KubernetesClusterAPIs.handlers,
            // The network vendor device plugins, without their devices (sim-vendornet).
            NetscalerAPIs.handlers, SDNDeviceAPIs.handlers, FirewallDeviceAPIs.handlers, OvsElementAPIs.handlers,
            CiscoNexusVSMAPIs.handlers, NetworkMonitorAPIs.handlers, NetworkDeviceAPIs.handlers,
            // Vendor infrastructure plugins without their vendor systems (sim-vendorinfra).
            TungstenFabricAPIs.handlers, UcsAPIs.handlers, VmwareDcAPIs.handlers,
        ]
        for h in families.joined() { map[h.name] = h }
        return map
    }()
}

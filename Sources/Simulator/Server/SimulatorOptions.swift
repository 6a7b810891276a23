/// The data center a new cloud starts with.
public enum DataCenter: String, Sendable, CaseIterable {
    /// Two small zones (Sandbox-1 advanced, Sandbox-2 basic) with everyday templates: for learning.
    case sandbox
    /// What the official simulator container (ansible/cloudstack-test-container) deploys: zones
    /// Sandbox-simulator-advanced and Sandbox-simulator-basic, for client test suites written for it.
    case cloudstackSimulator = "cloudstack-simulator"
}

/// Everything that shapes one simulator instance. Defaults give the sandbox:
/// loopback only, a free port, the sandbox keys, half-second jobs, no faults.
public struct SimulatorOptions: Sendable {
    /// How callers prove who they are.
    public enum AuthMode: Sendable, Equatable {
        /// API key + secret signing (and `login` sessions), as a normal management server port.
        case keys
        /// No authentication at all, like the integration port: every call acts as the admin.
        case open
    }

    /// A user that can `login` with a password (and sign with its keys).
    public struct User: Sendable, Equatable, Codable {
        public var username: String
        public var password: String
        /// Domain path as `login` takes it: "/" for ROOT, "/dev" for ROOT/dev.
        public var domainPath: String
        public var account: String
        /// true for the root admin (account type 1), false for a normal user (type 0).
        public var isAdmin: Bool
        public var apiKey: String
        public var secretKey: String

        public init(
            username: String, password: String, domainPath: String, account: String,
            isAdmin: Bool, apiKey: String, secretKey: String
        ) {
            self.username = username; self.password = password; self.domainPath = domainPath
            self.account = account; self.isAdmin = isAdmin; self.apiKey = apiKey; self.secretKey = secretKey
        }
    }

    /// Keys of the sandbox root admin (the user `admin`). Not secret: the sandbox is local only.
    public static let sandboxAPIKey = "sandbox-admin-api-key-acsh-simulator-0001"
    public static let sandboxSecretKey = "sandbox-admin-secret-key-acsh-simulator-0001"

    /// The users of a fresh sandbox: admin/password in ROOT, dev/password in ROOT/dev.
    public static let defaultUsers: [User] = [
        User(
            username: "admin", password: "password", domainPath: "/", account: "admin", isAdmin: true,
            apiKey: sandboxAPIKey, secretKey: sandboxSecretKey),
        User(
            username: "dev", password: "password", domainPath: "/dev", account: "dev", isAdmin: false,
            apiKey: "sandbox-dev-api-key-acsh-simulator-0002", secretKey: "sandbox-dev-secret-key-acsh-simulator-0002"),
    ]

    /// Where the cloud is kept between runs.
    public enum StateStore: Sendable, Equatable {
        /// Nothing on disk: every start is a fresh cloud (tests, benchmarks, `acsh simulator` by default).
        case memory
        /// An SQLite file (created 0600), read on start and written after every request.
        case file(String)
    }

    /// Address to bind: loopback only (an IP literal in 127.0.0.0/8, ::1, or `localhost` resolving to those); anything else is refused at start.
    public var host: String = "127.0.0.1"
    /// TCP port; 0 lets the system pick a free one (read it back from `Simulator.port`).
    public var port: Int = 0
    /// A second listener that takes unsigned requests as the root admin, like CloudStack's
    /// integration.api.port (0 picks a free port; read it back from `Simulator.integrationPort`).
    public var integrationPort: Int? = nil
    public var state: StateStore = .memory
    /// Delete the state file's cloud and seed a new one.
    public var fresh = false
    /// Set by `setAdminKeys`: the root admin's keys replace those kept in a state file too.
    public private(set) var adminKeysGiven = false
    /// How long an async job stays pending before it completes.
    public var jobTime: Duration = .milliseconds(500)
    /// Virtual machines created at start (Running, spread over the zones), for listing benchmarks.
    public var seedVMs: Int = 0
    /// Seed for every generated id, so two runs with the same seed produce the same UUIDs.
    public var seed: UInt64 = 42
    public var auth: AuthMode = .keys
    public var users: [User] = SimulatorOptions.defaultUsers
    /// The users a new cloud starts with: all of `users` in the sandbox, only the admins in the official
    /// simulator's data center, whose container has the ROOT domain and its admin alone.
    public var seededUsers: [User] { datacenter == .sandbox ? users : users.filter(\.isAdmin) }
    /// Requests allowed per account per `throttleInterval` (root admin exempt, as on the real server); nil = off.
    public var throttlePerSecond: Int? = nil
    /// The throttling window (the server's api.throttling.interval); `throttlePerSecond` requests per window.
    public var throttleInterval: Duration = .seconds(1)
    /// Idle time after which a login session expires (the server's `timeout` in loginresponse).
    public var sessionTimeout: Duration = .seconds(1800)
    /// Added to the real clock to get the server's clock (positive = server ahead), for `expires` tests.
    public var clockOffset: Duration = .zero
    /// Fault injection rules, checked in order; see `FaultSpec` for the text syntax.
    public var faults: [FaultSpec] = []
    /// Print one line per request on stderr (command and status; never parameters, which may hold secrets).
    public var logRequests: Bool = false
    /// Where those lines and the simulator's own errors go: stderr, or a file a test reads (a test that
    /// moved the process's stderr would also hide what every other test reports meanwhile).
    public var logDescriptor: Int32 = 2
    /// Which data center a new cloud is seeded with (see DataCenterPlans.swift).
    public var datacenter: DataCenter = .sandbox

    public init() {}

    /// The root admin's API and secret keys instead of the sandbox ones.
    public mutating func setAdminKeys(apiKey: String, secretKey: String) {
        for i in users.indices where users[i].isAdmin {
            users[i].apiKey = apiKey
            users[i].secretKey = secretKey
        }
        adminKeysGiven = true
    }

    /// The root admin's keys as configured (the first admin user).
    public var adminKeys: (apiKey: String, secretKey: String) {
        let admin = users.first(where: \.isAdmin)
        return (admin?.apiKey ?? Self.sandboxAPIKey, admin?.secretKey ?? Self.sandboxSecretKey)
    }

    /// Loopback addresses only: the simulator has fixed, published keys and no TLS.
    var hostIsLoopback: Bool { Loopback.isListenable(host) }
}

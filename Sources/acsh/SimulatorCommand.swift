import ArgumentParser
import Contracts
import Simulator
import Values

extension DataCenter: ExpressibleByArgument {}

/// `acsh simulator`: the sandbox cloud as a server on loopback, for other
/// clients, tests and benchmarks.
struct SimulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulator",
        abstract: "Run the CloudStack simulator on 127.0.0.1.",
        discussion: """
            Clients sign with the admin keys printed on start (the sandbox keys unless
            --admin-api-key/--admin-secret-key) or log in as admin/password.
            --integration-port adds a second port that takes unsigned calls as the
            admin (CloudStack's integration.api.port); --open does so on the main port.
            State: in memory unless --state FILE (SQLite, mode 0600, kept between
            runs; --fresh starts it over). Jobs pending at Ctrl-C finish before exit.
            Faults: KIND[=VALUE][@COMMAND][:WHEN], e.g. http502:0.3,
            truncate@listZones:first2, throttle=200, error=536@deleteNetwork,
            delay=500, drop, job-hang, job-fail, job-cancel.
            """)

    @Option(help: "Address to listen on; loopback only (127.0.0.1, ::1, localhost).")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8080

    @Option(
        name: .customLong("integration-port"),
        help: "Also listen on this port for unsigned requests, run as the admin (0 picks a free one).")
    var integrationPort: Int?

    @Option(help: ArgumentHelp("Keep the cloud in this SQLite file between runs (created 0600).", valueName: "file"))
    var state: String?

    @Flag(help: "Keep nothing on disk (the default).")
    var memory = false

    @Flag(help: "With --state: delete the file's cloud and seed a new one.")
    var fresh = false

    @Option(
        name: .customLong("job-delay"),
        help: ArgumentHelp("How long async jobs take, in milliseconds (default 500).", valueName: "ms"))
    var jobDelay: Int?

    @Option(
        name: .customLong("job-time"),
        help: ArgumentHelp("The same as a duration: 500ms, 1s, 2.5s.", visibility: .hidden))
    var jobTime: String?

    @Option(name: .customLong("admin-api-key"), help: "The root admin's API key instead of the sandbox one.")
    var adminAPIKey: String?

    @Option(name: .customLong("admin-secret-key"), help: "The root admin's secret key (with --admin-api-key).")
    var adminSecretKey: String?

    @Option(help: "Seed for generated UUIDs and random choices: the same seed gives the same ids (default 42).")
    var seed: UInt64?

    @Option(name: .customLong("seed-vms"), help: "Pre-create this many virtual machines (with a new cloud).")
    var seedVMs = 0

    @Option(
        help: ArgumentHelp(
            "The data center a new cloud starts with: sandbox, or cloudstack-simulator (what the "
                + "official simulator container deploys; serves /admin.json).", valueName: "name"))
    var datacenter: DataCenter = .sandbox

    @Option(name: .customLong("fault"), help: "Inject a fault (repeatable).")
    var faults: [String] = []

    @Option(help: "Allow N requests per second per account (root admin exempt, as CloudStack).")
    var throttle: Int?

    @Option(
        name: .customLong("clock-offset"),
        help: "Run the server's clock this many seconds ahead (negative: behind), to test `expires` and skew.")
    var clockOffset = 0

    @Flag(help: "Accept unsigned requests on the main port too (like the integration port).")
    var open = false

    @Flag(name: .customLong("log"), help: "Log each request on stderr (secrets redacted).")
    var logRequests = false

    @Flag(name: .customLong("print-keys"), help: "Print the admin API key and secret key, then exit.")
    var printKeys = false

    func run() async throws {
        let options = try self.options()
        if printKeys {
            print(options.adminKeys.apiKey)
            print(options.adminKeys.secretKey)
            return
        }
        let simulator: Simulator
        do {
            simulator = try await Simulator.start(options)
        } catch {
            throw CommandFailure("acsh simulator: \(error)", code: .transport)
        }
        Terminal.stderr(simulator.summary + "\nCtrl-C stops it.")
        try await simulator.run()
    }

    /// The command line as simulator options; a contradiction is a usage error (exit 2).
    func options() throws -> SimulatorOptions {
        var options = SimulatorOptions()
        options.host = host
        options.port = port
        options.integrationPort = integrationPort
        options.seedVMs = seedVMs
        options.datacenter = datacenter
        options.throttlePerSecond = throttle
        options.clockOffset = .seconds(clockOffset)
        options.logRequests = logRequests
        if let seed { options.seed = seed }
        if open { options.auth = .open }
        switch (jobDelay, jobTime) {
        case (let ms?, nil):
            guard ms >= 0 else { throw CommandFailure("acsh simulator: --job-delay must be 0 or more milliseconds") }
            options.jobTime = .milliseconds(ms)
        case (nil, let t?): options.jobTime = try Self.duration(t)
        case (nil, nil): break
        case (_?, _?): throw CommandFailure("acsh simulator: give --job-delay or --job-time, not both")
        }
        switch (state, memory) {
        case (let path?, false): options.state = .file(path)
        case (_?, true): throw CommandFailure("acsh simulator: give --state FILE or --memory, not both")
        case (nil, _):
            if fresh {
                throw CommandFailure("acsh simulator: --fresh starts a state file over; give it with --state FILE")
            }
        }
        options.fresh = fresh
        switch (adminAPIKey, adminSecretKey) {
        case (let k?, let s?):
            guard !k.isEmpty, !s.isEmpty else {
                throw CommandFailure("acsh simulator: the admin keys must not be empty")
            }
            options.setAdminKeys(apiKey: k, secretKey: s)
        case (nil, nil): break
        default: throw CommandFailure("acsh simulator: give --admin-api-key and --admin-secret-key together")
        }
        do {
            options.faults = try faults.map { try FaultSpec(parsing: $0) }
        } catch {
            throw CommandFailure("acsh simulator: \(error)")
        }
        return options
    }

    /// "500ms", "1s", "2.5s", or plain seconds.
    static func duration(_ text: String) throws -> Duration {
        let t = text
        let seconds: Double? =
            if t.hasSuffix("ms") {
                Bounded.seconds(String(t.dropLast(2)), positive: false).map { $0 / 1000 }
            } else if t.hasSuffix("s") { Bounded.seconds(String(t.dropLast()), positive: false) } else {
                Bounded.seconds(t, positive: false)
            }
        if let seconds, let d = Bounded.duration(seconds: seconds, max: .seconds(Bounded.maxSeconds)) { return d }
        throw CommandFailure("acsh simulator: bad --job-time '\(text)'; use e.g. 500ms or 1s")
    }
}

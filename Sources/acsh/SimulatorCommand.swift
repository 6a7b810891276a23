import ArgumentParser
import Simulator

/// `acsh simulator`: the sandbox cloud as a server on loopback, for other
/// clients, tests and benchmarks.
struct SimulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulator",
        abstract: "Run the CloudStack simulator on 127.0.0.1.",
        discussion: """
            Clients sign with the sandbox admin keys (see --print-keys) or log in as
            admin/password; --open accepts unsigned calls like CloudStack's integration port.
            Faults: KIND[=VALUE][@COMMAND][:WHEN], e.g. http502:0.3, truncate@listZones:first2,
            throttle=200, error=536@deleteNetwork, delay=500, drop, job-hang, job-fail, job-cancel.
            """)

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8080

    @Option(name: .customLong("job-time"), help: "How long async jobs take, e.g. 500ms, 1s, 2.5s.")
    var jobTime = "500ms"

    @Option(name: .customLong("seed-vms"), help: "Pre-create this many virtual machines.")
    var seedVMs = 0

    @Option(name: .customLong("fault"), help: "Inject a fault (repeatable).")
    var faults: [String] = []

    @Option(help: "Allow N requests per second per account (root admin exempt, as CloudStack).")
    var throttle: Int?

    @Flag(help: "Accept unsigned requests (like the integration port).")
    var open = false

    @Flag(name: .customLong("log"), help: "Log each request on stderr (secrets redacted).")
    var logRequests = false

    @Flag(name: .customLong("print-keys"), help: "Print the sandbox admin API key and secret key, then exit.")
    var printKeys = false

    func run() async throws {
        if printKeys {
            print(SimulatorOptions.sandboxAPIKey)
            print(SimulatorOptions.sandboxSecretKey)
            return
        }
        var options = SimulatorOptions()
        options.port = port
        options.seedVMs = seedVMs
        options.jobTime = try Self.duration(jobTime)
        options.throttlePerSecond = throttle
        options.logRequests = logRequests
        if open { options.auth = .open }
        do {
            options.faults = try faults.map { try FaultSpec(parsing: $0) }
        } catch {
            throw CommandFailure("acsh simulator: \(error)")
        }
        let simulator: Simulator
        do {
            simulator = try await Simulator.start(options)
        } catch {
            throw CommandFailure("acsh simulator: \(error)", code: 3)
        }
        Terminal.stderr(simulator.summary + "\nCtrl-C stops it.")
        try await simulator.run()
    }

    /// "500ms", "1s", "2.5s", or plain seconds.
    static func duration(_ text: String) throws -> Duration {
        let t = text
        if t.hasSuffix("ms"), let v = Double(t.dropLast(2)), v >= 0 { return .milliseconds(Int64(v)) }
        if t.hasSuffix("s"), let v = Double(t.dropLast()), v >= 0 { return .milliseconds(Int64(v * 1000)) }
        if let v = Double(t), v >= 0 { return .milliseconds(Int64(v * 1000)) }
        throw CommandFailure("acsh simulator: bad --job-time '\(text)'; use e.g. 500ms or 1s")
    }
}

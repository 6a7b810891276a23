import HummingbirdCore
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import ServiceLifecycle
import UnixSignals

/// A CloudStack management server in a box: a real HTTP server on loopback with
/// an in-memory cloud. Start one per test (port 0 picks a free port), or run it
/// in the foreground for `acsh simulator`.
///
///     let sim = try await Simulator.start(SimulatorOptions())
///     // talk to sim.baseURL with SimulatorOptions.sandboxAPIKey / sandboxSecretKey
///     await sim.stop()
public final class Simulator: Sendable {
    public let options: SimulatorOptions
    /// The TCP port actually bound (useful with `options.port == 0`).
    public let port: Int
    /// The integration port actually bound, when `options.integrationPort` asked for one.
    public let integrationPort: Int?
    let engine: Engine
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// The API endpoint, e.g. `http://127.0.0.1:8080/client/api` (what clients take as their URL).
    public var baseURL: String { Self.url(options.host, port) }

    /// The unauthenticated endpoint on the integration port, when there is one.
    public var integrationURL: String? { integrationPort.map { Self.url(options.host, $0) } }

    private static func url(_ host: String, _ port: Int) -> String {
        "http://\(host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host):\(port)/client/api"
    }

    private init(
        options: SimulatorOptions, ports: (Int, Int?), engine: Engine, group: ServiceGroup, task: Task<Void, any Error>
    ) {
        self.options = options
        (self.port, self.integrationPort) = ports
        self.engine = engine
        self.group = group
        self.task = task
    }

    /// Seeds the cloud (or reads it from the state file), binds and starts serving; returns once
    /// the port (and the integration port) is open.
    public static func start(_ options: SimulatorOptions = SimulatorOptions()) async throws -> Simulator {
        guard options.hostIsLoopback else {
            throw SimulatorError(
                message: "refusing to listen on \(options.host): the simulator's keys are published and "
                    + "it has no TLS, so it serves loopback only; use --host 127.0.0.1 (or ::1)")
        }
        let engine = try Engine(options: options)
        var logger = Logger(label: "acsh.simulator")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream<(Bool, Int)>.makeStream()
        var listeners = [(integration: false, port: options.port)]
        if let p = options.integrationPort { listeners.append((true, p)) }
        var servers: [any Service] = []
        for (integration, port) in listeners {
            servers.append(
                try HTTPServerBuilder.http1().buildServer(
                    configuration: ServerConfiguration(address: .hostname(options.host, port: port)),
                    eventLoopGroup: MultiThreadedEventLoopGroup.singleton, logger: logger,
                    responder: HTTPFront.responder(engine, integration: integration),
                    onServerRunning: { channel in continuation.yield((integration, channel.localAddress?.port ?? port))
                    }))
        }
        let group = ServiceGroup(configuration: .init(services: servers, logger: logger))
        let task = Task(executorPreference: SimulatorExecutor.shared) {
            defer { continuation.finish() }
            try await group.run()
        }
        var bound: [Bool: Int] = [:]
        for await (integration, port) in ports {
            bound[integration] = port
            if bound.count == listeners.count { break }
        }
        guard bound.count == listeners.count, let port = bound[false] else {
            var reason = "it stopped before listening"
            do { try await task.value } catch { reason = "\(error)" }
            engine.shutdown()
            let which = listeners.filter { bound[$0.integration] == nil }.map { "\(options.host):\($0.port)" }
            throw SimulatorError(
                message: "cannot listen on \(which.joined(separator: " and ")): \(reason); "
                    + "choose another port (0 picks a free one)")
        }
        return Simulator(options: options, ports: (port, bound[true]), engine: engine, group: group, task: task)
    }

    /// Stops accepting connections, lets answers in flight finish, and returns when the server is
    /// down and its state saved (pending jobs are finished first; see StateFile).
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
        engine.shutdown()
    }

    /// Serves until SIGINT or SIGTERM (the `acsh simulator` foreground command), then stops.
    public func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        let watcher = Task { [group] in
            for await _ in signals {
                await group.triggerGracefulShutdown()
                break
            }
        }
        defer { watcher.cancel() }
        defer { engine.shutdown() }
        try await task.value
    }

    /// What to print when the simulator starts in the foreground: where it listens and how to
    /// connect. The sandbox keys are fixed, public values (the simulator only listens locally).
    public var summary: String {
        let o = options
        let users = o.seededUsers.map { "\($0.username)/\($0.password) (domain \($0.domainPath))" }.joined(
            separator: ", ")
        let auth = o.auth == .open ? "none (open, like the integration port)" : "API keys or login"
        let keys = engine.adminKeys
        var state = "memory (nothing kept after it stops)"
        if case .file(let path) = o.state { state = path }
        var keysPage = ""
        if o.datacenter == .cloudstackSimulator {
            keysPage = " (keys also at " + String(baseURL.dropLast("/client/api".count)) + AdminKeysPage.path + ")"
        }
        var lines = ["acsh simulator listening on \(baseURL)"]
        if let integrationURL { lines.append("  integration: \(integrationURL) (no authentication, acts as admin)") }
        lines +=
            [
                "  auth:       \(auth)",
                "  API key:    \(keys.apiKey)",
                "  secret key: \(keys.secretKey)",
                "  users:      \(users)",
            ] + o.seededUsers.filter { !$0.isAdmin }.map { "  \($0.username) keys:   \($0.apiKey) / \($0.secretKey)" }
            + [
                "  data center: \(o.datacenter.rawValue)\(keysPage)",
                "  state:      \(state)",
                "  jobs take \(o.jobTime); \(o.seedVMs) seeded VMs; faults: "
                    + (o.faults.isEmpty ? "none" : o.faults.map(\.description).joined(separator: " ")),
            ]
        return lines.joined(separator: "\n")
    }

    /// The root admin's keys in effect (the sandbox ones unless overridden or changed in the state file).
    public var adminKeys: (apiKey: String, secretKey: String) { engine.adminKeys }

    /// Requests received for `command` (case-insensitive), or all requests when nil.
    public func requestCount(command: String? = nil) -> Int { engine.requestCount(command: command) }
}

/// A simulator start-up failure, one line.
public struct SimulatorError: Error, CustomStringConvertible {
    public let message: String
    /// The state file is locked by another simulator (the REPL sandbox then falls back to memory).
    public var isStateInUse = false
    public var description: String { message }

    public init(message: String, isStateInUse: Bool = false) {
        self.message = message
        self.isStateInUse = isStateInUse
    }
}

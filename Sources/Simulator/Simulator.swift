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
    let engine: Engine
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// The API endpoint, e.g. `http://127.0.0.1:8080/client/api` (what clients take as their URL).
    public var baseURL: String { "http://\(options.host):\(port)/client/api" }

    private init(options: SimulatorOptions, port: Int, engine: Engine, group: ServiceGroup, task: Task<Void, any Error>) {
        self.options = options
        self.port = port
        self.engine = engine
        self.group = group
        self.task = task
    }

    /// Seeds the cloud, binds and starts serving; returns once the port is open.
    public static func start(_ options: SimulatorOptions = SimulatorOptions()) async throws -> Simulator {
        let engine = Engine(options: options)
        var logger = Logger(label: "acsh.simulator")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let server = try HTTPServerBuilder.http1().buildServer(
            configuration: ServerConfiguration(address: .hostname(options.host, port: options.port)),
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton, logger: logger,
            responder: HTTPFront.responder(engine),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? options.port)
                continuation.finish()
            })
        let group = ServiceGroup(configuration: .init(services: [server], logger: logger))
        let task = Task(executorPreference: SimulatorExecutor.shared) {
            defer { continuation.finish() }
            try await group.run()
        }
        var it = ports.makeAsyncIterator()
        guard let port = await it.next() else {
            var reason = "it stopped before listening"
            do { try await task.value } catch { reason = "\(error)" }
            throw SimulatorError(message: "cannot listen on \(options.host):\(options.port): \(reason); "
                + "choose another port (0 picks a free one)")
        }
        return Simulator(options: options, port: port, engine: engine, group: group, task: task)
    }

    /// Stops accepting connections, lets answers in flight finish, and returns when the server is down.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
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
        try await task.value
    }

    /// What to print when the simulator starts in the foreground: where it listens and how to
    /// connect. The sandbox keys are fixed, public values (the simulator only listens locally).
    public var summary: String {
        let o = options
        let users = o.users.map { "\($0.username)/\($0.password) (domain \($0.domainPath))" }.joined(separator: ", ")
        let auth = o.auth == .open ? "none (open, like the integration port)" : "API keys or login"
        return """
            acsh simulator listening on \(baseURL)
              auth:       \(auth)
              API key:    \(SimulatorOptions.sandboxAPIKey)
              secret key: \(SimulatorOptions.sandboxSecretKey)
              users:      \(users)
            \(o.users.filter { !$0.isAdmin }.map { "  \($0.username) keys:   \($0.apiKey) / \($0.secretKey)\n" }.joined())  jobs take \(o.jobTime); \(o.seedVMs) seeded VMs; faults: \(o.faults.isEmpty ? "none" : o.faults.map(\.description).joined(separator: " "))
            Stop with Ctrl-C.
            """
    }

    /// Requests received for `command` (case-insensitive), or all requests when nil.
    public func requestCount(command: String? = nil) -> Int { engine.requestCount(command: command) }
}

/// A simulator start-up failure, one line.
public struct SimulatorError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

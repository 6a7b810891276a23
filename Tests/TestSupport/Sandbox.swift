import CloudClient
import Simulator

/// Options for tests: the simulator's defaults with quick jobs (50 ms, where the simulator's own
/// default is 500 ms), then `change`. The one place a test's job length comes from.
public func quickJobOptions(_ change: (inout SimulatorOptions) -> Void = { _ in }) -> SimulatorOptions {
    var options = SimulatorOptions()
    options.jobTime = .milliseconds(50)
    change(&options)
    return options
}

/// Runs `body` with a fresh simulator started with `options`, stopped when `body` ends, also when
/// it throws: no test leaves a server running.
public func withSimulator<T>(_ options: SimulatorOptions, _ body: (Simulator) async throws -> T) async throws -> T {
    let sim = try await Simulator.start(options)
    do {
        let result = try await body(sim)
        await sim.stop()
        return result
    } catch {
        await sim.stop()
        throw error
    }
}

/// `withSimulator` with the simulator's own defaults (500 ms jobs) changed by `configure`: for tests
/// that watch a job while it runs.
public func withSimulator<T>(
    _ configure: (inout SimulatorOptions) -> Void = { _ in },
    _ body: (Simulator) async throws -> T
) async throws -> T {
    var options = SimulatorOptions()
    configure(&options)
    return try await withSimulator(options, body)
}

/// Client options for `sim` signed with the sandbox admin's keys, polling jobs quickly.
public func sandboxClientOptions(_ sim: Simulator) -> ClientOptions {
    var o = ClientOptions(
        url: sim.baseURL,
        credentials: .apiKey(
            key: SimulatorOptions.sandboxAPIKey,
            secret: SimulatorOptions.sandboxSecretKey))
    o.pollFirst = .milliseconds(20)
    o.pollCap = .milliseconds(100)
    return o
}

/// `withSimulator` with quick jobs (50 ms, before `configure`) plus the real client
/// talking to it, shut down after.
public func withSandbox<T: Sendable>(
    _ configure: (inout SimulatorOptions) -> Void = { _ in },
    client: (inout ClientOptions) -> Void = { _ in },
    _ body: (Simulator, CloudStackClient) async throws -> T
) async throws -> T {
    try await withSimulator(quickJobOptions(configure)) { sim in
        var options = sandboxClientOptions(sim)
        client(&options)
        return try await CloudStackClient.withClient(options) { try await body(sim, $0) }
    }
}

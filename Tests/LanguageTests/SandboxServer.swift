import CloudClient
import Foundation
import Simulator
import TestSupport
@testable import Language

/// One in-process simulator shared by the script tests, started on first use,
/// with fast jobs so async scripts run quickly.
actor SandboxServer {
    static let shared = SandboxServer()
    private var starting: Task<(Simulator, CloudStackClient), Error>?

    func api() async throws -> any CloudAPI {
        try await client()
    }

    /// One start however many tests ask at once (the actor is re-entered across the await).
    func client() async throws -> CloudStackClient {
        if starting == nil {
            starting = Task { try await Self.fresh() }
        }
        return try await starting!.value.1
    }

    /// A simulator of its own, for tests that count requests or change state and
    /// stop it themselves; prefer TestSupport's `withSandbox`, which always stops it.
    static func fresh(fastPolls: Bool = true, _ configure: (inout SimulatorOptions) -> Void = { _ in }) async throws
        -> (Simulator, CloudStackClient)
    {
        let sim = try await Simulator.start(quickJobOptions(configure))
        var co = sandboxClientOptions(sim)
        if !fastPolls {
            let defaults = ClientOptions(url: sim.baseURL, credentials: co.credentials)
            co.pollFirst = defaults.pollFirst
            co.pollCap = defaults.pollCap
        }
        return (sim, CloudStackClient(options: co))
    }
}

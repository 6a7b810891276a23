import FoundationEssentials

/// Everything a request may read or change, kept behind the engine's one lock (so a class
/// with plain fields: only the thread holding the lock touches it). Handlers reach it as
/// `Call.server` (login keeps sessions here, simulatorFault the faults, clock and throttle).
final class EngineState: @unchecked Sendable {
    let options: SimulatorOptions
    let store: Store
    var auth = Authenticator()
    var faultRNG: IDGenerator
    /// Fault rules in force: the options' ones, changed at run time by `simulatorFault`.
    var faults: [FaultSpec]
    var faultHits: [Int]
    /// The server's clock (its offset can change at run time through `simulatorFault`).
    var clock: SimClock
    /// Requests per account per window (nil = off); set by options or `simulatorFault`.
    var throttleLimit: Int?
    var throttle: [String: (windowStart: Date, count: Int)] = [:]
    /// Requests per command, keyed by the lowercased name (with the spelling first seen).
    var counts: [String: (name: String, count: Int)] = [:]
    /// The durable copy, when the state lives in a file.
    var stateFile: StateFile?
    var saveFailed = false

    init(options: SimulatorOptions, store: Store, clock: SimClock, stateFile: StateFile?) {
        self.options = options
        self.store = store
        self.clock = clock
        self.stateFile = stateFile
        faultRNG = IDGenerator(seed: options.seed ^ 0xFA17)
        faults = options.faults
        faultHits = Array(repeating: 0, count: options.faults.count)
        throttleLimit = options.throttlePerSecond
    }

    /// Counts one request to `command` (for `/simulator/stats` and `Simulator.requestCount`).
    func count(_ command: String) {
        counts[command.lowercased(), default: (command, 0)].count += 1
    }
}

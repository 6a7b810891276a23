import Simulator

/// The `simulator` target: any bytes as one API request through the simulator's stages
/// (`RequestHarness.replay` says how the bytes are read). One cloud serves many inputs
/// (state builds up, as on a real server) and is replaced now and then.
enum SimulatorTarget {
    nonisolated(unsafe) static var harness: RequestHarness?
    nonisolated(unsafe) static var runs = 0

    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        if harness == nil || runs % 2000 == 0 { harness = try? RequestHarness(seedVMs: 3) }
        runs += 1
        guard let harness else { return }
        _ = harness.replay(bytes)
        // Whatever came in, the next request is answered (once faults it may have asked for are gone).
        harness.clearFaults()
        precondition(harness.handle(query: "command=listZones").status == 200, "the simulator stopped answering")
    }
}

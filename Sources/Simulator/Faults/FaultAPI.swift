import Values
import OrderedCollections

/// `simulatorFault` (root admin only, not a CloudStack API): changes fault injection while
/// the simulator runs, so a client test can break the server at the moment it wants.
/// Parameters, all optional, applied in this order:
/// - `clear=true` drops every fault rule in force;
/// - `fault=SPEC[,SPEC...]` adds rules in the `--fault` syntax (see `FaultSpec`);
/// - `clockoffset=SECONDS` shifts the server's clock (positive = ahead), to test `expires`;
/// - `throttle=N` allows N requests per account per window (0 turns throttling off).
/// Answers `{"simulatorfaultresponse": {"fault": [...], "clockoffset": S, "throttle": N}}`.
enum FaultAPI {
    static let handlers: [Handler] = [Handler("simulatorFault", run)]
    static let maxClockOffset = 100 * 366 * 86_400

    static func run(_ c: Call) throws(APIError) -> Reply {
        let s = c.server
        if let clear = c.optional("clear") {
            guard let b = Bool(clear.lowercased()) else {
                throw APIError.invalid("clear", "'\(clear)' is not true or false")
            }
            if b { s.faults = []; s.faultHits = [] }
        }
        if let text = c.optional("fault") {
            for part in text.split(separator: ",") {
                do {
                    s.faults.append(try FaultSpec(parsing: String(part)))
                    s.faultHits.append(0)
                } catch {
                    throw APIError.invalid("fault", error.description)
                }
            }
        }
        // A century either way: the shifted clock must still print as a CloudStack date.
        if let secs = try c.int("clockoffset", in: -maxClockOffset...maxClockOffset) { s.clock.offset = .seconds(secs) }
        if let n = try c.int("throttle", in: 0...Int(Int32.max)) { s.throttleLimit = n == 0 ? nil : n }
        let (secs, _) = s.clock.offset.components
        return .object([
            "fault": .list(s.faults.map { .string($0.description) }), "clockoffset": .int(Int(secs)),
            "throttle": .int(s.throttleLimit ?? 0),
        ])
    }
}

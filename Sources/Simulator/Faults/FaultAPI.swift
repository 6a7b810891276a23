import Values

/// `simulatorFault` (root admin only, not a CloudStack API): changes fault injection while
/// the simulator runs, so a client test can break the server at the moment it wants.
/// Parameters, all optional, applied in this order:
/// - `clear=true` drops every fault rule in force;
/// - `fault=SPEC[,SPEC...]` adds rules in the `--fault` syntax (see `FaultSpec`);
/// - `clockoffset=SECONDS` shifts the server's clock (positive = ahead), to test `expires`;
/// - `throttle=N` allows N requests per account per window (0 turns throttling off).
/// Answers `{"simulatorfaultresponse": {"fault": [...], "clockoffset": S, "throttle": N}}`.
enum FaultAPI {
    static func run(_ params: RequestParams, faults: inout [FaultSpec], hits: inout [Int], clock: inout SimClock,
                    throttle: inout Int?) throws(APIError) -> String {
        if let clear = params.value("clear") {
            guard let b = Bool(clear.lowercased()) else { throw APIError.invalid("clear", "'\(clear)' is not true or false") }
            if b { faults = []; hits = [] }
        }
        if let text = params.value("fault") {
            for part in text.split(separator: ",") {
                do {
                    faults.append(try FaultSpec(parsing: String(part)))
                    hits.append(0)
                } catch {
                    throw APIError.invalid("fault", error.description)
                }
            }
        }
        if let offset = params.value("clockoffset") {
            guard let secs = Int(offset) else { throw APIError.invalid("clockoffset", "'\(offset)' is not a whole number of seconds") }
            clock.offset = .seconds(secs)
        }
        if let limit = params.value("throttle") {
            guard let n = Int(limit), n >= 0 else { throw APIError.invalid("throttle", "'\(limit)' is not a whole number >= 0") }
            throttle = n == 0 ? nil : n
        }
        let (secs, _) = clock.offset.components
        let r: Record = ["fault": .list(faults.map { .string($0.description) }), "clockoffset": .int(Int(secs)),
                         "throttle": .int(throttle ?? 0)]
        return JSONWriter.compact(.record(r))
    }
}

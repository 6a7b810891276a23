import APICatalog

/// Fault injection decides before anything else: a broken proxy or server answers before any
/// authentication. Job faults are only noted here (the dispatch stage hands them to the job);
/// delay and truncation change the answer once the other stages made it (`finish`).
enum FaultStage {
    static func run(_ x: inout Exchange, _ s: EngineState) -> OutgoingResponse? {
        let command = x.command.lowercased()
        for (i, f) in s.faults.enumerated() where f.command.map({ $0.lowercased() == command }) ?? true {
            let fire: Bool
            switch f.when {
            case .always: fire = true
            case .probability(let p): fire = s.faultRNG.nextUnit() < p
            case .first(let n): fire = s.faultHits[i] < n
            }
            guard fire else { continue }
            if f.kind.isJobFault {
                if x.jobFault == nil, Registry.handler(x.command)?.isAsync == true {
                    x.jobFault = f.kind; s.faultHits[i] += 1
                }
                continue
            }
            s.faultHits[i] += 1
            let answer: OutgoingResponse
            switch f.kind {
            case .delay(let ms): x.delay = .milliseconds(ms); continue
            case .truncatedJSON: x.truncate = true; continue
            case .httpPage(let status): answer = Responses.htmlPage(status, delay: x.delay)
            case .dropConnection: answer = OutgoingResponse(status: 0, body: "", drop: true, delay: x.delay)
            case .throttle(let ms):
                answer = Responses.error(x.wrapper, APIError(429, Responses.throttleText(ms), cs: 9999), delay: x.delay)
            case .apiError(let code): answer = Responses.error(x.wrapper, APIError.injected(code), delay: x.delay)
            default: continue
            }
            // The fault stands in for what answered in front of the server: a client's retries of a
            // known API are counted, but an unauthenticated caller cannot add names to the counters.
            if isKnown(x.command) { s.count(x.command) }
            return answer
        }
        return nil
    }

    /// Truncation and delay, applied to whatever the later stages answered.
    static func finish(_ out: inout OutgoingResponse, _ x: Exchange) {
        if x.truncate, out.status == 200 {
            out.body = String(decoding: Array(out.body.utf8.prefix(max(1, out.body.utf8.count / 2))), as: UTF8.self)
        }
        out.delay = x.delay
    }

    private static func isKnown(_ command: String) -> Bool {
        Registry.all[command] != nil || Catalog.bundled.api(named: command)?.name == command
    }
}

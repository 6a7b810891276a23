import FoundationEssentials
/// api.throttling: at most `throttleLimit` requests per account per window (the root admin
/// is exempt, as on the real server); 429 with the time left when over.
enum ThrottleStage {
    static func run(_ x: Exchange, _ s: EngineState) throws(APIError) {
        guard let limit = s.throttleLimit, let caller = x.principal?.caller, !caller.isAdmin else { return }
        let now = x.now
        var w = s.throttle[caller.accountID] ?? (now, 0)
        let window = s.options.throttleInterval.seconds
        if now.timeIntervalSince(w.windowStart) >= window { w = (now, 0) }
        w.count += 1
        s.throttle[caller.accountID] = w
        if w.count > limit {
            let ms = max(1, Int((window - now.timeIntervalSince(w.windowStart)) * 1000))
            throw APIError(429, Responses.throttleText(ms))
        }
    }
}

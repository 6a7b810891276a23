import APICatalog

/// When a failed call may be sent again, and after how long (PROTOCOL.md, issue 2):
/// reads survive dropped connections and gateway errors; throttling (429) is waited
/// out for any call; authentication (401), parameter (43x) and server (53x) errors never.
struct RetryPolicy: Sendable {
    var maxAttempts: Int
    var base: Duration
    var cap: Duration

    /// Calls that change nothing on the server, so sending one twice is harmless.
    static func isRead(_ command: String) -> Bool { API.isReadOnly(command) }

    /// The delay before attempt `attempt + 1`, or nil when the error is final.
    func delay(after error: CloudStackError, command: String, attempt: Int) -> Duration? {
        guard attempt < maxAttempts else { return nil }
        switch error.kind {
        case .transport(let t, _, _):
            guard Self.isRead(command) else { return nil }
            return t == .tls || t == .dns ? nil : backoff(attempt)
        case .http(let status, _, _):
            guard Self.isRead(command), [502, 503, 504].contains(status) else { return nil }
            return backoff(attempt)
        case .malformed(_, _, let truncated):
            // A cut-off answer to a read is a dropped connection in disguise.
            return truncated && Self.isRead(command) ? backoff(attempt) : nil
        case .api(_, 429, _, let text):
            // The server's number is capped: a hostile or broken answer must not park the client for days.
            let wait = min(Self.retryAfter(text) ?? backoff(attempt), cap)
            return wait + jitter(upTo: .milliseconds(max(20, Int(wait.milliseconds / 10))))
        default:
            return nil
        }
    }

    /// Exponential backoff with full jitter over the upper half: base·2^(n-1), capped.
    func backoff(_ attempt: Int) -> Duration {
        var d = base
        for _ in 1..<max(1, attempt) where d < cap { d = d * 2 }
        if d > cap { d = cap }
        return d / 2 + jitter(upTo: d / 2)
    }

    private func jitter(upTo d: Duration) -> Duration {
        let ms = d.milliseconds
        return ms <= 0 ? .zero : .milliseconds(Int.random(in: 0...Int(ms)))
    }

    /// "... please retry after [200] ms" (also "retry after 200 ms", "retry after 200ms").
    static func retryAfter(_ text: String) -> Duration? {
        let lower = text.lowercased()
        guard let r = lower.firstRange(of: "retry after") else { return nil }
        let digits = lower[r.upperBound...].drop { $0 == " " || $0 == "[" }.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return nil }
        let n = Int(digits) ?? Int.max  // more digits than an Int holds: "forever", which the cap then bounds
        let rest = lower[r.upperBound...].drop { $0 == " " || $0 == "[" || $0.isNumber || $0 == "]" }
        return rest.hasPrefix("s") ? .seconds(n) : .milliseconds(n)
    }

    /// The line the user sees when a 429's wait was longer than the cap; nil otherwise.
    func clampNotice(after error: CloudStackError, command: String) -> String? {
        guard case .api(_, 429, _, let text) = error.kind, let asked = Self.retryAfter(text), asked > cap else {
            return nil
        }
        return
            "the server asked to wait \(Self.describe(asked)) before retrying \(command); waiting \(Self.describe(cap)) (the retry cap) instead"
    }

    static func describe(_ d: Duration) -> String {
        let s = d.components.seconds
        return s < 1 ? "\(Int(d.milliseconds)) ms" : "\(s) s"
    }
}

extension Duration {
    var milliseconds: Double {
        let c = components
        return Double(c.seconds) * 1000 + Double(c.attoseconds) / 1e15
    }
    var seconds: Double { milliseconds / 1000 }
}

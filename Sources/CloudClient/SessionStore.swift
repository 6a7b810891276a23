import Values

/// A logged-in session: the session key (sent as parameter and cookie) and the
/// cookies the server set (JSESSIONID). `generation` tells a stale 401 from a fresh one.
struct SessionState: Sendable {
    var sessionKey: String
    var cookies: [(String, String)]
    var generation: Int

    /// The Cookie header: the server's cookies, plus `sessionkey` when it did not set one.
    var cookieHeader: String {
        var c = cookies
        if !c.contains(where: { $0.0 == "sessionkey" }) { c.append(("sessionkey", Signer.encode(sessionKey))) }
        return c.map { "\($0.0)=\($0.1)" }.joined(separator: "; ")
    }

    /// name=value of each Set-Cookie header (attributes dropped).
    static func parseSetCookies(_ headers: [String]) -> [(String, String)] {
        headers.compactMap { h in
            let pair = h.split(separator: ";", maxSplits: 1).first.map(String.init) ?? h
            guard let eq = pair.firstIndex(of: "=") else { return nil }
            let name = pair[..<eq].trimmingSpaces(), value = pair[pair.index(after: eq)...].trimmingSpaces()
            return name.isEmpty ? nil : (name, value)
        }
    }
}

/// Serialises logins: concurrent calls that find no session (or the same stale one)
/// share one `login` instead of each sending their own.
actor SessionStore {
    private var state: SessionState?
    private var pending: Task<SessionState, Error>?
    private var generation = 0

    /// The current session, logging in through `login` when there is none.
    func current(login: @escaping @Sendable () async throws -> (String, [(String, String)])) async throws
        -> SessionState
    {
        if let state { return state }
        if let pending { return try await Self.value(of: pending) }
        generation += 1
        let gen = generation
        let task = Task { () async throws -> SessionState in
            let (key, cookies) = try await login()
            return SessionState(sessionKey: key, cookies: cookies, generation: gen)
        }
        pending = task
        defer { pending = nil }
        let s = try await Self.value(of: task)
        state = s
        return s
    }

    /// The login's result; Ctrl-C (cancelling the caller) cancels the login too,
    /// so an unanswered login never holds the prompt.
    private static func value(of task: Task<SessionState, Error>) async throws -> SessionState {
        try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            task.cancel()
        }
    }

    var hasSession: Bool { state != nil }

    func forget() { state = nil }

    /// Forget the session a 401 came back on (unless a newer one replaced it already).
    func invalidate(generation gen: Int) {
        if state?.generation == gen { state = nil }
    }
}

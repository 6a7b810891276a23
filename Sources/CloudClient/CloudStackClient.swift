import NIOConcurrencyHelpers
import Values

/// The one client that speaks CloudStack: signs or logs in, sends, retries where safe,
/// and turns answers into `Value`s or `CloudStackError`s. Share one per profile:
/// it holds a pooled HTTP client. Call `shutdown()` when done.
public final class CloudStackClient: Sendable {
    public let options: ClientOptions
    let transport: Transport
    let sessions = SessionStore()
    let policy: RetryPolicy
    private let sent = NIOLockedValueBox(0)

    public init(options: ClientOptions) {
        self.options = options
        transport = Transport(
            endpoint: options.displayURL, verifyTLS: options.verifyTLS, timeout: options.timeout,
            proxy: options.proxy)
        policy = RetryPolicy(maxAttempts: max(1, options.maxAttempts), base: options.retryBase, cap: options.retryCap)
    }

    /// HTTP requests sent so far (retries, logins and job polls included).
    public var requestCount: Int { sent.withLockedValue { $0 } }

    /// Runs `body` with a client and shuts it down afterwards, whatever happens.
    public static func withClient<T: Sendable>(
        _ options: ClientOptions,
        _ body: (CloudStackClient) async throws -> T
    ) async throws -> T {
        let client = CloudStackClient(options: options)
        do {
            let r = try await body(client)
            try await client.shutdown()
            return r
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    public func shutdown() async throws {
        try await transport.shutdown()
    }

    /// Calls `command` and returns the object inside `{"<command>response": ...}`.
    public func request(_ command: String, _ params: [(String, String)] = []) async throws -> Value {
        try Wire.validate(params)
        var attempt = 1
        var loggedInAgain = false
        while true {
            var session: SessionState?
            do {
                session = try await currentSession(for: command)
                return try await once(command, params, session: session)
            } catch let f as SendFailure {
                if Task.isCancelled {
                    throw CloudStackError(
                        f.maybeSent && !RetryPolicy.isRead(command)
                            ? .interruptedCall(command: command) : .interrupted(jobid: nil))
                }
                guard let wait = policy.delay(after: f.error, command: command, attempt: attempt) else {
                    if f.maybeSent && !RetryPolicy.isRead(command), case .transport = f.error.kind {
                        throw CloudStackError(.unclearOutcome(command: command, detail: f.error.transportReason))
                    }
                    throw f.error
                }
                options.trace?(
                    "  retry \(attempt + 1)/\(policy.maxAttempts) in \(Int(wait.milliseconds)) ms after: \(f.error.transportReason)"
                )
                try await pause(wait)
            } catch let e as CloudStackError {
                // An expired session: log in again, once, and only for password profiles.
                if e.errorcode == 401, case .api = e.kind, let session, !loggedInAgain {
                    loggedInAgain = true
                    await sessions.invalidate(generation: session.generation)
                    continue
                }
                guard let wait = policy.delay(after: e, command: command, attempt: attempt) else {
                    // A change answered with a cut-off body most likely happened: say so.
                    if case .malformed(_, _, true) = e.kind, !RetryPolicy.isRead(command) {
                        throw CloudStackError(.unclearOutcome(command: command, detail: "answer cut off"))
                    }
                    throw e
                }
                if let notice = policy.clampNotice(after: e, command: command) { options.warning?(notice) }
                options.trace?(
                    "  retry \(attempt + 1)/\(policy.maxAttempts) in \(Int(wait.milliseconds)) ms after: \(e.errorcode.map { "errorcode \($0)" } ?? e.transportReason)"
                )
                try await pause(wait)
            }
            attempt += 1
        }
    }

    /// One HTTP exchange for `command`.
    private func once(_ command: String, _ params: [(String, String)], session: SessionState?) async throws -> Value {
        let (p, expires) = Wire.parameters(
            command: command, params, credentials: options.credentials,
            sessionKey: session?.sessionKey, lifetime: options.signatureLifetime)
        let w = Wire.build(
            endpoint: options.endpoint, params: p, expires: expires, forcePost: options.forcePost,
            display: options.displayURL)
        let answer = try await exchange(w, cookie: session?.cookieHeader)
        return try ResponseReader.read(answer, command: command, url: options.displayURL, expires: expires)
    }

    /// Sends, counts and traces one request.
    func exchange(_ w: WireRequest, cookie: String?) async throws(SendFailure) -> HTTPAnswer {
        let trace = options.trace
        trace?("> " + w.traceLine + (options.proxy.map { " (via proxy \($0.display))" } ?? ""))
        let start = ContinuousClock.now
        sent.withLockedValue { $0 += 1 }
        do {
            let a = try await transport.send(w, cookie: cookie)
            if let trace {
                let ms = Int((ContinuousClock.now - start).milliseconds)
                trace("< \(a.status) (\(a.body.count) bytes, \(ms) ms) \(Self.traceBody(a.body))")
            }
            return a
        } catch {
            trace?("< failed: \(error.error.message)")
            throw error
        }
    }

    private static func traceBody(_ body: [UInt8]) -> String {
        if let v = try? JSONParser.parse(body) { return JSONWriter.compact(Redaction.value(v)) }
        return Redaction.snippet(body, limit: 200)
    }

    private func currentSession(for command: String) async throws -> SessionState? {
        guard case .password = options.credentials, command.lowercased() != "login" else { return nil }
        return try await sessions.current { [self] in try await login() }
    }

    /// Sleeps before a retry; cancellation (Ctrl-C) ends it at once.
    func pause(_ d: Duration) async throws {
        do { try await Task.sleep(for: d) } catch { throw CloudStackError(.interrupted(jobid: nil)) }
    }
}

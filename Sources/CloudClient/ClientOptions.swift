/// How the client proves who it is.
public enum Credentials: Sendable {
    /// Signed requests (the usual way for scripts and admins).
    case apiKey(key: String, secret: String)
    /// A session from `login`; `domain` is a path such as `/` or `/sub` (ROOT when nil).
    case password(username: String, password: String, domain: String?)
    /// No authentication (the integration port, or the sandbox).
    case none
}

/// Everything a `CloudStackClient` needs to know about one server.
public struct ClientOptions: Sendable {
    /// The API endpoint. A bare base URL (`https://cloud.example.com`) gets `/client/api` appended.
    public var url: String
    public var credentials: Credentials
    /// Refuse certificates that do not verify. Turning this off must be an explicit choice.
    public var verifyTLS: Bool = true
    /// Seconds allowed for one HTTP request (connect + answer).
    public var timeout: Double = 60
    /// Seconds a signed request stays valid (`signatureVersion=3` + `expires`).
    /// nil or 0: the old style, without either parameter.
    public var signatureLifetime: Int? = 600
    /// Send every call as a POST form, never in the URL.
    public var forcePost: Bool = false
    /// Attempts per call, the first one included (retries only where safe).
    public var maxAttempts: Int = 4
    /// First backoff before a retry; doubles per attempt up to `retryCap`, jittered.
    public var retryBase: Duration = .milliseconds(250)
    public var retryCap: Duration = .seconds(4)
    /// First interval between two `queryAsyncJobResult` polls; grows ×1.5 up to `pollCap`.
    /// 250 ms puts polls at 0.25, 0.63, 1.19, 2.03, 3.3 s: a 1 s job is seen by
    /// 1.2 s in three polls, a 2 s job by 2.03 s in four (scripts/bench, deploys).
    public var pollFirst: Duration = .milliseconds(250)
    public var pollCap: Duration = .seconds(3)
    /// The HTTP or SOCKS5 proxy to go through (`Proxy.forEndpoint` chooses it); nil: direct.
    public var proxy: Proxy?
    /// Receives one line per request and per response, secrets redacted.
    public var trace: (@Sendable (String) -> Void)?
    /// Receives a line the user should see although the call goes on (a server's wait capped).
    public var warning: (@Sendable (String) -> Void)?
    /// The code for a login that answers it needs one (two-factor authentication); nil: none can be had.
    public var twoFactorCode: (@Sendable () -> String?)?

    public init(
        url: String, credentials: Credentials = .none, verifyTLS: Bool = true,
        timeout: Double = 60, signatureLifetime: Int? = 600, forcePost: Bool = false,
        maxAttempts: Int = 4, trace: (@Sendable (String) -> Void)? = nil
    ) {
        self.url = url
        self.credentials = credentials
        self.verifyTLS = verifyTLS
        self.timeout = timeout
        self.signatureLifetime = signatureLifetime
        self.forcePost = forcePost
        self.maxAttempts = maxAttempts
        self.trace = trace
    }

    /// The endpoint with `/client/api` added when only a base URL was given.
    public var endpoint: String {
        var u = url
        while u.hasSuffix("/") { u.removeLast() }
        if let q = u.firstIndex(of: "?") { u = String(u[..<q]) }
        // scheme://host[:port] with no path: the API lives at /client/api.
        if let schemeEnd = u.firstRange(of: "://") {
            let rest = u[schemeEnd.upperBound...]
            if !rest.contains("/") { return u + "/client/api" }
            if rest.hasSuffix("/client") { return u + "/api" }
        }
        return u
    }

    /// The endpoint as messages and traces show it: without any user:password@.
    public var displayURL: String {
        let e = endpoint
        guard let s = e.firstRange(of: "://"), let at = e[s.upperBound...].firstIndex(of: "@"),
            !e[s.upperBound..<at].contains("/")
        else { return e }
        return String(e[..<s.upperBound]) + String(e[e.index(after: at)...])
    }
}

/// Printing credentials (in a log, a dump, a crash report) never shows a secret.
extension Credentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        switch self {
        case .apiKey: "api key (\(Redaction.marker))"
        case .password(let username, _, let domain): "password login as \(username)\(domain.map { " in \($0)" } ?? "")"
        case .none: "no authentication"
        }
    }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["credentials": description]) }
}

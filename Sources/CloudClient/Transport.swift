import AsyncHTTPClient
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Values
#if canImport(Glibc)
    import Glibc
    import NIOHTTPCompression
#endif

/// What came back over HTTP, before any CloudStack meaning is given to it.
struct HTTPAnswer: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name }?.1
    }
    func headers(_ name: String) -> [String] {
        headers.filter { $0.0.lowercased() == name }.map(\.1)
    }
}

/// The one shared HTTP client (connection pool, TLS, timeouts) and the mapping of its
/// errors to `CloudStackError`. Knows nothing of CloudStack beyond that.
final class Transport: Sendable {
    let http: HTTPClient
    let endpoint: String
    let timeout: Double
    /// Named in transport errors: a refused or unknown proxy is not a refused server.
    let proxyDisplay: String?
    private let closed = NIOLockedValueBox(false)
    /// Answers larger than this are refused rather than held in memory.
    static let maxBody = 256 * 1024 * 1024

    init(endpoint: String, verifyTLS: Bool, timeout: Double, proxy: Proxy? = nil) {
        var tls = TLSConfiguration.makeClientConfiguration()
        if !verifyTLS { tls.certificateVerification = .none }
        var pool = HTTPClient.Configuration.ConnectionPool()
        // The pool would otherwise retry a refused connect until the request times out;
        // retries are this client's decision (RetryPolicy), made per call.
        pool.retryConnectionEstablishment = false
        var config = HTTPClient.Configuration(
            tlsConfiguration: tls,
            // A redirect would carry a POST body (secrets) elsewhere: report it instead.
            redirectConfiguration: .disallow,
            timeout: .init(
                connect: .milliseconds(Int64(Bounded.int(min(timeout, 30) * 1000, in: 1...30_000) ?? 30_000))),
            connectionPool: pool)
        config.decompression = .enabled(limit: .ratio(100))
        if let proxy {
            // An HTTP proxy forwards plain requests and tunnels TLS with CONNECT, so TLS stays end to end.
            config.proxy =
                switch proxy.kind {
                case .http:
                    .server(
                        host: proxy.host, port: proxy.port,
                        authorization: proxy.username.map { .basic(username: $0, password: proxy.password ?? "") })
                case .socks5: .socksServer(host: proxy.host, port: proxy.port)
                }
        }
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
        self.endpoint = endpoint
        self.timeout = timeout
        proxyDisplay = proxy?.display
    }

    /// Sends one request. Throws `SendFailure` saying whether the server may have seen it.
    func send(_ w: WireRequest, cookie: String?) async throws(SendFailure) -> HTTPAnswer {
        var req = HTTPClientRequest(url: w.url)
        req.method = w.method == .post ? .POST : .GET
        req.headers.add(name: "Accept", value: "application/json")
        req.headers.add(name: "User-Agent", value: "acsh")
        if let cookie { req.headers.add(name: "Cookie", value: cookie) }
        if let body = w.body {
            req.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded; charset=UTF-8")
            req.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let resp = try await http.execute(
                req,
                timeout: .milliseconds(
                    Int64(Bounded.int(timeout * 1000, in: 1...Int(Bounded.maxSeconds * 1000)) ?? 60_000)))
            var buf = try await resp.body.collect(upTo: Self.maxBody)
            let bytes = buf.readBytes(length: buf.readableBytes) ?? []
            return HTTPAnswer(
                status: Int(resp.status.code), headers: resp.headers.map { ($0.name, $0.value) },
                body: bytes)
        } catch {
            throw classify(error)
        }
    }

    func shutdown() async throws {
        closed.withLockedValue { $0 = true }
        try await http.shutdown()
    }

    /// A client dropped without `shutdown()` still releases its connections (the HTTP
    /// client would otherwise trap in debug builds, taking a REPL or a test down with it).
    deinit {
        if !closed.withLockedValue({ $0 }) { _ = http.shutdown() as EventLoopFuture<Void> }
    }

    /// Sorts an error of the HTTP stack into what a person needs to know.
    func classify(_ error: Error) -> SendFailure {
        let url = endpoint, via = proxyDisplay
        func fail(_ t: CloudStackError.Transport, _ detail: String, sent: Bool) -> SendFailure {
            let d =
                via.map {
                    detail.contains($0) ? detail : detail.isEmpty ? "via proxy \($0)" : "\(detail), via proxy \($0)"
                } ?? detail
            return SendFailure(error: CloudStackError(.transport(t, url: url, detail: d)), maybeSent: sent)
        }
        if error is CancellationError {
            return SendFailure(error: CloudStackError(.interrupted(jobid: nil)), maybeSent: true)
        }
        if let e = error as? HTTPClientError {
            switch e {
            case .cancelled: return SendFailure(error: CloudStackError(.interrupted(jobid: nil)), maybeSent: true)
            case .connectTimeout: return fail(.timeout, "connect timed out", sent: false)
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return fail(.timeout, "no answer within \(Self.seconds(timeout))", sent: true)
            case .remoteConnectionClosed: return fail(.closed, "", sent: true)
            default: return fail(.other, Self.clean(String(describing: e)), sent: true)
            }
        }
        if let e = error as? NIOConnectionError {
            if e.dnsAError != nil && e.dnsAAAAError != nil && e.connectionErrors.isEmpty {
                return fail(.dns, "host \(e.host) not found", sent: false)
            }
            if let first = e.connectionErrors.first?.error { return classify(first) }
            return fail(.dns, "host \(e.host) not found", sent: false)
        }
        if let e = error as? IOError {
            if e.errnoCode == ECONNREFUSED {
                // With a proxy, the refusal is the proxy's: the server was never reached.
                if let via = proxyDisplay {
                    return fail(.other, "connection refused by the proxy; is \(via) running?", sent: false)
                }
                return fail(.refused, "", sent: false)
            }
            if e.errnoCode == ECONNRESET || e.errnoCode == EPIPE {
                return fail(.closed, "connection reset", sent: true)
            }
            if e.errnoCode == ETIMEDOUT { return fail(.timeout, "connect timed out", sent: false) }
            if e.errnoCode == EHOSTUNREACH || e.errnoCode == ENETUNREACH {
                return fail(.other, "host unreachable", sent: false)
            }
            return fail(.other, Self.clean(String(describing: e)), sent: false)
        }
        if let e = error as? ChannelError {
            if case .connectTimeout = e { return fail(.timeout, "connect timed out", sent: false) }
            return fail(.closed, Self.clean(String(describing: e)), sent: true)
        }
        if error is SocketAddressError { return fail(.dns, "host not found", sent: false) }
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            let text = String(describing: error)
            let detail =
                text.contains("CERTIFICATE_VERIFY_FAILED")
                ? "certificate not trusted (self-signed or unknown CA)"
                : (text.contains("hostname") || text.contains("Hostname"))
                    ? "certificate is for another host name"
                    : Self.clean(text)
            return fail(.tls, detail, sent: false)
        }
        if error is NIOTooManyBytesError { return fail(.other, "answer larger than \(Self.maxBody) bytes", sent: true) }
        return fail(.other, Self.clean(String(describing: error)), sent: true)
    }

    private static func seconds(_ s: Double) -> String {
        s == s.rounded() ? "\(Bounded.int(s) ?? 0) s" : "\(s) s"
    }

    /// Error texts of the stack never carry our query, but be safe: cut at any '?'.
    static func clean(_ s: String) -> String {
        var t = s.split(separator: "?", maxSplits: 1).first.map(String.init) ?? s
        if t.count > 200 { t = String(t.prefix(200)) + "…" }
        return t
    }
}

/// A transport failure plus whether the request may have reached the server
/// (a non-read call that may have happened is never sent again).
struct SendFailure: Error {
    var error: CloudStackError
    var maybeSent: Bool
}

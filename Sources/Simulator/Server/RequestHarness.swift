import CloudClient

/// The request path without sockets, for the fuzz target (`scripts/fuzz simulator`) and the
/// tests that replay what it found: the same stages a request over HTTP goes through.
public final class RequestHarness: Sendable {
    /// Who sends a request.
    public enum Sender: Sendable {
        /// As on the integration port: no authentication, the root admin.
        case integration
        /// Signed with these keys (the harness adds apiKey and signature to the query).
        case signed(apiKey: String, secretKey: String)
        /// Exactly as given (authentication comes from what the query and headers hold).
        case raw
    }

    let engine: Engine

    /// A fresh sandbox cloud; jobs complete at the next request.
    public init(seedVMs: Int = 0) throws {
        var o = SimulatorOptions()
        o.jobTime = .zero
        o.seedVMs = seedVMs
        engine = try Engine(options: o)
    }

    /// One request: `query` as it would follow `?` in `/client/api?...`, `body` a POST form.
    /// Answers the HTTP status and body (status 0: the connection would be dropped).
    public func handle(query: String, body: String? = nil, from sender: Sender = .integration,
                       headers: [(String, String)] = []) -> (status: Int, body: String) {
        var query = query
        if case .signed(let key, let secret) = sender {
            var params = RequestParams()
            params.addEncoded(Substring(query))
            if let body { params.addEncoded(Substring(body)) }
            let pairs = params.pairs + [("apiKey", key)]
            query += (query.isEmpty ? "" : "&") + "apiKey=\(Signer.encode(key))&signature="
                + Signer.encode(Signer.signature(pairs, secretKey: secret))
        }
        var req = IncomingRequest(method: body == nil ? "GET" : "POST", path: "/client/api", query: Substring(query), body: body,
                                  contentType: body == nil ? nil : "application/x-www-form-urlencoded", cookies: [:])
        req.integration = if case .integration = sender { true } else { false }
        for (name, value) in headers {
            switch name.lowercased() {
            case "host": req.host = value
            case "origin": req.origin = value
            case "cookie": req.addCookies(value)
            default: break
            }
        }
        let out = engine.handle(req)
        return (out.drop ? 0 : out.status, out.body)
    }

    /// Drops the fault rules in force (an input may have added some through simulatorFault).
    public func clearFaults() { engine.clearFaults() }

    /// The id of a stored entity of `noun` (`vm` for a virtual machine), so inputs can name real ones.
    public func someID(of noun: String, index: Int = 0) -> String? { engine.someID(of: noun, index: index) }
}

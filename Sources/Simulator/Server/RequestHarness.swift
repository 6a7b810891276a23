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
    public func handle(
        query: String, body: String? = nil, from sender: Sender = .integration,
        headers: [(String, String)] = []
    ) -> (status: Int, body: String) {
        var query = query
        if case .signed(let key, let secret) = sender {
            var params = RequestParams()
            params.addEncoded(Substring(query))
            if let body { params.addEncoded(Substring(body)) }
            let pairs = params.pairs + [("apiKey", key)]
            query +=
                (query.isEmpty ? "" : "&") + "apiKey=\(Signer.encode(key))&signature="
                + Signer.encode(Signer.signature(pairs, secretKey: secret))
        }
        var req = IncomingRequest(
            method: body == nil ? "GET" : "POST", path: "/client/api", query: Substring(query), body: body,
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

    /// One input in the fuzz target's shape (seeds and found crashes are kept in this shape):
    /// byte 0 picks the sender (0 integration port, 1 the admin's keys, 2 the user's keys, 3 raw:
    /// whatever the query itself carries); the rest is the query, then after the first newline a
    /// POST body. `@noun` becomes the id of a stored one (`@zone`, `@vm`, `@serviceoffering`...),
    /// so inputs reach handlers past "not found".
    public func replay(_ input: some Collection<UInt8>) -> (status: Int, body: String) {
        guard let first = input.first else { return (0, "") }
        let text = withIDs(String(decoding: input.dropFirst(), as: UTF8.self))
        let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let admin = SimulatorOptions.defaultUsers[0], user = SimulatorOptions.defaultUsers[1]
        let sender: Sender =
            switch first % 4 {
            case 0: .integration
            case 1: .signed(apiKey: admin.apiKey, secretKey: admin.secretKey)
            case 2: .signed(apiKey: user.apiKey, secretKey: user.secretKey)
            default: .raw
            }
        return handle(query: String(parts.first ?? ""), body: parts.count > 1 ? String(parts[1]) : nil, from: sender)
    }

    /// Replaces `@noun` with a stored entity's id.
    func withIDs(_ text: String) -> String {
        guard text.contains("@") else { return text }
        var out = "", i = text.startIndex
        while let at = text[i...].firstIndex(of: "@") {
            out += text[i..<at]
            let name = text[text.index(after: at)...].prefix { $0.isLetter && $0.isASCII }
            if !name.isEmpty, let id = someID(of: name.lowercased()) { out += id } else { out += "@" + name }
            i = name.endIndex
        }
        return out + text[i...]
    }

    /// Drops the fault rules in force (an input may have added some through simulatorFault).
    public func clearFaults() { engine.clearFaults() }

    /// The id of a stored entity of `noun` (`vm` for a virtual machine), so inputs can name real ones.
    public func someID(of noun: String, index: Int = 0) -> String? { engine.someID(of: noun, index: index) }
}

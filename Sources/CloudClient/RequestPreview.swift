import FoundationEssentials

/// A call as it would go on the wire, for `explain`: the same parameters,
/// signing parameters and GET/POST choice as `request`, with the key, the
/// signature and any session key shown as shell placeholders. Nothing is sent.
public struct RequestPreview: Sendable {
    public var method: String
    public var endpoint: String
    /// The encoded query (GET) or form body (POST), placeholders in place of secrets.
    public var form: String
    /// Bytes of the real encoded parameters: over `postThreshold` they go by POST.
    public var bytes: Int
    public var postThreshold: Int
    /// Whether the profile sends every call by POST (`post = true`).
    public var forcedPost: Bool
    /// How the placeholders are filled in, a line each.
    public var notes: [String]

    /// An equivalent curl command line (double quotes: the encoded text holds no
    /// character the shell would expand, so `$KEY` and `$SIGNATURE` are the only expansions).
    public var curl: String {
        method == "POST" ? "curl -X POST \"\(endpoint)\" --data \"\(form)\"" : "curl \"\(endpoint)?\(form)\""
    }
}

extension CloudStackClient {
    /// Placeholders shown in place of secret parameter values.
    static let placeholders = ["apikey": "$KEY", "signature": "$SIGNATURE", "sessionkey": "$SESSIONKEY"]

    /// Secret parameters (SecretPolicy: passwords, user data...) show as `$NAME`.
    public func requestPreview(_ command: String, _ params: [(String, String)]) -> RequestPreview {
        var sessionKey: String?
        if case .password = options.credentials { sessionKey = "session" }
        let (p, expires) = Wire.parameters(
            command: command, params, credentials: options.credentials,
            sessionKey: sessionKey, lifetime: options.signatureLifetime)
        let w = Wire.build(
            endpoint: options.endpoint, params: p, expires: expires, forcePost: options.forcePost,
            display: options.displayURL)
        let form = p.map { name, value in
            let lower = name.lowercased()
            let hidden = Redaction.isSecret(lower) ? "$" + lower.uppercased() : nil
            return "\(Signer.encode(name))=\(Self.placeholders[lower] ?? hidden ?? Signer.encode(value))"
        }.joined(separator: "&")
        var notes: [String] = []
        switch options.credentials {
        case .apiKey:
            notes.append(
                "$KEY is the profile's API key; $SIGNATURE is base64(HMAC-SHA1(secret key, the parameters sorted by name, lowercased, values URL-encoded)), itself URL-encoded"
            )
            if expires != nil {
                notes.append(
                    "signatureVersion=3 and expires make the signature valid for \(options.signatureLifetime ?? 0) s")
            }
        case .password:
            notes.append(
                "$SESSIONKEY comes from a login call (username, password, domain); the session cookie goes along too")
        case .none:
            notes.append("no credentials: the server must allow unauthenticated calls (integration port)")
        }
        return RequestPreview(
            method: w.method.rawValue, endpoint: options.displayURL, form: form,
            bytes: Wire.encodeForm(p).utf8.count, postThreshold: Wire.maxQueryBytes,
            forcedPost: options.forcePost, notes: notes)
    }
}

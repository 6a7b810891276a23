import FoundationEssentials

/// One call as it goes on the wire: GET with a query or POST with a form body.
struct WireRequest: Sendable {
    enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
    }
    var method: Method
    /// Full URL (with the query for GET).
    var url: String
    /// Form body for POST.
    var body: [UInt8]?
    /// Secret-free description for traces.
    var traceLine: String
    /// `expires` sent with a signed request, to explain a 401 as clock skew.
    var expires: String?
}

/// Builds the parameters of a call (auth, signature, response=json) and picks GET or POST.
enum Wire {
    /// Beyond this many bytes of encoded parameters a call goes by POST: servers and
    /// proxies cut URLs somewhere around 2-4 KB (PROTOCOL.md).
    static let maxQueryBytes = 2000

    /// The server answers 431 to control characters (0x00-0x1F but CR and LF, and 0x7F);
    /// refusing them here says which parameter and sends nothing.
    static func validate(_ params: [(String, String)]) throws(CloudStackError) {
        for (name, value) in params {
            for b in value.utf8 where (b < 0x20 && b != 0x0A && b != 0x0D) || b == 0x7F {
                let hex = String(b, radix: 16, uppercase: true)
                throw CloudStackError(
                    .invalidValue(
                        parameter: name,
                        reason: "value contains the control character 0x\(hex.count == 1 ? "0" + hex : hex)"))
            }
        }
    }

    /// The parameters to send: the caller's (any `response`, `signature`, auth ones
    /// replaced), then command, response=json and what the credentials add.
    static func parameters(
        command: String, _ params: [(String, String)], credentials: Credentials,
        sessionKey: String?, lifetime: Int?, now: Date = Date()
    )
        -> (params: [(String, String)], expires: String?)
    {
        let reserved: Set<String> = [
            "command", "response", "apikey", "signature", "signatureversion",
            "expires", "sessionkey",
        ]
        var out: [(String, String)] = [("command", command)]
        out += params.filter { !reserved.contains($0.0.lowercased()) }
        out.append(("response", "json"))
        var expires: String?
        switch credentials {
        case .apiKey(let key, let secret):
            out.append(("apiKey", key))
            if let lifetime, lifetime > 0 {
                let e = Signer.expiresString(now.addingTimeInterval(Double(lifetime)))
                out.append(("signatureVersion", "3"))
                out.append(("expires", e))
                expires = e
            }
            out.append(("signature", Signer.signature(out, secretKey: secret)))
        case .password:
            if let sessionKey { out.append(("sessionkey", sessionKey)) }
        case .none:
            break
        }
        return (out, expires)
    }

    /// Names are encoded too: map parameters (`tags[0].key`) carry brackets, which
    /// are not valid in a URL and would make URL parsing re-encode the whole query.
    /// The server decodes names before checking the signature, which uses them raw.
    static func encodeForm(_ params: [(String, String)]) -> String {
        params.map { "\(Signer.encode($0.0))=\(Signer.encode($0.1))" }.joined(separator: "&")
    }

    static func build(
        endpoint: String, params: [(String, String)], expires: String?,
        forcePost: Bool, display: String
    ) -> WireRequest {
        let form = encodeForm(params)
        let post =
            forcePost || form.utf8.count > maxQueryBytes
            || params.first?.1.lowercased() == "login"
        let redacted = Redaction.query(params)
        if post {
            return WireRequest(
                method: .post, url: endpoint, body: Array(form.utf8),
                traceLine: "POST \(display) [form] \(redacted)", expires: expires)
        }
        return WireRequest(
            method: .get, url: endpoint + "?" + form, body: nil,
            traceLine: "GET \(display)?\(redacted)", expires: expires)
    }
}

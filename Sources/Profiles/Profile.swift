import Contracts

/// One CloudStack account to talk to: where, and with which credentials.
public struct Profile: Sendable, Equatable {
    public var name: String
    /// The API endpoint, e.g. `https://cloud.example.com/client/api`.
    public var url: String
    public var apiKey: String?
    public var secretKey: String?
    public var username: String?
    public var password: String?
    /// Domain path for password login (`/`, `/sub`); ROOT when nil.
    public var domain: String?
    public var verifyTLS: Bool
    /// Seconds to wait for one request (and for an async job); nil: the client's default.
    public var timeout: Int?
    /// Default output format; nil: by terminal.
    public var output: OutputFormat?
    /// Seconds a signed request stays valid (`expires`).
    public var signatureLifetime: Int
    /// Send every request as POST.
    public var post: Bool
    /// Proxy URL (`http://host:port`, `socks5://host:port`); `none` goes direct even when the
    /// environment names a proxy; nil: the environment decides (https_proxy, http_proxy, no_proxy).
    public var proxy: String?

    public init(
        name: String, url: String, apiKey: String? = nil, secretKey: String? = nil,
        username: String? = nil, password: String? = nil, domain: String? = nil,
        verifyTLS: Bool = true, timeout: Int? = nil, output: OutputFormat? = nil,
        signatureLifetime: Int = 600, post: Bool = false, proxy: String? = nil
    ) {
        self.name = name
        self.url = url
        self.apiKey = apiKey
        self.secretKey = secretKey
        self.username = username
        self.password = password
        self.domain = domain
        self.verifyTLS = verifyTLS
        self.timeout = timeout
        self.output = output
        self.signatureLifetime = signatureLifetime
        self.post = post
        self.proxy = proxy
    }

    public enum Auth: Sendable, Equatable {
        /// API key and secret key: every request signed.
        case keys
        /// Username and password: a login session.
        case password
        /// Neither: the unauthenticated integration port.
        case none
    }

    /// Keys win over a password when both are set (never fall back to the password).
    public var auth: Auth {
        if nonEmpty(apiKey) != nil, nonEmpty(secretKey) != nil { return .keys }
        if nonEmpty(username) != nil, nonEmpty(password) != nil { return .password }
        return .none
    }

    /// `key = value` lines for `profile show`, secrets (SecretPolicy) as its marker.
    public var redactedLines: [String] {
        var lines = ["name = \(name)", "url = \(url)"]
        func add(_ key: String, _ value: String?) {
            if let value { lines.append("\(key) = \(SecretPolicy.shown(key, value))") }
        }
        add("api_key", apiKey)
        add("secret_key", secretKey)
        add("username", username)
        add("password", password)
        if let domain { lines.append("domain = \(domain)") }
        lines.append("verify_tls = \(verifyTLS)")
        if let timeout { lines.append("timeout = \(timeout)") }
        if let output { lines.append("output = \(output.rawValue)") }
        lines.append("signature_lifetime = \(signatureLifetime)")
        if post { lines.append("post = true") }
        if let proxy { lines.append("proxy = \(Self.proxyShown(proxy))") }
        return lines
    }

    /// A proxy URL without its password (`http://user:<redacted>@host:3128`).
    static func proxyShown(_ url: String) -> String {
        guard let at = url.lastIndex(of: "@") else { return url }
        let start = url.firstRange(of: "://")?.upperBound ?? url.startIndex
        let auth = url[start..<at]
        guard let colon = auth.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":" + SecretPolicy.marker + String(url[at...])
    }

    /// A profile name doubles as a folder name and a TOML key: keep it plain.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first) else {
            return false
        }
        return name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0))
        }
    }

    /// `base` with the CI overrides applied: CLOUDSTACK_ENDPOINT (url),
    /// CLOUDSTACK_KEY and CLOUDSTACK_SECRET (API keys). Without a base profile,
    /// an endpoint alone makes a profile named `env`. Nil when there is nothing.
    /// An endpoint that moves `base` to another URL takes its keys from the
    /// environment too; without them it is an error (`redirected`).
    public static func fromEnvironment(_ env: [String: String], base: Profile? = nil) throws -> Profile? {
        let endpoint = nonEmpty(env["CLOUDSTACK_ENDPOINT"])
        let key = nonEmpty(env["CLOUDSTACK_KEY"])
        let secret = nonEmpty(env["CLOUDSTACK_SECRET"])
        guard var p = base ?? endpoint.map({ Profile(name: "env", url: $0) }) else { return nil }
        if let endpoint, base != nil, endpoint != p.url {
            let keys = key.flatMap { k in secret.map { (k, $0) } }
            return try p.redirected(
                to: endpoint, by: "CLOUDSTACK_ENDPOINT", keys: keys,
                hint: "set CLOUDSTACK_KEY and CLOUDSTACK_SECRET for that server too")
        }
        if let endpoint { p.url = endpoint }
        if let key { p.apiKey = key }
        if let secret { p.secretKey = secret }
        return p
    }

    /// This profile pointed at another `url` by an override (`what`): credentials
    /// follow their profile, so its stored keys or password stay behind and only
    /// `keys` given with the override go along. Without them, an error saying so.
    public func redirected(
        to url: String, by what: String, keys: (key: String, secret: String)?,
        hint: String
    ) throws -> Profile {
        guard let keys else {
            throw ProfileError(
                "\(what) points profile '\(name)' at \(url), but its credentials are for \(self.url) "
                    + "and are not sent elsewhere: \(hint), or choose another profile")
        }
        return Profile(
            name: name, url: url, apiKey: keys.key, secretKey: keys.secret, verifyTLS: verifyTLS,
            timeout: timeout, output: output, signatureLifetime: signatureLifetime, post: post)
    }
}

func nonEmpty(_ s: String?) -> String? {
    guard let s, !s.isEmpty else { return nil }
    return s
}

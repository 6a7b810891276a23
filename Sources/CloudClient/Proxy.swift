/// An HTTP or SOCKS5 proxy between the client and the server, from a profile's `proxy`
/// setting or the environment (`https_proxy`, `http_proxy`, `no_proxy`, as curl reads them).
public struct Proxy: Sendable, Equatable {
    public enum Kind: String, Sendable { case http, socks5 }
    public var kind: Kind
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// `http://[user:pass@]host[:port]` (port 1080 when left out, as curl) or `socks5://host[:port]`.
    /// A bare `host:port` is an HTTP proxy, as curl takes it.
    public init(parsing text: String) throws(Invalid) {
        var rest = Substring(text.trimmedBlanks)
        var scheme = "http"
        if let r = rest.firstRange(of: "://") {
            scheme = rest[..<r.lowerBound].lowercased()
            rest = rest[r.upperBound...]
        }
        switch scheme {
        case "http": kind = .http
        case "socks5", "socks5h": kind = .socks5
        case "https":
            throw Invalid(
                description:
                    "proxy \(Self.shown(text)): a TLS connection to the proxy (https://) is not supported; use http://")
        default:
            throw Invalid(
                description: "proxy \(Self.shown(text)): unknown scheme '\(scheme)' (use http:// or socks5://)")
        }
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        if let at = rest.lastIndex(of: "@") {
            let auth = rest[..<at]
            rest = rest[rest.index(after: at)...]
            let parts = auth.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            username = Self.percentDecoded(parts[0])
            password = parts.count > 1 ? Self.percentDecoded(parts[1]) : nil
        }
        var hostPart = rest, portText: Substring?
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {  // [::1]:3128
            hostPart = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() }
        } else if let colon = rest.lastIndex(of: ":") {
            hostPart = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        }
        guard !hostPart.isEmpty else { throw Invalid(description: "proxy \(Self.shown(text)): no host") }
        host = String(hostPart)
        if let portText {
            guard let p = Int(portText), (1...65535).contains(p) else {
                throw Invalid(description: "proxy \(Self.shown(text)): port '\(portText)' is not 1-65535")
            }
            port = p
        } else {
            port = 1080
        }
    }

    /// The proxy as messages show it: never its password.
    public var display: String {
        "\(kind.rawValue)://\(username.map { "\($0)@" } ?? "")\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }

    /// The proxy for `endpoint`: the profile's setting when it has one (`none` or empty turns
    /// proxying off), else the environment's, unless `no_proxy` lists the host.
    public static func forEndpoint(
        _ endpoint: String, configured: String?,
        environment env: [String: String]
    ) throws(Invalid) -> Proxy? {
        if let configured {
            let c = configured.trimmedBlanks
            return c.isEmpty || c.lowercased() == "none" ? nil : try Proxy(parsing: c)
        }
        let target = URLParts(endpoint)
        let names =
            target.scheme == "https"
            ? ["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]
            : ["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"]
        guard let text = names.lazy.compactMap({ env[$0] }).first(where: { !$0.isEmpty }) else { return nil }
        if let noProxy = env["no_proxy"] ?? env["NO_PROXY"], bypasses(target.host, noProxy) { return nil }
        return try Proxy(parsing: text)
    }

    /// curl's `no_proxy`: `*` for every host; otherwise names (a domain also covers its
    /// subdomains, a leading dot optional), IP addresses and IPv4 CIDR ranges, comma-separated.
    static func bypasses(_ host: String, _ list: String) -> Bool {
        let h = host.lowercased()
        for raw in list.split(separator: ",") {
            var entry = String(raw).trimmedBlanks.lowercased()
            if entry == "*" { return true }
            if entry.hasPrefix("[") && entry.hasSuffix("]") { entry = String(entry.dropFirst().dropLast()) }
            if entry.hasPrefix(".") { entry.removeFirst() }
            if entry.isEmpty { continue }
            if let slash = entry.firstIndex(of: "/") {
                if let bits = Int(entry[entry.index(after: slash)...]), let net = ipv4(entry[..<slash]),
                    let ip = ipv4(Substring(h)),
                    (0...32).contains(bits)
                {
                    let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << (32 - bits)
                    if net & mask == ip & mask { return true }
                }
                continue
            }
            if h == entry || h.hasSuffix("." + entry) { return true }
        }
        return false
    }

    static func ipv4(_ s: Substring) -> UInt32? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var v: UInt32 = 0
        for p in parts {
            guard let b = UInt8(p) else { return nil }
            v = v << 8 | UInt32(b)
        }
        return v
    }

    private static func percentDecoded(_ s: Substring) -> String {
        var bytes: [UInt8] = []
        var i = s.utf8.startIndex
        let u = s.utf8
        while i < u.endIndex {
            let c = u[i]
            if c == UInt8(ascii: "%"), let h1 = u.index(i, offsetBy: 1, limitedBy: u.endIndex), h1 < u.endIndex,
                let h2 = u.index(i, offsetBy: 2, limitedBy: u.endIndex), h2 < u.endIndex,
                let v = UInt8(String(decoding: [u[h1], u[h2]], as: UTF8.self), radix: 16)
            {
                bytes.append(v)
                i = u.index(i, offsetBy: 3)
            } else {
                bytes.append(c)
                i = u.index(after: i)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A proxy URL for a message, without its password.
    private static func shown(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@") else { return "'\(text)'" }
        let start = text.firstRange(of: "://")?.upperBound ?? text.startIndex
        return "'\(text[..<start])****\(text[at...])'"
    }
}

/// The scheme and host of an endpoint URL (enough to choose a proxy).
struct URLParts {
    var scheme: String
    var host: String

    init(_ url: String) {
        var rest = Substring(url)
        scheme = "http"
        if let r = rest.firstRange(of: "://") {
            scheme = rest[..<r.lowerBound].lowercased()
            rest = rest[r.upperBound...]
        }
        if let end = rest.firstIndex(where: { "/?#".contains($0) }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            host = String(rest[rest.index(after: rest.startIndex)..<close])
        } else if let colon = rest.lastIndex(of: ":") {
            host = String(rest[..<colon])
        } else {
            host = String(rest)
        }
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (environment values are often padded).
    fileprivate var trimmedBlanks: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}

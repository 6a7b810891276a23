#if canImport(Glibc)
    import Glibc
#endif

/// What counts as loopback. The simulator's keys are published and it has no TLS, so it must
/// be reachable from this machine only, including through a browser (DNS rebinding).
enum Loopback {
    /// An IP literal in 127.0.0.0/8, or ::1 (bracketed or not). Names are never looked up here:
    /// `127.lan.example` is a DNS name, not an address.
    static func isLiteral(_ host: String) -> Bool {
        var h = Substring(host)
        if h.hasPrefix("["), h.hasSuffix("]") { h = h.dropFirst().dropLast() }
        var v4 = in_addr()
        if inet_pton(AF_INET, String(h), &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, String(h), &v6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        return bytes[..<15].allSatisfy { $0 == 0 } && bytes[15] == 1
    }

    /// A host to listen on: a loopback literal, or `localhost` when every address it resolves to is one.
    static func isListenable(_ host: String) -> Bool {
        if isLiteral(host) { return true }
        guard host.lowercased() == "localhost" else { return false }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return false }
        defer { freeaddrinfo(list) }
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let n = node {
            var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            guard
                getnameinfo(
                    n.pointee.ai_addr, n.pointee.ai_addrlen, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST) == 0,
                isLiteral(String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            else { return false }
            node = n.pointee.ai_next
        }
        return true
    }

    /// A Host header (`127.0.0.1:8080`, `[::1]:8080`, `localhost:8080`) naming this machine.
    /// A browser tricked by DNS rebinding sends the attacker's name here.
    static func isLocalAuthority(_ authority: String) -> Bool {
        var host = Substring(authority)
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            host = host[host.index(after: host.startIndex)..<close]
        } else if let colon = host.lastIndex(of: ":"), host.firstIndex(of: ":") == colon {
            host = host[..<colon]
        }
        return host.lowercased() == "localhost" || isLiteral(String(host))
    }

    /// An Origin header from a page served by this machine (`http://127.0.0.1:5173`); anything else,
    /// `null` included, is another site.
    static func isLocalOrigin(_ origin: String) -> Bool {
        guard let scheme = origin.firstRange(of: "://") else { return false }
        let rest = origin[scheme.upperBound...]
        return isLocalAuthority(String(rest.prefix { $0 != "/" }))
    }
}

import Values

/// Dotted IPv4 arithmetic for ranges and CIDRs.
enum IPv4 {
    static func parse(_ s: String) -> UInt32? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var v: UInt32 = 0
        for p in parts {
            guard let b = UInt32(p), b < 256 else { return nil }
            v = v << 8 | b
        }
        return v
    }

    static func text(_ v: UInt32) -> String { "\(v >> 24).\(v >> 16 & 255).\(v >> 8 & 255).\(v & 255)" }

    /// Prefix length of a netmask (255.255.255.0 -> 24), nil when not contiguous.
    static func prefix(_ netmask: String) -> Int? {
        guard let m = parse(netmask) else { return nil }
        let n = m.nonzeroBitCount
        return ~m == UInt32.max >> UInt32(n) ? n : nil
    }

    /// The netmask of a CIDR ("10.2.0.0/16" -> 255.255.0.0).
    static func netmask(_ cidr: String) -> String? {
        guard let p = cidr.split(separator: "/").last.flatMap({ Int($0) }), (0...32).contains(p) else { return nil }
        return text(p == 0 ? 0 : UInt32.max << UInt32(32 - p))
    }

    static func cidr(_ ip: String, _ netmask: String) -> String? {
        guard let a = parse(ip), let m = parse(netmask), let p = prefix(netmask) else { return nil }
        return "\(text(a & m))/\(p)"
    }

    /// First and last host address of a CIDR ("10.1.0.0/24" -> 10.1.0.1 ... 10.1.0.254).
    static func hosts(_ cidr: String) -> ClosedRange<UInt32>? {
        guard let span = Span(cidr: cidr), let p = cidr.split(separator: "/").last.flatMap({ Int($0) }),
            (8...30).contains(p)
        else { return nil }
        return (span.first + 1)...(span.last - 1)
    }

    /// IPv4 addresses and CIDRs as numbers, for the checks the server makes (a tier inside its
    /// VPC, ranges not overlapping, an address inside a network).
    struct Span: Equatable {
        var first: UInt32
        var last: UInt32

        /// `10.1.0.0/16`; nil when malformed.
        init?(cidr: String) {
            let parts = cidr.split(separator: "/")
            guard parts.count == 2, let base = IPv4.parse(String(parts[0])), let bits = Int(parts[1]),
                (0...32).contains(bits)
            else {
                return nil
            }
            let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << (32 - bits)
            first = base & mask
            last = first | ~mask
        }

        /// gateway + netmask, as createNetwork takes them.
        init?(gateway: String, netmask: String) {
            guard let g = IPv4.parse(gateway), let m = IPv4.parse(netmask) else { return nil }
            first = g & m
            last = first | ~m
        }

        init(first: UInt32, last: UInt32) {
            self.first = first
            self.last = last
        }

        var cidr: String {
            let size = UInt64(last) - UInt64(first) + 1
            return "\(IPv4.text(first))/\(32 - size.trailingZeroBitCount)"
        }

        func contains(_ other: Span) -> Bool { other.first >= first && other.last <= last }
        func overlaps(_ other: Span) -> Bool { first <= other.last && other.first <= last }
        func contains(address a: UInt32) -> Bool { a >= first && a <= last }
    }
}

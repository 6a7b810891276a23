/// IPv6 addresses and prefixes as 128-bit numbers (high and low halves), enough to check a prefix
/// and whether two prefixes overlap.
enum IPv6 {
    /// `2001:db8::1` to its value; nil when it is not an IPv6 address (no zone index, no IPv4 tail).
    static func parse(_ s: String) -> (UInt64, UInt64)? {
        let halves = s.split(separator: "::", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard halves.count <= 2, !s.isEmpty else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var out: [UInt16] = []
            for g in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(g.count), let v = UInt16(g, radix: 16) else { return nil }
                out.append(v)
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count <= 7 else { return nil }
            all += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        let hi = all[0..<4].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        let lo = all[4..<8].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        return (hi, lo)
    }

    /// A prefix `2001:db8:100::/56`: its first address (host bits cleared) and length; nil when malformed.
    static func prefix(_ s: String) -> (hi: UInt64, lo: UInt64, length: Int)? {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let length = Int(parts[1]), (0...128).contains(length),
            let (hi, lo) = parse(String(parts[0]))
        else { return nil }
        let hiMask: UInt64 = length >= 64 ? .max : length == 0 ? 0 : ~(UInt64.max >> length)
        let loMask: UInt64 = length <= 64 ? 0 : length == 128 ? .max : ~(UInt64.max >> (length - 64))
        return (hi & hiMask, lo & loMask, length)
    }

    /// Two prefixes overlap when the shorter one contains the other's first address.
    static func overlaps(_ a: String, _ b: String) -> Bool {
        guard let x = prefix(a), let y = prefix(b) else { return false }
        let (short, long) = x.length <= y.length ? (x, y) : (y, x)
        guard let inShort = prefix("\(text(long.hi, long.lo))/\(short.length)") else { return false }
        return inShort.hi == short.hi && inShort.lo == short.lo
    }

    /// The full, uncompressed text of a value (what `prefix` reads back).
    static func text(_ hi: UInt64, _ lo: UInt64) -> String {
        let groups = (0..<8).map { i -> String in
            let half = i < 4 ? hi : lo
            return String(half >> UInt64((3 - i % 4) * 16) & 0xffff, radix: 16)
        }
        return groups.joined(separator: ":")
    }
}

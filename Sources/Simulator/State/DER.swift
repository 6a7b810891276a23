import FoundationEssentials

/// Just enough DER to build X.509 certificates (the root CA's and those it issues) and to read the
/// subject and public key out of a PKCS#10 request.
enum DER {
    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] { [tag] + length(content.count) + content }

    static func length(_ n: Int) -> [UInt8] {
        guard n >= 128 else { return [UInt8(n)] }
        var bytes: [UInt8] = []
        var x = n
        while x > 0 {
            bytes.insert(UInt8(x & 0xff), at: 0)
            x >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }

    static func sequence(_ items: [[UInt8]]) -> [UInt8] { tlv(0x30, items.flatMap { $0 }) }
    static func set(_ items: [[UInt8]]) -> [UInt8] { tlv(0x31, items.flatMap { $0 }) }
    static func explicit(_ n: UInt8, _ content: [UInt8]) -> [UInt8] { tlv(0xa0 | n, content) }
    static func utf8(_ s: String) -> [UInt8] { tlv(0x0c, Array(s.utf8)) }
    static func octets(_ b: [UInt8]) -> [UInt8] { tlv(0x04, b) }
    static func bits(_ b: [UInt8]) -> [UInt8] { tlv(0x03, [0] + b) }
    static let null: [UInt8] = [0x05, 0x00]
    static let `true`: [UInt8] = [0x01, 0x01, 0xff]

    /// A non-negative INTEGER from big-endian bytes (a leading zero keeps it positive).
    static func integer(_ bytes: [UInt8]) -> [UInt8] {
        var b = Array(bytes.drop { $0 == 0 })
        if b.isEmpty || b[0] & 0x80 != 0 { b.insert(0, at: 0) }
        return tlv(0x02, b)
    }

    static func oid(_ parts: [UInt]) -> [UInt8] {
        var out: [UInt8] = [UInt8(parts[0] * 40 + parts[1])]
        for p in parts.dropFirst(2) {
            var chunk: [UInt8] = [UInt8(p & 0x7f)]
            var x = p >> 7
            while x > 0 {
                chunk.insert(UInt8(x & 0x7f) | 0x80, at: 0)
                x >>= 7
            }
            out += chunk
        }
        return tlv(0x06, out)
    }

    /// UTCTime (years before 2050) or GeneralizedTime, as RFC 5280 wants them.
    static func time(_ date: Date) -> [UInt8] {
        let secs = Int(date.timeIntervalSince1970)
        let days = secs / 86400, rest = secs % 86400
        // Civil date from days since 1970 (Howard Hinnant's algorithm).
        let z = days + 719_468, era = z / 146_097, doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let tail = two(m) + two(d) + two(rest / 3600) + two(rest % 3600 / 60) + two(rest % 60) + "Z"
        return y < 2050 ? tlv(0x17, Array((two(y % 100) + tail).utf8)) : tlv(0x18, Array(("\(y)" + tail).utf8))
    }

    static func pem(_ der: [UInt8], _ label: String) -> String {
        let b64 = Data(der).base64EncodedString()
        var lines: [String] = []
        var i = b64.startIndex
        while i < b64.endIndex {
            let j = b64.index(i, offsetBy: 64, limitedBy: b64.endIndex) ?? b64.endIndex
            lines.append(String(b64[i..<j]))
            i = j
        }
        return "-----BEGIN \(label)-----\n" + lines.joined(separator: "\n") + "\n-----END \(label)-----\n"
    }

    /// The elements of the constructed value at the start of `der` (each with its own tag and length).
    static func children(_ der: ArraySlice<UInt8>) -> [ArraySlice<UInt8>]? {
        guard let (start, end) = bounds(der, at: der.startIndex) else { return nil }
        var out: [ArraySlice<UInt8>] = []
        var i = start
        while i < end {
            guard let (_, e) = bounds(der, at: i) else { return nil }
            out.append(der[i..<e])
            i = e
        }
        return out
    }

    /// Where the content of the element at `i` starts and where the element ends.
    static func bounds(_ der: ArraySlice<UInt8>, at i: Int) -> (Int, Int)? {
        guard i + 1 < der.endIndex else { return nil }
        let first = Int(der[i + 1])
        var start = i + 2, count = first
        if first & 0x80 != 0 {
            let n = first & 0x7f
            guard (1...3).contains(n), start + n <= der.endIndex else { return nil }
            count = der[start..<start + n].reduce(0) { $0 << 8 | Int($1) }
            start += n
        }
        guard start + count <= der.endIndex else { return nil }
        return (start, start + count)
    }
}

import CloudClient
import FoundationEssentials
#if canImport(Glibc)
    import Glibc
#endif

/// The server's clock: the real clock shifted by the configured offset, so tests
/// can make the server see a request's `expires` as past.
struct SimClock: Sendable {
    var offset: Duration

    var now: Date {
        let (s, atto) = offset.components
        return Date().addingTimeInterval(Double(s) + Double(atto) / 1e18)
    }

    /// CloudStack's timestamp format, e.g. `2024-01-02T03:04:05+0000`.
    static func cloudStackTime(_ date: Date) -> String { Signer.expiresString(date) }

    /// Parses `yyyy-MM-ddTHH:mm:ss` followed by `Z`, `+HHMM` or `+HH:MM` (as `expires` arrives).
    static func parseCloudStackTime(_ s: String) -> Date? {
        let b = Array(s.utf8)
        guard b.count >= 19, b[4] == 45, b[7] == 45, b[10] == 84, b[13] == 58, b[16] == 58 else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { guard b[i] >= 48, b[i] <= 57 else { return nil }; v = v * 10 + Int(b[i] - 48) }
            return v
        }
        guard let y = num(0..<4), let mo = num(5..<7), let d = num(8..<10), let h = num(11..<13),
            let mi = num(14..<16), let se = num(17..<19)
        else { return nil }
        var zone = 0
        var i = 19
        if i < b.count, b[i] == 46 { i += 1; while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 } }  // fraction
        if i < b.count {
            if b[i] == 90 {
                i += 1
            } else if b[i] == 43 || b[i] == 45 {
                let sign = b[i] == 43 ? 1 : -1
                let digits = b[(i + 1)...].filter { $0 != 58 }
                guard digits.count == 4, let zh = Int(String(decoding: digits.prefix(2), as: UTF8.self)),
                    let zm = Int(String(decoding: digits.suffix(2), as: UTF8.self))
                else { return nil }
                zone = sign * (zh * 3600 + zm * 60)
                i = b.count
            } else {
                return nil
            }
        }
        guard i == b.count else { return nil }
        var t = tm()
        t.tm_year = Int32(y - 1900); t.tm_mon = Int32(mo - 1); t.tm_mday = Int32(d)
        t.tm_hour = Int32(h); t.tm_min = Int32(mi); t.tm_sec = Int32(se)
        let epoch = timegm(&t)
        return Date(timeIntervalSince1970: Double(epoch - zone))
    }

    /// RFC 7231 date for the `Date` header, e.g. `Tue, 02 Jan 2024 03:04:05 GMT`.
    static func httpDate(_ date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970)
        var v = tm()
        gmtime_r(&t, &v)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func p2(_ x: Int32) -> String { x < 10 ? "0\(x)" : "\(x)" }
        return "\(days[Int(v.tm_wday)]), \(p2(v.tm_mday)) \(months[Int(v.tm_mon)]) \(v.tm_year + 1900) "
            + "\(p2(v.tm_hour)):\(p2(v.tm_min)):\(p2(v.tm_sec)) GMT"
    }
}

extension Duration {
    /// The duration in seconds, for date arithmetic.
    var seconds: Double {
        let (s, a) = components
        return Double(s) + Double(a) / 1e18
    }
}

#if canImport(Glibc)
    import Glibc
#endif

/// Dates as CloudStack writes them, read and written with the C library: Foundation's DateFormatter would link
/// all of Foundation and its ICU data (README "Performance").
enum DateText {
    /// Seconds since 1970 of "2024-01-31T10:00:00+0000" (a zone as +hhmm, +hh:mm or Z; milliseconds allowed),
    /// or of "2024-01-31 10:00:00" and "2024-01-31" in the local time zone; nil for anything else.
    static func seconds(from text: String) -> Double? {
        let b = Array(text.utf8)
        func digits(_ at: Int, _ n: Int) -> Int? {
            guard at + n <= b.count else { return nil }
            var v = 0
            for c in b[at..<at + n] {
                guard c >= 0x30, c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            return v
        }
        guard b.count >= 10, let year = digits(0, 4), b[4] == 0x2D, let month = digits(5, 2), b[7] == 0x2D,
            let day = digits(8, 2), (1...12).contains(month), day >= 1
        else { return nil }
        var t = tm()
        t.tm_year = Int32(year - 1900)
        t.tm_mon = Int32(month - 1)
        t.tm_mday = Int32(day)
        t.tm_isdst = -1
        if b.count == 10 { return valid(t, local: true) }
        guard b.count >= 19, b[10] == 0x54 || b[10] == 0x20, b[13] == 0x3A, b[16] == 0x3A,
            let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2),
            hour < 24, minute < 60, second < 60
        else { return nil }
        t.tm_hour = Int32(hour)
        t.tm_min = Int32(minute)
        t.tm_sec = Int32(second)
        if b[10] == 0x20 { return b.count == 19 ? valid(t, local: true) : nil }
        var at = 19, fraction = 0.0
        if at < b.count, b[at] == 0x2E {
            guard let ms = digits(at + 1, 3) else { return nil }
            fraction = Double(ms) / 1000
            at += 4
        }
        guard at < b.count else { return nil }
        var offset = 0
        if b[at] == 0x5A, at + 1 == b.count {
            offset = 0
        } else if b[at] == 0x2B || b[at] == 0x2D, let hh = digits(at + 1, 2) {
            let colon = at + 3 < b.count && b[at + 3] == 0x3A ? 1 : 0
            guard let mm = digits(at + 3 + colon, 2), at + 5 + colon == b.count, hh < 24, mm < 60 else { return nil }
            offset = (hh * 3600 + mm * 60) * (b[at] == 0x2D ? -1 : 1)
        } else {
            return nil
        }
        return valid(t, local: false).map { $0 - Double(offset) + fraction }
    }

    /// "2026-12-01 19:40 UTC"
    static func utcMinute(_ secondsSince1970: Double) -> String {
        var time = time_t(secondsSince1970.rounded(.down))
        var t = tm()
        gmtime_r(&time, &t)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(t.tm_year + 1900)-\(two(t.tm_mon + 1))-\(two(t.tm_mday)) \(two(t.tm_hour)):\(two(t.tm_min)) UTC"
    }

    /// The seconds of `t`, or nil when the C library had to move a field (the 30th of February).
    private static func valid(_ t: tm, local: Bool) -> Double? {
        var copy = t
        let seconds = local ? mktime(&copy) : timegm(&copy)
        guard copy.tm_mday == t.tm_mday, copy.tm_mon == t.tm_mon, copy.tm_year == t.tm_year else { return nil }
        return Double(seconds)
    }
}

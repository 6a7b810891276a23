import FoundationEssentials
import Values
#if canImport(Glibc)
    import Glibc
    import OrderedCollections
#endif

/// Gives an HTTP answer its CloudStack meaning: the unwrapped response object or a typed error.
enum ResponseReader {
    static func read(_ a: HTTPAnswer, command: String, url: String, expires: String?) throws(CloudStackError) -> Value {
        if (300..<400).contains(a.status) {
            let to =
                a.header("location").map { "redirected to \(Transport.clean($0)); put that URL in the profile" } ?? ""
            throw CloudStackError(.http(status: a.status, url: url, snippet: to))
        }
        let json = looksLikeJSON(a.body) ? Result { try JSONParser.parse(a.body) } : nil
        if a.status >= 400 {
            if a.status == 401, let expires, let skew = clockSkew(expires: expires, date: a.header("date")) {
                throw skew
            }
            if case .success(let v)? = json,
                let e = apiError(unwrap(v, command: command), command: command, status: a.status)
            {
                throw e
            }
            throw CloudStackError(.http(status: a.status, url: url, snippet: Redaction.snippet(a.body)))
        }
        guard let json else {
            let detail = a.body.isEmpty ? "empty body" : "starts with \"\(Redaction.snippet(a.body, limit: 40))\""
            throw CloudStackError(.malformed(url: url, detail: "HTTP \(a.status), \(detail)", truncated: false))
        }
        switch json {
        case .failure(let e as JSONError):
            let detail = e.truncated ? "JSON ends at byte \(e.offset) of \(a.body.count)" : e.description
            throw CloudStackError(.malformed(url: url, detail: detail, truncated: e.truncated))
        case .failure(let e):
            throw CloudStackError(.malformed(url: url, detail: String(describing: e), truncated: false))
        case .success(let v):
            let inner = unwrap(v, command: command)
            if let e = apiError(inner, command: command, status: a.status) { throw e }
            return inner
        }
    }

    /// `{"<command>response": X}` gives X; any other single top-level key too.
    static func unwrap(_ v: Value, command: String) -> Value {
        guard case .record(let top) = v else { return v }
        if let inner = top[command.lowercased() + "response"] { return inner }
        if top.count == 1, let only = top.values.first { return only }
        return v
    }

    /// An error object: errorcode and errortext (cserrorcode when present).
    static func apiError(_ inner: Value, command: String, status: Int) -> CloudStackError? {
        guard let text = inner[field: "errortext"]?.plainText,
            let code = inner[field: "errorcode"].flatMap(intOf) ?? (status >= 400 ? status : nil)
        else { return nil }
        return CloudStackError(
            .api(
                command: command, errorcode: code,
                cserrorcode: inner[field: "cserrorcode"].flatMap(intOf), errortext: text))
    }

    static func intOf(_ v: Value) -> Int? {
        switch v {
        case .number(let n): n.int
        case .string(let s): Int(s)
        default: nil
        }
    }

    private static func looksLikeJSON(_ body: [UInt8]) -> Bool {
        guard let first = body.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
            return false
        }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    /// The server refuses a signed request once its clock passes `expires`, with the
    /// same 401 as a bad key: when its Date header shows that, say so.
    static func clockSkew(expires: String, date: String?) -> CloudStackError? {
        guard let date, let server = parseHTTPDate(date), let exp = parseExpires(expires), server > exp else {
            return nil
        }
        let skew = server - (Bounded.int(Date().timeIntervalSince1970) ?? 0)
        return CloudStackError(.clockSkew(expires: expires, serverDate: date, skewSeconds: skew))
    }

    /// IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`.
    static func parseHTTPDate(_ s: String) -> Int? {
        let parts = s.split(separator: " ")
        guard parts.count == 6, let day = Int(parts[1]), let year = Int(parts[3]) else { return nil }
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        guard let month = months.firstIndex(of: parts[2].lowercased()) else { return nil }
        let hms = parts[4].split(separator: ":").compactMap { Int($0) }
        guard hms.count == 3 else { return nil }
        return epoch(year, month + 1, day, hms[0], hms[1], hms[2])
    }

    /// `yyyy-MM-ddTHH:mm:ss+0000` as `Signer.expiresString` writes it.
    static func parseExpires(_ s: String) -> Int? {
        let digits = s.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard digits.count >= 6 else { return nil }
        return epoch(digits[0], digits[1], digits[2], digits[3], digits[4], digits[5])
    }

    /// Nil unless every field is in its calendar range: the fields come from a
    /// server's header, and timegm's `int` fields must never see an unchecked number.
    private static func epoch(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int) -> Int? {
        guard (1970...9999).contains(y), (1...12).contains(mo), (1...31).contains(d),
            (0...23).contains(h), (0...59).contains(mi), (0...60).contains(s)
        else { return nil }
        var t = tm()
        t.tm_year = Int32(y - 1900); t.tm_mon = Int32(mo - 1); t.tm_mday = Int32(d)
        t.tm_hour = Int32(h); t.tm_min = Int32(mi); t.tm_sec = Int32(s)
        return Int(timegm(&t))
    }
}

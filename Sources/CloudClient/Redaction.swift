import Contracts
import Values
import OrderedCollections

/// Keeps secrets out of traces: parameter values and response fields whose
/// names SecretPolicy calls secret.
enum Redaction {
    static var marker: String { SecretPolicy.marker }

    static func isSecret(_ name: String) -> Bool { SecretPolicy.isSecret(name) }

    /// `a=1&apiKey=<redacted>&...` for the trace line (values encoded as on the wire).
    static func query(_ params: [(String, String)]) -> String {
        params.map { "\($0.0)=\(isSecret($0.0) ? marker : Signer.encode($0.1))" }.joined(separator: "&")
    }

    /// The response with secret fields (at any depth) replaced.
    static func value(_ v: Value) -> Value {
        switch v {
        case .record(let r):
            var out = r
            for (k, field) in r {
                out[k] = isSecret(k) && !field.isNull ? .string(marker) : value(field)
            }
            return .record(out)
        case .list(let l):
            return .list(l.map(value))
        default:
            return v
        }
    }

    /// A short, printable, secret-free view of a body that is not JSON (an HTML page).
    static func snippet(_ bytes: [UInt8], limit: Int = 120) -> String {
        var body = Array(bytes.prefix(4096))
        // Titles say most in proxy pages: prefer the <title> text when there is one.
        let lower = body.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        if let t = find(Array("<title>".utf8), in: lower, from: 0),
            let e = find(Array("</title>".utf8), in: lower, from: t + 7)
        {
            body = Array(body[(t + 7)..<e])
        }
        let text = String(decoding: body, as: UTF8.self)
        let flat = String(
            String.UnicodeScalarView(
                text.unicodeScalars.map {
                    $0.value < 0x20 || $0.value == 0x7F ? " " : $0
                }))
        var s = flat.split(separator: " ").joined(separator: " ")
        if s.count > limit { s = String(s.prefix(limit)) + "…" }
        return s
    }

    private static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard needle.count <= hay.count else { return nil }
        var i = from
        while i + needle.count <= hay.count {
            if hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}

import Crypto
import FoundationEssentials
import Values
#if canImport(Glibc)
    import Glibc
#endif

/// CloudStack's request signature, computed exactly as the management server
/// checks it (see ../shared/PROTOCOL.md): the simulator verifies with the same code.
public enum Signer {
    /// Java's URLEncoder.encode(value, UTF-8): only A-Z a-z 0-9 . - * _ stay,
    /// space becomes +, everything else %XX of its UTF-8 bytes (uppercase hex).
    public static func javaURLEncode(_ s: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"),
                UInt8(ascii: "*"), UInt8(ascii: "_"):
                out.append(b)
            case UInt8(ascii: " "):
                out.append(UInt8(ascii: "+"))
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hexDigit(b >> 4))
                out.append(hexDigit(b & 0x0F))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The encoding used in signed strings and on the wire: URLEncoder with + as %20.
    public static func encode(_ s: String) -> String {
        javaURLEncode(s).replacing("+", with: "%20")
    }

    /// The string that is hashed: params sorted by name (case-sensitively),
    /// `name=encoded(value)` joined by &, lowercased.
    public static func canonicalString(_ params: [(String, String)]) -> String {
        params.filter { $0.0 != "signature" }
            .sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            .map { "\($0.0)=\(encode($0.1))" }
            .joined(separator: "&")
            .lowercased()
    }

    /// base64(HMAC-SHA1(secret, canonicalString(params))).
    public static func signature(_ params: [(String, String)], secretKey: String) -> String {
        let mac = HMAC<Insecure.SHA1>.authenticationCode(
            for: Array(canonicalString(params).utf8), using: SymmetricKey(data: Array(secretKey.utf8)))
        return Data(mac).base64EncodedString()
    }

    /// `expires` as CloudStack parses it: yyyy-MM-dd'T'HH:mm:ssZ in UTC.
    public static func expiresString(_ date: Date) -> String {
        // Clamped to years 1970-9999: a date from outside never traps or prints a five-digit year.
        var t = time_t(Bounded.int(date.timeIntervalSince1970, in: 0...253_402_300_799) ?? 0)
        var tmv = tm()
        gmtime_r(&t, &tmv)
        func pad(_ v: Int32, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(tmv.tm_year + 1900, 4))-\(pad(tmv.tm_mon + 1, 2))-\(pad(tmv.tm_mday, 2))T"
            + "\(pad(tmv.tm_hour, 2)):\(pad(tmv.tm_min, 2)):\(pad(tmv.tm_sec, 2))+0000"
    }

    private static func hexDigit(_ n: UInt8) -> UInt8 {
        n < 10 ? UInt8(ascii: "0") + n : UInt8(ascii: "A") + n - 10
    }
}

#if canImport(Glibc)
    import Glibc
#endif

/// The C library's number formatting, for what `String(format:)` did: that initializer is Foundation's and
/// links all of it and its ICU data (README "Performance").
enum CFormat {
    /// printf's "%.Nf": `fixed(2.345, 2)` is "2.35" (N from 0 to 100).
    static func fixed(_ d: Double, _ precision: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        let n = withVaList([d]) { vsnprintf(&buffer, buffer.count, "%.\(min(max(precision, 0), 100))f", $0) }
        guard n >= 0 else { return "\(d)" }
        if Int(n) >= buffer.count {  // a number past 10^400 does not fit: make room
            buffer = [CChar](repeating: 0, count: Int(n) + 1)
            _ = withVaList([d]) { vsnprintf(&buffer, buffer.count, "%.\(min(max(precision, 0), 100))f", $0) }
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Two hex digits: "0a", or "0A" with `upper`.
    static func hex(_ byte: UInt8, upper: Bool = false) -> String {
        let digits = Array((upper ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
        return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
    }
}

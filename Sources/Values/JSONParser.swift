import OrderedCollections
/// Why a JSON text could not be read; `offset` is the byte where reading stopped.
public struct JSONError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public let offset: Int
    /// True when the text ended in the middle of a value (a cut-off response).
    public let truncated: Bool
    public var description: String {
        truncated
            ? "JSON ends early at byte \(offset) (response truncated?)"
            : "malformed JSON at byte \(offset): \(message)"
    }
}

/// A JSON reader that keeps numbers as text and object keys in order.
/// Hand-written because Foundation's JSONSerialization turns numbers into
/// doubles (`1e+06`) and loses key order, both of which users would see.
public struct JSONParser {
    public static func parse(_ text: String) throws -> Value {
        var copy = text
        return try copy.withUTF8 { buf in try parse(UnsafeRawBufferPointer(buf)) }
    }

    public static func parse(_ bytes: [UInt8]) throws -> Value {
        try bytes.withUnsafeBytes { buf in try parse(buf) }
    }

    public static func parse(_ buf: UnsafeRawBufferPointer) throws -> Value {
        var p = JSONParser(buf: buf)
        p.skipSpace()
        let v = try p.value(depth: 0)
        p.skipSpace()
        if p.pos < buf.count { throw p.error("unexpected text after the value") }
        return v
    }

    private let buf: UnsafeRawBufferPointer
    private var pos = 0
    private static let maxDepth = 512

    private init(buf: UnsafeRawBufferPointer) { self.buf = buf }

    private func error(_ msg: String) -> JSONError {
        JSONError(message: msg, offset: pos, truncated: pos >= buf.count)
    }

    private mutating func skipSpace() {
        while pos < buf.count {
            switch buf[pos] {
            case 0x20, 0x0A, 0x0D, 0x09: pos += 1
            default: return
            }
        }
    }

    private mutating func value(depth: Int) throws -> Value {
        guard pos < buf.count else { throw error("expected a value") }
        guard depth < Self.maxDepth else { throw error("nested too deeply") }
        switch buf[pos] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw error("unexpected character '\(Character(UnicodeScalar(buf[pos])))'")
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        for i in 0..<n {
            guard pos + i < buf.count else { pos = buf.count; throw error("expected \(word)") }
            guard buf[pos + i] == word.utf8Start[i] else { throw error("expected \(word)") }
        }
        pos += n
    }

    private mutating func object(depth: Int) throws -> Value {
        pos += 1
        var rec = Record()
        skipSpace()
        if pos < buf.count, buf[pos] == UInt8(ascii: "}") { pos += 1; return .record(rec) }
        while true {
            skipSpace()
            guard pos < buf.count else { throw error("expected a key") }
            guard buf[pos] == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
            let key = try string()
            skipSpace()
            guard pos < buf.count else { throw error("expected ':'") }
            guard buf[pos] == UInt8(ascii: ":") else { throw error("expected ':' after key") }
            pos += 1
            skipSpace()
            rec[key] = try value(depth: depth + 1)
            skipSpace()
            guard pos < buf.count else { throw error("expected ',' or '}'") }
            if buf[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if buf[pos] == UInt8(ascii: "}") { pos += 1; return .record(rec) }
            throw error("expected ',' or '}'")
        }
    }

    private mutating func array(depth: Int) throws -> Value {
        pos += 1
        var items: [Value] = []
        skipSpace()
        if pos < buf.count, buf[pos] == UInt8(ascii: "]") { pos += 1; return .list(items) }
        while true {
            skipSpace()
            items.append(try value(depth: depth + 1))
            skipSpace()
            guard pos < buf.count else { throw error("expected ',' or ']'") }
            if buf[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if buf[pos] == UInt8(ascii: "]") { pos += 1; return .list(items) }
            throw error("expected ',' or ']'")
        }
    }

    private mutating func number() throws -> Number {
        let start = pos
        if buf[pos] == UInt8(ascii: "-") { pos += 1 }
        func digits(_ p: inout Int, _ b: UnsafeRawBufferPointer) -> Int {
            let s = p
            while p < b.count, b[p] >= 0x30, b[p] <= 0x39 { p += 1 }
            return p - s
        }
        guard digits(&pos, buf) > 0 else { throw error("expected digits") }
        if pos < buf.count, buf[pos] == UInt8(ascii: ".") {
            pos += 1
            guard digits(&pos, buf) > 0 else { throw error("expected digits after '.'") }
        }
        if pos < buf.count, buf[pos] | 0x20 == UInt8(ascii: "e") {
            pos += 1
            if pos < buf.count, buf[pos] == UInt8(ascii: "+") || buf[pos] == UInt8(ascii: "-") { pos += 1 }
            guard digits(&pos, buf) > 0 else { throw error("expected exponent digits") }
        }
        return Number(text: String(decoding: UnsafeRawBufferPointer(rebasing: buf[start..<pos]), as: UTF8.self))
    }

    private mutating func string() throws -> String {
        pos += 1
        let start = pos
        // Fast path: no escapes.
        while pos < buf.count {
            let c = buf[pos]
            if c == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeRawBufferPointer(rebasing: buf[start..<pos]), as: UTF8.self)
                pos += 1
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw error("control character in string") }
            pos += 1
        }
        guard pos < buf.count else { throw error("unterminated string") }
        var bytes = Array(UnsafeRawBufferPointer(rebasing: buf[start..<pos]))
        while pos < buf.count {
            let c = buf[pos]
            if c == UInt8(ascii: "\"") {
                pos += 1
                return String(decoding: bytes, as: UTF8.self)
            }
            if c < 0x20 { throw error("control character in string") }
            if c != UInt8(ascii: "\\") { bytes.append(c); pos += 1; continue }
            pos += 1
            guard pos < buf.count else { throw error("unterminated escape") }
            let e = buf[pos]
            pos += 1
            switch e {
            case UInt8(ascii: "\""): bytes.append(0x22)
            case UInt8(ascii: "\\"): bytes.append(0x5C)
            case UInt8(ascii: "/"): bytes.append(0x2F)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    // A high surrogate must be followed by \u and a low one.
                    if pos + 1 < buf.count, buf[pos] == UInt8(ascii: "\\"), buf[pos + 1] == UInt8(ascii: "u") {
                        pos += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            scalar = 0xFFFD
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00..<0xE000).contains(scalar) {
                    scalar = 0xFFFD
                }
                bytes.append(contentsOf: Array(String(Character(UnicodeScalar(scalar) ?? "\u{FFFD}")).utf8))
            default:
                pos -= 1
                throw error("bad escape")
            }
        }
        throw error("unterminated string")
    }

    private mutating func hex4() throws -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard pos < buf.count else { throw error("short \\u escape") }
            let c = buf[pos]
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default: throw error("bad hex digit in \\u escape")
            }
            v = v << 4 | UInt32(d)
            pos += 1
        }
        return v
    }
}

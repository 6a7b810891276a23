import OrderedCollections
/// Writes values as JSON: compact for the wire, indented for people.
/// Numbers are written as their text; keys in their order.
public enum JSONWriter {
    public static func compact(_ v: Value) -> String {
        var out = ""
        write(v, pretty: false, level: 0, into: &out)
        return out
    }

    public static func pretty(_ v: Value, indent: Int = 0) -> String {
        var out = ""
        write(v, pretty: true, level: indent, into: &out)
        return out
    }

    public static func write(_ v: Value, pretty: Bool, level: Int, into out: inout String) {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n.text
        case .string(let s): writeString(s, into: &out)
        case .opaque(let o): write(o.displayValue, pretty: pretty, level: level, into: &out)
        case .list(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                if pretty { newline(level + 1, &out) }
                write(item, pretty: pretty, level: level + 1, into: &out)
            }
            if pretty { newline(level, &out) }
            out += "]"
        case .record(let r):
            if r.isEmpty { out += "{}"; return }
            out += "{"
            var first = true
            for (k, item) in r {
                if !first { out += "," }
                first = false
                if pretty { newline(level + 1, &out) }
                writeString(k, into: &out)
                out += pretty ? ": " : ":"
                write(item, pretty: pretty, level: level + 1, into: &out)
            }
            if pretty { newline(level, &out) }
            out += "}"
        }
    }

    private static func newline(_ level: Int, _ out: inout String) {
        out += "\n"
        out += String(repeating: "  ", count: level)
    }

    public static func writeString(_ s: String, into out: inout String) {
        out += "\""
        var plainStart = s.utf8.startIndex
        var i = plainStart
        let u = s.utf8
        while i != u.endIndex {
            let c = u[i]
            if c == 0x22 || c == 0x5C || c < 0x20 {
                out += String(s[plainStart..<i])
                switch c {
                case 0x22: out += "\\\""
                case 0x5C: out += "\\\\"
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0x09: out += "\\t"
                default:
                    let hex = String(c, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
                i = u.index(after: i)
                plainStart = i
            } else {
                i = u.index(after: i)
            }
        }
        out += String(s[plainStart..<u.endIndex])
        out += "\""
    }
}

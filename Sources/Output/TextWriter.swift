import Values
import OrderedCollections

/// `key: value` lines, a blank line between records; nested records and lists
/// indented below their key (list items marked `- `), lists of scalars joined
/// with `, `. A scalar item prints as itself on its own line.
struct TextWriter: FormatWriter {
    let options: OutputOptions
    let sink: (String) -> Void
    private var count = 0

    /// Text is for people, so values never carry controls to their terminal (JSON escapes them, tables replace them).
    init(options: OutputOptions, sink: @escaping (String) -> Void) {
        self.options = options
        self.sink = { sink(ControlCharacters.replaced($0, keepLineBreaks: true)) }
    }

    mutating func begin() {}

    mutating func write(_ item: Value) {
        let v = item.data
        guard case .record(let r) = v else {
            sink(TextWriter.scalarText(v, indent: 0) + "\n")
            count += 1
            return
        }
        var lines: [String] = count > 0 ? [""] : []
        count += 1
        for (key, value) in r { TextWriter.lines(key: key, value: value, indent: 0, into: &lines) }
        sink(lines.joined(separator: "\n") + "\n")
    }

    mutating func finish() {}

    static func lines(key: String, value: Value, indent: Int, into out: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        switch value.data {
        case .record(let r) where !r.isEmpty:
            out.append(pad + key + ":")
            for (k, v) in r { lines(key: k, value: v, indent: indent + 2, into: &out) }
        case .list(let items) where !items.isEmpty && !items.allSatisfy(\.isScalar):
            out.append(pad + key + ":")
            for item in items { listItem(item, indent: indent + 2, into: &out) }
        case .null:
            out.append(pad + key + ":")
        default:
            out.append(pad + key + ": " + scalarText(value.data, indent: indent))
        }
    }

    private static func listItem(_ item: Value, indent: Int, into out: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        guard case .record(let r) = item.data, !r.isEmpty else {
            out.append(pad + "- " + scalarText(item.data, indent: indent + 2))
            return
        }
        var inner: [String] = []
        for (k, v) in r { lines(key: k, value: v, indent: indent + 2, into: &inner) }
        // The first field goes on the dash's line: `- id: 5`.
        inner[0] = pad + "- " + inner[0].dropFirst(indent + 2)
        out += inner
    }

    /// A scalar (or empty or flat collection) on one line; a multi-line string's
    /// continuation lines indented under its key.
    private static func scalarText(_ v: Value, indent: Int) -> String {
        switch v {
        case .null: return ""
        case .record(let r) where r.isEmpty: return "{}"
        case .list(let items) where items.isEmpty: return "[]"
        case .list(let items) where items.allSatisfy(\.isScalar):
            return items.map(\.plainText).joined(separator: ", ")
        case .list, .record: return JSONWriter.compact(v)
        case .string(let s) where s.contains("\n"):
            let pad = String(repeating: " ", count: indent + 2)
            return s.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n" + pad)
        default: return v.plainText
        }
    }
}

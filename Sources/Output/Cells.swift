import Values

/// How one value shows inside a table cell or a CSV field.
enum Cells {
    /// Widest a nested record or list may show in a table before it is cut.
    static let nestedWidth = 40

    /// Table cell: one line; lists of scalars comma-joined, nested values as compact JSON (cut).
    static func table(_ v: Value) -> String {
        switch v.data {
        case .null: return ""
        case .string(let s): return oneLine(s)
        case .list(let items) where items.allSatisfy(\.isScalar):
            return oneLine(items.map(\.plainText).joined(separator: ","))
        case .list, .record: return ellipsize(oneLine(JSONWriter.compact(v.data)), toWidth: nestedWidth)
        default: return v.plainText
        }
    }

    /// CSV field before quoting: nothing cut, nested values as compact JSON.
    static func csv(_ v: Value) -> String {
        switch v.data {
        case .list(let items) where items.allSatisfy(\.isScalar): return items.map(\.plainText).joined(separator: ",")
        case .list, .record: return JSONWriter.compact(v.data)
        default: return v.plainText
        }
    }

    /// Line breaks show as ↵ and other control characters (C0 and C1) as spaces, so a row stays one line.
    static func oneLine(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: ControlCharacters.isControl) else { return s }
        var out = ""
        var lastCR = false
        for u in s.unicodeScalars {
            if u == "\n" && lastCR { lastCR = false; continue }
            lastCR = u == "\r"
            if u == "\n" || u == "\r" {
                out += "↵"
            } else if ControlCharacters.isControl(u) {
                out += " "
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

extension Value {
    /// Not a list or record.
    var isScalar: Bool {
        switch data {
        case .list, .record: false
        default: true
        }
    }
}

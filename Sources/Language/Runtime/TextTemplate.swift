import FoundationEssentials
import Output
import Values

/// `format(TEMPLATE, ...)`: `{}` takes the next value, `{N}` the value N (from 0);
/// after a colon, `<` `>` `^` align in a WIDTH and `.P` gives P decimals to a number
/// (or cuts a text to P characters): `{:>8.2}`. `{{` and `}}` are braces.
/// Widths count columns as a terminal shows them (a CJK character takes two).
enum TextTemplate {
    struct Failure: Error { let message: String }

    static func format(_ template: String, _ values: [Value]) throws(Failure) -> String {
        var out = ""
        var next = 0
        var i = template.startIndex
        while i < template.endIndex {
            let ch = template[i]
            let after = template.index(after: i)
            if ch == "}" {
                guard after < template.endIndex, template[after] == "}" else {
                    throw Failure(
                        message: "a '}' with no '{' at character \(offset(i, template)) (write }} for a brace)")
                }
                out.append("}")
                i = template.index(after: after)
                continue
            }
            guard ch == "{" else { out.append(ch); i = after; continue }
            if after < template.endIndex, template[after] == "{" {
                out.append("{")
                i = template.index(after: after)
                continue
            }
            guard let close = template[after...].firstIndex(of: "}") else {
                throw Failure(
                    message: "the '{' at character \(offset(i, template)) is never closed (write {{ for a brace)")
            }
            let field = String(template[after..<close])
            let (indexText, spec) =
                field.firstIndex(of: ":").map { (String(field[..<$0]), String(field[field.index(after: $0)...])) }
                ?? (field, "")
            let index: Int
            if indexText.isEmpty {
                index = next
                next += 1
            } else {
                guard let n = Int(indexText), n >= 0 else {
                    throw Failure(message: "'{\(field)}' is not a placeholder: write {}, {0} or {:>8}")
                }
                index = n
            }
            guard index < values.count else {
                throw Failure(
                    message:
                        "the template wants value \(index) but \(values.count) value\(values.count == 1 ? " was" : "s were") given"
                )
            }
            out += try apply(spec, to: values[index], field: field)
            i = template.index(after: close)
        }
        return out
    }

    /// `text` padded with `fill` to `width` columns, on the left (`padLeft`) or the right.
    static func pad(_ text: String, width: Int, fill: Character = " ", padLeft: Bool) -> String {
        let missing = max(0, width - displayWidth(text)) / max(1, displayWidth(fill))
        let padding = String(repeating: fill, count: missing)
        return padLeft ? padding + text : text + padding
    }

    private static func apply(_ spec: String, to value: Value, field: String) throws(Failure) -> String {
        var rest = Substring(spec)
        var align: Character?
        if let a = rest.first, "<>^".contains(a) { align = a; rest = rest.dropFirst() }
        let widthText = rest.prefix { $0.isASCII && $0.isNumber }
        rest = rest.dropFirst(widthText.count)
        var precision: Int?
        if rest.first == "." {
            rest = rest.dropFirst()
            let p = rest.prefix { $0.isASCII && $0.isNumber }
            guard !p.isEmpty else { throw Failure(message: "'{\(field)}' needs digits after the '.'") }
            precision = Int(p)
            rest = rest.dropFirst(p.count)
        }
        guard rest.isEmpty, widthText.count <= 4, (precision ?? 0) <= 100 else {
            throw Failure(
                message: "'{\(field)}' is not a format: write e.g. {:<12}, {:>8.2} or {:^5} (width up to 9999)")
        }
        // Numbers align right by default, text left; a precision also rounds a number
        // written as text (CSV values stay text).
        let isNumber = value.data.number != nil
        var text = Builtins.display(value)
        if let precision {
            if isNumber || Interpreter.numeric(value) != nil, let d = Double(text) {
                text = CFormat.fixed(d, precision)
            } else if text.count > precision {
                text = String(text.prefix(precision))
            }
        }
        guard let width = Int(widthText) else { return text }
        let missing = max(0, width - displayWidth(text))
        switch align ?? (isNumber ? ">" : "<") {
        case ">": return String(repeating: " ", count: missing) + text
        case "^":
            return String(repeating: " ", count: missing / 2) + text
                + String(repeating: " ", count: missing - missing / 2)
        default: return text + String(repeating: " ", count: missing)
        }
    }

    private static func offset(_ i: String.Index, _ s: String) -> Int { s.distance(from: s.startIndex, to: i) + 1 }
}

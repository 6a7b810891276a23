/// C0 and C1 control characters in text from outside (a server's answer, a request,
/// a value typed by someone else) would act on the terminal or the log that shows
/// them: ESC and CSI sequences move the cursor, rewrite the title, or hide text.
/// Whatever writes such text for people replaces them first.
public enum ControlCharacters {
    /// The replacement: visible, and never a control itself.
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// C0 (0x00-0x1F), DEL and C1 (0x80-0x9F).
    public static func isControl(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || (0x7F...0x9F).contains(u.value)
    }

    /// `text` with every control replaced by U+FFFD; with `keepLineBreaks`, line
    /// feeds and tabs stay (they only move to the next line or column).
    public static func replaced(_ text: String, keepLineBreaks: Bool = false) -> String {
        func bad(_ u: Unicode.Scalar) -> Bool { isControl(u) && !(keepLineBreaks && (u == "\n" || u == "\t")) }
        guard text.unicodeScalars.contains(where: bad) else { return text }
        var out = String.UnicodeScalarView()
        for u in text.unicodeScalars { out.append(bad(u) ? replacement : u) }
        return String(out)
    }
}

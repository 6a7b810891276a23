/// Whether a statement goes on past the end of the text: an open bracket, an
/// open quote, a trailing `|`, `\` or operator. The shell asks the language
/// first; this is what it falls back to, and it errs towards "complete" so a
/// stray character never traps the user at the `...>` prompt (Ctrl-C leaves it too).
public enum Continuation {
    public static func isIncomplete(_ source: String) -> Bool {
        var depth = 0
        var quote: Character? = nil
        var escaped = false
        var inComment = false
        var lastSignificant: Character? = nil
        for ch in source {
            if inComment {
                if ch == "\n" { inComment = false }
                continue
            }
            if let q = quote {
                if escaped { escaped = false }
                else if ch == "\\" && q == "\"" { escaped = true }
                else if ch == q { quote = nil }
                continue
            }
            switch ch {
            case "\"", "'": quote = ch
            case "#": inComment = true; continue
            case "{", "(", "[": depth += 1
            case "}", ")", "]": depth -= 1
            default: break
            }
            if !ch.isWhitespace { lastSignificant = ch }
        }
        if quote != nil || depth > 0 { return true }
        guard let last = lastSignificant else { return false }
        return last == "|" || last == "\\" || last == "&" && source.trimmingSpaces().hasSuffix("&&")
    }
}

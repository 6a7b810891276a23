/// Turns the words a shell passed (quotes already removed) back into acsh
/// source: a word the shell kept whole stays one value, so
/// `acsh list vms name:"web 1"` means what it says.
enum CommandLineText {
    static func join(_ words: [String]) -> String {
        words.map(quote).joined(separator: " ")
    }

    static func quote(_ word: String) -> String {
        guard needsQuotes(word) else { return word }
        // Keep `name=` / `name:` outside the quotes so it still names a parameter.
        if let sep = word.firstIndex(where: { $0 == "=" || $0 == ":" }),
           word[..<sep].allSatisfy({ $0.isLetter || $0.isNumber || "[]._".contains($0) }), sep != word.startIndex {
            let name = word[...sep]
            return name + raw(String(word[word.index(after: sep)...]))
        }
        return raw(word)
    }

    private static func needsQuotes(_ word: String) -> Bool {
        if word.isEmpty { return true }
        return word.contains { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "'" || $0 == "\"" || $0 == "#" }
    }

    /// A raw 'string' when the text has no single quote (raw strings have no
    /// escapes), else a double-quoted one with \" \\ and \$ escaped.
    private static func raw(_ s: String) -> String {
        if !s.contains("'") { return "'" + s + "'" }
        var out = "\""
        for ch in s {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "$": out += "\\$"
            default: out.append(ch)
            }
        }
        return out + "\""
    }
}

/// Decides whether a statement may be written to the history file or a saved
/// script (`history save`). Pure, so the rules are tested directly: a line that
/// carries a secret never reaches disk.
public enum HistoryFilter {
    /// Words that name a secret when followed by `=` or `:` (parameter or
    /// friendly form), or used as a `--flag`.
    static let secretWords = ["secretkey", "secret_key", "secret-key", "secret",
                              "password", "passwd", "apikey", "api_key", "api-key",
                              "sessionkey", "session_key", "signature", "token",
                              "userdata", "privatekey"]

    public static func allows(_ statement: String) -> Bool {
        let text = statement.lowercased()
        if text.allSatisfy(\.isWhitespace) { return false }
        for line in text.split(whereSeparator: \.isNewline) {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard !words.isEmpty else { continue }
            if carriesSecretCommand(words) { return false }
        }
        return !containsSecretAssignment(text)
    }

    /// `profile add ...` (keys may be positional), `set secret...`, `login` with arguments.
    private static func carriesSecretCommand(_ words: [String]) -> Bool {
        // Skip an assignment target (`r = login ...`).
        var w = words[...]
        if w.count >= 2, w[w.startIndex + 1] == "=" { w = w.dropFirst(2) }
        guard let first = w.first else { return false }
        let rest = Array(w.dropFirst())
        switch first {
        case "profile", "profiles":
            return rest.first.map { ["add", "set", "new", "create", "edit", "import"].contains($0) } ?? false
        case "set":
            return rest.first.map { word in secretWords.contains { word.contains($0) } || word.contains("key") } ?? false
        case "login":
            return !rest.isEmpty
        default:
            return false
        }
    }

    /// `secretkey=`, `password:`, `apikey = "..."`, `--secret-key x` anywhere in the text.
    /// A comparison (`password == "x"`) counts too: a literal compared with a
    /// password is as secret as one assigned.
    private static func containsSecretAssignment(_ text: String) -> Bool {
        let chars = Array(text)
        for word in secretWords.map(Array.init) {
            var start = 0
            while start + word.count <= chars.count {
                defer { start += 1 }
                guard chars[start..<(start + word.count)].elementsEqual(word) else { continue }
                if start >= 2, chars[start - 1] == "-", chars[start - 2] == "-" { return true }
                // The name may go on (`newpassword`, `secretkeys`), then spaces, then `=` or `:`.
                var i = start + word.count
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { i += 1 }
                while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
                if i < chars.count, chars[i] == "=" || chars[i] == ":" { return true }
            }
        }
        return false
    }
}

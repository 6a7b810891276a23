import Contracts

/// Decides whether a statement may be written to the history file or a saved
/// script (`history save`). Pure, so the rules are tested directly: a line that
/// carries a secret (a name SecretPolicy calls secret, given a value) never reaches disk.
public enum HistoryFilter {
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
            return rest.first.map { SecretPolicy.isSecret($0) || $0.contains("key") } ?? false
        case "login":
            return !rest.isEmpty
        default:
            return false
        }
    }

    /// `secretkey=`, `password:`, `apikey = "..."`, `--secret-key x` anywhere in the text:
    /// a secret name given a value. A comparison (`password == "x"`) counts too: a
    /// literal compared with a password is as secret as one assigned.
    private static func containsSecretAssignment(_ text: String) -> Bool {
        let chars = Array(text)
        func isNamePart(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "-" }
        var i = 0
        while i < chars.count {
            // A name starts after anything but a letter, digit or `_` (so `--secret-key` is one).
            let after = i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber || chars[i - 1] == "_")
            guard chars[i].isLetter || chars[i] == "_", after else { i += 1; continue }
            let start = i
            while i < chars.count, isNamePart(chars[i]) { i += 1 }
            let name = String(chars[start..<i])
            guard SecretPolicy.isSecret(name) else { continue }
            if start >= 2, chars[start - 1] == "-", chars[start - 2] == "-" { return true }
            var j = i
            while j < chars.count, chars[j] == " " || chars[j] == "\t" { j += 1 }
            if j < chars.count, chars[j] == "=" || chars[j] == ":" { return true }
        }
        return false
    }
}

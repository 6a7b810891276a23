/// The shape of a line up to the cursor, as completion sees it: the words of
/// the command being typed, the pipeline it belongs to, and the word under the cursor.
struct CompletionLine {
    struct Word: Equatable {
        var text: String
        /// UTF-8 offset of the word's first character in the line.
        var start: Int
    }

    /// Finished words of the current command (after the last `|`, `;`, `{`, ...),
    /// without an assignment target (`vm = deploy ...` gives `deploy ...`).
    var words: [Word]
    /// The word being typed (empty right after a space).
    var current: Word
    /// 0 for the pipeline's head, 1 for the first stage after `|`, ...
    var stageIndex: Int
    /// Words of the pipeline's head command (for field names in later stages).
    var headWords: [String]
    /// The cursor is inside an open quote.
    var inQuote: Bool

    init(_ line: String, cursor: Int) {
        let utf8 = Array(line.utf8)
        let text = String(decoding: utf8.prefix(max(0, min(cursor, utf8.count))), as: UTF8.self)
        var segments: [[Word]] = [[]]
        var word = ""
        var wordStart = 0
        var offset = 0
        var quote: Character? = nil
        var escaped = false
        var depth = 0

        func endWord() {
            if !word.isEmpty { segments[segments.count - 1].append(Word(text: word, start: wordStart)) }
            word = ""
        }
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let ch = chars[i]
            let size = ch.utf8.count
            defer { offset += size; i += 1 }
            if let q = quote {
                word.append(ch)
                if escaped {
                    escaped = false
                } else if ch == "\\" && q == "\"" {
                    escaped = true
                } else if ch == q {
                    quote = nil
                }
                continue
            }
            if word.isEmpty { wordStart = offset }
            switch ch {
            case "\"", "'":
                quote = ch
                word.append(ch)
            case " ", "\t":
                endWord()
            case "|" where i + 1 < chars.count && chars[i + 1] == "|":
                endWord()
                segments[segments.count - 1].append(Word(text: "||", start: offset))
                offset += 1; i += 1
            case "|":
                endWord()
                if depth == 0 {
                    segments.append([])
                } else {
                    segments[segments.count - 1].append(Word(text: "|", start: offset))
                }
            case ";", "\n", "{", "}", "(", ")":
                // A new statement or block starts: what came before is no longer the command.
                endWord()
                if ch == "(" { depth += 1 } else if ch == ")" { depth = max(0, depth - 1) }
                segments = [[]]
            case "[" where word.isEmpty:
                // A list literal: its items are not the command's arguments.
                depth += 1
                segments = [[]]
            case "]" where !word.contains("["):
                // The end of a list literal (`tags[0].key=` keeps its brackets in the word).
                endWord()
                depth = max(0, depth - 1)
            default:
                word.append(ch)
            }
        }
        if word.isEmpty { wordStart = offset }
        current = Word(text: word, start: wordStart)
        inQuote = quote != nil
        segments = segments.map(Self.droppingAssignment)
        words = segments[segments.count - 1]
        stageIndex = segments.count - 1
        headWords = segments[0].map(\.text)
    }

    /// `x = list zones` is completed like `list zones`; a leading keyword that
    /// introduces a command (`for v in list vms`) is not handled: rare at a prompt.
    private static func droppingAssignment(_ words: [Word]) -> [Word] {
        if words.count >= 2, words[1].text == "=", isIdentifier(words[0].text) { return Array(words.dropFirst(2)) }
        return words
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let f = s.first, f.isLetter || f == "_" else { return false }
        return s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}

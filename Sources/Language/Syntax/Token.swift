/// The pieces of a double-quoted string: text, and `$var.field` / `${expr}` code.
public enum StringPart: Sendable, Equatable {
    case text(String)
    /// `${expression}` source with the location of its first character.
    case code(String, SourceLocation)
    /// `$name.field[0]` source: a `.word` after a value without fields stays text ("$file.txt").
    case reference(String, SourceLocation)
}

public enum TokenKind: Sendable, Equatable {
    /// Identifier-like word: letters, digits, `_` (commands, names, keywords).
    case word(String)
    /// `$name`, `$1`.
    case variable(String)
    case number(String)
    /// A double-quoted string, already split into text and interpolations.
    case string([StringPart])
    /// A single-quoted string: no escapes, no interpolation.
    case rawString(String)
    /// Punctuation and operators: `==`, `|`, `{`, `-`, ...
    case op(String)
    case newline
    case eof
    /// A character the language has no use for outside bare words (`@`, `~`, `?`).
    case other(String)
    /// Text the lexer could not read (unterminated string); the parser reports it.
    case error(String)
}

public struct Token: Sendable {
    public var kind: TokenKind
    public var location: SourceLocation
    /// UTF-8 offsets into the source, for gluing bare words back together.
    public var start: Int
    public var end: Int
    /// Whether whitespace (or a line start) came right before: `sort -name`
    /// and `a - b` differ only by this.
    public var spaceBefore: Bool

    public func isOp(_ s: String) -> Bool {
        if case .op(let o) = kind { return o == s }
        return false
    }

    public var word: String? {
        if case .word(let w) = kind { return w }
        return nil
    }
}

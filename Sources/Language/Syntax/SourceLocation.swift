/// Where a token or node came from. Travels with every token into every AST
/// node and every error, so messages can say `file:line:col`.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// A source text with its name, kept so errors can quote the offending line.
public struct SourceFile: Sendable {
    public let name: String
    public let text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// The text of a 1-based line, without its line break.
    public func line(_ n: Int) -> String? {
        guard n >= 1 else { return nil }
        var current = 1
        var start = text.startIndex
        var i = text.startIndex
        while i < text.endIndex {
            if text[i] == "\n" {
                if current == n { return String(text[start..<i]) }
                current += 1
                start = text.index(after: i)
            }
            i = text.index(after: i)
        }
        return current == n ? String(text[start..<text.endIndex]) : nil
    }
}

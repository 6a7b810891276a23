/// How the words after a builtin's or stage's name are parsed.
public enum ArgumentShape: Sendable {
    /// Command words: bare words, name:value, -flags, { blocks }.
    case words
    /// One expression (`where memory >= 1024`).
    case expression
    /// Expressions separated by spaces or commas (`print "a" $b`).
    case expressions
    /// The rest of the statement as a pipeline, handed over unevaluated
    /// (`explain deploy vm ...`); a leading `NAME =` is skipped.
    case pipeline
    case none
}

/// The one declaration of a builtin or stage: drives parsing, `help` and completion.
public struct Signature: Sendable {
    public let name: String
    public let shape: ArgumentShape
    /// How to call it, e.g. `sort [-]FIELD...`.
    public let usage: String
    public let summary: String
    /// Runnable examples shown by `help`.
    public let examples: [String]

    public init(_ name: String, _ shape: ArgumentShape, usage: String, summary: String, examples: [String] = []) {
        self.name = name
        self.shape = shape
        self.usage = usage
        self.summary = summary
        self.examples = examples
    }
}

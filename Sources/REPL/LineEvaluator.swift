import Language

/// What the REPL loop drives: the language session behind a thin adapter.
/// `evaluate` prints the statement's value itself (in the session's output
/// format, unless it was assigned) and reports errors itself.
public protocol LineEvaluator: AnyObject, Sendable {
    /// True while a block, bracket or pipeline is still open (the `...>` prompt).
    func isIncomplete(_ source: String) -> Bool
    /// Runs one statement. The shell cancels the task running it on Ctrl-C;
    /// the evaluator then says which async jobs go on at the server.
    func evaluate(_ source: String) async -> Session.Outcome
    /// The active profile, asked at each prompt (`use prod` changes it);
    /// nil keeps the name the shell was started with.
    var profileName: String? { get }
}

extension LineEvaluator {
    public var profileName: String? { nil }
    /// The language's own answer, from its lexer: an open quote is not "more to come"
    /// (strings end on their line, so the error shows at once).
    public func isIncomplete(_ source: String) -> Bool { Session.isIncomplete(source) }
}

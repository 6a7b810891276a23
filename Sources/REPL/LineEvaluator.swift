/// How one statement ended, as the shell needs to know it.
public enum EvaluationOutcome: Sendable, Equatable {
    case success
    /// The statement failed; the evaluator has already printed its one-line error.
    case failure(exitCode: Int32)
    /// `exit N`: the shell stops with this code.
    case exit(Int32)
}

/// What the REPL loop drives: the language session behind a thin adapter.
/// `evaluate` prints the statement's value itself (in the session's output
/// format, unless it was assigned) and reports errors itself.
public protocol LineEvaluator: AnyObject, Sendable {
    /// True while a block, quote or pipeline is still open; nil when the
    /// evaluator cannot tell (the shell then counts brackets and quotes itself).
    func isIncomplete(_ source: String) -> Bool?
    /// Runs one statement. The shell cancels the task running it on Ctrl-C;
    /// the evaluator then says which async jobs go on at the server.
    func evaluate(_ source: String) async -> EvaluationOutcome
    /// The active profile, asked at each prompt (`use prod` changes it);
    /// nil keeps the name the shell was started with.
    var profileName: String? { get }
    /// Modes the prompt shows after the profile, asked at each prompt (`[dry-run]`).
    var promptTags: [String] { get }
}

extension LineEvaluator {
    public var profileName: String? { nil }
    public var promptTags: [String] { [] }
}

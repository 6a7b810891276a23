#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Language
import Synchronization
import Contracts
import Values

/// The interactive loop: prompt, read (with continuation lines), remember,
/// evaluate with Ctrl-C cancelling the running statement, repeat until Ctrl-D or `exit`.
public final class Shell {
    public struct Options: Sendable {
        /// Shown in the prompt: `acsh sandbox> `.
        public var profileName: String
        public var color: Bool
        /// Nil: no history file (tests, or no home directory).
        public var historyPath: String?

        public init(profileName: String, color: Bool, historyPath: String?) {
            self.profileName = profileName
            self.color = color
            self.historyPath = historyPath
        }
    }

    private let evaluator: any LineEvaluator
    private let options: Options
    private let history: HistoryStore?
    private let reader: LineReader
    private let style: Style

    /// `completion` is called from Tab with the line and the cursor's UTF-8 offset;
    /// `reader` is chosen from the terminal when not given.
    public init(
        evaluator: any LineEvaluator, options: Options,
        completion: ((String, Int) -> Completion?)? = nil,
        reader: LineReader? = nil
    ) {
        self.evaluator = evaluator
        self.options = options
        self.style = Style(enabled: options.color)
        let history = options.historyPath.map { HistoryStore(path: $0) }
        self.history = history
        self.reader =
            reader
            ?? makeLineReader(
                completer: completion,
                history: history?.load() ?? [],
                style: Style(enabled: options.color))
    }

    /// `acsh PROFILE> `, with the evaluator's current profile when it tells, and its
    /// modes after it (`acsh sandbox [dry-run]> `), so a dry run is never mistaken for a real one.
    public var prompt: String {
        let tags = evaluator.promptTags.map { " [\($0)]" }.joined()
        return "acsh \(evaluator.profileName ?? options.profileName)\(tags)> "
    }
    public static let continuationPrompt = "...> "

    /// Runs until Ctrl-D or `exit`; returns the process exit code.
    public func run() async -> Int32 {
        InterruptSignal.install()
        var pending: [String] = []
        var lastStatus: Int32 = 0
        while true {
            let input = reader.readLine(prompt: pending.isEmpty ? prompt : Self.continuationPrompt)
            switch input {
            case .interrupted:
                pending = []
                continue
            case .endOfInput:
                if !pending.isEmpty {
                    // A statement left open at the end of input still runs, so its error is shown.
                    let outcome = await evaluate(pending.joined(separator: "\n"))
                    if case .exit(let code) = outcome { return code }
                    if case .failure(let code) = outcome { lastStatus = code.rawValue }
                }
                return reader.isInteractive ? 0 : lastStatus
            case .line(let line):
                // `quit` leaves as `exit` does (the language's exit takes a code; quit is the shell's word).
                if pending.isEmpty, line.trimmingSpaces() == "quit" { return 0 }
                pending.append(line)
                let source = pending.joined(separator: "\n")
                if source.allSatisfy(\.isWhitespace) { pending = []; continue }
                if evaluator.isIncomplete(source) { continue }
                remember(pending)
                pending = []
                switch await evaluate(source) {
                case .success: lastStatus = 0
                case .failure(let code): lastStatus = code.rawValue
                case .exit(let code): return code
                }
            }
        }
    }

    /// Adds a finished statement to the in-memory and on-disk history, unless it
    /// carries a secret or comes from piped input (a script is not history).
    private func remember(_ lines: [String]) {
        guard reader.isInteractive, HistoryFilter.allows(lines.joined(separator: "\n")) else { return }
        for line in lines where !line.allSatisfy(\.isWhitespace) { reader.addToHistory(line) }
        history?.append(lines)
    }

    /// Runs one statement in a task of its own; Ctrl-C cancels that task, and
    /// if it has not ended a second later the prompt comes back anyway (the
    /// task is left to unwind in the background).
    private func evaluate(_ source: String) async -> Session.Outcome {
        _ = InterruptSignal.take()
        let evaluator = self.evaluator
        let task = Task.detached { await evaluator.evaluate(source) }
        let first = FirstOutcome()
        return await withCheckedContinuation { continuation in
            first.set(continuation)
            Task.detached { first.resume(await task.value) }
            Task.detached {
                while !first.isDone {
                    if InterruptSignal.take() {
                        task.cancel()
                        try? await Task.sleep(for: .seconds(1))
                        first.resume(.failure(exitCode: .interrupted))
                        return
                    }
                    try? await Task.sleep(for: .milliseconds(20))
                }
            }
        }
    }
}

/// Resumes a continuation with whichever outcome arrives first.
private final class FirstOutcome: Sendable {
    private let state = Mutex<(CheckedContinuation<Session.Outcome, Never>?, Bool)>((nil, false))

    func set(_ c: CheckedContinuation<Session.Outcome, Never>) {
        state.withLock { $0.0 = c }
    }

    var isDone: Bool { state.withLock { $0.1 } }

    func resume(_ outcome: Session.Outcome) {
        let c: CheckedContinuation<Session.Outcome, Never>? = state.withLock { s in
            guard !s.1 else { return nil }
            s.1 = true
            return s.0
        }
        c?.resume(returning: outcome)
    }
}

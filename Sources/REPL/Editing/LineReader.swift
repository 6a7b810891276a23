#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one read at the prompt gave.
public enum LineInput: Equatable, Sendable {
    case line(String)
    /// Ctrl-C at the prompt: the caller drops what was typed and prompts afresh.
    case interrupted
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
}

/// The prompt's source of lines: libedit at a terminal, plain reads otherwise.
public protocol LineReader: AnyObject {
    func readLine(prompt: String) -> LineInput
    /// Remembers an accepted line for Up and Ctrl-R (not the file: the shell does that).
    func addToHistory(_ line: String)
    /// A person types at this reader: only then lines go to the history file,
    /// and the end of input means "leave" rather than "the script is done".
    var isInteractive: Bool { get }
}

extension LineReader {
    public func addToHistory(_ line: String) {}
    public var isInteractive: Bool { false }
}

/// Buffered reads from stdin, for piped input: no editing, no prompt unless a
/// person is typing (stdin a terminal while stdout is redirected: prompt on stderr).
public final class PlainLineReader: LineReader {
    private let showPrompt: Bool

    public init(showPrompt: Bool = TTY.isTerminal(STDIN_FILENO)) {
        self.showPrompt = showPrompt
    }

    public func readLine(prompt: String) -> LineInput {
        if showPrompt {
            Console.err(prompt)
        }
        if let line = Swift.readLine(strippingNewline: true) { return .line(line) }
        return InterruptSignal.take() ? .interrupted : .endOfInput
    }
}

/// Picks libedit when both stdin and stdout are terminals.
public func makeLineReader(
    programName: String = "acsh",
    completer: ((String, Int) -> Completion?)? = nil,
    history: [String] = [],
    style: Style = Style(enabled: false)
) -> LineReader {
    if TTY.isInteractive {
        return EditLineReader(programName: programName, completer: completer, history: history, style: style)
    }
    return PlainLineReader()
}

import Contracts
import FoundationEssentials
import Values

/// The entry point for the executable and the REPL: one interpreter with
/// its variables, jobs and settings, talking to the world through a Host.
public final class Session: @unchecked Sendable {
    let interpreter: Interpreter
    private let lock = Lock()
    private var current: Task<Outcome, Never>?

    private var exitRequest: Int32?

    /// Set once the code ran `exit N`: the REPL then ends with that code.
    public var requestedExit: Int32? { lock.withLock { exitRequest } }

    public init(host: any ShellHost, options: SessionOptions = SessionOptions()) {
        interpreter = Interpreter(host: host, options: options)
    }

    public var options: SessionOptions {
        get { interpreter.options }
        set {
            interpreter.options = newValue
            interpreter.defineArguments(newValue.arguments)
        }
    }

    /// How a run ended.
    public enum Outcome: Sendable, Equatable {
        case success
        /// An error, already printed as `FILE:LINE:COL: message` on stderr.
        case failure(exitCode: ExitCode)
        /// `exit N` ran: the caller (script or REPL) stops with this code.
        case exit(Int32)

        public var exitCode: Int32 {
            switch self {
            case .success: 0
            case .failure(let c): c.rawValue
            case .exit(let c): c
            }
        }
    }

    /// Runs a script (or `-c` text): results printed, errors as
    /// `FILE:LINE:COL: message` on stderr. Returns the exit code:
    /// 0, 2 parse/usage, 1 API, 3 transport, 4 job failed, 124 deadline, 130 interrupted.
    public func run(source: String, file: String) async -> Int32 {
        await execute(source: source, file: file).exitCode
    }

    /// A REPL entry: like `run`; variables, functions and jobs carry over
    /// between entries. Cancelling the calling task (Ctrl-C) interrupts it.
    /// After `exit N`, `requestedExit` is N.
    public func evaluate(_ line: String, file: String = "<input>") async -> Int32 {
        await execute(source: line, file: file, interactive: true).exitCode
    }

    /// `interactive`: a one-line entry at the prompt; its errors leave out the
    /// `<input>:1:COL:` and show the line with a caret instead.
    public func execute(source: String, file: String, interactive: Bool = false) async -> Outcome {
        let program: Program
        let oneLine = interactive && !source.drop(while: \.isNewline).reversed().drop(while: \.isNewline).contains("\n")
        let sourceFile = SourceFile(name: file, text: source)
        do {
            program = try Parser.parse(sourceFile)
        } catch let e as ParseErrors {
            interpreter.host.writeError("\(e.text(showingLocation: !oneLine))\n")
            return .failure(exitCode: .usage)
        } catch {
            interpreter.host.writeError("\(file): \(error)\n")
            return .failure(exitCode: .usage)
        }
        return await execute(program, file: file, oneLine: oneLine ? sourceFile : nil)
    }

    /// One command from the shell's words (`acsh list zones 'keyword=a&b'`): each
    /// word one argument, its text sent as typed, never read as language
    /// (`CommandLineWords`). Returns the exit code as `run` does.
    public func run(arguments words: [String]) async -> Int32 {
        do {
            return await execute(try CommandLineWords.program(words), file: CommandLineWords.file, oneLine: nil)
                .exitCode
        } catch {
            interpreter.host.writeError("\(error)\n")
            return 2
        }
    }

    private func execute(_ program: Program, file: String, oneLine: SourceFile?) async -> Outcome {
        let interp = interpreter
        interp.nameCache.clear()
        let task = Task { () -> Outcome in
            do {
                // One at a time, so the session log (`history save`) holds exactly the ones that ran through.
                for (n, stmt) in program.statements.enumerated() {
                    try await interp.execute(stmt, interp.globals, printing: true)
                    if n < program.texts.count {
                        interp.log.record(stmt, text: program.texts[n], profile: interp.host.profileName)
                    }
                }
                return .success
            } catch Flow.exit(let code) {
                self.lock.withLock { self.exitRequest = code }
                return .exit(code)
            } catch Flow.returned {
                return .success
            } catch Flow.breakLoop, Flow.continueLoop {
                interp.host.writeError("\(file): break or continue outside a loop\n")
                return .failure(exitCode: .usage)
            } catch {
                return .failure(exitCode: self.report(error, oneLine: oneLine))
            }
        }
        lock.withLock { current = task }
        let outcome = await withTaskCancellationHandler {
            await task.value
        } onCancel: {
            task.cancel()
        }
        lock.withLock { current = nil }
        return outcome
    }

    /// Ctrl-C: stops the running code at its next wait or call (within a second
    /// while polling jobs); `run` then names the jobs still running on the server
    /// and returns 130.
    public func interrupt() {
        lock.withLock { current }?.cancel()
    }

    private func report(_ error: Error, oneLine: SourceFile?) -> ExitCode {
        let host = interpreter.host
        var e: ScriptError
        switch error {
        case let s as ScriptError: e = s
        case let c as ScriptErrorConvertible: e = c.scriptError(at: nil)
        case is CancellationError: e = ScriptError("interrupted", exitCode: .interrupted)
        default: e = ScriptError("\(error)", exitCode: .transport)
        }
        if Task.isCancelled && e.exitCode != .interrupted {
            e = ScriptError("interrupted", at: e.location, exitCode: .interrupted)
        }
        if e.exitCode == .interrupted, let jobid = e.jobid, !e.message.contains("wait \"") {
            e.message += "; wait for it with: wait \"\(jobid)\""  // the language's way back to the job
        }
        if let line = oneLine, let loc = e.location, loc.file == line.name, loc.line == 1 {
            // The caret only helps past the start of the line.
            host.writeError(e.message + (loc.column > 1 ? line.caret(at: loc) : "") + "\n")
        } else {
            host.writeError("\(e)\n")
        }
        if e.exitCode == .interrupted {
            for job in interpreter.jobs.running where job.jobid != e.jobid {
                host.writeError(
                    "job \(job.jobid) (\(job.command)) is still running on the server; wait for it with: wait \"\(job.jobid)\" (or queryAsyncJobResult jobid=\(job.jobid))\n"
                )
            }
        }
        return e.exitCode
    }

    /// Whether a REPL entry needs more lines: an open block or bracket, or a
    /// line ending in `|`, an operator or `\`.
    public static func isIncomplete(_ source: String) -> Bool {
        let tokens = Lexer.tokenize(source, file: "<input>")
        var depth = 0
        var last: Token?
        for t in tokens {
            switch t.kind {
            case .op("{"), .op("("), .op("["): depth += 1
            case .op("}"), .op(")"), .op("]"): depth -= 1
            // An unterminated string is not "more to come": strings end on their
            // line, so further lines could never close it; the error shows at once.
            default: break
            }
            switch t.kind {
            case .newline, .eof: break
            default: last = t
            }
        }
        if depth > 0 { return true }
        if source.hasSuffix("\\\n") || source.hasSuffix("\\") { return true }
        if let last, case .op(let o) = last.kind,
            ["|", "&&", "||", "+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "=~", ",", "="].contains(o)
        {
            return true
        }
        return false
    }

    /// Syntax errors of a text without running it (`acsh --check`, editors).
    public static func check(source: String, file: String) -> String? {
        do {
            _ = try Parser.parse(SourceFile(name: file, text: source))
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// Variables and their values, for completion and `vars`.
    public var variables: [(name: String, value: Value)] {
        interpreter.globals.all().sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    public static var stageNames: [String] { Stages.names }
    public static var builtinNames: [String] { Builtins.commandNames }
    public static var functionNames: [String] { Builtins.functionNames }
    /// One-word names of the concepts `help` explains (zone, volume, ...).
    public static let conceptNames: [String] = Concepts.all.map(\.name).filter { !$0.contains(" ") }
    public static var keywords: [String] { Parser.keywords.sorted() + ["wait", "true", "false", "null"] }
}

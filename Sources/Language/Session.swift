import Foundation
import Values

/// The entry point for the executable and the REPL: one interpreter with
/// its variables, jobs and settings, talking to the world through a Host.
public final class Session: @unchecked Sendable {
    let interpreter: Interpreter
    private let lock = NSLock()
    private var current: Task<Int32, Never>?

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

    /// Runs a script (or `-c` text, or one REPL line): results printed,
    /// errors as `FILE:LINE:COL: message` on stderr. Returns the exit code:
    /// 0, 2 parse/usage, 1 API, 3 transport, 4 job failed, 124 deadline, 130 interrupted.
    public func run(source: String, file: String) async -> Int32 {
        let program: Program
        do {
            program = try Parser.parse(SourceFile(name: file, text: source))
        } catch let e as ParseErrors {
            interpreter.host.writeError("\(e)\n")
            return 2
        } catch {
            interpreter.host.writeError("\(file): \(error)\n")
            return 2
        }
        let interp = interpreter
        let task = Task { () -> Int32 in
            do {
                try await interp.execute(program.statements, interp.globals, printing: true)
                return 0
            } catch Flow.exit(let code) {
                self.lock.withLock { self.exitRequest = code }
                return code
            } catch Flow.returned {
                return 0
            } catch Flow.breakLoop, Flow.continueLoop {
                interp.host.writeError("\(file): break or continue outside a loop\n")
                return 2
            } catch {
                return self.report(error)
            }
        }
        lock.withLock { current = task }
        let code = await task.value
        lock.withLock { current = nil }
        return code
    }

    /// A REPL line: like `run`, variables and jobs carry over between lines.
    public func evaluate(_ line: String) async -> Int32 {
        await run(source: line, file: "<input>")
    }

    /// Ctrl-C: stops the running code at its next wait or call (within a second
    /// while polling jobs); `run` then names the jobs still running on the server
    /// and returns 130.
    public func interrupt() {
        lock.withLock { current }?.cancel()
    }

    private func report(_ error: Error) -> Int32 {
        let host = interpreter.host
        var e: ScriptError
        switch error {
        case let s as ScriptError: e = s
        case let c as ScriptErrorConvertible: e = c.scriptError(at: nil)
        case is CancellationError: e = ScriptError("interrupted", exitCode: 130)
        default: e = ScriptError("\(error)", exitCode: 3)
        }
        if Task.isCancelled && e.exitCode != 130 {
            e = ScriptError("interrupted", at: e.location, exitCode: 130)
        }
        host.writeError("\(e)\n")
        if e.exitCode == 130 {
            for job in interpreter.jobs.running {
                host.writeError("job \(job.jobid) (\(job.command)) is still running on the server; check it with: queryAsyncJobResult jobid=\(job.jobid)\n")
            }
        }
        return e.exitCode
    }

    /// Whether a REPL entry needs more lines: an open block, bracket or
    /// string, or a line ending in `|`, an operator or `\`.
    public static func isIncomplete(_ source: String) -> Bool {
        let tokens = Lexer.tokenize(source, file: "<input>")
        var depth = 0
        var last: Token?
        for t in tokens {
            switch t.kind {
            case .op("{"), .op("("), .op("["): depth += 1
            case .op("}"), .op(")"), .op("]"): depth -= 1
            case .error(let m) where m.hasPrefix("unterminated"): return true
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
           ["|", "&&", "||", "+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "=~", ",", "="].contains(o) {
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
    public static var keywords: [String] { Parser.keywords.sorted() + ["wait", "true", "false", "null"] }
}

import APICatalog
import Contracts
import FoundationEssentials
import Values
import OrderedCollections

/// Walks the AST. One per session; statements run in scopes (globals, one
/// per function call, one per `each` item).
public final class Interpreter: @unchecked Sendable {
    let host: any ShellHost
    private let optionsLock = Lock()
    private var _options: SessionOptions
    let globals = Scope(parent: nil)
    let jobs = JobTable()
    let resolver = CommandResolver()
    let regexCache = RegexCache()
    let nameCache = NameCache()
    let log = SessionLog()
    let defaults = ParameterDefaults()

    var options: SessionOptions {
        get { optionsLock.withLock { _options } }
        set { optionsLock.withLock { _options = newValue } }
    }

    init(host: any ShellHost, options: SessionOptions) {
        self.host = host
        _options = options
        defineArguments(options.arguments)
    }

    func defineArguments(_ args: [String]) {
        globals.define("args", .list(args.map { .string($0) }))
        for n in 1...9 {
            globals.define(String(n), n <= args.count ? .string(args[n - 1]) : .null)
        }
    }

    /// The output format: `set output`, else table at a terminal and json otherwise.
    var outputFormat: OutputFormat {
        options.output ?? (host.isTerminal ? .table : .json)
    }

    // MARK: statements

    func execute(_ stmts: [Stmt], _ scope: Scope, printing: Bool) async throws {
        for s in stmts {
            try await execute(s, scope, printing: printing)
        }
    }

    func execute(_ s: Stmt, _ scope: Scope, printing: Bool) async throws {
        try Task.checkCancellation()
        switch s.kind {
        case .expression(let e):
            if printing {
                try await evaluateAndPrint(e, scope)
            } else {
                _ = try await evaluatePipe(e, scope).collect()
            }
        case .assign(let name, let e):
            scope.assign(name, try await evaluate(e, scope))
        case .assignPath(let name, let steps, let e):
            guard let base = scope.lookup(name) else {
                throw ScriptError("unknown variable '\(name)': assign it first", at: s.location)
            }
            let v = try await evaluate(e, scope)
            scope.assign(name, try await setPath(base, steps[...], v, scope, s.location))
        case .ifElse(let branches, let elseBody):
            for (cond, body) in branches where try await evaluate(cond, scope).isTruthy {
                try await execute(body, scope, printing: printing)
                return
            }
            if let elseBody { try await execute(elseBody, scope, printing: printing) }
        case .forIn(let name, let e, let body):
            let items = try await evaluatePipe(e, scope).stream
            loop: while let item = try await items.next() {
                scope.assign(name, item)
                do {
                    try await execute(body, scope, printing: printing)
                } catch Flow.breakLoop {
                    break loop
                } catch Flow.continueLoop {
                    continue loop
                }
            }
        case .whileLoop(let cond, let body):
            loop: while try await evaluate(cond, scope).isTruthy {
                do {
                    try await execute(body, scope, printing: printing)
                } catch Flow.breakLoop {
                    break loop
                } catch Flow.continueLoop {
                    continue loop
                }
            }
        case .def(let name, let params, let body):
            scope.assign(name, .opaque(FunctionValue(name: name, params: params, body: body, location: s.location)))
        case .returnValue(let e):
            var v: Value = .null
            if let e { v = try await evaluate(e, scope) }
            throw Flow.returned(v)
        case .breakLoop:
            throw Flow.breakLoop
        case .continueLoop:
            throw Flow.continueLoop
        case .tryCatch(let body, let name, let handler):
            do {
                try await execute(body, scope, printing: printing)
            } catch let e as ScriptError {
                if let name { scope.assign(name, errorRecord(e)) }
                try await execute(handler, scope, printing: printing)
            }
        case .exit(let e):
            var code: Int32 = 0
            if let e {
                let v = try await evaluate(e, scope)
                guard let n = v.number?.int ?? Int(v.plainText), (0...255).contains(n) else {
                    throw ScriptError("exit needs a number from 0 to 255, not \(v.plainText)", at: s.location)
                }
                code = Int32(n)
            }
            throw Flow.exit(code)
        case .assert(let cond, let msg):
            guard try await evaluate(cond, scope).isTruthy else {
                var text = "assertion failed"
                if let msg { text = try await evaluate(msg, scope).plainText }
                throw ScriptError(text, at: s.location, exitCode: .apiError)
            }
        }
    }

    /// The record `catch e` binds: message, code, cserrorcode, text, jobid, location.
    func errorRecord(_ e: ScriptError) -> Value {
        var r: Record = ["message": .string(e.message)]
        r["code"] = e.errorcode.map { .int($0) } ?? .int(Int(e.exitCode.rawValue))
        r["cserrorcode"] = e.cserrorcode.map { .int($0) } ?? .null
        r["text"] = .string(e.errortext ?? e.message)
        r["exitcode"] = .int(Int(e.exitCode.rawValue))
        r["jobid"] = e.jobid.map { .string($0) } ?? .null
        r["location"] = e.location.map { .string($0.description) } ?? .null
        for (k, v) in e.report ?? [:] { r[k] = v }
        return .record(r)
    }

    /// Sets `base.a[0].b = v`, copying records and lists on the way (values are values).
    func setPath(
        _ base: Value, _ steps: ArraySlice<PathStep>, _ v: Value, _ scope: Scope,
        _ loc: SourceLocation
    ) async throws -> Value {
        guard let step = steps.first else { return v }
        switch (step, base) {
        case (.field(let f), .record(var r)):
            r[f] = try await setPath(r[f] ?? .null, steps.dropFirst(), v, scope, loc)
            return .record(r)
        case (.field(let f), .null):
            return .record([f: try await setPath(.null, steps.dropFirst(), v, scope, loc)])
        case (.index(let e), .list(var l)):
            let iv = try await evaluate(e, scope)
            guard let n = iv.number?.int else {
                throw ScriptError("a list index must be a number, not \(iv.typeName)", at: loc)
            }
            let j = n < 0 ? l.count + n : n
            guard l.indices.contains(j) else {
                throw ScriptError("index \(n) is out of range (the list has \(l.count) items)", at: loc)
            }
            l[j] = try await setPath(l[j], steps.dropFirst(), v, scope, loc)
            return .list(l)
        case (.index(let e), .record(var r)):
            let key = try await evaluate(e, scope).plainText
            r[key] = try await setPath(r[key] ?? .null, steps.dropFirst(), v, scope, loc)
            return .record(r)
        default:
            throw ScriptError("cannot assign into a \(base.typeName)", at: loc)
        }
    }

    /// Prints a statement's value: nothing for null, strings as they are,
    /// everything else in the output format, streams record by record.
    func evaluateAndPrint(_ e: Expr, _ scope: Scope) async throws {
        if case .pipeline(let p) = e.kind, !p.background, let last = p.stages.last,
            case .stage(let name, _, _) = last.kind, let format = OutputFormat(rawValue: name), p.stages.count > 1
        {
            var head = p
            head.stages.removeLast()
            let r = try await runPipeline(head, scope)
            try await Printer(host: host, format: format).print(r)
            return
        }
        var r = try await evaluatePipe(e, scope)
        if case .pipeline(let p) = e.kind, case .stage("each", _, _) = p.stages.last?.kind {
            let v = try await r.collect()
            if case .list(let l) = v, l.isEmpty { return }  // an `each` run for its side effects
            r = .value(v)
        }
        if case .value(let v) = r {
            if options.dryRun || Self.explaining, Self.isDryRunResult(v) { return }  // printed as lines already
            await refreshJob(v)
            switch v {
            case .null: return
            case .string(let s): host.writeOutput(s.hasSuffix("\n") ? s : s + "\n"); return
            default: break
            }
        }
        try await Printer(host: host, format: outputFormat).print(r)
    }
}

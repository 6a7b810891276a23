import APICatalog
import Foundation
import Values

extension Interpreter {
    /// An expression's value; a pipeline in expression position is collected into a list.
    func evaluate(_ e: Expr, _ scope: Scope) async throws -> Value {
        switch e.kind {
        case .literal(let v): return v
        case .interpolated(let parts):
            var s = ""
            for p in parts {
                switch p {
                case .text(let t): s += t
                case .expr(let x): s += try await evaluate(x, scope).plainText
                case .reference(let x): s += try await evaluateReference(x, scope).plainText
                }
            }
            return .string(s)
        case .variable(let name):
            if let v = scope.lookup(name) { return v }
            throw unknownVariable(name, scope, e.location)
        case .field(let name):
            if let it = scope.lookup("it"), case .record(let r) = it.data, let v = r[name] { return v }
            if let v = scope.lookup(name) { return v }
            return .null
        case .variableOrCommand, .pipeline:
            return try await evaluatePipe(e, scope).collect()
        case .list(let items):
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for i in items { out.append(try await evaluate(i, scope)) }
            return .list(out)
        case .record(let fields):
            var r = Record()
            for (k, x) in fields { r[k] = try await evaluate(x, scope) }
            return .record(r)
        case .member(let base, let name):
            let v = try await evaluate(base, scope)
            await refreshJob(v)
            return try member(v, name, e.location)
        case .index(let base, let idx):
            return try index(try await evaluate(base, scope), try await evaluate(idx, scope), e.location)
        case .unary(let op, let x):
            let v = try await evaluate(x, scope)
            if op == "!" { return .bool(!v.isTruthy) }
            guard let n = v.number else { throw ScriptError("cannot negate a \(v.typeName)", at: e.location) }
            return Arithmetic.negate(n)
        case .binary("&&", let a, let b):
            let l = try await evaluate(a, scope)
            return l.isTruthy ? try await evaluate(b, scope) : l
        case .binary("||", let a, let b):
            let l = try await evaluate(a, scope)
            return l.isTruthy ? l : try await evaluate(b, scope)
        case .binary(let op, let a, let b):
            let l = try await evaluate(a, scope)
            let r = try await evaluate(b, scope)
            return try binary(op, l, r, e.location)
        case .call(let name, let args):
            var values: [Value] = []
            for a in args { values.append(try await evaluate(a, scope)) }
            return try await call(name, values, scope, e.location)
        case .wait(let target):
            return try await waitFor(target, scope, e.location)
        case .optional(let inner):
            return try await evaluate(inner, scope)
        }
    }

    /// A job value read (`j.status`, printing `j`) shows the server's state now:
    /// one queryAsyncJobResult when the last look is older than the poll interval.
    /// A failed look keeps the last state; `wait` reports errors.
    func refreshJob(_ v: Value) async {
        guard case .opaque(let o) = v, let job = o as? JobValue, let api = host.api,
              job.isStale(api.pollSchedule?.first ?? .milliseconds(250)) else { return }
        if let answer = try? await api.call("queryAsyncJobResult", [("jobid", job.jobid)]) {
            job.record(poll: answer)
        }
    }

    /// Like `evaluate`, but a pipeline or list command stays a stream.
    func evaluatePipe(_ e: Expr, _ scope: Scope) async throws -> PipeResult {
        switch e.kind {
        case .pipeline(let p): return try await runPipeline(p, scope)
        case .variableOrCommand(let name, let cmd):
            if let v = scope.lookup(name) { return .value(v) }
            guard Self.namesCommand(name, host.catalog) else {
                throw ScriptError(Self.unknownWord(name, among: Array(scope.all().keys)), at: e.location)
            }
            return try await runCommand(cmd, input: nil, scope, background: false)
        default: return .value(try await evaluate(e, scope))
        }
    }

    /// Whether a bare word that is no variable runs as a command: an API name or a verb.
    static func namesCommand(_ name: String, _ catalog: Catalog) -> Bool {
        catalog.resolve(word: name).api != nil || !catalog.apiNames(forVerb: name.lowercased()).isEmpty
    }

    /// `$name.a.b` inside a string: a field of a plain value (string, number)
    /// is not an error but the text itself, so "$file.txt" reads as written.
    func evaluateReference(_ e: Expr, _ scope: Scope) async throws -> Value {
        guard case .member(let base, let name) = e.kind else { return try await evaluate(e, scope) }
        let v = try await evaluateReference(base, scope)
        switch v.data {
        case .record, .list, .null: return try member(v, name, e.location)
        default: return .string(v.plainText + "." + name)
        }
    }

    func unknownVariable(_ name: String, _ scope: Scope, _ loc: SourceLocation) -> ScriptError {
        ScriptError(Self.unknownVariable(name, among: Array(scope.all().keys)), at: loc)
    }

    /// The messages a run and `acsh check` share, so both say the same.
    static func unknownVariable(_ name: String, among variables: [String]) -> String {
        "unknown variable '\(name)'" + Self.didYouMean(name, among: variables + Builtins.functionNames)
    }

    static func unknownWord(_ name: String, among variables: [String]) -> String {
        "unknown variable or command '\(name)'" + Self.didYouMean(name, among: variables)
    }

    static func unknownFunction(_ name: String, among functions: [String]) -> String {
        let close = Suggest.closest(name, among: Builtins.functionNames + functions)
        return "unknown function '\(name)'" + (close.isEmpty ? "" : "; did you mean \(close.map { "\($0)()" }.joined(separator: " or "))?")
    }

    static func didYouMean(_ name: String, among names: [String]) -> String {
        let close = Suggest.closest(name, among: names)
        return close.isEmpty ? "" : "; did you mean \(close.map { "'\($0)'" }.joined(separator: " or "))?"
    }

    static func arity(_ f: FunctionDefinition, got n: Int) -> String {
        "\(f.name)() takes \(f.arityText), got \(n): \(f.usage)"
    }

    static func arity(function name: String, params: [String], got n: Int) -> String {
        "\(name)() takes \(params.count) argument\(params.count == 1 ? "" : "s") (\(params.joined(separator: ", "))), got \(n)"
    }

    func member(_ base: Value, _ name: String, _ loc: SourceLocation) throws -> Value {
        switch base.data {
        case .record(let r): return r[name] ?? .null
        case .null: return .null
        case .list(let items):
            // `$vms.name`: the field of every record.
            return .list(try items.map { try member($0, name, loc) })
        default:
            throw ScriptError("a \(base.typeName) has no field '\(name)'", at: loc)
        }
    }

    func index(_ base: Value, _ i: Value, _ loc: SourceLocation) throws -> Value {
        switch (base.data, i) {
        case (.list(let l), .number(let n)):
            guard let k = n.int else { throw ScriptError("a list index must be a whole number, not \(n.text)", at: loc) }
            // Not Value's `subscript(index:)`: its `: nil` becomes `.null` (Value is nil-literal expressible).
            let j = k < 0 ? Bounded.add(l.count, k) ?? -1 : k
            guard l.indices.contains(j) else {
                throw ScriptError("index \(k) is out of range (the list has \(l.count) item\(l.count == 1 ? "" : "s"))", at: loc)
            }
            return l[j]
        case (.record(let r), _):
            return r[i.plainText] ?? .null
        case (.string(let s), .number(let n)):
            guard let k = n.int else { throw ScriptError("a string index must be a whole number", at: loc) }
            let chars = Array(s)
            let j = k < 0 ? Bounded.add(chars.count, k) ?? -1 : k
            guard chars.indices.contains(j) else { throw ScriptError("index \(k) is out of range (the string has \(chars.count) characters)", at: loc) }
            return .string(String(chars[j]))
        case (.null, _):
            return .null
        default:
            throw ScriptError("cannot index a \(base.typeName) with a \(i.typeName)", at: loc)
        }
    }

    func binary(_ op: String, _ l: Value, _ r: Value, _ loc: SourceLocation) throws -> Value {
        switch op {
        case "==": return .bool(l.data == r.data)
        case "!=": return .bool(l.data != r.data)
        case "<", "<=", ">", ">=":
            guard let c = l.compare(to: r) else {
                throw ScriptError("cannot compare a \(l.typeName) with a \(r.typeName)", at: loc)
            }
            switch op {
            case "<": return .bool(c < 0)
            case "<=": return .bool(c <= 0)
            case ">": return .bool(c > 0)
            default: return .bool(c >= 0)
            }
        case "=~":
            let re = try regexCache.regex(r.plainText, loc)
            let s = l.plainText
            return .bool(re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil)
        case "in", "not in":
            let found: Bool
            switch r.data {
            case .list(let items): found = items.contains { $0.data == l.data }
            case .record(let rec): found = rec[l.plainText] != nil
            case .string(let s): found = s.contains(l.plainText)
            case .null: found = false
            default: throw ScriptError("'in' needs a list, record or string on the right, not a \(r.typeName)", at: loc)
            }
            return .bool(op == "in" ? found : !found)
        case "+":
            switch (l.data, r.data) {
            case (.number(let a), .number(let b)): return Arithmetic.apply("+", a, b)
            case (.list(let a), .list(let b)): return .list(a + b)
            case (.record(var a), .record(let b)):
                for (k, v) in b { a[k] = v }
                return .record(a)
            case (.string(let a), let b): return .string(a + b.plainText)
            case (let a, .string(let b)): return .string(a.plainText + b)
            case (.list(let a), let b): return .list(a + [b])
            default: break
            }
        default:
            if let a = l.data.number ?? Self.numeric(l), let b = r.data.number ?? Self.numeric(r) {
                if (op == "/" || op == "%") && b.double == 0 { throw ScriptError("division by zero", at: loc) }
                return Arithmetic.apply(op, a, b)
            }
            if op == "*", case .string(let s) = l.data, let n = r.number?.int, n >= 0 {
                guard let size = Bounded.multiply(s.utf8.count, n), size <= Self.maxRepeatBytes else {
                    throw ScriptError("'*' would make a string of more than \(Self.maxRepeatBytes) bytes", at: loc)
                }
                return .string(s.isEmpty ? "" : String(repeating: s, count: n))
            }
        }
        throw ScriptError("cannot apply '\(op)' to a \(l.typeName) and a \(r.typeName)", at: loc)
    }

    /// The longest string `"text" * n` makes (a count may come from a server).
    static let maxRepeatBytes = 100_000_000

    /// Numeric strings count as numbers in arithmetic (CloudStack sends some numbers as strings).
    static func numeric(_ v: Value) -> Number? {
        guard case .string(let s) = v, let n = Parser.numberLiteral(s) else { return nil }
        return n
    }

    func call(_ name: String, _ args: [Value], _ scope: Scope, _ loc: SourceLocation) async throws -> Value {
        if let v = scope.lookup(name), case .opaque(let o) = v, let f = o as? FunctionValue {
            return try await callFunction(f, args, loc)
        }
        if let f = Builtins.functions[name] {
            guard f.arity.contains(args.count) else { throw ScriptError(Self.arity(f, got: args.count), at: loc) }
            return try await f.run(FunctionCall(args: args, location: loc, interpreter: self, scope: scope))
        }
        let functions = scope.all().compactMap { k, v in
            if case .opaque(let o) = v, o is FunctionValue { return k } else { return nil }
        }
        throw ScriptError(Self.unknownFunction(name, among: functions), at: loc)
    }

    func callFunction(_ f: FunctionValue, _ args: [Value], _ loc: SourceLocation) async throws -> Value {
        guard args.count == f.params.count else {
            throw ScriptError(Self.arity(function: f.name, params: f.params, got: args.count), at: loc)
        }
        let local = Scope(parent: globals)
        for (p, a) in zip(f.params, args) { local.define(p, a) }
        let depth = Self.callDepth + 1
        guard depth <= Self.maxCallDepth else {
            throw ScriptError("\(f.name)() called itself more than \(Self.maxCallDepth) levels deep; is the recursion missing an end?", at: loc)
        }
        do {
            return try await Self.$callDepth.withValue(depth) { try await evaluateBlock(f.body, local) }
        } catch Flow.returned(let v) {
            return v
        } catch Flow.breakLoop, Flow.continueLoop {
            throw ScriptError("break or continue outside a loop in \(f.name)()", at: loc)
        }
    }

    /// Runs a block; its value is the value of its last statement when that is an expression.
    func evaluateBlock(_ body: [Stmt], _ scope: Scope) async throws -> Value {
        guard let last = body.last else { return .null }
        try await execute(Array(body.dropLast()), scope, printing: false)
        if case .expression(let e) = last.kind { return try await evaluate(e, scope) }
        try await execute(last, scope, printing: false)
        return .null
    }
}

extension Interpreter {
    /// Function calls active in this task, to stop runaway recursion with an error.
    @TaskLocal static var callDepth = 0
    static let maxCallDepth = 1000
}


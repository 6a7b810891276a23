/// Expressions and pipelines: variables read before any assignment, functions,
/// `wait` targets, `&` placement. Messages are the run's own.
extension ScriptChecker {
    func expr(_ e: Expr, _ names: inout Set<String>) {
        switch e.kind {
        case .literal, .field: break
        case .interpolated(let parts):
            for p in parts {
                switch p {
                case .text: break
                case .expr(let x), .reference(let x): expr(x, &names)
                }
            }
        case .variable(let n):
            if !isBound(n, names) { error(Interpreter.unknownVariable(n, among: visible(names)), e.location) }
        case .variableOrCommand(let n, let cmd):
            guard !isBound(n, names), !facts.catalogChanges else { return }
            if Interpreter.namesCommand(n, context.catalog) {
                command(cmd, piped: false, &names)
            } else {
                error(Interpreter.unknownWord(n, among: visible(names)), e.location)
            }
        case .list(let items): for i in items { expr(i, &names) }
        case .record(let fields): for (_, x) in fields { expr(x, &names) }
        case .member(let b, _), .unary(_, let b), .optional(let b): expr(b, &names)
        case .index(let a, let b), .binary(_, let a, let b):
            expr(a, &names)
            expr(b, &names)
        case .call(let n, let args):
            for a in args { expr(a, &names) }
            call(n, args.count, e.location, names)
        case .pipeline(let p): pipeline(p, &names)
        case .wait(let target):
            guard let target else { return }
            expr(target, &names)
            wait(target, e.location, names)
        }
    }

    /// Variables to suggest from (not the script's arguments `1`..`9`).
    func visible(_ names: Set<String>) -> [String] {
        names.filter { $0 != Self.anyName && Int($0) == nil }.sorted()
    }

    /// `f(x)`: a variable holding a function first, then the builtin functions, as a run looks.
    func call(_ name: String, _ count: Int, _ loc: SourceLocation, _ names: Set<String>) {
        if !facts.bound.contains(name), !names.contains(Self.anyName), let f = Builtins.functions[name] {
            if !f.arity.contains(count) { error(Interpreter.arity(f, got: count), loc) }
            return
        }
        guard isBound(name, names) else {
            if let def = facts.defLocations[name], def.file == loc.file {
                error(
                    "unknown function '\(name)' here: its def (line \(def.line)) runs later; move the def above the first call",
                    loc)
            } else {
                error(Interpreter.unknownFunction(name, among: facts.defs.keys.sorted()), loc)
            }
            return
        }
        // One `def` and nothing else binding the name: its parameters are known.
        if !facts.boundOtherwise.contains(name), let defs = facts.defs[name], defs.count == 1, defs[0].count != count {
            error(Interpreter.arity(function: name, params: defs[0], got: count), loc)
        }
    }

    /// `wait 5`, `wait [1, 2]`, `wait x` after only `x = true`: never a job.
    func wait(_ target: Expr, _ loc: SourceLocation, _ names: Set<String>) {
        var kind = JobKinds.certainNonJob(target)
        if kind == nil, case .variable(let n) = target.kind, !names.contains(Self.anyName) {
            kind = facts.nonJobKind(of: n)
        }
        if let kind {
            error(Interpreter.waitNeedsJob(got: kind), loc)
        } else if case .list(let items) = target.kind, let item = items.lazy.compactMap(JobKinds.listItemNonJob).first {
            error(Interpreter.waitNeedsJobs(got: item), loc)
        }
    }

    func pipeline(_ p: Pipeline, _ names: inout Set<String>) {
        for (n, stage) in p.stages.enumerated() {
            switch stage.kind {
            case .expr(let e): expr(e, &names)
            case .command(let cmd): command(cmd, piped: n > 0, &names)
            case .stage(let name, let args, let condition): self.stage(name, args, condition, stage.location, &names)
            case .builtin(let name, let args, let exprs): builtin(name, args, exprs, stage.location, &names)
            }
        }
        if p.background, p.stages.last.map({ if case .command = $0.kind { false } else { true } }) ?? true {
            error(Interpreter.backgroundNeedsCommand, p.location)
        }
    }
}

/// Visits every statement and expression of a tree, blocks and function bodies
/// included, for the facts `acsh check` gathers before its walk in order.
struct SyntaxWalk {
    var statement: (Stmt) -> Void = { _ in }
    var expression: (Expr) -> Void = { _ in }
    var stage: (Stage) -> Void = { _ in }

    func walk(_ stmts: [Stmt]) {
        for s in stmts { walk(s) }
    }

    func walk(_ s: Stmt) {
        statement(s)
        switch s.kind {
        case .expression(let e), .assign(_, let e): walk(e)
        case .assignPath(_, let steps, let e):
            for case .index(let i) in steps { walk(i) }
            walk(e)
        case .ifElse(let branches, let elseBody):
            for (c, body) in branches { walk(c); walk(body) }
            walk(elseBody ?? [])
        case .forIn(_, let e, let body), .whileLoop(let e, let body): walk(e); walk(body)
        case .def(_, _, let body): walk(body)
        case .returnValue(let e), .exit(let e): if let e { walk(e) }
        case .assert(let c, let m): walk(c); if let m { walk(m) }
        case .tryCatch(let body, _, let handler): walk(body); walk(handler)
        case .breakLoop, .continueLoop: break
        }
    }

    func walk(_ e: Expr) {
        expression(e)
        switch e.kind {
        case .literal, .variable, .field: break
        case .interpolated(let parts):
            for p in parts {
                switch p {
                case .text: break
                case .expr(let x), .reference(let x): walk(x)
                }
            }
        case .variableOrCommand(_, let cmd): walk(cmd.args)
        case .list(let items), .call(_, let items): items.forEach { walk($0) }
        case .record(let fields): fields.forEach { walk($0.1) }
        case .member(let b, _), .unary(_, let b), .optional(let b): walk(b)
        case .index(let a, let b), .binary(_, let a, let b): walk(a); walk(b)
        case .pipeline(let p): walk(p)
        case .wait(let t): if let t { walk(t) }
        }
    }

    func walk(_ p: Pipeline) {
        for s in p.stages {
            stage(s)
            switch s.kind {
            case .expr(let e): walk(e)
            case .command(let cmd): walk(cmd.args)
            case .stage(_, let args, let cond): walk(args); if let cond { walk(cond) }
            case .builtin(_, let args, let exprs): walk(args); exprs.forEach { walk($0) }
            }
        }
    }

    func walk(_ words: [CommandWord]) {
        for w in words {
            switch w {
            case .positional(let e), .named(_, _, let e, _): walk(e)
            case .block(let body, _): walk(body)
            case .flag: break
            }
        }
    }
}

extension CommandWord {
    /// The positional words' expressions, for builtins read word by word.
    static func positionals(_ words: [CommandWord]) -> [Expr] {
        words.compactMap { if case .positional(let e) = $0 { e } else { nil } }
    }
}

extension Expr {
    /// The text of a literal word or string (`default`, `"lib.cs"`); nil for anything computed.
    var literalText: String? {
        guard case .literal(let v) = kind else { return nil }
        switch v.data {
        case .string(let s): return s
        case .number(let n): return n.text
        default: return nil
        }
    }
}

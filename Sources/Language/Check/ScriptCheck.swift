import APICatalog

/// What `acsh check` checks against: the active profile's catalog (the bundled
/// one by default) and the parameter defaults in effect there.
public struct CheckContext: Sendable {
    public var catalog: Catalog
    /// Names of the parameter defaults in effect (`serviceoffering` on the sandbox).
    public var defaults: [String]

    public init(catalog: Catalog = .bundled, defaults: [String] = []) {
        self.catalog = catalog
        self.defaults = defaults
    }
}

/// `acsh check FILE.cs`: finds the mistakes a run would stop at, without running
/// or sending anything. Conservative on purpose: a finding on a valid script is
/// worse than a missed one, so whatever depends on values (a computed name, a
/// variable set in some branch or loop, a sourced file it cannot read) is left
/// to the run. Commands resolve through the interpreter's own resolver and
/// signatures, so check, `explain` and a run agree.
public enum ScriptCheck {
    /// Every finding of a text in source order: syntax errors alone when it does not parse.
    public static func findings(source: String, file: String, context: CheckContext) -> [Finding] {
        findings(source: source, file: file, context: context, resolver: CommandResolver())
    }

    /// With a session's resolver: an unlisted API's warning then shows once, here, not again in the run.
    /// `syntax`: report syntax errors (a run reports its own, with the line and a caret).
    static func findings(
        source: String, file: String, context: CheckContext, resolver: CommandResolver,
        syntax: Bool = true
    ) -> [Finding] {
        let program: Program
        do {
            program = try Parser.parse(SourceFile(name: file, text: source))
        } catch let e as ParseErrors {
            return syntax ? e.errors.map { Finding(.error, $0.message, at: $0.location) } : []
        } catch {
            return syntax ? [Finding(.error, "\(error)", at: SourceLocation(file: file, line: 1, column: 1))] : []
        }
        let checker = ScriptChecker(
            context: context, resolver: resolver, facts: ProgramFacts(program.statements, file: file))
        checker.run(program.statements)
        return checker.sorted
    }
}

extension Session {
    /// The check a script gets before it runs (`acsh FILE.cs`), against this session's
    /// catalog and parameter defaults. Empty for a text that does not parse: the run
    /// shows those errors with the line and a caret.
    public func check(source: String, file: String) -> [Finding] {
        let interp = interpreter
        let context = CheckContext(
            catalog: interp.host.catalog, defaults: interp.defaults.effective(interp.host).map(\.name))
        return ScriptCheck.findings(
            source: source, file: file, context: context, resolver: interp.resolver, syntax: false)
    }
}

/// The walk in program order, carrying the names that may be bound at each point.
final class ScriptChecker {
    let context: CheckContext
    let resolver: CommandResolver
    let facts: ProgramFacts
    private(set) var findings: [Finding] = []
    /// In a set of names: a `source` the check cannot see into has run, so any name may exist.
    static let anyName = "*"

    /// Bound before the first line: the script's arguments.
    static let implicit: Set<String> = Set(["args"] + (1...9).map(String.init))

    init(context: CheckContext, resolver: CommandResolver, facts: ProgramFacts) {
        self.context = context
        self.resolver = resolver
        self.facts = facts
        findings = facts.warnings
    }

    var sorted: [Finding] {
        findings.enumerated().sorted { a, b in
            let (x, y) = (a.element.location, b.element.location)
            if x.file != y.file { return a.offset < b.offset }
            return (x.line, x.column, a.offset) < (y.line, y.column, b.offset)
        }.map(\.element)
    }

    /// Inside `try`: a mistake there is caught like any error, perhaps on purpose, so it only warns.
    var tryDepth = 0

    func error(_ message: String, _ loc: SourceLocation) {
        let f = Finding(tryDepth > 0 ? .warning : .error, message, at: loc)
        if !findings.contains(f) { findings.append(f) }
    }

    func warning(_ message: String, _ loc: SourceLocation) {
        let f = Finding(.warning, message, at: loc)
        if !findings.contains(f) { findings.append(f) }
    }

    func run(_ stmts: [Stmt]) {
        var names = Self.implicit
        statements(stmts, &names)
    }

    func isBound(_ name: String, _ names: Set<String>) -> Bool { names.contains(name) || names.contains(Self.anyName) }

    /// Names any statement of `stmts` binds, however deep: a loop's second pass may see them.
    func bound(in stmts: [Stmt]) -> Set<String> {
        var out = Set<String>()
        var walk = SyntaxWalk()
        walk.statement = { s in
            switch s.kind {
            case .assign(let n, _), .assignPath(let n, _, _), .forIn(let n, _, _), .def(let n, _, _): out.insert(n)
            case .tryCatch(_, let n?, _): out.insert(n)
            default: break
            }
        }
        walk.stage = { [facts] s in
            if case .builtin("source", _, _) = s.kind { out.formUnion(facts.sourced[s.location] ?? [Self.anyName]) }
        }
        walk.walk(stmts)
        return out
    }

    func statements(_ stmts: [Stmt], _ names: inout Set<String>) {
        for s in stmts { statement(s, &names) }
    }

    func statement(_ s: Stmt, _ names: inout Set<String>) {
        switch s.kind {
        case .expression(let e): expr(e, &names)
        case .assign(let n, let e):
            expr(e, &names)
            names.insert(n)
        case .assignPath(let n, let steps, let e):
            if !isBound(n, names) { error("unknown variable '\(n)': assign it first", s.location) }
            expr(e, &names)
            for case .index(let i) in steps { expr(i, &names) }
        case .ifElse(let branches, let elseBody):
            var conditions = names
            var after = Set<String>()
            for (c, body) in branches {
                expr(c, &conditions)
                var inBranch = conditions
                statements(body, &inBranch)
                after.formUnion(inBranch)
            }
            var other = conditions
            statements(elseBody ?? [], &other)
            names = after.union(other)
        case .forIn(let n, let seq, let body):
            expr(seq, &names)
            var inLoop = names.union(bound(in: body))
            inLoop.insert(n)
            statements(body, &inLoop)
            names = inLoop
        case .whileLoop(let c, let body):
            var inLoop = names.union(bound(in: body)).union(bound(in: [Stmt(.expression(c), c.location)]))
            expr(c, &inLoop)
            statements(body, &inLoop)
            names = inLoop
        case .def(let n, let params, let body):
            names.insert(n)
            // Called later from anywhere: the body sees every global bound anywhere, and its parameters.
            var inBody = facts.bound.union(params).union(Self.implicit)
            if facts.unknownSource { inBody.insert(Self.anyName) }
            statements(body, &inBody)
        case .returnValue(let e), .exit(let e):
            if let e { expr(e, &names) }
        case .assert(let c, let m):
            expr(c, &names)
            if let m { expr(m, &names) }
        case .breakLoop, .continueLoop: break
        case .tryCatch(let body, let n, let handler):
            var tried = names
            tryDepth += 1
            statements(body, &tried)
            tryDepth -= 1
            // The handler may start after any statement of the body.
            var caught = names.union(bound(in: body))
            if let n { caught.insert(n) }
            statements(handler, &caught)
            names = tried.union(caught)
        }
    }
}

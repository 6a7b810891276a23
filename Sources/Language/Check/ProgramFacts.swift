import Foundation

/// What a whole file says, gathered before the walk in order: the names bound
/// anywhere (a function body may read any global, whenever it is called), the
/// functions, `set default`s, `use`/`sync`, and what `source`d files bind.
struct ProgramFacts {
    /// Every name bound anywhere: assignments, loop and catch variables, functions, their parameters.
    var bound: Set<String> = []
    /// The parameter lists of each function's `def`s in this file, and where the first one is.
    var defs: [String: [[String]]] = [:]
    var defLocations: [String: SourceLocation] = [:]
    /// Names bound other than by a `def` here (such a name may hold another function, or none).
    var boundOtherwise: Set<String> = []
    /// Values assigned to each variable: the type name when it can never be a job, nil when it may be one.
    var assignedKinds: [String: [String?]] = [:]
    /// `use` or `sync` runs: later commands may meet another catalog.
    var catalogChanges = false
    /// Parameter defaults the file sets (`set default NAME VALUE`); `defaultsUnknown` when a name is computed.
    var defaultNames: Set<String> = []
    var defaultsUnknown = false
    /// A `source` whose file is computed or unreadable here: any name may exist once it ran.
    var unknownSource = false
    /// What each readable `source` binds, by the location of its `source`.
    var sourced: [SourceLocation: Set<String>] = [:]
    /// Sourced files the check could not read or parse here.
    var warnings: [Finding] = []

    static let maxSourceDepth = 8

    init(_ stmts: [Stmt], file: String, depth: Int = 0) {
        gather(stmts, file: file, depth: depth)
    }

    /// The type name every value assigned to `name` has when none can be a job (`x = 5`); else nil.
    func nonJobKind(of name: String) -> String? {
        guard !unknownSource, !boundOtherwise.contains(name), let kinds = assignedKinds[name],
            let first = kinds.first ?? nil, kinds.allSatisfy({ $0 == first })
        else { return nil }
        return first
    }

    private mutating func gather(_ stmts: [Stmt], file: String, depth: Int) {
        var facts = self
        var walk = SyntaxWalk()
        walk.statement = { s in facts.note(s) }
        walk.stage = { s in facts.note(s, file: file, depth: depth) }
        walk.walk(stmts)
        self = facts
    }

    private mutating func bind(_ name: String) {
        bound.insert(name)
        boundOtherwise.insert(name)
    }

    private mutating func note(_ s: Stmt) {
        switch s.kind {
        case .assign(let n, let e):
            bound.insert(n)
            assignedKinds[n, default: []].append(JobKinds.certainNonJob(e))
        case .assignPath(let n, _, _): bind(n)
        case .forIn(let n, _, _): bind(n)
        case .tryCatch(_, let n, _): if let n { bind(n) }
        case .def(let n, let params, _):
            bound.insert(n)
            defs[n, default: []].append(params)
            if defLocations[n] == nil { defLocations[n] = s.location }
            params.forEach { bind($0) }
        default: break
        }
    }

    private mutating func note(_ s: Stage, file: String, depth: Int) {
        guard case .builtin(let name, let args, _) = s.kind else { return }
        let words = CommandWord.positionals(args)
        switch name {
        case "use", "sync": catalogChanges = true
        case "set" where words.first?.literalText == "default":
            if words.count > 1 {
                if let n = words[1].literalText { defaultNames.insert(n) } else { defaultsUnknown = true }
            }
        case "source": source(words, at: s.location, file: file, depth: depth)
        default: break
        }
    }

    /// Reads a sourced file where the run looks for it (beside the script, then as written).
    private mutating func source(_ words: [Expr], at loc: SourceLocation, file: String, depth: Int) {
        guard words.count == 1, let written = words[0].literalText, depth < Self.maxSourceDepth else {
            unknownSource = true
            return
        }
        var path = written
        if !path.hasPrefix("/"), let dir = Builtins.scriptFolder(file),
            FileManager.default.fileExists(atPath: dir + "/" + path)
        {
            path = dir + "/" + path
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            unknownSource = true
            warnings.append(
                Finding(.warning, "cannot read \(written) here: the names it defines are not checked", at: loc))
            return
        }
        guard let program = try? Parser.parse(SourceFile(name: path, text: text)) else {
            unknownSource = true
            warnings.append(
                Finding(
                    .warning,
                    "\(written) has syntax errors (acsh check \(written) lists them): the names it defines are not checked",
                    at: loc))
            return
        }
        let inner = ProgramFacts(program.statements, file: path, depth: depth + 1)
        sourced[loc] = inner.bound
        bound.formUnion(inner.bound)
        boundOtherwise.formUnion(inner.bound)  // its functions' arities are its own file's business
        catalogChanges = catalogChanges || inner.catalogChanges
        defaultNames.formUnion(inner.defaultNames)
        defaultsUnknown = defaultsUnknown || inner.defaultsUnknown
        unknownSource = unknownSource || inner.unknownSource
    }
}

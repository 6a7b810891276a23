import Values

/// Expressions. Every node carries the location of its first token.
public struct Expr: Sendable {
    public indirect enum Kind: Sendable {
        case literal(Value)
        case interpolated([InterpolationPart])
        /// `$name` or a bare name in expression position.
        case variable(String)
        /// A bare word alone as a statement or pipeline head: a variable when one
        /// is defined, otherwise an API command without arguments (`listZones`).
        case variableOrCommand(String, Command)
        /// A bare name inside `where`/`sort`: a field of the current record first.
        case field(String)
        case list([Expr])
        case record([(String, Expr)])
        case member(Expr, String)
        case index(Expr, Expr)
        case unary(String, Expr)
        case binary(String, Expr, Expr)
        case call(String, [Expr])
        case pipeline(Pipeline)
        /// `wait`, `wait job`, `wait $job`, `wait [$a, $b]`.
        case wait(Expr?)
        /// `name:$x?`: a command argument that is left out when its value is null.
        case optional(Expr)
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, _ location: SourceLocation) {
        self.kind = kind
        self.location = location
    }
}

public enum InterpolationPart: Sendable {
    case text(String)
    case expr(Expr)
    /// `$file.txt`: fields of records, but text after a plain value.
    case reference(Expr)
}

/// One word of a command, builtin or stage invocation, parsed the same way
/// for all of them; each consumer interprets the words by its signature.
public enum CommandWord: Sendable {
    /// A value: bare word, number, string, `$var.field`, `(expr)`, list.
    case positional(Expr)
    /// `name=value` (raw CloudStack name) or `name:value` (friendly name).
    case named(name: String, friendly: Bool, value: Expr, location: SourceLocation)
    /// `-p`, `-name`.
    case flag(String, SourceLocation)
    /// `{ statements }`.
    case block([Stmt], SourceLocation)
}

/// `VERB NOUN ARGS`, a raw API name with args, or an API command used as a stage.
public struct Command: Sendable {
    public var words: [String]  // the verb (or raw API name) and an optional noun
    public var args: [CommandWord]
    public var location: SourceLocation
}

public enum StageKind: Sendable {
    /// The first element of a pipeline when it is a value.
    case expr(Expr)
    case command(Command)
    /// A pipeline stage from the stage registry (where, select, ...).
    case stage(name: String, args: [CommandWord], expr: Expr?)
    /// A builtin command from the builtin registry (print, set, help, ...).
    case builtin(name: String, args: [CommandWord], exprs: [Expr])
}

public struct Stage: Sendable {
    public var kind: StageKind
    public var location: SourceLocation
}

public struct Pipeline: Sendable {
    public var stages: [Stage]
    /// Ended by `&`: start the async job and return it at once.
    public var background: Bool
    public var location: SourceLocation
}

public struct Stmt: Sendable {
    public indirect enum Kind: Sendable {
        case expression(Expr)
        case assign(String, Expr)
        /// `x.a = v`, `x[0] = v`: assignment into a record or list variable.
        case assignPath(String, [PathStep], Expr)
        case ifElse([(Expr, [Stmt])], [Stmt]?)
        case forIn(String, Expr, [Stmt])
        case whileLoop(Expr, [Stmt])
        case def(String, [String], [Stmt])
        case returnValue(Expr?)
        case breakLoop
        case continueLoop
        case tryCatch([Stmt], String?, [Stmt])
        case exit(Expr?)
        case assert(Expr, Expr?)
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, _ location: SourceLocation) {
        self.kind = kind
        self.location = location
    }
}

public enum PathStep: Sendable {
    case field(String)
    case index(Expr)
}

/// A parsed file or REPL line.
public struct Program: Sendable {
    public var statements: [Stmt]
    public var source: SourceFile
    /// The source text of each top-level statement (`history save` keeps them).
    public var texts: [String] = []
}

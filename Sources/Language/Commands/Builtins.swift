import Values

/// What a builtin command gets.
struct BuiltinCall {
    let name: String
    var args: [CommandWord]
    let exprs: [Expr]
    let input: PipeResult?
    let location: SourceLocation
    let interpreter: Interpreter
    let scope: Scope

    var host: any ShellHost { interpreter.host }

    /// Positional words evaluated; flags and name:value refused.
    func words() async throws -> [Value] {
        var out: [Value] = []
        for a in args {
            switch a {
            case .positional(let e): out.append(try await interpreter.evaluate(e, scope))
            case .named(let n, let friendly, let e, _):
                // `set output:json` reads like `set output json`.
                out.append(.string(n))
                out.append(try await interpreter.evaluate(e, scope))
                _ = friendly
            case .flag(let f, let loc):
                throw ScriptError("\(name) has no flag -\(f); usage: \(usage)", at: loc)
            case .block(_, let loc):
                throw ScriptError("\(name) takes no block; usage: \(usage)", at: loc)
            }
        }
        return out
    }

    var usage: String { Builtins.commands[name]?.signature.usage ?? name }

    func expressions() async throws -> [Value] {
        var out: [Value] = []
        for e in exprs { out.append(try await interpreter.evaluate(e, scope)) }
        return out
    }
}

struct BuiltinDefinition: Sendable {
    let signature: Signature
    let run: @Sendable (BuiltinCall) async throws -> PipeResult
}

/// What a builtin function gets.
struct FunctionCall {
    let args: [Value]
    let location: SourceLocation
    let interpreter: Interpreter
    let scope: Scope

    func fail(_ message: String) -> ScriptError { ScriptError(message, at: location) }
}

struct FunctionDefinition: Sendable {
    let name: String
    let arity: ClosedRange<Int>
    let usage: String
    let summary: String
    let run: @Sendable (FunctionCall) async throws -> Value

    var arityText: String {
        arity.lowerBound == arity.upperBound
            ? "\(arity.lowerBound) argument\(arity.lowerBound == 1 ? "" : "s")"
            : "\(arity.lowerBound) to \(arity.upperBound) arguments"
    }
}

/// The one registry of builtin commands and functions; the parser, `help`
/// and completion all read it.
public enum Builtins {
    static let commands: [String: BuiltinDefinition] = {
        Dictionary(uniqueKeysWithValues: Registry.builtinFamilies.joined().map { ($0.signature.name, $0) })
    }()

    static let functions: [String: FunctionDefinition] = {
        Dictionary(uniqueKeysWithValues: Registry.functionFamilies.joined().map { ($0.name, $0) })
    }()

    public static func signature(named name: String) -> Signature? { commands[name]?.signature }

    public static var commandNames: [String] { commands.keys.sorted() }
    public static var functionNames: [String] { functions.keys.sorted() }
    public static var commandSignatures: [Signature] { commandNames.compactMap { commands[$0]?.signature } }

    /// Usage and summary of a builtin function, for help and completion.
    public static func functionHelp(_ name: String) -> (usage: String, summary: String)? {
        functions[name].map { ($0.usage, $0.summary) }
    }
}

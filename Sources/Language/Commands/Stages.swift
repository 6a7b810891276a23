import Values

/// What a stage gets: its words, the enclosing scope and the interpreter.
struct StageCall {
    let name: String
    let args: [CommandWord]
    let expr: Expr?
    let location: SourceLocation
    let interpreter: Interpreter
    let scope: Scope

    /// Positional words evaluated, flags apart: `sort -name state` -> flags [name], values [state].
    func values() async throws -> [Value] {
        var out: [Value] = []
        for a in args {
            switch a {
            case .positional(let e): out.append(try await interpreter.evaluate(e, scope))
            case .named(let n, _, _, let loc):
                throw ScriptError(Stages.all[name]?.signature.noNamed(n) ?? "\(name) takes no name:value arguments", at: loc)
            case .flag(let f, let loc):
                throw ScriptError(Stages.all[name]?.signature.noFlag(f) ?? "\(name) has no flag -\(f)", at: loc)
            case .block(_, let loc):
                throw ScriptError(Stages.all[name]?.signature.noBlock ?? "\(name) takes no block", at: loc)
            }
        }
        return out
    }

    /// For stages that take nothing (`count`, `json`): a word after them is a mistake.
    func noArguments() throws {
        guard args.isEmpty else {
            throw ScriptError("\(name) takes no arguments; to compare its result, put the pipeline in parentheses: (list vms | \(name)) > 0",
                              at: location)
        }
    }

    /// The input with a warning on stderr for fields no record has (`select stat`).
    func warnMissing(_ names: [FieldCheck.Name], _ input: ValueStream) -> ValueStream {
        FieldCheck(stage: name, names: names, isError: false, location: location, interpreter: interpreter).wrap(input)
    }

    func count(default d: Int) async throws -> Int {
        let v = try await values()
        guard let first = v.first else { return d }
        guard v.count == 1, let n = first.number?.int ?? Int(first.plainText), n >= 0 else {
            throw ScriptError(Stages.all[name]!.signature.countNeeded, at: location)
        }
        return n
    }
}

/// A pipeline stage: its signature and what it does to the stream.
struct StageDefinition: Sendable {
    let signature: Signature
    let run: @Sendable (StageCall, ValueStream) async throws -> PipeResult
}

/// The one registry of pipeline stages. Adding a stage = adding a definition
/// to one of the family lists; the parser, `help` and completion read it.
public enum Stages {
    static let all: [String: StageDefinition] = {
        Dictionary(uniqueKeysWithValues: Registry.stageFamilies.joined().map { ($0.signature.name, $0) })
    }()

    public static func signature(named name: String) -> Signature? { all[name]?.signature }

    /// Stage names for completion, sorted.
    public static var names: [String] { all.keys.sorted() }

    public static var signatures: [Signature] { names.compactMap { all[$0]?.signature } }
}

/// A dotted field path parsed once per stage: `nic[0].ipaddress`.
struct FieldPath {
    enum Step { case field(String), index(Int) }
    let steps: [Step]
    let text: String

    init(_ text: String) {
        self.text = text
        var steps: [Step] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(part)
            if let b = rest.firstIndex(of: "[") {
                if b > rest.startIndex { steps.append(.field(String(rest[..<b]))) }
                rest = rest[b...]
                while rest.first == "[", let close = rest.firstIndex(of: "]") {
                    let inner = rest[rest.index(after: rest.startIndex)..<close]
                    if let i = Int(inner) { steps.append(.index(i)) } else { steps.append(.field(String(inner))) }
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                steps.append(.field(String(rest)))
            }
        }
        self.steps = steps
    }

    /// The last field name: what `select nic[0].ipaddress` calls its column.
    var columnName: String {
        for s in steps.reversed() { if case .field(let f) = s { return f } }
        return text
    }

    func get(_ v: Value) -> Value {
        var cur = v.data
        for s in steps {
            switch s {
            case .field(let f): cur = cur[field: f] ?? .null
            case .index(let i): cur = cur[index: i] ?? .null
            }
        }
        return cur
    }
}

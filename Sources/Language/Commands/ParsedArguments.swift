import Values

/// A builtin's or stage's words read by its signature: flags (with their values),
/// positional values and the block. The one flag parser: no command reads `-x` by hand.
struct ParsedArguments {
    /// By the flag's short name: its value, or true for a switch.
    var flags: [String: Value] = [:]
    var values: [Value] = []
    var block: [Stmt]?

    static func parse(_ args: [CommandWord], by signature: Signature,
                      evaluate: (Expr) async throws -> Value) async throws -> ParsedArguments {
        var out = ParsedArguments()
        var k = 0
        while k < args.count {
            switch args[k] {
            case .flag(let f, let loc):
                guard let flag = signature.flags.first(where: { $0.matches(f) }) else {
                    throw ScriptError(signature.noFlag(f), at: loc)
                }
                guard let slot = flag.value else {
                    out.flags[flag.name] = .bool(true)
                    k += 1
                    continue
                }
                guard k + 1 < args.count, case .positional(let e) = args[k + 1] else {
                    throw ScriptError(signature.flagNeedsValue(f, slot), at: loc)
                }
                out.flags[flag.name] = try await evaluate(e)
                k += 2
            case .block(let body, let loc):
                guard signature.slots.contains(where: { $0.kind == .block }) else {
                    throw ScriptError(signature.noBlock, at: loc)
                }
                out.block = body
                k += 1
            case .positional(let e):
                let v = try await evaluate(e)
                // `--verbose` arrives as one word (the lexer reads `--` apart from a name): a long switch.
                if case .string(let s) = v.data, s.hasPrefix("--"),
                   let flag = signature.flags.first(where: { $0.value == nil && $0.matches(String(s.dropFirst(2))) }) {
                    out.flags[flag.name] = .bool(true)
                } else {
                    out.values.append(v)
                }
                k += 1
            case .named(let n, _, _, let loc):
                throw ScriptError(signature.noNamed(n), at: loc)
            }
        }
        return out
    }

    /// A count flag's value (`-p 8`), nil when not given, or `invalid` thrown when it is not a whole number ≥ `minimum`.
    func count(_ flag: String, minimum: Int, invalid: @autoclosure () -> ScriptError) throws -> Int? {
        guard let v = flags[flag] else { return nil }
        guard let n = v.number?.int ?? Int(v.plainText), n >= minimum else { throw invalid() }
        return n
    }
}

/// The words' mistakes, said once for the run (ParsedArguments) and `acsh check`.
extension Signature {
    func noFlag(_ f: String) -> String { "\(name) has no flag -\(f); usage: \(usage)" }
    func flagNeedsValue(_ f: String, _ slot: Slot) -> String { "-\(f) needs \(slot.name); usage: \(usage)" }
    var noBlock: String { "\(name) takes no block; usage: \(usage)" }
    func noNamed(_ n: String) -> String { "\(name) takes no name:value arguments (got '\(n)'); usage: \(usage)" }
    /// `first abc`: a count slot given something else.
    var countNeeded: String { "\(name) takes one count, a whole number ≥ 0: \(usage)" }
}

extension BuiltinCall {
    func parsed() async throws -> ParsedArguments {
        guard let signature = Builtins.signature(named: name) else { return ParsedArguments() }
        return try await ParsedArguments.parse(args, by: signature) { try await interpreter.evaluate($0, scope) }
    }
}

extension StageCall {
    func parsed() async throws -> ParsedArguments {
        guard let signature = Stages.signature(named: name) else { return ParsedArguments() }
        return try await ParsedArguments.parse(args, by: signature) { try await interpreter.evaluate($0, scope) }
    }
}

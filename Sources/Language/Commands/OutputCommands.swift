import Contracts
import FoundationEssentials
import Values
import OrderedCollections

extension Builtins {
    /// print, echo, help, vars.
    static let outputCommands: [BuiltinDefinition] = [
        BuiltinDefinition(
            signature: Signature(
                "print", [Slot("VALUE", .expression, repeats: true)],
                summary: "write values separated by spaces: strings as they are, others as JSON",
                examples: ["z = (list zones)[0]; print \"zone $z.name\" $z.id"])
        ) { call in
            try await Builtins.printValues(call)
            return .value(.null)
        },
        BuiltinDefinition(
            signature: Signature(
                "echo", [Slot("VALUE", .expression, repeats: true)],
                summary: "the same as print")
        ) { call in
            try await Builtins.printValues(call)
            return .value(.null)
        },
        BuiltinDefinition(
            signature: Signature(
                "help", [Slot("COMMAND | STAGE | BUILTIN | concepts | CONCEPT", .word, optional: true)],
                summary:
                    "what a command, API, stage or builtin does and takes; help concepts: zones, offerings, jobs and the rest"
            )
        ) { call in
            let words = try await call.words().map(\.plainText)
            return .value(.string(Help.text(for: words, catalog: call.host.catalog)))
        },
        BuiltinDefinition(
            signature: Signature(
                "vars",
                summary: "the variables defined here and their values")
        ) { call in
            _ = try await call.words()
            var r = Record()
            for (k, v) in call.scope.all().sorted(by: { $0.key < $1.key })
            where Int(k) == nil && k != "args" {
                if case .opaque(let o) = v, o is FunctionValue { continue }
                r[k] = v
            }
            return .value(.record(r))
        },
    ]

    /// The values given, or (`... | print`) each piped item on its own line.
    static func printValues(_ call: BuiltinCall) async throws {
        if call.exprs.isEmpty, let input = call.input {
            let items = input.stream
            while let v = try await items.next() { call.host.writeOutput(display(v) + "\n") }
            return
        }
        let values = try await call.expressions()
        for v in values { await call.interpreter.refreshJob(v) }
        call.host.writeOutput(values.map(display).joined(separator: " ") + "\n")
    }

    /// How print shows a value: strings raw, the rest as compact JSON.
    static func display(_ v: Value) -> String {
        switch v.data {
        case .string(let s): s
        case .list, .record: JSONWriter.compact(v.data)
        case .null: "null"
        default: v.plainText
        }
    }
}

import Values

/// `each [-p N] { block }`: the block once per record with `$it` bound,
/// up to N at a time. Results keep the input order.
extension Stages {
    static let eachStages: [StageDefinition] = [
        StageDefinition(
            signature: Signature(
                "each", [Slot("BLOCK", .block)], flags: [Flag("p", value: Slot("N", .count))],
                summary: "run the block for every record ($it); -p N runs up to N at once; yields the blocks' values",
                examples: ["list vms state:Stopped | each -p 8 { start vm id:$it.id }"])
        ) { call, input in
            let args = try await call.parsed()
            let parallel =
                try args.count(
                    "p", minimum: 1,
                    invalid: ScriptError(
                        "-p needs a number of parallel runs ≥ 1: each -p 8 { ... }", at: call.location)) ?? 1
            guard args.values.isEmpty else {
                throw ScriptError("usage: \(Stages.all["each"]!.signature.usage)", at: call.location)
            }
            guard let body = args.block else {
                throw ScriptError("each needs a block: each { print $it.name }", at: call.location)
            }
            let interp = call.interpreter
            @Sendable func runOne(_ item: Value) async throws -> Value {
                let local = Scope(parent: call.scope)
                local.define("it", item)
                do {
                    return try await interp.evaluateBlock(body, local)
                } catch Flow.continueLoop {
                    return .null
                }
            }
            if parallel == 1 {
                return .stream(
                    ValueStream {
                        while let item = try await input.next() {
                            let v = try await runOne(item)
                            if !v.isNull { return v }
                        }
                        return nil
                    })
            }
            var results: [Int: Value] = [:]
            var n = 0
            try await withThrowingTaskGroup(of: (Int, Value).self) { group in
                var running = 0
                while let item = try await input.next() {
                    if running == parallel, let (i, v) = try await group.next() {
                        results[i] = v
                        running -= 1
                    }
                    let index = n
                    group.addTask { (index, try await runOne(item)) }
                    n += 1
                    running += 1
                }
                for try await (i, v) in group { results[i] = v }
            }
            return .value(.list((0..<n).compactMap { results[$0] }.filter { !$0.isNull }))
        }
    ]
}

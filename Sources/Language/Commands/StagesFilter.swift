import Values

/// Stages that pass some records on: where, first, last, skip, uniq.
extension Stages {
    static let filterStages: [StageDefinition] = [
        StageDefinition(signature: Signature("where", [Slot("CONDITION", .condition)],
            summary: "keep the records for which the condition holds; bare names are the record's fields, $it the record",
            examples: ["list vms | where memory >= 1024 && name =~ \"^web\""])) { call, input in
            guard let cond = call.expr else { throw ScriptError("where needs a condition", at: call.location) }
            let interp = call.interpreter
            let input = FieldCheck(stage: "where", names: FieldCheck.fields(in: cond, call.scope), isError: true,
                                   location: call.location, interpreter: interp).wrap(input)
            return .stream(ValueStream {
                while let item = try await input.next() {
                    let local = Scope(parent: call.scope)
                    local.define("it", item)
                    if try await interp.evaluate(cond, local).isTruthy { return item }
                }
                return nil
            })
        },
        StageDefinition(signature: Signature("first", [Slot("N", .count, optional: true)],
            summary: "the first record, or a list of the first N; stops fetching more pages",
            examples: ["list vms | first 5"])) { call, input in
            let hasCount = !call.args.isEmpty
            let n = try await call.count(default: 1)
            if !hasCount { return .value(try await input.next() ?? .null) }
            var taken = 0
            return .stream(ValueStream {
                guard taken < n else { return nil }
                taken += 1
                return try await input.next()
            })
        },
        StageDefinition(signature: Signature("last", [Slot("N", .count, optional: true)],
            summary: "the last record, or a list of the last N")) { call, input in
            let hasCount = !call.args.isEmpty
            let n = try await call.count(default: 1)
            var ring: [Value] = []
            while let v = try await input.next() {
                ring.append(v)
                if ring.count > max(n, 1) { ring.removeFirst() }
            }
            if !hasCount { return .value(ring.last ?? .null) }
            return .value(.list(n == 0 ? [] : ring))
        },
        StageDefinition(signature: Signature("skip", [Slot("N", .count, optional: true)],
            summary: "leave out the first N records (1 without N)")) { call, input in
            let n = try await call.count(default: 1)
            var skipped = 0
            return .stream(ValueStream {
                while skipped < n {
                    guard try await input.next() != nil else { return nil }
                    skipped += 1
                }
                return try await input.next()
            })
        },
        StageDefinition(signature: Signature("uniq", [Slot("FIELD", .fieldPath, optional: true, repeats: true)],
            summary: "drop repeated values (or records repeating FIELD), keeping the first")) { call, input in
            let fields = try await call.values().map { FieldPath($0.plainText) }
            let input = call.warnMissing(FieldCheck.roots(fields), input)
            // Keyed by JSON text so long lists stay linear.
            var seen = Set<String>()
            return .stream(ValueStream {
                while let v = try await input.next() {
                    let key: Value = fields.isEmpty ? v.data : .list(fields.map { $0.get(v) })
                    if seen.insert(JSONWriter.compact(key)).inserted { return v }
                }
                return nil
            })
        },
    ]
}

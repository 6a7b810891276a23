import Values

/// Stages that reshape or summarize: select, sort, count, get, group, reverse.
extension Stages {
    static let shapeStages: [StageDefinition] = [
        StageDefinition(signature: Signature("select", [Slot("FIELD [as NAME]", .fieldPath, repeats: true)],
            summary: "keep only these fields, in this order; 'as' renames",
            examples: ["list vms | select id name nic[0].ipaddress as ip"])) { call, input in
            // `select name, state` reads as `select name state`.
            let words = try await call.values().flatMap { $0.plainText.split(separator: ",").map(String.init) }
            var columns: [(FieldPath, String)] = []
            var k = 0
            while k < words.count {
                let path = FieldPath(words[k])
                if k + 2 < words.count + 1, k + 1 < words.count, words[k + 1] == "as" {
                    guard k + 2 < words.count else { throw ScriptError("'as' needs a new name after it", at: call.location) }
                    columns.append((path, words[k + 2]))
                    k += 3
                } else {
                    columns.append((path, path.columnName))
                    k += 1
                }
            }
            guard !columns.isEmpty else { throw ScriptError("select needs field names: select id name", at: call.location) }
            return .stream(call.warnMissing(FieldCheck.roots(columns.map(\.0)), input).map { v in
                var r = Record()
                for (path, name) in columns { r[name] = path.get(v) }
                return .record(r)
            })
        },
        StageDefinition(signature: Signature("sort", [Slot("FIELD", .fieldPath, optional: true, repeats: true)], fieldFlags: true,
            summary: "sort by fields (- before a field: descending); without fields, by value",
            examples: ["list vms | sort -created name"])) { call, input in
            var keys: [(FieldPath, Bool)] = []
            for a in call.args {
                switch a {
                case .flag(let f, _): keys.append((FieldPath(f), true))
                case .positional(let e):
                    let s = try await call.interpreter.evaluate(e, call.scope).plainText
                    if s.hasPrefix("-") { keys.append((FieldPath(String(s.dropFirst())), true)) } else { keys.append((FieldPath(s), false)) }
                default: throw ScriptError("sort takes field names: sort -created name", at: call.location)
                }
            }
            let items = try await input.collect()
            try FieldCheck(stage: "sort", names: FieldCheck.roots(keys.map(\.0)), isError: false,
                           location: call.location, interpreter: call.interpreter).check(items)
            let sorted = items.enumerated().sorted { a, b in
                if keys.isEmpty {
                    let c = a.element.compare(to: b.element) ?? 0
                    return c != 0 ? c < 0 : a.offset < b.offset
                }
                for (path, desc) in keys {
                    let c = path.get(a.element).compare(to: path.get(b.element)) ?? 0
                    if c != 0 { return desc ? c > 0 : c < 0 }
                }
                return a.offset < b.offset
            }
            return .value(.list(sorted.map(\.element)))
        },
        StageDefinition(signature: Signature("reverse", summary: "the records in reverse order")) { call, input in
            try call.noArguments()
            return .value(.list(try await input.collect().reversed()))
        },
        StageDefinition(signature: Signature("count", [Slot("FIELD", .fieldPath, optional: true)],
            summary: "how many records came; with a field, how many have each of its values",
            examples: ["n = list vms | count", "list vms | count state"])) { call, input in
            let v = try await call.values()
            guard let field = v.first else {
                var n = 0
                while try await input.next() != nil { n += 1 }
                return .value(.int(n))
            }
            guard v.count == 1 else {
                throw ScriptError("count takes at most one field name (count state); to compare its result, put the pipeline in parentheses: (list vms | count) > 0",
                                  at: call.location)
            }
            let path = FieldPath(field.plainText)
            var counts = Record()
            let items = call.warnMissing(FieldCheck.roots([path]), input)
            while let item = try await items.next() {
                let v = path.get(item)
                let key = v.isNull ? "null" : v.plainText
                counts[key] = .int((counts[key]?.number?.int ?? 0) + 1)
            }
            return .value(.record(counts))
        },
        StageDefinition(signature: Signature("get", [Slot("FIELD", .fieldPath)],
            summary: "one field of every record, as a list", examples: ["list zones | get name"])) { call, input in
            let v = try await call.values()
            guard v.count == 1 else { throw ScriptError("get takes one field name: get id", at: call.location) }
            let path = FieldPath(v[0].plainText)
            return .stream(call.warnMissing(FieldCheck.roots([path]), input).map { path.get($0) })
        },
        StageDefinition(signature: Signature("group", [Slot("FIELD", .fieldPath)],
            summary: "a record from each value of FIELD to the list of records having it",
            examples: ["list vms | group state"])) { call, input in
            let v = try await call.values()
            guard v.count == 1 else { throw ScriptError("group takes one field name: group state", at: call.location) }
            let path = FieldPath(v[0].plainText)
            let input = call.warnMissing(FieldCheck.roots([path]), input)
            var order: [String] = []
            var groups: [String: [Value]] = [:]
            while let item = try await input.next() {
                let key = path.get(item).plainText
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append(item)
            }
            var r = Record()
            for k in order { r[k] = .list(groups[k]!) }
            return .value(.record(r))
        },
    ]
}

import FoundationEssentials
import Output
import Values
import OrderedCollections

extension Builtins {
    /// len, keys, values, str, int, float, type, now, env, range, sum, min, max, human, bytes, tojson, fromjson.
    static let valueFunctions: [FunctionDefinition] = [
        FunctionDefinition(
            name: "len", arity: 1...1, usage: "len(x)",
            summary: "items of a list, fields of a record, characters of a string"
        ) { c in
            switch c.args[0].data {
            case .list(let l): .int(l.count)
            case .record(let r): .int(r.count)
            case .string(let s): .int(s.count)
            case .null: .int(0)
            default: throw c.fail("len() needs a list, record or string, not a \(c.args[0].typeName)")
            }
        },
        FunctionDefinition(name: "keys", arity: 1...1, usage: "keys(record)", summary: "the field names of a record") {
            c in
            guard let r = c.args[0].data.record else {
                throw c.fail("keys() needs a record, not a \(c.args[0].typeName)")
            }
            return .list(r.keys.map { .string($0) })
        },
        FunctionDefinition(
            name: "values", arity: 1...1, usage: "values(record)", summary: "the field values of a record"
        ) { c in
            guard let r = c.args[0].data.record else {
                throw c.fail("values() needs a record, not a \(c.args[0].typeName)")
            }
            return .list(Array(r.values))
        },
        FunctionDefinition(name: "str", arity: 1...1, usage: "str(x)", summary: "x as text") { c in
            .string(Builtins.display(c.args[0]))
        },
        FunctionDefinition(
            name: "int", arity: 1...1, usage: "int(x)", summary: "x as a whole number (rounded toward zero)"
        ) { c in
            let t = c.args[0].plainText.trimmingSpaces()
            if let i = Int(t) { return .int(i) }
            if c.args[0].bool != nil { return .int(c.args[0].isTruthy ? 1 : 0) }
            guard let d = Double(t), d.isFinite, abs(d) < 9e18 else {
                throw c.fail("int() cannot read '\(t)' as a number")
            }
            return .int(Int(d))
        },
        FunctionDefinition(name: "float", arity: 1...1, usage: "float(x)", summary: "x as a number") { c in
            let t = c.args[0].plainText.trimmingSpaces()
            guard let n = Parser.numberLiteral(t) ?? Double(t).map(Number.init) else {
                throw c.fail("float() cannot read '\(t)' as a number")
            }
            return .number(n)
        },
        FunctionDefinition(
            name: "type", arity: 1...1, usage: "type(x)",
            summary: "the kind of a value: null, bool, number, string, list, record, job, function"
        ) { c in
            .string(c.args[0].typeName)
        },
        FunctionDefinition(
            name: "now", arity: 0...0, usage: "now()", summary: "the current time as seconds since 1970 (UTC)"
        ) { _ in
            .double((Date().timeIntervalSince1970 * 1000).rounded() / 1000)
        },
        FunctionDefinition(
            name: "time", arity: 1...1, usage: "time(text)",
            summary: "a CloudStack date (2024-01-31T10:00:00+0000) as seconds since 1970"
        ) { c in
            let s = c.args[0].plainText
            if let seconds = DateText.seconds(from: s) { return .double(seconds) }
            throw c.fail("time() cannot read '\(s)' as a date")
        },
        FunctionDefinition(
            name: "env", arity: 1...2, usage: "env(name[, default])",
            summary: "an environment variable, or the default (null)"
        ) { c in
            if let v = ProcessInfo.processInfo.environment[c.args[0].plainText] { return .string(v) }
            return c.args.count > 1 ? c.args[1] : .null
        },
        FunctionDefinition(
            name: "range", arity: 1...2, usage: "range(n) / range(from, to)",
            summary: "the whole numbers from 0 (or from) up to n (or to), excluded"
        ) { c in
            let nums = c.args.compactMap { $0.number?.int }
            guard nums.count == c.args.count else { throw c.fail("range() needs whole numbers") }
            let (lo, hi) = nums.count == 1 ? (0, nums[0]) : (nums[0], nums[1])
            guard let size = Bounded.subtract(hi, lo), size <= 10_000_000 else {
                throw c.fail("range() is limited to 10,000,000 numbers")
            }
            return .list(hi > lo ? (lo..<hi).map { .int($0) } : [])
        },
        FunctionDefinition(name: "sum", arity: 1...1, usage: "sum(list)", summary: "the sum of a list of numbers") {
            c in
            guard let l = c.args[0].data.list else { throw c.fail("sum() needs a list") }
            var total: Value = .int(0)
            for v in l { total = try c.interpreter.binary("+", total, v, c.location) }
            return total
        },
        FunctionDefinition(name: "min", arity: 1...1, usage: "min(list)", summary: "the smallest item") { c in
            guard let l = c.args[0].data.list else { throw c.fail("min() needs a list") }
            return l.min { ($0.compare(to: $1) ?? 0) < 0 } ?? .null
        },
        FunctionDefinition(name: "max", arity: 1...1, usage: "max(list)", summary: "the largest item") { c in
            guard let l = c.args[0].data.list else { throw c.fail("max() needs a list") }
            return l.max { ($0.compare(to: $1) ?? 0) < 0 } ?? .null
        },
        FunctionDefinition(
            name: "human", arity: 1...1, usage: "human(bytes)",
            summary: "a number of bytes as people read it: human(1610612736) is \"1.5 GiB\""
        ) { c in
            guard let n = Double(c.args[0].plainText.trimmingSpaces()) else {
                throw c.fail("human() needs a number of bytes, not '\(c.args[0].plainText)'")
            }
            return .string(HumanUnits.bytes(n))
        },
        FunctionDefinition(
            name: "bytes", arity: 1...1, usage: "bytes(text)",
            summary:
                "how many bytes a size is: bytes(\"1.5 GiB\") and bytes(\"20GB\") (1024-based, as CloudStack counts)"
        ) { c in
            guard let n = HumanUnits.parseBytes(c.args[0].plainText) else {
                throw c.fail(
                    "bytes() cannot read '\(c.args[0].plainText)' as a size (write e.g. 512 MiB, 20GB, 1.5 GiB)")
            }
            return n.rounded() == n && abs(n) < 9e18 ? .int(Int(n)) : .double(n)
        },
        FunctionDefinition(name: "tojson", arity: 1...1, usage: "tojson(x)", summary: "x as compact JSON text") { c in
            .string(JSONWriter.compact(c.args[0].data))
        },
        FunctionDefinition(name: "fromjson", arity: 1...1, usage: "fromjson(text)", summary: "the value of a JSON text")
        { c in
            do { return try JSONParser.parse(c.args[0].plainText) } catch { throw c.fail("fromjson(): \(error)") }
        },
    ]

    /// Text functions: join, split, upper, lower, trim, replace, startswith, endswith.
    static let textFunctions: [FunctionDefinition] = [
        FunctionDefinition(
            name: "join", arity: 1...2, usage: "join(list[, separator])",
            summary: "the items as text, separated (default \",\")"
        ) { c in
            guard let l = c.args[0].data.list else { throw c.fail("join() needs a list first") }
            return .string(l.map(Builtins.display).joined(separator: c.args.count > 1 ? c.args[1].plainText : ","))
        },
        FunctionDefinition(
            name: "split", arity: 1...2, usage: "split(text[, separator])",
            summary: "text cut at the separator (default: whitespace)"
        ) { c in
            let s = c.args[0].plainText
            if c.args.count > 1, !c.args[1].plainText.isEmpty {
                return .list(s.components(separatedBy: c.args[1].plainText).map { .string($0) })
            }
            return .list(s.split(whereSeparator: \.isWhitespace).map { .string(String($0)) })
        },
        FunctionDefinition(name: "upper", arity: 1...1, usage: "upper(text)", summary: "upper case") { c in
            .string(c.args[0].plainText.uppercased())
        },
        FunctionDefinition(name: "lower", arity: 1...1, usage: "lower(text)", summary: "lower case") { c in
            .string(c.args[0].plainText.lowercased())
        },
        FunctionDefinition(
            name: "trim", arity: 1...1, usage: "trim(text)", summary: "without leading and trailing whitespace"
        ) { c in
            .string(c.args[0].plainText.trimmingSpaces())
        },
        FunctionDefinition(
            name: "replace", arity: 3...3, usage: "replace(text, old, new)", summary: "every old replaced by new"
        ) { c in
            .string(c.args[0].plainText.replacing(c.args[1].plainText, with: c.args[2].plainText))
        },
        FunctionDefinition(
            name: "startswith", arity: 2...2, usage: "startswith(text, prefix)",
            summary: "whether text starts with prefix"
        ) { c in
            .bool(c.args[0].plainText.hasPrefix(c.args[1].plainText))
        },
        FunctionDefinition(
            name: "endswith", arity: 2...2, usage: "endswith(text, suffix)", summary: "whether text ends with suffix"
        ) { c in
            .bool(c.args[0].plainText.hasSuffix(c.args[1].plainText))
        },
    ]
}

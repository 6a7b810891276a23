import Values
import OrderedCollections

/// Field names a stage uses, checked against the records that flow: a
/// misspelt field in `where stat != "Running"` would keep every record.
/// Decided on the first records (up to one page), never the whole stream.
struct FieldCheck {
    /// A field the stage names; `compared` when it is a bare operand of a
    /// comparison (`state == Running`), where a missing field is likely a value.
    struct Name {
        let name: String
        var compared = false
    }

    let stage: String
    let names: [Name]
    /// Errors stop the pipeline (`where`); otherwise one warning on stderr (`select`).
    let isError: Bool
    let location: SourceLocation
    let interpreter: Interpreter

    /// How many records may be read ahead to find a field: one page.
    var lookahead: Int { max(1, interpreter.options.pageSize) }

    /// The stream with the check in front: records are read ahead only until
    /// every name is seen (usually the first record), then replayed.
    func wrap(_ input: ValueStream) -> ValueStream {
        guard !names.isEmpty else { return input }
        var buffer: [Value] = []
        var decided = false
        var k = 0
        return ValueStream {
            if !decided {
                decided = true
                var missing = names
                while !missing.isEmpty, buffer.count < lookahead, let v = try await input.next() {
                    buffer.append(v)
                    guard case .record(let r) = v.data else { missing = []; break }  // not records: nothing to check
                    missing.removeAll { n in r[n.name] != nil }
                }
                if !missing.isEmpty, !buffer.isEmpty { try report(missing, seen: buffer) }
            }
            if k < buffer.count {
                defer { k += 1 }
                return buffer[k]
            }
            buffer = []
            return try await input.next()
        }
    }

    /// For stages that collect anyway (`sort`): the check over all the records.
    func check(_ items: [Value]) throws {
        guard !items.isEmpty, items.allSatisfy({ $0.record != nil }) else { return }
        let missing = names.filter { n in !items.contains { $0.record?[n.name] != nil } }
        if !missing.isEmpty { try report(missing, seen: Array(items.prefix(lookahead))) }
    }

    private func report(_ missing: [Name], seen: [Value]) throws {
        var fields: [String] = []
        for v in seen { for k in v.record?.keys ?? [] where !fields.contains(k) { fields.append(k) } }
        for n in missing {
            let close = Suggest.closest(n.name, among: fields)
            var text = "\(stage): no record has a field '\(n.name)'"
            if !close.isEmpty {
                text += "; did you mean \(close.map { "'\($0)'" }.joined(separator: " or "))?"
            } else if n.compared {
                text += "; to compare with the text, quote it: \"\(n.name)\""
            } else if isError {
                text += "; if records may lack it, test it first: \(n.name) != null && ..."
            }
            if isError { throw ScriptError(text, at: location) }
            interpreter.host.writeError("\(location): warning: \(text)\n")
        }
    }

    /// The record fields a `where` condition reads: bare names that are not
    /// variables, and `$it.NAME`. Nested pipelines have records of their own.
    static func fields(in e: Expr, _ scope: Scope) -> [Name] {
        var out: [Name] = []
        // Fields the condition tests for null or gives a default: the author knows they may be absent.
        var optional: Set<String> = []
        func add(_ name: String, compared: Bool) {
            if let k = out.firstIndex(where: { $0.name == name }) {
                out[k].compared = out[k].compared || compared
            } else {
                out.append(Name(name: name, compared: compared))
            }
        }
        func walk(_ e: Expr, compared: Bool = false) {
            switch e.kind {
            case .field(let n) where n != "it" && scope.lookup(n) == nil: add(n, compared: compared)
            case .member(let b, let f):
                if case .variable("it") = b.kind { add(f, compared: false) } else { walk(b) }
            case .index(let b, let i): walk(b); walk(i)
            case .unary(_, let x), .optional(let x): walk(x)
            case .binary("||", let a, let b):
                // `$it.lastupdated || $it.created`: a field given a default may be absent.
                if let n = fieldRead(a) { optional.insert(n) } else { walk(a) }
                walk(b)
            case .binary(let op, let a, let b) where (op == "==" || op == "!=") && (isNull(a) || isNull(b)):
                // `where isoid != null` asks whether the field is there.
                for x in [a, b] { if let n = fieldRead(x) { optional.insert(n) } else { walk(x) } }
            case .binary(let op, let a, let b):
                // A missing name compared with a field (`state == Running`) is likely a value.
                let comparison = ["==", "!=", "<", "<=", ">", ">=", "=~", "in", "not in"].contains(op)
                walk(a, compared: comparison && fieldRead(b) != nil)
                walk(b, compared: comparison && fieldRead(a) != nil)
            case .call(_, let args), .list(let args): args.forEach { walk($0) }
            case .record(let fields): fields.forEach { walk($0.1) }
            case .interpolated(let parts):
                for p in parts { if case .expr(let x) = p { walk(x) } else if case .reference(let x) = p { walk(x) } }
            default: break
            }
        }
        walk(e)
        return out.filter { !optional.contains($0.name) }
    }

    /// The field a bare name or `$it.NAME` reads; nil for anything else.
    private static func fieldRead(_ e: Expr) -> String? {
        switch e.kind {
        case .field(let n): return n
        case .member(let b, let f): if case .variable("it") = b.kind { return f } else { return nil }
        default: return nil
        }
    }

    private static func isNull(_ e: Expr) -> Bool {
        if case .literal(let v) = e.kind { return v.isNull } else { return false }
    }

    /// The first field of each path (`nic[0].ipaddress` -> nic), for select, sort, get, group, uniq.
    static func roots(_ paths: [FieldPath]) -> [Name] {
        var out: [Name] = []
        for p in paths {
            if case .field(let f)? = p.steps.first, !out.contains(where: { $0.name == f }) { out.append(Name(name: f)) }
        }
        return out
    }
}

import Values
import OrderedCollections

/// A null never reaches a command silently: a misspelt field (`name:$v.nmae`)
/// would otherwise drop the filter and widen what the command touches.
extension Interpreter {
    /// The error for a command argument whose value is null (or holds a null item),
    /// naming where the null came from; nil when the value is fine.
    func nullArgumentError(
        _ written: String, _ expr: Expr, _ value: Value, _ scope: Scope,
        _ loc: SourceLocation
    ) async -> ScriptError? {
        let shown = "\(written)\(Self.sourceText(expr))"
        if value.isNull {
            let why = await nullOrigin(expr, scope)
            return ScriptError("\(shown) is null: \(why) (\(shown)? leaves the parameter out when null)", at: loc)
        }
        if case .interpolated(let parts) = expr.kind {
            // `name:web-$v.nmae` would send `web-`: a null part is as wrong as a null value.
            let text = parts.map { p -> String in
                switch p {
                case .text(let t): t
                case .expr(let x), .reference(let x): Self.isPlainPath(x) ? "$" + Self.pathText(x) : "${...}"
                }
            }.joined()
            for part in parts {
                let v: Value?
                switch part {
                case .text: continue
                case .expr(let x): v = Self.isPlainPath(x) ? try? await evaluate(x, scope) : nil
                case .reference(let x): v = Self.isPlainPath(x) ? try? await evaluateReference(x, scope) : nil
                }
                guard let v, v.isNull, case .expr(let x) = part.asExpr else { continue }
                let why = await nullOrigin(x, scope)
                return ScriptError("\(written)\(text) has a null part: \(why)", at: loc)
            }
        }
        if case .list(let items) = value.data, let k = items.firstIndex(where: \.isNull) {
            return ScriptError(
                "\(shown) has a null item (index \(k)): a list sent to a command must not hold nulls", at: loc)
        }
        return nil
    }

    /// Why an expression is null, as precisely as a re-read of plain paths tells:
    /// `v has no field 'nmae'; did you mean 'name'?`. Only variables, fields and
    /// constant indexes are evaluated again (they have no side effects).
    func nullOrigin(_ e: Expr, _ scope: Scope) async -> String {
        switch e.kind {
        case .literal: return "the value written is null"
        case .variable(let name), .field(let name): return "\(name) is null"
        case .optional(let inner): return await nullOrigin(inner, scope)
        case .member(let base, let name):
            return await missing(base, key: .string(name), what: "field '\(name)'", scope)
        case .index(let base, let idx):
            guard case .literal(let k) = idx.kind else { break }
            return await missing(base, key: k, what: "key '\(k.plainText)'", scope)
        case .call(let name, _): return "\(name)() gave null"
        case .pipeline, .variableOrCommand: return "the pipeline gave no value (no record matched?)"
        case .wait: return "the job gave no result"
        default: break
        }
        return "the expression gave null"
    }

    private func missing(_ base: Expr, key: Value, what: String, _ scope: Scope) async -> String {
        let path = Self.pathText(base)
        guard Self.isPlainPath(base), let v = try? await evaluate(base, scope) else {
            return "\(path) has no \(what) (or it is null)"
        }
        switch v.data {
        case .null: return await nullOrigin(base, scope)
        case .record(let r):
            if r[key.plainText] != nil { return "\(path).\(key.plainText) is null" }
            let close = Suggest.closest(key.plainText, among: Array(r.keys))
            let hint = close.isEmpty ? "" : "; did you mean \(close.map { "'\($0)'" }.joined(separator: " or "))?"
            return "\(path) has no \(what)\(hint)"
        case .list(let l) where l.isEmpty: return "\(path) is an empty list"
        default: return "\(path) has no \(what)"
        }
    }

    static func isPlainPath(_ e: Expr) -> Bool {
        switch e.kind {
        case .variable, .field: return true
        case .member(let b, _): return isPlainPath(b)
        case .index(let b, let i): if case .literal = i.kind { return isPlainPath(b) } else { return false }
        default: return false
        }
    }

    /// `v.nic[0]`: how an error names a path (without the `$`).
    static func pathText(_ e: Expr) -> String {
        switch e.kind {
        case .variable(let n), .field(let n): return n
        case .member(let b, let f): return pathText(b) + "." + f
        case .index(let b, let i):
            if case .literal(let k) = i.kind { return pathText(b) + "[\(JSONWriter.compact(k))]" }
            return pathText(b) + "[...]"
        default: return sourceText(e)
        }
    }

    /// An argument's value as it was written, near enough for a message: `$v.nmae`, `(...)`.
    static func sourceText(_ e: Expr) -> String {
        switch e.kind {
        case .variable, .member, .index, .field:
            if case .field = e.kind { return pathText(e) }
            return isPlainPath(e) ? "$" + pathText(e) : "(...)"
        case .literal(let v): return v.isNull ? "null" : JSONWriter.compact(v)
        case .call(let name, _): return "\(name)(...)"
        case .optional(let inner): return sourceText(inner)
        case .list: return "[...]"
        default: return "(...)"
        }
    }
}

extension InterpolationPart {
    /// The expression of a `$x` or `${x}` part, as an `.expr` part (text stays text).
    fileprivate var asExpr: InterpolationPart {
        if case .reference(let x) = self { return .expr(x) }
        return self
    }
}

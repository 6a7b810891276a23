/// What `wait` can never wait for, told from the syntax alone: numbers, booleans,
/// null, records without a `jobid`. A string is a job id and may be one; a variable,
/// call or command may hold a job, so only a written value is ever judged.
enum JobKinds {
    static let comparisons: Set<String> = ["==", "!=", "<", "<=", ">", ">=", "=~", "in", "not in"]

    /// The type name of a value that cannot be a job (`5`, `x > 1`, `{a: 1}`); nil when it may be one.
    static func certainNonJob(_ e: Expr) -> String? {
        switch e.kind {
        case .literal(let v):
            if case .string = v.data { return nil }
            return v.typeName
        case .record(let fields): return fields.contains { $0.0 == "jobid" } ? nil : "record"
        case .unary("!", _): return "bool"
        case .binary(let op, _, _) where comparisons.contains(op): return "bool"
        default: return nil
        }
    }

    /// An item of a written list that is not a job: `wait [1, 2]` or `wait ["id"]` (a list wants jobs themselves).
    static func listItemNonJob(_ e: Expr) -> String? {
        switch e.kind {
        case .literal(let v): return v.typeName
        case .interpolated: return "string"
        case .list: return "list"
        case .record: return "record"
        default: return certainNonJob(e)
        }
    }
}

import Values
import OrderedCollections

/// The columns of a table or CSV, chosen from the first batch of records.
struct Columns {
    /// Column names; empty when the batch holds no records (a list of scalars).
    var names: [String]
    /// Columns computed for reading (tables of everyday entities: see EntityColumns).
    private var computed: [String: (Record) -> Value] = [:]
    /// Columns that may be wider than the usual cap when the window allows.
    private(set) var wide: Set<String> = []

    /// `keyed`: records of an everyday entity put its key columns first (tables).
    init(batch: [Value], explicit: [String]?, keyed: Bool = false) {
        if let explicit {
            names = explicit
            return
        }
        var seen = Set<String>()
        var names: [String] = []
        var sawScalar = false
        if keyed, let first = batch.first(where: { $0.data.record != nil })?.data.record,
            let kind = EntityColumns.kind(of: first)
        {
            for c in kind.columns where seen.insert(c.name).inserted {
                names.append(c.name)
                computed[c.name] = c.value
                if c.wide { wide.insert(c.name) }
            }
        }
        for item in batch {
            guard case .record(let r) = item.data else { sawScalar = true; continue }
            for key in r.keys where seen.insert(key).inserted { names.append(key) }
        }
        // Scalars among records show in a column of their own.
        if sawScalar, !names.isEmpty, seen.insert("value").inserted { names.append("value") }
        self.names = names
    }

    var scalarsOnly: Bool { names.isEmpty }

    /// The row's values in column order (absent fields are null).
    func cells(of item: Value) -> [Value] {
        guard case .record(let r) = item.data else {
            return names.map { $0 == "value" ? item : .null }
        }
        return names.map { name in computed[name].map { $0(r) } ?? r[name] ?? .null }
    }
}

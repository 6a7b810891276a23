import Values

/// The columns of a table or CSV, chosen from the first batch of records.
struct Columns {
    /// Column names; empty when the batch holds no records (a list of scalars).
    var names: [String]

    init(batch: [Value], explicit: [String]?) {
        if let explicit {
            names = explicit
            return
        }
        var seen = Set<String>()
        var names: [String] = []
        var sawScalar = false
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
        return names.map { r[$0] ?? .null }
    }
}

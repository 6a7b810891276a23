import Values

/// Holds the first records of a stream until there are enough to choose a
/// layout from (or the stream ends), then hands them over once.
struct FirstBatch {
    let size: Int
    private var items: [Value] = []
    private(set) var handedOver = false

    init(size: Int) { self.size = size }

    /// Keeps `item`; the whole batch once it is full.
    mutating func add(_ item: Value) -> [Value]? {
        items.append(item)
        return items.count >= size ? drain() : nil
    }

    /// What is held, at the end of a short stream; nil once handed over.
    mutating func drain() -> [Value]? {
        guard !handedOver else { return nil }
        handedOver = true
        defer { items = [] }
        return items
    }
}

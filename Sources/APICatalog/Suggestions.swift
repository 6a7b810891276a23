extension Catalog {
    /// "Did you mean": at most three of `candidates` close to `typed`, ignoring
    /// case. Candidates that start with what was typed come first, then the
    /// nearest by edit distance (a swap of two neighbours counts as one edit).
    public static func suggestions(for typed: String, among candidates: [String]) -> [String] {
        let word = Array(typed.lowercased().unicodeScalars)
        guard !word.isEmpty else { return [] }
        // Allow about one edit per three characters typed, at least one, at most four.
        let limit = max(1, min(4, (word.count + 1) / 3))
        var scored: [(rank: Int, distance: Int, name: String)] = []
        for name in candidates {
            let other = Array(name.lowercased().unicodeScalars)
            if other.count >= word.count, other.starts(with: word), other.count > word.count {
                scored.append((0, other.count - word.count, name))
                continue
            }
            guard abs(other.count - word.count) <= limit else { continue }
            let d = editDistance(word, other)
            if d <= limit { scored.append((1, d, name)) }
        }
        scored.sort { ($0.rank, $0.distance, $0.name) < ($1.rank, $1.distance, $1.name) }
        var seen = Set<String>()
        var out: [String] = []
        for s in scored where out.count < 3 && seen.insert(s.name).inserted { out.append(s.name) }
        return out
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions and
    /// transpositions of adjacent characters each cost one.
    public static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d = min(d, before[j - 2] + 1)
                }
                current[j] = d
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}

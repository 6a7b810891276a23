/// "Did you mean" candidates by edit distance.
enum Suggest {
    static func closest(_ word: String, among candidates: [String], limit: Int = 3) -> [String] {
        let w = Array(word.lowercased())
        // Any one letter is one edit from any other: `x` suggesting `n` or `e` is noise.
        let pool = w.count == 1 ? candidates.filter { $0.count > 1 } : candidates
        let scored = Set(pool).compactMap { c -> (String, Int)? in
            let d = distance(w, Array(c.lowercased()))
            let allowed = max(1, w.count / 3)
            // A prefix of one letter (`r` -> range, replace) says nothing either.
            return d <= allowed || (w.count > 1 && c.lowercased().hasPrefix(word.lowercased())) ? (c, d) : nil
        }
        return scored.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(limit).map(\.0)
    }

    /// Edit distance counting a swap of neighbours as one edit (`coutn` -> `count`).
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}

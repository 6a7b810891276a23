import APICatalog

/// "Did you mean" among a script's own names (fields, variables, functions): the catalog's edit
/// distance (`Catalog.editDistance`, a swap of neighbours is one edit) with a stricter allowance.
enum Suggest {
    static func closest(_ word: String, among candidates: [String], limit: Int = 3) -> [String] {
        let w = Array(word.lowercased().unicodeScalars)
        // Any one letter is one edit from any other: `x` suggesting `n` or `e` is noise.
        let pool = w.count == 1 ? candidates.filter { $0.count > 1 } : candidates
        let scored = Set(pool).compactMap { c -> (String, Int)? in
            let d = Catalog.editDistance(w, Array(c.lowercased().unicodeScalars))
            let allowed = max(1, w.count / 3)
            // A prefix of one letter (`r` -> range, replace) says nothing either.
            return d <= allowed || (w.count > 1 && c.lowercased().hasPrefix(word.lowercased())) ? (c, d) : nil
        }
        return scored.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(limit).map(\.0)
    }
}

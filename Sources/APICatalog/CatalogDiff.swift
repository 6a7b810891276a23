/// What changed between two catalogs of one cloud (before and after an
/// upgrade): APIs added and removed, and per API present in both, parameters
/// added and removed. Names compare case-insensitively, as the server does.
public struct CatalogDiff: Sendable, Equatable {
    public struct APIChange: Sendable, Equatable {
        public var api: String
        public var addedParams: [String]
        public var removedParams: [String]
    }

    /// Sorted by name.
    public var addedAPIs: [String]
    public var removedAPIs: [String]
    /// APIs in both catalogs whose parameters differ, sorted by name.
    public var changedAPIs: [APIChange]

    public init(from old: Catalog, to new: Catalog) {
        func index(_ c: Catalog) -> [String: String] {
            Dictionary(c.apiNames.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        }
        let before = index(old), after = index(new)
        addedAPIs = after.filter { before[$0.key] == nil }.map(\.value).sorted()
        removedAPIs = before.filter { after[$0.key] == nil }.map(\.value).sorted()
        var changed: [APIChange] = []
        for (key, name) in after where before[key] != nil {
            guard let a = old.api(named: key), let b = new.api(named: key) else { continue }
            let pa = Set(a.params.map { $0.name.lowercased() }), pb = Set(b.params.map { $0.name.lowercased() })
            guard pa != pb else { continue }
            changed.append(
                APIChange(
                    api: name,
                    addedParams: b.params.map(\.name).filter { !pa.contains($0.lowercased()) }.sorted(),
                    removedParams: a.params.map(\.name).filter { !pb.contains($0.lowercased()) }.sorted()))
        }
        changedAPIs = changed.sorted { $0.api < $1.api }
    }

    public var isEmpty: Bool { addedAPIs.isEmpty && removedAPIs.isEmpty && changedAPIs.isEmpty }
    public var addedParamCount: Int { changedAPIs.reduce(0) { $0 + $1.addedParams.count } }
    public var removedParamCount: Int { changedAPIs.reduce(0) { $0 + $1.removedParams.count } }

    /// One line: `12 APIs added, 3 removed; parameters changed in 40 APIs (55 added, 2 removed)`.
    public var summary: String {
        if isEmpty { return "no API or parameter changed" }
        var s = "\(addedAPIs.count) API\(addedAPIs.count == 1 ? "" : "s") added, \(removedAPIs.count) removed"
        s += "; parameters changed in \(changedAPIs.count) API\(changedAPIs.count == 1 ? "" : "s")"
        s += " (\(addedParamCount) added, \(removedParamCount) removed)"
        return s
    }

    /// The summary, then every change: `+ api`, `- api`, `~ api  +param -param`.
    public var details: String {
        var out = summary + "\n"
        for n in addedAPIs { out += "+ \(n)\n" }
        for n in removedAPIs { out += "- \(n)\n" }
        for c in changedAPIs {
            let params = c.addedParams.map { "+" + $0 } + c.removedParams.map { "-" + $0 }
            out += "~ \(c.api)  \(params.joined(separator: " "))\n"
        }
        return out
    }
}

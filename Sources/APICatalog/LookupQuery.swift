extension API {
    /// Parameters for listing everything the caller may see through this list
    /// API, as name lookups and value completion do: `listall=true` where the
    /// API takes it, and a default for the required filters that have one
    /// (`templatefilter=executable`). Nil when a required parameter has no
    /// sensible default; `missingLookupParam` names it.
    public var lookupQuery: [(String, String)]? {
        guard missingLookupParam == nil else { return nil }
        var query = params.filter(\.required).compactMap { p in
            Self.lookupDefaults[p.name.lowercased()].map { (p.name, $0) }
        }
        if param(named: "listall") != nil { query.append(("listall", "true")) }
        return query
    }

    /// The first required parameter a lookup cannot fill in.
    public var missingLookupParam: APIParam? {
        params.first { $0.required && Self.lookupDefaults[$0.name.lowercased()] == nil }
    }

    private static let lookupDefaults = ["templatefilter": "executable", "isofilter": "executable"]
}

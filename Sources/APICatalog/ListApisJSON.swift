#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import FoundationEssentials
#endif

/// Decodes CloudStack's `listApis` JSON into the model. Only runs on `sync`
/// and for test dumps: at start-up acsh reads the compact form instead.
enum ListApisJSON {
    private struct Top: Decodable {
        var api: [RawAPI]?
        var listapisresponse: Inner?
    }
    private struct Inner: Decodable { var api: [RawAPI]? }
    private struct RawAPI: Decodable {
        var name: String
        var isasync: Bool?
        var description: String?
        var since: String?
        var related: String?
        var params: [RawParam]?
        var response: [RawField]?
    }
    private struct RawParam: Decodable {
        var name: String
        var type: String?
        var required: Bool?
        var length: Int?
        var related: String?
        var since: String?
        var description: String?
    }
    private struct RawField: Decodable { var name: String?; var type: String? }

    static func decode(_ json: [UInt8], source: String) throws -> [API] {
        func fail(_ what: String) -> CatalogError { CatalogError(source: source, problem: what) }
        let top: Top
        do {
            top = try JSONDecoder().decode(Top.self, from: Data(json))
        } catch let error as DecodingError {
            throw fail(describe(error))
        }
        guard let raw = top.api ?? top.listapisresponse?.api else {
            throw fail("not a listApis answer (no \"api\" list)")
        }
        guard !raw.isEmpty else { throw fail("the \"api\" list is empty") }
        var seen = Set<String>()
        return try raw.map { r in
            guard !r.name.isEmpty, r.name.utf8.allSatisfy(isNameByte) else {
                throw fail("API name \"\(r.name)\" is not a name")
            }
            guard seen.insert(r.name.lowercased()).inserted else { throw fail("API \(r.name) appears twice") }
            let params = try (r.params ?? []).map { p in
                guard !p.name.isEmpty, p.name.utf8.allSatisfy(isNameByte) else {
                    throw fail("parameter \"\(p.name)\" of \(r.name) is not a name")
                }
                return APIParam(
                    name: p.name, type: word(p.type) ?? "string", required: p.required ?? false,
                    length: p.length, related: names(p.related), since: word(p.since),
                    description: p.description)
            }
            var fields: [String] = []
            var types: [String: String] = [:]
            for f in r.response ?? [] {
                if let n = f.name, !n.isEmpty, n.utf8.allSatisfy(isNameByte), !fields.contains(n) {
                    fields.append(n)
                    if let t = word(f.type), API.typedResponseKinds.contains(t) { types[n] = t }
                }
            }
            return API(
                name: r.name, isAsync: r.isasync ?? false, params: params, responseFields: fields,
                responseTypes: types,
                related: names(r.related), since: word(r.since), description: r.description)
        }
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b == 0x5F
    }

    /// A one-word fact (type, version); anything with spaces or separators is dropped.
    private static func word(_ s: String?) -> String? {
        guard let s, !s.isEmpty, !s.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "," }) else {
            return nil
        }
        return s
    }

    /// A comma-joined list of API names, duplicates dropped, order kept.
    private static func names(_ s: String?) -> [String] {
        var out: [String] = []
        for part in (s ?? "").split(separator: ",") {
            let n = String(part.filter { $0 != " " })
            if !n.isEmpty, n.utf8.allSatisfy(isNameByte), !out.contains(n) { out.append(n) }
        }
        return out
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ c: DecodingError.Context) -> String {
            let p = c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return p.isEmpty ? "the top level" : String(p.drop { $0 == "." })
        }
        switch error {
        case .dataCorrupted(let c) where c.codingPath.isEmpty: return "not valid JSON (cut off or damaged?)"
        case .dataCorrupted(let c): return "unreadable value at \(path(c))"
        case .keyNotFound(let key, let c): return "\"\(key.stringValue)\" missing at \(path(c))"
        case .typeMismatch(let type, let c): return "expected \(type) at \(path(c))"
        case .valueNotFound(let type, let c): return "expected \(type) at \(path(c)), found null"
        @unknown default: return "not a listApis answer"
        }
    }
}

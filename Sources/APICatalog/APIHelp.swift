/// Help text for APIs, built from the catalog alone: a synced catalog shows its
/// own server's APIs and descriptions. The language's `help` uses it for API
/// commands and adds its builtins and stages.
public enum APIHelp {
    /// One API: name and command form, async mark, description, then the
    /// parameters with types, required ones first.
    public static func describe(_ api: API) -> String {
        var out = api.name
        if !api.noun.isEmpty { out += "  (\(api.verb) \(api.noun))" }
        if api.isAsync { out += "  async: waits for its job; add & to run it in the background" }
        out += "\n"
        if let d = api.description, !d.isEmpty { out += d + "\n" }
        let required = api.params.filter(\.required).sorted { $0.name < $1.name }
        let optional = api.params.filter { !$0.required }.sorted { $0.name < $1.name }
        let nameWidth = api.params.map(\.name.count).max() ?? 0
        let typeWidth = api.params.map(\.type.count).max() ?? 0
        func lines(_ params: [APIParam]) -> String {
            params.map { p in
                var line = "  " + pad(p.name, nameWidth) + "  " + pad(p.type.lowercased(), typeWidth)
                if let d = p.description, !d.isEmpty { line += "  " + d }
                while line.hasSuffix(" ") { line.removeLast() }
                return line + "\n"
            }.joined()
        }
        if !required.isEmpty { out += "\nRequired:\n" + lines(required) }
        if !optional.isEmpty { out += "\nOptional:\n" + lines(optional) }
        if api.params.isEmpty { out += "\nNo parameters.\n" }
        return out
    }

    /// The APIs of one verb, a line each: noun, API name, async mark.
    public static func verbSummary(_ verb: String, apis: [API]) -> String {
        let nounWidth = apis.map(\.noun.count).max() ?? 0
        var out = "\(verb): \(apis.count) API\(apis.count == 1 ? "" : "s")\n"
        for api in apis.sorted(by: { $0.noun < $1.noun }) {
            let noun = api.noun.isEmpty ? "(none)" : api.noun
            out += "  " + pad(noun, nounWidth) + "  " + api.name + (api.isAsync ? "  (async)" : "") + "\n"
        }
        return out
    }

    private static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }
}

import APICatalog

/// `help`, `help VERB`, `help VERB NOUN`, `help apiName`: text built from the
/// catalog alone, so a synced catalog (with descriptions) shows its own server's APIs.
public enum HelpFormatter {
    public struct NotFound: Error, Sendable, Equatable {
        /// One line: what was not found and what to try.
        public let message: String
    }

    public static func help(_ words: [String], catalog: Catalog, builtinNames: [String] = [],
                            width: Int = 80, style: Style = Style(enabled: false)) throws(NotFound) -> String {
        switch words.count {
        case 0:
            return overview(catalog: catalog, builtinNames: builtinNames, width: width, style: style)
        case 1:
            if let api = catalog.api(named: words[0]) { return describe(api, style: style) }
            let verb = words[0].lowercased()
            let apis = catalog.apis(forVerb: verb)
            if !apis.isEmpty { return verbSummary(verb, apis: apis, style: style) }
            let hints = Catalog.suggestions(for: words[0], among: catalog.verbs + catalog.apiNames)
            throw NotFound(message: "help: no verb or API named '\(words[0])'" + didYouMean(hints) + "; `help` lists the verbs")
        default:
            switch catalog.resolve(verb: words[0], noun: words[1]) {
            case .found(let api): return describe(api, style: style)
            case .ambiguous(let apis): return verbSummary(words[0].lowercased(), apis: apis, style: style)
            case .notFound(let hints):
                throw NotFound(message: "help: no API for '\(words[0]) \(words[1])'" + didYouMean(hints)
                               + "; `help \(words[0])` lists its nouns")
            }
        }
    }

    private static func didYouMean(_ hints: [String]) -> String {
        hints.isEmpty ? "" : " (did you mean " + hints.map { "'\($0)'" }.joined(separator: ", ") + "?)"
    }

    static func overview(catalog: Catalog, builtinNames: [String], width: Int, style: Style) -> String {
        var out = """
        Commands: VERB NOUN [name=value | name:value ...], or an API name (\(catalog.count) APIs, \(catalog.source) catalog).
          list zones                      list vms state:Running | select id name
          deploy vm zone:Sandbox-1 ...    name:value also maps zone: to zoneid
        help VERB lists its nouns; help VERB NOUN or help apiName shows the parameters.
        Tab completes verbs, nouns, parameters and their values.

        """
        if !builtinNames.isEmpty {
            out += style.bold("Builtins:") + "\n" + ColumnPrinter.layout(builtinNames.map { Candidate(insert: $0) }, width: width)
        }
        out += style.bold("Verbs:") + "\n" + ColumnPrinter.layout(catalog.verbs.map { Candidate(insert: $0) }, width: width)
        return out
    }

    static func verbSummary(_ verb: String, apis: [API], style: Style) -> String {
        let nounWidth = apis.map(\.noun.count).max() ?? 0
        var out = style.bold("\(verb)") + ": \(apis.count) API\(apis.count == 1 ? "" : "s")\n"
        for api in apis.sorted(by: { $0.noun < $1.noun }) {
            let noun = api.noun.isEmpty ? "(none)" : api.noun
            out += "  " + noun.padding(nounWidth) + "  " + api.name + (api.isAsync ? "  " + style.yellow("(async)") : "") + "\n"
        }
        return out
    }

    /// One API: name and command form, async mark, description, then the
    /// parameters with types, required ones first.
    public static func describe(_ api: API, style: Style = Style(enabled: false)) -> String {
        var out = style.bold(api.name)
        if !api.noun.isEmpty { out += "  (\(api.verb) \(api.noun))" }
        if api.isAsync { out += "  " + style.yellow("async: waits for its job; add & to run in the background") }
        out += "\n"
        if let d = api.description, !d.isEmpty { out += d + "\n" }
        let required = api.params.filter(\.required).sorted { $0.name < $1.name }
        let optional = api.params.filter { !$0.required }.sorted { $0.name < $1.name }
        let nameWidth = api.params.map(\.name.count).max() ?? 0
        let typeWidth = api.params.map(\.type.count).max() ?? 0
        func lines(_ params: [APIParam]) -> String {
            params.map { p in
                var line = "  " + p.name.padding(nameWidth) + "  " + p.type.padding(typeWidth)
                if let d = p.description, !d.isEmpty { line += "  " + d }
                while line.hasSuffix(" ") { line.removeLast() }
                return line + "\n"
            }.joined()
        }
        if !required.isEmpty { out += "\n" + style.bold("Required:") + "\n" + lines(required) }
        if !optional.isEmpty { out += "\n" + style.bold("Optional:") + "\n" + lines(optional) }
        if api.params.isEmpty { out += "\nNo parameters.\n" }
        return out
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}

import APICatalog
import Values

/// `help` text from the same declarations that drive parsing: the catalog
/// for API commands, the registries for builtins, stages and functions.
enum Help {
    static func text(for words: [String], catalog: Catalog) -> String {
        guard let first = words.first else { return overview() }
        if words.count == 1 {
            if let s = Builtins.signature(named: first) { return describe(s, kind: "builtin") }
            if let s = Stages.signature(named: first) { return describe(s, kind: "pipeline stage") }
            if let f = Builtins.functionHelp(first) { return "\(f.usage)\n  \(f.summary)" }
            if first.lowercased() == "concepts" { return Concepts.overview() }
        }
        if let c = Concepts.find(words) { return Concepts.describe(c) }
        let resolution = words.count == 1 ? catalog.resolve(word: first) : catalog.resolve(verb: first, noun: words[1])
        switch resolution {
        case .found(let api): return APIHelp.describe(api)
        case .ambiguous(let apis): return APIHelp.verbSummary(first.lowercased(), apis: apis)
        case .notFound(let suggestions):
            let apis = catalog.apis(forVerb: first.lowercased())
            if words.count == 1, !apis.isEmpty { return APIHelp.verbSummary(first.lowercased(), apis: apis) }
            let hint = suggestions.isEmpty ? "" : "; did you mean \(suggestions.prefix(3).joined(separator: ", "))?"
            return "no command, stage or builtin named '\(words.joined(separator: " "))'\(hint)"
        }
    }

    static func overview() -> String {
        var out =
            "Commands: VERB NOUN name:value ... (e.g. list vms state:Running), or raw API names with name=value.\n"
        out += "Builtins:\n"
        for s in Builtins.commandSignatures { out += "  \(s.usage)\n      \(s.summary)\n" }
        out += "Pipeline stages (after |):\n"
        for s in Stages.signatures { out += "  \(s.usage)\n      \(s.summary)\n" }
        out += "Functions: " + Builtins.functionNames.map { "\($0)()" }.joined(separator: " ") + "\n"
        out +=
            "Statements: if/elif/else, for x in ..., while, def f(a) { return a }, try { } catch e { }, exit N, assert cond, \"message\"\n"
        out +=
            "help COMMAND shows the parameters of an API, e.g. help deploy vm; help concepts explains zones, offerings, jobs, ...\n"
        out += "explain LINE shows how a line resolves and the request it sends, without sending it"
        return out
    }

    static func describe(_ s: Signature, kind: String) -> String {
        var out = "\(s.usage)    (\(kind))\n  \(s.summary)"
        for e in s.examples { out += "\n  example: \(e)" }
        return out
    }

}

/// Why a typed command names the API it does, in words, for `explain`.
/// It re-reads the steps `resolve` takes (alias table, singular/plural, the
/// verb's usual noun) for the API `resolve` already chose, so it can never
/// name another API than the one that runs.
extension Catalog {
    /// `resolve(words:)` plus one line saying why.
    public func resolveExplained(verb: String, noun: String?) -> (resolution: Resolution, why: String) {
        let (r, used) = resolve(words: [verb] + (noun.map { [$0] } ?? []))
        if used == 1, case .found(let api) = r, api.name.lowercased() == verb.lowercased() {
            return (r, "'\(verb)' is the API's own name (any case works)")
        }
        switch r {
        case .found(let api): return (r, why(verb: verb.lowercased(), noun: noun, api: api))
        case .ambiguous(let apis):
            return (r, "'\(verb)' alone could be any of \(apis.count) APIs and none is its usual one: name the noun")
        case .notFound(let suggestions):
            let hint = suggestions.isEmpty ? "" : "; close nouns: \(suggestions.joined(separator: ", "))"
            if apiNames(forVerb: verb.lowercased()).isEmpty {
                return (r, "'\(verb)' is neither a verb nor an API name of this catalog")
            }
            return (r, "no API has verb '\(verb.lowercased())' and a noun '\(noun ?? "")' may stand for\(hint)")
        }
    }

    private func why(verb: String, noun typed: String?, api: API) -> String {
        guard let typed else {
            if apiNames(forVerb: verb).count == 1 { return "\(api.name) is the only API with the verb '\(verb)'" }
            if Catalog.defaultNouns[verb] == api.noun {
                return
                    "'\(verb)' alone means its usual noun '\(api.noun)' (\(apiNames(forVerb: verb).count) APIs share the verb)"
            }
            return "\(api.name) is the API named just '\(verb)'"
        }
        let word = typed.lowercased()
        if word == api.noun { return "verb '\(verb)' + noun '\(api.noun)', as in the API name" }
        if let steps = NounForms.derivation(from: word, to: api.noun) {
            return "verb '\(verb)' + noun '\(api.noun)': " + steps.joined(separator: ", ")
        }
        // The alias-tail rule of `resolve`: `associate ip` -> publicipaddress -> ipaddress.
        if let target = NounForms.aliasTargets(for: word).first(where: { $0.hasSuffix(api.noun) }) {
            return
                "verb '\(verb)' + noun '\(api.noun)': '\(typed)' is short for '\(target)', and '\(api.noun)' is the noun of '\(verb)' it ends with"
        }
        return "verb '\(verb)' + noun '\(api.noun)'"
    }
}

extension NounForms {
    /// The steps from a typed noun to a catalog noun, in words, following
    /// `candidates(for:)`: alias, singular, plural. Nil when `noun` is not a candidate.
    public static func derivation(from typed: String, to noun: String) -> [String]? {
        let word = typed.lowercased()
        var bases: [(String, [String])] = [(word, [])]
        if let a = alias(of: word) { bases.append((a, ["'\(word)' is short for '\(a)'"])) }
        for s in singulars(of: word) {
            bases.append((s, ["'\(word)' is the plural of '\(s)'"]))
            if let a = alias(of: s) {
                bases.append((a, ["'\(word)' is the plural of '\(s)'", "'\(s)' is short for '\(a)'"]))
            }
        }
        if let hit = bases.first(where: { $0.0 == noun }) { return hit.1 }
        for (base, steps) in bases where plurals(of: base).contains(noun) {
            return steps + ["the API spells it in the plural, '\(noun)'"]
        }
        return nil
    }
}

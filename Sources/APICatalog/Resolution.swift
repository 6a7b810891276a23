/// What a typed command (`list vms`, `deployVirtualMachine`) names.
public enum Resolution: Sendable {
    case found(API)
    /// Several APIs fit equally (a verb without noun that has no default).
    case ambiguous([API])
    /// Nothing fits; the closest spellings, at most three (nouns, verbs or API names).
    case notFound(suggestions: [String])

    public var api: API? { if case .found(let a) = self { a } else { nil } }
}

extension Catalog {
    /// Noun taken when a verb is typed alone and has more than one API.
    public static let defaultNouns: [String: String] = [
        "deploy": "virtualmachine", "start": "virtualmachine", "stop": "virtualmachine",
        "reboot": "virtualmachine", "destroy": "virtualmachine", "recover": "virtualmachine",
        "expunge": "virtualmachine",
    ]

    /// Resolves `VERB NOUN` as a person types it: any case, singular or plural,
    /// noun aliases (`vm`, `sg`, `ip`), and the noun left out when the verb has
    /// one obvious API (`deploy` -> deployVirtualMachine).
    public func resolve(verb typedVerb: String, noun typedNoun: String?) -> Resolution {
        let verb = typedVerb.lowercased()
        let known = apiNames(forVerb: verb)
        guard !known.isEmpty else {
            return .notFound(suggestions: Catalog.suggestions(for: verb, among: verbs))
        }
        guard let typedNoun, !typedNoun.isEmpty else {
            if known.count == 1 { return api(named: known[0]).map(Resolution.found) ?? .notFound(suggestions: []) }
            if let noun = Catalog.defaultNouns[verb], let name = apiName(verb: verb, noun: noun),
                let api = api(named: name)
            {
                return .found(api)
            }
            if let name = apiName(verb: verb, noun: ""), let api = api(named: name) { return .found(api) }
            return .ambiguous(apis(forVerb: verb))
        }
        let candidates = NounForms.candidates(for: typedNoun)
        for noun in candidates {
            if let name = apiName(verb: verb, noun: noun), let api = api(named: name) { return .found(api) }
        }
        // A noun of the verb that ends an alias's target: `associate ip` ->
        // publicipaddress -> associateIpAddress. The longest such noun wins. Only
        // for aliases: a typo such as `list badzones` must not find listZones.
        let targets = NounForms.aliasTargets(for: typedNoun)
        let tails = nouns(forVerb: verb).filter { n in n.count >= 4 && targets.contains { $0.hasSuffix(n) } }
        if let noun = tails.max(by: { $0.count < $1.count }), let name = apiName(verb: verb, noun: noun),
            let api = api(named: name)
        {
            return .found(api)
        }
        // Suggest by the alias's target too: `authorize sg` -> securitygroupingress, ...
        let verbNouns = nouns(forVerb: verb)
        var hints: [String] = []
        for word in [typedNoun.lowercased()] + targets {
            for hint in Catalog.suggestions(for: word, among: verbNouns) where !hints.contains(hint) {
                hints.append(hint)
            }
        }
        return .notFound(suggestions: Array(hints.prefix(3)))
    }

    /// Resolves the words that name a command, as the interpreter, completion, help
    /// and explain all read them: a raw API name (any case; it takes no noun), else
    /// `VERB NOUN`, else `VERB` alone. `words` are the command's words before its
    /// arguments (at most two count); `used` says how many named the API, so a
    /// caller can tell `listZones extra` (1 of 2 used) from `list zones` (2).
    public func resolve(words: [String]) -> (resolution: Resolution, used: Int) {
        guard let first = words.first else { return (.notFound(suggestions: []), 0) }
        if let api = api(named: first) { return (.found(api), 1) }
        guard words.count > 1 else { return (resolve(verb: first, noun: nil), 1) }
        return (resolve(verb: first, noun: words[1]), 2)
    }

    /// Resolves a raw API name (`deployVirtualMachine`, any case).
    public func resolve(word: String) -> Resolution {
        if let api = api(named: word) { return .found(api) }
        return .notFound(suggestions: Catalog.suggestions(for: word, among: apiNames))
    }

    /// The list API whose results are the values of `param` of `api`.
    /// The parameter's own name decides first (`zoneid` -> listZones, `vmid` ->
    /// listVirtualMachines, `id`/`ids` -> the list API of `api`'s noun), because
    /// the catalog's relations are sometimes off (4.18 relates `podid` to zones and
    /// `projectid` first to listProjectAccounts); then the first `list*` API the
    /// catalog relates to it; then the longest noun at the end of the name
    /// (`destzoneid` -> listZones).
    public func listAPI(for param: APIParam, of api: API? = nil) -> API? {
        let lower = param.name.lowercased()
        let idLike = lower.hasSuffix("id") || lower.hasSuffix("ids")
        if lower == "id" || lower == "ids" {
            if let api, let found = listAPI(forNoun: api.noun) { return found }
        } else if idLike || param.type == "uuid" {
            if let found = listAPI(forNoun: String(Catalog.idBase(lower))) { return found }
        }
        if let name = param.related.first(where: { $0.hasPrefix("list") }), let found = self.api(named: name) {
            return found
        }
        guard idLike || param.type == "uuid" else { return nil }
        var tail = Catalog.idBase(lower).dropFirst()
        while tail.count >= 2 {
            if let found = listAPI(forNoun: String(tail)) { return found }
            tail = tail.dropFirst()
        }
        return nil
    }

    private static func idBase(_ name: String) -> Substring {
        if name.hasSuffix("ids") { return name.dropLast(3) }
        if name.hasSuffix("id") { return name.dropLast(2) }
        return name[...]
    }

    /// The list API for the parameter named `name` of `api`.
    public func listAPI(forParam name: String, of api: API) -> API? {
        api.param(named: name).flatMap { listAPI(for: $0, of: api) }
    }

    private func listAPI(forNoun noun: String) -> API? {
        // The API's own noun may be a longer form (`virtualmachine` of `stopVirtualMachine`).
        for candidate in NounForms.candidates(for: noun) {
            if let name = apiName(verb: "list", noun: candidate) { return api(named: name) }
        }
        return nil
    }
}

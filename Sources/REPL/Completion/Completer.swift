import APICatalog
import Language
import Values
import OrderedCollections

/// The completion engine: from a line, a cursor and the session's context to
/// the candidates for the word at the cursor. No terminal involved; the
/// libedit binding only applies the answer.
public final class Completer: Sendable {
    /// Longest a Tab waits for ids from the server before answering from the cache.
    public let timeLimit: Duration
    public let cache: ValueCache

    public init(timeLimit: Duration = .milliseconds(700), cacheTTL: Duration = .seconds(30)) {
        self.timeLimit = timeLimit
        self.cache = ValueCache(ttl: cacheTTL)
    }

    /// Completes the word before `cursor` (a UTF-8 offset into `line`).
    public func complete(line: String, cursor: Int, context: some CompletionContext) -> Completion {
        if let skip = Self.lineCommandLength(line, cursor: cursor) {
            let rest = String(decoding: line.utf8.dropFirst(skip), as: UTF8.self)
            var c = complete(line: rest, cursor: cursor - skip, context: context)
            c.replaceStart += skip
            return c
        }
        let parsed = CompletionLine(line, cursor: cursor)
        let word = parsed.current
        func answer(_ kind: Completion.Kind, _ candidates: [Candidate], skip: Int = 0) -> Completion {
            let prefix = String(word.text.dropFirst(skip))
            return Completion(
                replaceStart: word.start + word.text.prefix(skip).utf8.count,
                prefix: prefix, candidates: candidates, kind: candidates.isEmpty ? .none : kind)
        }
        // Inside a quote only a friendly value being typed by name completes (`template:"Deb`).
        if parsed.inQuote, !word.text.contains(":\"") { return answer(.none, []) }
        if word.text.hasPrefix("$") {
            let (skip, candidates) = variableCandidates(word.text, context: context)
            return answer(.variable, candidates, skip: skip)
        }
        // What the builtin's or stage's signature says the word under the cursor is.
        let signature = parsed.words.first.flatMap { Self.signature($0.text, stage: parsed.stageIndex > 0) }
        let slot = signature?.slotKind(following: parsed.words.dropFirst().map(\.text))
        if looksLikePath(word.text) || slot == .filePath {
            let (skip, candidates) = PathCompletion.candidates(word.text, directory: context.currentDirectory)
            return answer(.path, candidates, skip: skip)
        }
        let words = parsed.words.map(\.text)
        let catalog = context.catalog

        // The first word of a command, or of a stage after `|`.
        guard let first = words.first else {
            if parsed.stageIndex > 0 {
                let stages = matching(context.stageNames, word.text).map { Candidate(insert: $0) }
                return answer(.stage, stages + commandCandidates(word.text, context: context, builtins: false))
            }
            return answer(.command, commandCandidates(word.text, context: context, builtins: true))
        }
        if first == "help" {
            return helpCompletion(words: Array(words.dropFirst()), word: word.text, catalog: catalog, answer: answer)
        }
        if case .choice(let choices)? = slot {
            return answer(.command, matching(choices, word.text).map { Candidate(insert: $0) })
        }
        if slot == .setting, words.count == 1 {
            return answer(.command, matching(Builtins.settingNames, word.text).map { Candidate(insert: $0) })
        }
        if parsed.stageIndex > 0, signature?.takesFields == true {
            let skip = word.text.hasPrefix("-") ? 1 : 0
            let fields = headFields(parsed.headWords, catalog: catalog)
            return answer(
                .field, matching(fields, String(word.text.dropFirst(skip))).map { Candidate(insert: $0) }, skip: skip)
        }

        // An API command: `VERB [NOUN] args...` or `apiName args...`.
        if words.count == 1, !isArgument(word.text), catalog.api(named: first) == nil {
            let nouns = matching(uniqueNouns(catalog.nouns(forVerb: first)), word.text)
            if !nouns.isEmpty { return answer(.noun, nouns.map { Candidate(insert: $0) }) }
        }
        let (resolution, argStart) = catalog.resolve(words: commandWords(words))
        guard let api = resolution.api else { return answer(.none, []) }
        if let sep = word.text.firstIndex(where: { $0 == "=" || $0 == ":" }) {
            let name = String(word.text[..<sep])
            let skip = word.text.distance(from: word.text.startIndex, to: sep) + 1
            let value = String(word.text.dropFirst(skip))
            if value.hasPrefix("$") {
                let (_, candidates) = variableCandidates(value, context: context)
                return answer(.variable, candidates, skip: skip)
            }
            let candidates = valueCandidates(
                api: api, paramName: name, typed: value,
                friendly: word.text[sep] == ":", context: context)
            return answer(.value, candidates, skip: skip)
        }
        let given = Set(words.dropFirst(argStart).compactMap { givenParam($0, api: api) })
        return answer(.parameter, parameterCandidates(api, typed: word.text, excluding: given))
    }

    /// UTF-8 length of a leading `explain ` (spaces included) when the cursor is past it.
    static func lineCommandLength(_ line: String, cursor: Int) -> Int? {
        let bytes = Array(line.utf8)
        var i = 0
        while i < bytes.count, bytes[i] == 0x20 { i += 1 }
        let start = i
        while i < bytes.count, bytes[i] != 0x20 { i += 1 }
        guard i < bytes.count,
            Builtins.signature(named: String(decoding: bytes[start..<i], as: UTF8.self))?.slots.first?.kind
                == .commandLine
        else { return nil }
        while i < bytes.count, bytes[i] == 0x20 { i += 1 }
        return cursor >= i ? i : nil
    }

    /// The signature of a builtin (first word of a command) or a stage (after `|`).
    static func signature(_ name: String, stage: Bool) -> Signature? {
        stage ? Stages.signature(named: name) ?? Builtins.signature(named: name) : Builtins.signature(named: name)
    }

    /// Convenience for the cursor at the end of the line.
    public func complete(_ line: String, context: some CompletionContext) -> Completion {
        complete(line: line, cursor: line.utf8.count, context: context)
    }

    // MARK: - Kinds

    private func commandCandidates(_ typed: String, context: some CompletionContext, builtins: Bool) -> [Candidate] {
        var names = matching(context.catalog.verbs, typed)
        if builtins {
            names = matching(context.builtinNames, typed) + names.filter { !context.builtinNames.contains($0) }
        }
        var out = names.map { Candidate(insert: $0) }
        // Raw API names once the word is more than a verb (`deployVirt`, `listzones`).
        if !typed.isEmpty, out.isEmpty || typed.contains(where: \.isUppercase) {
            out += matching(context.catalog.apiNames, typed).map { Candidate(insert: $0) }
        }
        return out
    }

    private func helpCompletion(
        words: [String], word: String, catalog: Catalog,
        answer: (Completion.Kind, [Candidate], Int) -> Completion
    ) -> Completion {
        switch words.count {
        case 0:
            var names = matching(["concepts"] + Session.conceptNames, word) + matching(catalog.verbs, word)
            if !word.isEmpty, names.isEmpty || word.contains(where: \.isUppercase) {
                names += matching(catalog.apiNames, word)
            }
            return answer(.command, names.map { Candidate(insert: $0) }, 0)
        case 1:
            return answer(
                .noun, matching(uniqueNouns(catalog.nouns(forVerb: words[0])), word).map { Candidate(insert: $0) }, 0)
        default:
            return answer(.none, [], 0)
        }
    }

    /// `name=` for every parameter not given yet, and the friendly `name:` where it
    /// differs (`zone:` for `zoneid`); required ones first and marked with `*`.
    private func parameterCandidates(_ api: API, typed: String, excluding given: Set<String>) -> [Candidate] {
        let params = api.params.filter { !given.contains($0.name.lowercased()) }
        let ordered =
            params.filter(\.required).sorted { $0.name < $1.name }
            + params.filter { !$0.required }.sorted { $0.name < $1.name }
        var out: [Candidate] = []
        var seen = Set<String>()
        for p in ordered {
            var forms = [p.name + "="]
            if let friendly = api.friendlyName(of: p) { forms.append(friendly + ":") }
            for form in forms where hasPrefix(form, typed) && seen.insert(form).inserted {
                out.append(
                    Candidate(
                        insert: form, display: p.required ? form + "*" : form,
                        isRequired: p.required, appendsSpace: false))
            }
        }
        // A name no parameter starts with, such as a response field (`name` for
        // listSecurityGroups): the parameters holding it (`securitygroupname=`).
        if out.isEmpty, typed.count >= 2 {
            let word = typed.lowercased().filter { $0 != ":" && $0 != "=" }
            for p in ordered where p.name.lowercased().contains(word) {
                out.append(Candidate(insert: p.name + "=", isRequired: p.required, appendsSpace: false))
            }
        }
        return out
    }

    /// Values of a known set (KnownValues, booleans), else ids from the related list API:
    /// by name for a friendly `zone:` (the line stays readable), by id for a raw `zoneid=`.
    private func valueCandidates(
        api: API, paramName: String, typed: String, friendly: Bool,
        context: some CompletionContext
    ) -> [Candidate] {
        guard let param = api.param(friendly: paramName) ?? api.param(named: paramName) else { return [] }
        if let known = KnownValues.values(for: param, of: api) {
            return matching(known, typed).map { Candidate(insert: $0) }
        }
        guard let listAPI = context.catalog.listAPI(for: param, of: api), let source = context.valueSource else {
            return []
        }
        let records = cache.records(
            profile: context.profileName, listAPI: listAPI.name, source: source, limit: timeLimit)
        guard friendly else { return IDCandidates.make(records, typed: typed) }
        // An opened quote stays: every name is inserted quoted.
        let quoted = typed.hasPrefix("\"")
        return IDCandidates.byName(records, typed: quoted ? String(typed.dropFirst()) : typed, quoteAll: quoted)
    }

    /// `$name`, then `$name.field` and `$name.list[0].field` from the variable's value.
    private func variableCandidates(_ typed: String, context: some CompletionContext) -> (Int, [Candidate]) {
        let body = typed.dropFirst()
        guard let dot = body.lastIndex(of: ".") else {
            let names = matching(context.variableNames, String(body))
            return (0, names.map { Candidate(insert: "$" + $0, appendsSpace: false) })
        }
        let path = String(body[..<dot])
        let fieldPrefix = String(body[body.index(after: dot)...])
        guard let value = ValuePath.resolve(path, variable: context.variable(named:)) else { return (0, []) }
        let keys: [String]
        switch value.data {
        case .record(let r): keys = Array(r.keys)
        case .list(let items):
            // Fields of a list's records: offered through its first item.
            if case .record(let r)? = items.first?.data { keys = Array(r.keys) } else { keys = [] }
            let base = "$" + path + "[0]."
            return (
                0, matching(keys, fieldPrefix).map { Candidate(insert: base + $0, display: $0, appendsSpace: false) }
            )
        default: keys = []
        }
        let base = "$" + path + "."
        return (0, matching(keys, fieldPrefix).map { Candidate(insert: base + $0, display: $0, appendsSpace: false) })
    }

    // MARK: - Helpers

    /// Response fields of the API at the pipeline's head (`list vms | where <Tab>`).
    private func headFields(_ head: [String], catalog: Catalog) -> [String] {
        (catalog.resolve(words: commandWords(head)).resolution.api?.responseFields ?? []).sorted()
    }

    /// The words that name the command, as the parser splits them: the first, and a
    /// second unless it is an argument (`name=`, `name:`).
    private func commandWords(_ words: [String]) -> [String] {
        guard let first = words.first else { return [] }
        return words.count >= 2 && !isArgument(words[1]) ? [first, words[1]] : [first]
    }

    /// The canonical (lowercased) name of a parameter given as `name=v` or `name:v`.
    private func givenParam(_ word: String, api: API) -> String? {
        guard let sep = word.firstIndex(where: { $0 == "=" || $0 == ":" }) else { return nil }
        let name = String(word[..<sep])
        return (api.param(named: name) ?? api.param(friendly: name))?.name.lowercased()
    }

    private func isArgument(_ word: String) -> Bool { word.contains("=") || word.contains(":") }

    private func looksLikePath(_ word: String) -> Bool {
        word.hasPrefix("./") || word.hasPrefix("../") || word.hasPrefix("/") || word.hasPrefix("~/")
    }

    /// Nouns of a verb, each once (a catalog may hold `listZones` and `listZonesMetrics`).
    private func uniqueNouns(_ nouns: [String]) -> [String] {
        var seen = Set<String>()
        return nouns.filter { seen.insert($0).inserted }
    }
}

/// Case-insensitive prefix match, keeping the names' order.
func matching(_ names: [String], _ typed: String) -> [String] {
    guard !typed.isEmpty else { return names }
    return names.filter { hasPrefix($0, typed) }
}

func hasPrefix(_ name: String, _ typed: String) -> Bool {
    typed.isEmpty || name.lowercased().hasPrefix(typed.lowercased())
}

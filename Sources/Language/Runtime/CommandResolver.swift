import APICatalog
import Foundation
import Values

/// Turns command words into an API and its parameters, checked against the
/// catalog before anything is sent. Resolutions are cached per catalog, so a
/// loop of 1,000 calls looks each command up once.
final class CommandResolver: @unchecked Sendable {
    private let lock = NSLock()
    private var cache: [String: API] = [:]
    private weak var cachedCatalog: Catalog?

    func api(for cmd: Command, catalog: Catalog) throws -> API {
        let key = cmd.words.joined(separator: " ").lowercased()
        if let hit = lock.withLock({ cachedCatalog === catalog ? cache[key] : nil }) { return hit }
        let api = try resolve(cmd, catalog)
        lock.withLock {
            if cachedCatalog !== catalog { cache = [:]; cachedCatalog = catalog }
            cache[key] = api
        }
        return api
    }

    private var warnedUnlisted: Set<String> = []

    /// An API the catalog does not list, written in its camelCase form with `name=value`
    /// arguments (a server newer than the catalog has it): sent as is. The API and
    /// its one warning (the first time per name, without the location), or nil when `cmd` is not that shape.
    func unlisted(_ cmd: Command, catalog: Catalog) -> (api: API, command: Command, warning: String?)? {
        guard cmd.words.count == 1, Self.isCamelCase(cmd.words[0]), !cmd.args.isEmpty else { return nil }
        var params: [APIParam] = []
        var args: [CommandWord] = []
        for word in cmd.args {
            // Names are sent as typed: without the catalog there is no friendly name to translate.
            guard case .named(let name, _, let value, let loc) = word else { return nil }
            let base = name.split(separator: "[", maxSplits: 1).first.map(String.init) ?? name
            if !params.contains(where: { $0.name == base }) { params.append(APIParam(name: base, type: "string")) }
            args.append(.named(name: name, friendly: false, value: value, location: loc))
        }
        let name = cmd.words[0]
        // Async or not is unknown: a `jobid` in the answer is waited for as usual.
        let api = API(name: name, isAsync: true, params: params)
        let first = lock.withLock { warnedUnlisted.insert(name.lowercased()).inserted }
        var warning: String?
        if first {
            let close = Catalog.suggestions(for: name, among: catalog.apiNames).prefix(3)
            let hint = close.isEmpty ? "" : "; did you mean \(close.map { "'\($0)'" }.joined(separator: " or "))?"
            warning = "\(catalog.versionDescription) does not list \(name); sending it as typed\(hint) "
                + "(run `sync` to fetch this server's own catalog)"
        }
        return (api, Command(words: cmd.words, args: args, location: cmd.location), warning)
    }

    /// `cancelHostForMaintenance`: ASCII letters and digits, a lowercase start and an uppercase letter later.
    static func isCamelCase(_ word: String) -> Bool {
        guard let first = word.unicodeScalars.first, ("a"..."z").contains(first),
              word.unicodeScalars.contains(where: { ("A"..."Z").contains($0) }) else { return false }
        return word.unicodeScalars.allSatisfy { $0.isASCII && $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }

    private func resolve(_ cmd: Command, _ catalog: Catalog) throws -> API {
        let verb = cmd.words[0]
        let noun = cmd.words.count > 1 ? cmd.words[1] : nil
        let (resolution, used) = catalog.resolve(words: cmd.words)
        switch resolution {
        case .found(let api):
            // A raw API name takes no noun: the word after it is a stray argument.
            if used < cmd.words.count {
                throw ScriptError("unexpected argument '\(cmd.words[used])' to \(api.name): write parameters as name:value or name=value",
                                  at: cmd.location)
            }
            return api
        case .ambiguous(let apis):
            throw ScriptError("'\(cmd.words.joined(separator: " "))' could mean \(apis.map(\.name).joined(separator: ", ")): name the noun",
                              at: cmd.location)
        case .notFound(let suggestions):
            let isVerb = !catalog.apiNames(forVerb: verb.lowercased()).isEmpty
            if let noun, isVerb {
                let hint = suggestions.isEmpty ? "" : "; did you mean \(suggestions.prefix(3).map { "'\(verb) \($0)'" }.joined(separator: " or "))?"
                throw ScriptError("unknown command '\(verb) \(noun)'\(hint)", at: cmd.location)
            }
            if isVerb {
                throw ScriptError("'\(verb)' needs a noun, e.g. '\(verb) \(catalog.nouns(forVerb: verb.lowercased()).prefix(3).joined(separator: "', '\(verb) "))'",
                                  at: cmd.location)
            }
            let close = Catalog.suggestions(for: verb, among: catalog.verbs + catalog.apiNames).prefix(3)
            let hint = close.isEmpty ? "" : "; did you mean \(close.map { "'\($0)'" }.joined(separator: " or "))?"
            throw ScriptError("unknown command '\(verb)'\(hint)", at: cmd.location)
        }
    }

    /// A parameter of `api` for an argument name: raw (`zoneid=`) or friendly (`zone:`).
    /// Map parameters (`tags[0].key=`) are checked by their base name.
    static func parameter(_ name: String, friendly: Bool, of api: API, at loc: SourceLocation) throws -> (APIParam, String) {
        let base = name.split(separator: "[", maxSplits: 1).first.map(String.init) ?? name
        let found = friendly ? api.param(friendly: base) : api.param(named: base)
        guard let p = found else {
            // A response field's name (`name` for listSecurityGroups) suggests the parameter holding it.
            let holding = base.count >= 2 ? api.params.map(\.name).filter { $0.lowercased().hasSuffix(base.lowercased()) } : []
            let close = (holding + Catalog.suggestions(for: base, among: api.params.map(\.name)).filter { !holding.contains($0) }).prefix(3)
            let hint = close.isEmpty ? "; see 'help \(api.name)'" : "; did you mean \(close.joined(separator: " or "))?"
            throw ScriptError("\(api.name) has no parameter '\(base)'\(hint)", at: loc)
        }
        let sentName = base == name ? p.name : p.name + name.dropFirst(base.count)
        return (p, sentName)
    }

}

/// One argument after evaluation, before name resolution.
struct BoundParam {
    var param: APIParam
    var name: String
    var value: Value
    var location: SourceLocation
    /// The default's name when a parameter default filled it (`explain` says so).
    var fromDefault: String? = nil
    /// A name to show beside the id (a piped record's name), for dry-run lines.
    var label: String? = nil
}

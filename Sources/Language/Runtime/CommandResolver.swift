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
            let close = Catalog.suggestions(for: base, among: api.params.map(\.name)).prefix(3)
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
}

// TEMPORARY, not committed: lets Language type-check until the catalog branch lands.
public struct APIParam: Sendable { var name: String; var type: String; var required: Bool; var description: String? }
public struct API: Sendable {
    var name: String; var verb: String; var noun: String; var isAsync: Bool; var params: [APIParam]; var description: String?
    func param(named: String) -> APIParam? { nil }
    func param(friendly: String) -> APIParam? { nil }
}
public enum Resolution { case found(API), ambiguous([API]), notFound(suggestions: [String]) }
public final class Catalog: Sendable {
    var verbs: [String] { [] }
    var apiNames: [String] { [] }
    func apiNames(forVerb: String) -> [String] { [] }
    func nouns(forVerb: String) -> [String] { [] }
    func resolve(verb: String, noun: String?) -> Resolution { .notFound(suggestions: []) }
    func resolve(word: String) -> Resolution { .notFound(suggestions: []) }
    func listAPI(for param: APIParam, of api: API? = nil) -> API? { nil }
    static func suggestions(for: String, among: [String]) -> [String] { [] }
}

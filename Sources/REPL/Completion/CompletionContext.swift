import APICatalog
import Values

/// What completion needs from the running session. The language's session
/// adapts to it; tests give a plain struct.
public protocol CompletionContext {
    /// The active profile's catalog (bundled, or synced from its server).
    var catalog: Catalog { get }
    /// Names the value cache per profile, so `use prod` never shows sandbox ids.
    var profileName: String { get }
    var variableNames: [String] { get }
    func variable(named name: String) -> Value?
    /// Pipeline stages (`where`, `select`, ...), offered after `|`.
    var stageNames: [String] { get }
    /// Builtin commands (`print`, `set`, `use`, `source`, ...), offered first in a command.
    var builtinNames: [String] { get }
    /// Where relative paths after `source` start.
    var currentDirectory: String { get }
    /// Fetches ids for value completion; nil when there is no server (no fetch).
    var valueSource: (any ValueSource)? { get }
}

/// Runs a list API for value completion (`listZones` -> its records). Called
/// off the prompt's thread; the completer bounds how long it waits.
public protocol ValueSource: Sendable {
    func records(listAPI: String) async throws -> [Value]
}

import APICatalog
import Contracts
import FoundationEssentials
import Output
import Values

/// Everything the interpreter needs from outside, implemented by the
/// executable (script mode, one-shot) and the REPL. The language itself never
/// touches stdout, the terminal, profiles or signals.
public protocol ShellHost: AnyObject, Sendable {
    func writeOutput(_ text: String)
    func writeError(_ text: String)
    /// Whether stdout is a terminal (table output and job progress then).
    var isTerminal: Bool { get }
    /// The client of the active profile; nil when none is configured.
    var api: (any CloudAPI)? { get }
    /// The catalog of the active profile (bundled or synced).
    var catalog: Catalog { get }
    /// `use PROFILE`: switch the active profile (api and catalog change).
    func useProfile(_ name: String) async throws
    /// `sync`: fetch listApis for the active profile and cache it; a summary of what
    /// changed against the catalog used before (every change with `verbose`).
    func sync(verbose: Bool) async throws -> String
    /// The active profile's name, for headers of saved scripts; nil when unknown.
    var profileName: String? { get }
    /// Progress of waiting jobs for the status line; nil clears it.
    func showProgress(_ line: String?)
    /// Pretty JSON, terminal width and color for printed results.
    var outputOptions: OutputOptions { get }
    /// The active profile's saved parameter defaults (`set default --save`), by name.
    var parameterDefaults: [String: String] { get }
    /// `set default --save NAME VALUE`: keep it in the active profile's config (nil removes it).
    func saveDefault(_ name: String, _ value: String?) throws
    /// Whether a person at a terminal can be asked (the interactive prompt only).
    var canAsk: Bool { get }
    /// Asks a yes/no question at the terminal; true for yes.
    func confirm(_ question: String) async -> Bool
}

extension ShellHost {
    public func showProgress(_ line: String?) {}
    public var profileName: String? { nil }
    public var outputOptions: OutputOptions { OutputOptions(pretty: isTerminal) }
    public var parameterDefaults: [String: String] { [:] }
    public var canAsk: Bool { false }
    public func confirm(_ question: String) async -> Bool { false }
    public func saveDefault(_ name: String, _ value: String?) throws {
        throw ScriptError(
            "defaults cannot be saved here (no profile config); `set default NAME VALUE` keeps one for this session",
            exitCode: 2)
    }
}

/// Settings changed by `set` and by the command line.
public struct SessionOptions: Sendable {
    /// nil picks table at a terminal and json otherwise.
    public var output: OutputFormat?
    /// Deadline for waiting on one job, seconds.
    public var timeout: Double = 3600
    /// Async APIs wait for their job unless this is false.
    public var asyncWait = true
    /// Print changing API calls instead of sending them.
    public var dryRun = false
    public var pageSize = 500
    /// Ask before a command stage changes more than 3 records (at a prompt only): `set confirm off`, `--yes`.
    public var confirm = true
    /// A command stage goes on after a record fails (`set onerror continue`), reporting all at the end.
    public var keepGoing = false
    /// Script arguments: `$args`, `$1`..`$9`.
    public var arguments: [String] = []

    public init() {}
}

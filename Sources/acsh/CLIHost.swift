import APICatalog
import CloudClient
import Language
import Output
import Profiles
import Synchronization
import Values
import Contracts

/// The language's window on the world for one-shot commands, scripts and the
/// REPL: stdout/stderr, the active connection, profile switching and `sync`.
final class CLIHost: ShellHost {
    private let state: Mutex<Connection>
    private let settings: Settings
    let paths: Paths
    private let environment: [String: String]
    let stdout: OutputStream
    let isTerminal: Bool
    private let stderrIsTerminal: Bool
    private let progressLock = Mutex(())
    /// The calls of this run and the tour's place, kept across `use PROFILE` (CLIHost+Tour.swift).
    let tourMemory = TourMemory()
    /// Set by the interactive shell when a person types at a terminal: only then may acsh ask.
    private let askable = Mutex(false)

    init(connection: Connection, settings: Settings, paths: Paths, environment: [String: String]) {
        state = Mutex(connection)
        self.settings = settings
        self.paths = paths
        self.environment = environment
        isTerminal = Terminal.stdoutIsTTY
        stderrIsTerminal = Terminal.stderrIsTTY
        stdout = OutputStream(fd: 1, passThrough: isTerminal)
    }

    var connection: Connection { state.withLock { $0 } }
    var api: (any CloudAPI)? { RecordingAPI(connection.client, log: tourMemory.calls) }
    var catalog: Catalog { connection.catalog }

    func writeOutput(_ text: String) { stdout.write(text) }

    /// Asked per printed result, so a resized window is honoured at the next one.
    var outputOptions: OutputOptions {
        OutputOptions(
            pretty: isTerminal, terminalWidth: isTerminal ? Terminal.width : nil,
            color: isTerminal && Terminal.colorEnabled(noColorFlag: settings.noColor))
    }

    func writeError(_ text: String) {
        stdout.flush()  // keep results and errors in the order they happened
        Terminal.stderr(text)
    }

    func useProfile(_ name: String) async throws {
        let next = try await Connection.open(
            settings, profile: name, paths: paths, environment: environment, fallback: .fail)
        let old = state.withLock { current in
            defer { current = next }
            return current
        }
        await old.close()
    }

    var profileName: String? { connection.name }

    var parameterDefaults: [String: String] { connection.defaults }

    var canAsk: Bool {
        get { askable.withLock { $0 } }
        set { askable.withLock { $0 = newValue } }
    }

    /// The question on stderr, the answer from the terminal: only "y" or "yes" is yes.
    func confirm(_ question: String) async -> Bool {
        stdout.flush()
        Terminal.stderrRaw(question)
        guard let answer = readLine(strippingNewline: true) else { return false }
        return ["y", "yes"].contains(answer.filter { !$0.isWhitespace }.lowercased())
    }

    /// `set default --save`: into `[defaults.PROFILE]` of the config file (0600), and in use at once.
    func saveDefault(_ name: String, _ value: String?) throws {
        let profile = connection.name
        var (store, _) = try Connection.loadStore(paths)
        do {
            try store.setDefault(profile: profile, name: name, value: value)
            try store.save(to: paths.configFile)
        } catch {
            throw ScriptError("cannot save the default: \(error)", exitCode: 2)
        }
        state.withLock { $0 = $0.replacingDefault(name, value) }
    }

    func sync(verbose: Bool) async throws -> String {
        let conn = connection
        let answer = try await conn.client.request("listApis", [("listall", "true")])
        let json = JSONWriter.compact(answer)
        let path = paths.catalogCache(profile: conn.name)
        let synced = try Catalog.writeCache(json: Array(json.utf8), to: path)
        let next = conn.replacingCatalog(synced)
        state.withLock { $0 = next }
        var out =
            "synced \(synced.count) APIs for profile \(conn.name) (was \(conn.catalog.count)); cached at \(path)\n"
        out += SyncReport.changes(
            from: conn.catalog, to: synced, previousPath: SyncReport.previousPath(path), verbose: verbose)
        while out.hasSuffix("\n") { out.removeLast() }
        return out
    }

    /// Parallel waits (`each -p`) report at once: one lock keeps their lines whole.
    func showProgress(_ line: String?) {
        guard stderrIsTerminal else { return }
        progressLock.withLock { _ in
            // \r and erase-line: the progress line disappears when the job is done.
            Terminal.stderrRaw("\r\u{1B}[K" + ControlCharacters.replaced(line ?? ""))
        }
    }
}

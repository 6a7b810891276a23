import APICatalog
import CloudClient
import Language
import Profiles
import REPL
import Values
#if canImport(Glibc)
    import Glibc
#endif

/// The shell: the REPL module's loop, evaluating with a language Session and
/// completing from the active connection's catalog and server.
enum Interactive {
    static func run(host: CLIHost, options: SessionOptions, settings: Settings, paths: Paths) async -> Int32 {
        let session = Session(host: host, options: options)
        host.canAsk = Terminal.stdinIsTTY && Terminal.stderrIsTTY
        let completer = Completer()
        let context = SessionCompletionContext(host: host, session: session)
        let shell = Shell(
            evaluator: SessionEvaluator(session: session, host: host),
            options: .init(
                profileName: host.connection.name,
                color: Terminal.colorEnabled(noColorFlag: settings.noColor),
                historyPath: paths.historyFile),
            completion: { line, cursor in completer.complete(line: line, cursor: cursor, context: context) })
        return await shell.run()
    }
}

/// Adapts a language Session to the REPL's evaluator protocol.
final class SessionEvaluator: LineEvaluator {
    let session: Session
    let host: CLIHost

    init(session: Session, host: CLIHost) {
        self.session = session
        self.host = host
    }

    /// The prompt follows `use PROFILE`.
    var profileName: String? { host.connection.name }

    var promptTags: [String] { session.options.dryRun ? ["dry-run"] : [] }

    func evaluate(_ source: String) async -> Session.Outcome {
        let outcome = await withTaskCancellationHandler {
            await session.execute(source: source, file: "<input>")
        } onCancel: { [session, host] in
            session.interrupt()
            host.showProgress(nil)
        }
        host.stdout.flush()
        return outcome
    }
}

/// What completion sees of the session: the live catalog, variables, and the
/// server for id values.
struct SessionCompletionContext: CompletionContext {
    let host: CLIHost
    let session: Session

    var catalog: Catalog { host.catalog }
    var profileName: String { host.connection.name }
    var variableNames: [String] { session.variables.map(\.name) }
    func variable(named name: String) -> Value? { session.variables.first { $0.name == name }?.value }
    var stageNames: [String] { Session.stageNames }
    var builtinNames: [String] { Session.builtinNames }
    var currentDirectory: String {
        var buf = [CChar](repeating: 0, count: 4096)
        return getcwd(&buf, buf.count) != nil ? String(cString: buf) : "."
    }
    var valueSource: (any ValueSource)? { ClientValueSource(client: host.connection.client, catalog: host.catalog) }
}

/// Id values for completion: the first page of the list API, queried as name lookups are.
struct ClientValueSource: ValueSource {
    let client: CloudStackClient
    let catalog: Catalog

    func records(listAPI: String) async throws -> [Value] {
        guard let query = catalog.api(named: listAPI)?.lookupQuery else { return [] }
        for try await page in client.pages(listAPI, query, pageSize: 200) { return page }
        return []
    }
}

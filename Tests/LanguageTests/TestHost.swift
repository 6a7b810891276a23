import APICatalog
import Foundation
import Language
import Values

/// A Host that keeps what the script writes, for assertions.
final class TestHost: ShellHost, @unchecked Sendable {
    private let lock = NSLock()
    private var outText = ""
    private var errText = ""
    let api: (any CloudAPI)?
    let catalog: Catalog
    let isTerminal: Bool
    var profileName: String? { "test" }
    private var progressText: [String] = []

    init(api: (any CloudAPI)? = nil, catalog: Catalog = .bundled, terminal: Bool = false) {
        self.api = api
        self.catalog = catalog
        isTerminal = terminal
    }

    /// The progress lines shown (a terminal host only).
    var progress: [String] { lock.withLock { progressText } }
    func showProgress(_ line: String?) { if let line { lock.withLock { progressText.append(line) } } }

    var output: String { lock.withLock { outText } }
    var errors: String { lock.withLock { errText } }

    func writeOutput(_ text: String) { lock.withLock { outText += text } }
    func writeError(_ text: String) { lock.withLock { errText += text } }

    func useProfile(_ name: String) async throws {
        throw ScriptError("no profile named '\(name)' in tests", exitCode: 2)
    }

    func sync(verbose: Bool) async throws -> String { "catalog unchanged (test host)" + (verbose ? ", verbose" : "") }
}

/// Runs source in a fresh session; (stdout, stderr, exit code).
func run(
    _ source: String, file: String = "test.cs", api: (any CloudAPI)? = nil,
    options: SessionOptions = SessionOptions()
) async -> (out: String, err: String, code: Int32) {
    let host = TestHost(api: api)
    let session = Session(host: host, options: options)
    let code = await session.run(source: source, file: file)
    return (host.output, host.errors, code)
}

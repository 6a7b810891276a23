import Contracts
import Language
import Profiles

/// One run of the language: a script, `-c` text, a command line from the
/// shell's words, or the interactive shell.
struct Invocation {
    var settings: Settings
    var text: String?
    var dryRun = false
    var words: [String] = []

    func run() async -> Int32 {
        let env = ProcessEnvironment.all
        let paths = Paths(environment: env)
        let mode = Mode(text: text, words: words)
        let connection: Connection
        do {
            connection = try await Connection.open(settings, paths: paths, environment: env,
                                                   fallback: mode.isInteractive ? .sandbox : .fail)
        } catch let failure as CommandFailure {
            Terminal.stderr(failure.message)
            return failure.code.rawValue
        } catch {
            Terminal.stderr("acsh: \(error)")
            return ExitCode.usage.rawValue
        }
        let host = CLIHost(connection: connection, settings: settings, paths: paths, environment: env)
        var options = SessionOptions()
        options.output = settings.output ?? connection.defaultOutput
        options.dryRun = dryRun
        if let t = settings.timeout { options.timeout = t }
        let code: Int32
        switch mode {
        case .script(let file, let args):
            options.arguments = args
            code = await runScript(file, host: host, options: options)
        case .text(let source):
            code = await runInterruptible(source, file: "-c", host: host, options: options)
        case .words(let source):
            code = await runInterruptible(source, file: "<command line>", host: host, options: options)
        case .interactive:
            code = await Interactive.run(host: host, options: options, settings: settings, paths: paths)
        }
        host.stdout.flush()
        await host.connection.close()
        return code
    }

    private func runScript(_ file: String, host: CLIHost, options: SessionOptions) async -> Int32 {
        guard let bytes = FileSystem.read(file) else {
            Terminal.stderr("acsh: cannot read \(file)")
            return ExitCode.usage.rawValue
        }
        guard let source = String(validating: bytes, as: UTF8.self) else {
            Terminal.stderr("\(file): not UTF-8 text; save it as UTF-8")
            return ExitCode.usage.rawValue
        }
        return await runInterruptible(source, file: file, host: host, options: options)
    }

    private func runInterruptible(_ source: String, file: String, host: CLIHost, options: SessionOptions) async -> Int32 {
        let session = Session(host: host, options: options)
        let interrupt = InterruptHandler(session: session)
        defer { interrupt.cancel() }
        return await session.run(source: source, file: file)
    }

    /// What the words on the command line ask for.
    enum Mode {
        case script(String, [String])
        case text(String)
        case words(String)
        case interactive

        init(text: String?, words: [String]) {
            if let text {
                self = .text(text)
            } else if let first = words.first, FileSystem.isRegularFile(first) {
                self = .script(first, Array(words.dropFirst()))
            } else if !words.isEmpty {
                self = .words(Session.commandLine(fromArguments: words))
            } else {
                self = .interactive
            }
        }

        var isInteractive: Bool { if case .interactive = self { true } else { false } }
    }
}

import Contracts
import Language
import Profiles
import Values

/// One run of the language: a script, `-c` text, a command line from the
/// shell's words, or the interactive shell.
struct Invocation {
    var settings: Settings
    var text: String?
    var dryRun = false
    /// Check a script before it runs (`--no-check` skips it).
    var check = true
    var words: [String] = []

    func run() async -> Int32 {
        let env = ProcessEnvironment.all
        let paths: Paths
        do {
            paths = try Paths.current()
        } catch {
            Terminal.stderr(error.message)
            return error.code.rawValue
        }
        if let t = settings.timeout, Bounded.seconds(t) == nil {
            Terminal.stderr("acsh: --timeout needs \(Bounded.secondsRange()), not \(t)")
            return ExitCode.usage.rawValue
        }
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
        options.confirm = !settings.yes
        if let t = settings.timeout { options.timeout = t }
        let code: Int32
        switch mode {
        case .script(let file, let args):
            options.arguments = args
            code = await runScript(file, host: host, options: options)
        case .text(let source):
            code = await runInterruptible(source, file: "-c", host: host, options: options)
        case .words(let words):
            let session = Session(host: host, options: options)
            let interrupt = InterruptHandler(session: session)
            code = await session.run(arguments: words)
            interrupt.cancel()
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
        return await runInterruptible(source, file: file, host: host, options: options, check: check)
    }

    private func runInterruptible(_ source: String, file: String, host: CLIHost, options: SessionOptions,
                                  check: Bool = false) async -> Int32 {
        let session = Session(host: host, options: options)
        if check {
            // A typo on line 80 must not fire after line 1 already changed the cloud.
            let findings = session.check(source: source, file: file)
            if !findings.isEmpty { host.writeError(findings.rendered(nil)) }
            if findings.hasErrors {
                host.writeError("\(file): not run: fix the error\(findings.filter { $0.severity == .error }.count == 1 ? "" : "s") above, or run it with --no-check\n")
                return ExitCode.usage.rawValue
            }
        }
        let interrupt = InterruptHandler(session: session)
        defer { interrupt.cancel() }
        return await session.run(source: source, file: file)
    }

    /// What the words on the command line ask for.
    enum Mode {
        case script(String, [String])
        case text(String)
        /// One command; each word one argument, never lexed (`CommandLineWords`).
        case words([String])
        case interactive

        init(text: String?, words: [String]) {
            if let text {
                self = .text(text)
            } else if let first = words.first, Self.namesScript(first) {
                self = .script(first, Array(words.dropFirst()))
            } else if !words.isEmpty {
                self = .words(words)
            } else {
                self = .interactive
            }
        }

        /// Only a word that says it is a file runs as a script: a file named `list`
        /// in the working directory must never take over `acsh -p prod list vms`.
        static func namesScript(_ word: String) -> Bool {
            word.contains("/") || word.hasSuffix(".cs") || word.hasSuffix(".acsh")
        }

        var isInteractive: Bool { if case .interactive = self { true } else { false } }
    }
}

import ArgumentParser
import Language
import Profiles

/// The default command: a script, `-c` text, one command line, or the shell.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a script, -c text, one command line, or the shell (the default).",
        shouldDisplay: false)

    @OptionGroup var global: GlobalOptions

    @Option(name: .customShort("c"), help: "Run TEXT as acsh language.")
    var text: String?

    @Flag(name: .customLong("dry-run"), help: "Print the API calls that would change something; send none of them.")
    var dryRun = false

    @Argument(parsing: .remaining, help: "A script file and its arguments, or one command line.")
    var words: [String] = []

    func run() async throws {
        let env = ProcessEnvironment.all
        let paths = Paths(environment: env)
        if let output = global.output, !Profile.outputFormats.contains(output) {
            throw CommandFailure("acsh: unknown output format '\(output)'; use json, table, csv or text")
        }
        let mode = Mode(text: text, words: words)
        let connection = try await Connection.open(global, paths: paths, environment: env,
                                                   fallback: mode.isInteractive ? .sandbox : .fail)
        let host = CLIHost(connection: connection, global: global, paths: paths, environment: env)
        var options = SessionOptions()
        options.output = global.output ?? connection.defaultOutput
        options.dryRun = dryRun
        if let t = global.timeout { options.timeout = t }
        let code: Int32
        switch mode {
        case .script(let file, let args):
            options.arguments = args
            code = await runScript(file, host: host, options: options)
        case .text(let source):
            code = await Session(host: host, options: options).run(source: source, file: "-c")
        case .words(let source):
            code = await Session(host: host, options: options).run(source: source, file: "<command line>")
        case .interactive:
            code = await Interactive.run(host: host, options: options, global: global, paths: paths)
        }
        host.stdout.flush()
        await host.connection.close()
        if code != 0 { throw ExitCode(code) }
    }

    private func runScript(_ file: String, host: CLIHost, options: SessionOptions) async -> Int32 {
        guard let bytes = FileSystem.read(file) else {
            Terminal.stderr("acsh: cannot read \(file)")
            return 2
        }
        guard let source = String(validating: bytes, as: UTF8.self) else {
            Terminal.stderr("\(file): not UTF-8 text; save it as UTF-8")
            return 2
        }
        return await Session(host: host, options: options).run(source: source, file: file)
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
                self = .words(CommandLineText.join(words))
            } else {
                self = .interactive
            }
        }

        var isInteractive: Bool { if case .interactive = self { true } else { false } }
    }
}

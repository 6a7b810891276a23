import ArgumentParser

/// The default command: a script, `-c` text, one command line, or the shell.
/// `FastPath` handles the common shapes of these without ArgumentParser; both
/// end in `Invocation.run`.
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

    @Flag(name: .customLong("no-check"), help: "Run a script without checking it first (acsh check).")
    var noCheck = false

    @Argument(parsing: .remaining, help: "A script file and its arguments, or one command line.")
    var words: [String] = []

    func run() async throws {
        let code = await Invocation(settings: global.settings, text: text, dryRun: dryRun, check: !noCheck, words: words).run()
        if code != 0 { throw ExitCode(code) }
    }
}

import APICatalog
import ArgumentParser
import Contracts
import Language
import Profiles

/// `acsh check FILE...`: the mistakes a run would stop at, found without running
/// anything or starting the sandbox: one `file:line:col: severity: message` line
/// each (or `-o json|csv|table`). Exit 0 when no file has an error (warnings never
/// block, as before a run), 1 when one has, 2 when a file cannot be read.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract:
            "Check scripts without running them: syntax, commands and parameters against the profile's catalog, variables, stages, wait."
    )

    @Option(
        name: [.short, .customLong("profile")], help: "Check against this profile's catalog and parameter defaults.")
    var profile: String?

    @ArgumentParser.Flag(help: "Check against the sandbox (the bundled catalog and the sandbox's parameter defaults).")
    var sandbox = false

    @Option(name: [.short, .customLong("output")], help: "Findings as json, csv or table instead of compiler lines.")
    var output: OutputFormat?

    @Argument(help: "The script files.")
    var files: [String] = []

    func run() async throws {
        guard !files.isEmpty else {
            throw CommandFailure("acsh check: name the script files to check, e.g. acsh check deploy.cs")
        }
        let context = try Self.context(
            profile: profile, sandbox: sandbox, paths: try Paths.current(),
            environment: ProcessEnvironment.all)
        var findings: [Finding] = []
        var unreadable = false
        for file in files {
            guard let bytes = FileSystem.read(file) else {
                Terminal.stderr("acsh check: cannot read \(file): check the path")
                unreadable = true
                continue
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                Terminal.stderr("acsh check: \(file) is not UTF-8 text; save it as UTF-8")
                unreadable = true
                continue
            }
            findings += ScriptCheck.findings(source: text, file: file, context: context)
        }
        if !findings.isEmpty || output == .json { print(findings.rendered(output), terminator: "") }
        if unreadable { throw ArgumentParser.ExitCode(Contracts.ExitCode.usage.rawValue) }
        if findings.hasErrors { throw ArgumentParser.ExitCode(Contracts.ExitCode.findings.rawValue) }
    }

    /// The catalog and defaults a run would have, found without connecting: the profile's
    /// synced catalog (or the bundled one) and its saved defaults; the sandbox's when no
    /// profile is configured, as the shell falls back to it.
    static func context(
        profile name: String?, sandbox: Bool, paths: Paths,
        environment env: [String: String]
    ) throws -> CheckContext {
        let store = FileSystem.exists(paths.configFile) ? try Connection.loadStore(paths).0 : nil
        func sandboxContext() -> CheckContext {
            let saved = store?.defaults["sandbox"] ?? [:]
            return CheckContext(
                catalog: .bundled, defaults: Array(Connection.sandboxDefaults.merging(saved) { $1 }.keys))
        }
        if sandbox || (name == "sandbox" && !(store?.names.contains("sandbox") ?? false)) { return sandboxContext() }
        let chosen: Profile?
        do {
            chosen = try Profile.fromEnvironment(
                env,
                base: try name.map { n in
                    guard let store else {
                        throw CommandFailure("acsh check: no profile '\(n)': no config file at \(paths.configFile)")
                    }
                    return try store.profile(named: n)
                } ?? store?.active())
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure("acsh check: \(error)")
        }
        guard let profile = chosen else { return sandboxContext() }
        let (catalog, warning) = Catalog.cachedOrBundled(at: paths.catalogCache(profile: profile.name))
        if let warning { Terminal.stderr("acsh: " + warning) }
        return CheckContext(catalog: catalog, defaults: Array((store?.defaults[profile.name] ?? [:]).keys))
    }
}

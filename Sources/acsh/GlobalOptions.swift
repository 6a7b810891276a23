import ArgumentParser
import Contracts

/// `-o json`: ArgumentParser checks the name and lists the choices in help and completions.
extension OutputFormat: ExpressibleByArgument {}

/// Options every way of running acsh shares (one-shot words, scripts, -c, the REPL).
struct GlobalOptions: ParsableArguments {
    @Option(name: [.short, .customLong("profile")], help: "Profile from the config file to use.")
    var profile: String?

    @Flag(help: "Use the built-in sandbox cloud (an in-process simulator).")
    var sandbox = false

    @Flag(help: "Start the sandbox's saved cloud over (with --sandbox, or no profile).")
    var fresh = false

    @Option(help: "CloudStack API URL (overrides the profile), e.g. https://cloud.example.com/client/api.")
    var url: String?

    @Option(name: .customLong("api-key"), help: "API key (overrides the profile; prefer a profile or CLOUDSTACK_KEY).")
    var apiKey: String?

    @Option(
        name: .customLong("secret-key"),
        help: "Secret key (overrides the profile; prefer a profile or CLOUDSTACK_SECRET).")
    var secretKey: String?

    @Option(name: [.short, .customLong("output")], help: "Output format: \(OutputFormat.choices).")
    var output: OutputFormat?

    @Option(help: "Request timeout in seconds.")
    var timeout: Double?

    @Flag(help: "Print requests and responses on stderr (secrets redacted).")
    var trace = false

    @Flag(name: .customLong("no-color"), help: "Disable colours (also NO_COLOR=1).")
    var noColor = false

    @Flag(help: "Skip TLS certificate verification for this run (prints a warning).")
    var insecure = false

    @Flag(help: "Never ask before a command changes more than 3 records at the prompt.")
    var yes = false
    @Option(
        name: .customLong("2fa-code"),
        help: "Two-factor code for a password profile's login (also ACSH_2FA_CODE; asked at a terminal otherwise).")
    var twoFactorCode: String?
}

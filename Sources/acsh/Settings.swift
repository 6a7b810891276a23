import Contracts

/// The global options as plain values: what Connection, CLIHost and the REPL
/// need, whether they came through ArgumentParser or the fast path.
struct Settings: Sendable, Equatable {
    var profile: String?
    var sandbox = false
    /// Start the sandbox's saved cloud over (the first connection of the run only).
    var fresh = false
    /// Keep the sandbox's cloud in the XDG data directory (off for benchmarks: a fresh cloud in memory).
    var keepSandbox = true
    var url: String?
    var apiKey: String?
    var secretKey: String?
    var output: OutputFormat?
    var timeout: Double?
    var trace = false
    var noColor = false
    var insecure = false
    /// `--yes`: never ask before a bulk change at the prompt.
    var yes = false
    /// The two-factor code for a password login (`--2fa-code`, else ACSH_2FA_CODE).
    var twoFactorCode: String?
}

extension GlobalOptions {
    var settings: Settings {
        Settings(
            profile: profile, sandbox: sandbox, fresh: fresh, url: url, apiKey: apiKey, secretKey: secretKey,
            output: output,
            timeout: timeout, trace: trace, noColor: noColor, insecure: insecure, yes: yes, twoFactorCode: twoFactorCode
        )
    }
}

/// The global options as plain values: what Connection, CLIHost and the REPL
/// need, whether they came through ArgumentParser or the fast path.
struct Settings: Sendable, Equatable {
    var profile: String?
    var sandbox = false
    var url: String?
    var apiKey: String?
    var secretKey: String?
    var output: String?
    var timeout: Double?
    var trace = false
    var noColor = false
    var insecure = false
}

extension GlobalOptions {
    var settings: Settings {
        Settings(profile: profile, sandbox: sandbox, url: url, apiKey: apiKey, secretKey: secretKey, output: output,
                 timeout: timeout, trace: trace, noColor: noColor, insecure: insecure)
    }
}

import Contracts

/// Parses the everyday shapes of the command line (`acsh [OPTIONS] WORDS...`,
/// `acsh FILE.cs ARGS`, `acsh -c TEXT`) without ArgumentParser.
///
/// Why: in a binary this size, ArgumentParser's first parse costs about a third
/// of a one-shot call (it triggers hundreds of first-time protocol conformance
/// lookups in the Swift runtime; measured with callgrind, see README
/// "Performance"). Anything unusual (subcommands, --help, unknown or malformed
/// options) returns nil and goes through ArgumentParser, which stays the
/// single authority for help, errors and completions; EndToEndTests check both
/// paths agree.
enum FastPath {
    static let subcommands: Set<String> = ["run", "check", "simulator", "profile", "sync", "completions", "debug", "help"]

    static func parse(_ args: [String]) -> Invocation? {
        var inv = Invocation(settings: Settings())
        var i = 0
        func value() -> String? {
            i += 1
            return i < args.count ? args[i] : nil
        }
        while i < args.count {
            let a = args[i]
            guard a.hasPrefix("-"), a != "-" else { break }
            if a == "--" { i += 1; break }
            // `--name=value` spellings are left to ArgumentParser.
            switch a {
            case "-p", "--profile": guard let v = value() else { return nil }; inv.settings.profile = v
            case "--url": guard let v = value() else { return nil }; inv.settings.url = v
            case "--api-key": guard let v = value() else { return nil }; inv.settings.apiKey = v
            case "--secret-key": guard let v = value() else { return nil }; inv.settings.secretKey = v
            case "--2fa-code": guard let v = value() else { return nil }; inv.settings.twoFactorCode = v
            case "-o", "--output":
                // An unknown format is left to ArgumentParser, whose error lists the choices.
                guard let v = value(), let f = OutputFormat(rawValue: v) else { return nil }
                inv.settings.output = f
            case "--timeout":
                guard let v = value(), let t = Double(v) else { return nil }
                inv.settings.timeout = t
            case "-c": guard let v = value() else { return nil }; inv.text = v
            case "--sandbox": inv.settings.sandbox = true
            case "--fresh": inv.settings.fresh = true
            case "--trace": inv.settings.trace = true
            case "--no-color": inv.settings.noColor = true
            case "--insecure": inv.settings.insecure = true
            case "--dry-run": inv.dryRun = true
            case "--no-check": inv.check = false
            case "--yes", "-y": inv.settings.yes = true
            default: return nil
            }
            i += 1
        }
        inv.words = Array(args[i...])
        if let first = inv.words.first, subcommands.contains(first) { return nil }
        return inv
    }
}

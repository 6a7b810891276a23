import ArgumentParser
import CloudClient
import Contracts
import Profiles

/// `acsh profile add|list|use|show|remove|import-cmk`: the config file's profiles.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Manage the clouds acsh knows (config file profiles).",
        subcommands: [Add.self, List.self, Use.self, Show.self, SetDefault.self, Remove.self, ImportCmk.self])

    static var paths: Paths { get throws { try Paths.current() } }

    /// Loads, changes and saves the store; errors are one line, exit 2, nothing written.
    static func edit(_ change: (inout ProfileStore) throws -> Void) throws {
        let paths = try Self.paths
        let path = paths.configFile
        var (store, warning) = try Connection.loadStore(paths)
        if let warning { Terminal.stderr("acsh: warning: \(warning)") }
        do {
            try change(&store)
            try store.save(to: path)
        } catch let e as CommandFailure {
            throw e
        } catch {
            throw CommandFailure("acsh profile: \(error)")
        }
    }

    static func load() throws -> ProfileStore {
        let (store, warning) = try Connection.loadStore(try Self.paths)
        if let warning { Terminal.stderr("acsh: warning: \(warning)") }
        return store
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a profile (keys, or username and password).",
            discussion:
                "Give --secret-key - (or --password -) to read it from stdin; at a terminal an omitted secret is asked for without echo."
        )

        @Argument(help: "Profile name (letters, digits, - _ .).") var name: String
        @Option(help: "API URL, e.g. https://cloud.example.com/client/api.") var url: String
        @Option(name: .customLong("api-key")) var apiKey: String?
        @Option(name: .customLong("secret-key")) var secretKey: String?
        @Option var username: String?
        @Option var password: String?
        @Option(help: "Domain path for login, e.g. / or /sub.") var domain: String?
        @Flag(name: .customLong("no-verify-tls"), help: "Do not verify TLS certificates (insecure).") var noVerifyTLS =
            false
        @Option(help: "Request timeout in seconds.") var timeout: Int?
        @Option(help: "Default output format: \(OutputFormat.choices).") var output: OutputFormat?
        @Option(help: "Proxy URL (http://host:port or socks5://host:port); none: never a proxy.") var proxy: String?
        @Option(name: .customLong("signature-lifetime"), help: "Seconds a signed request stays valid (1 to 31536000).")
        var signatureLifetime = 600
        @Flag(help: "Send every request as POST.") var post = false
        @Flag(help: "Replace an existing profile of that name.") var replace = false

        func run() throws {
            // The same check every load applies, before a secret is asked for.
            if let (_, message) = Profile(
                name: name, url: url, timeout: timeout, output: output,
                signatureLifetime: signatureLifetime
            ).problem {
                throw CommandFailure("acsh profile add: \(message)")
            }
            if let proxy {
                do { _ = try Proxy.forEndpoint(url, configured: proxy, environment: [:]) } catch {
                    throw CommandFailure("acsh profile add: \(error)")
                }
            }
            var secret = try Secret.resolve(secretKey, prompt: "secret key for \(name): ", needed: apiKey != nil)
            var pass = try Secret.resolve(
                password, prompt: "password for \(username ?? name): ", needed: username != nil)
            defer { secret = nil; pass = nil }
            let profile = Profile(
                name: name, url: url, apiKey: apiKey, secretKey: secret, username: username,
                password: pass, domain: domain, verifyTLS: !noVerifyTLS, timeout: timeout,
                output: output, signatureLifetime: signatureLifetime, post: post, proxy: proxy)
            if profile.auth == .none {
                Terminal.stderr(
                    "acsh: note: profile '\(name)' has no credentials: requests go unauthenticated (integration port)")
            }
            try ProfileCommand.edit { try $0.add(profile, replacing: replace) }
            print("added profile \(name)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List profiles; * marks the current one.")
        func run() throws {
            let store = try ProfileCommand.load()
            if store.profiles.isEmpty {
                print("no profiles; add one with `acsh profile add NAME --url URL --api-key KEY --secret-key SECRET`")
            }
            store.listLines.forEach { print($0) }
        }
    }

    struct Use: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "use", abstract: "Make a profile the current one.")
        @Argument var name: String
        func run() throws {
            try ProfileCommand.edit { try $0.use(name) }
            print("now using \(name)")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show a profile (secrets redacted).")
        @Argument(help: "Profile name; the current one when omitted.") var name: String?
        func run() throws {
            let store = try ProfileCommand.load()
            do {
                guard let p = try store.active(named: name) else {
                    throw CommandFailure(
                        "acsh profile show: no current profile; name one or run `acsh profile use NAME`")
                }
                p.redactedLines.forEach { print($0) }
                for (k, v) in (store.defaults[p.name] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    print("default \(k) = \(v)")
                }
            } catch let e as ProfileError {
                throw CommandFailure("acsh profile show: \(e)")
            }
        }
    }

    struct SetDefault: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-default", abstract: "Keep a parameter default for a profile (no value: remove it).",
            discussion:
                "A default fills a parameter of every command that takes it and was not given it, e.g. `acsh profile set-default prod serviceoffering \"Small Instance\"`. `sandbox` names the built-in sandbox."
        )
        @Argument(help: "Profile name (or sandbox).") var name: String
        @Argument(help: "Parameter, friendly (serviceoffering, zone) or raw (serviceofferingid).") var param: String
        @Argument(help: "The value; leave it out to remove the default.") var value: String?

        func run() throws {
            try ProfileCommand.edit { store in
                if name != "sandbox" { _ = try store.profile(named: name) }
                try store.setDefault(profile: name, name: param, value: value)
            }
            print(value.map { "default \(param) = \($0) for \(name)" } ?? "removed default \(param) for \(name)")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a profile.")
        @Argument var name: String
        func run() throws {
            try ProfileCommand.edit { try $0.remove(name) }
            print("removed profile \(name)")
        }
    }

    struct ImportCmk: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-cmk", abstract: "Import the profiles of a cloudmonkey config (~/.cmk/config).")
        @Option(help: "The cloudmonkey config file.") var file: String?
        @Flag(help: "Replace profiles that already exist (kept otherwise).") var replace = false

        func run() throws {
            let imported: CmkImport.Result
            let source = try file ?? ProfileCommand.paths.cmkConfigFile
            do {
                imported = try CmkImport.load(from: source)
            } catch {
                throw CommandFailure("acsh profile import-cmk: \(error)")
            }
            var report: [String] = []
            try ProfileCommand.edit { report = $0.merge(imported, replacing: replace) }
            report.forEach { print($0) }
        }
    }
}

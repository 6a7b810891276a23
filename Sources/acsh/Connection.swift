import APICatalog
import CloudClient
import Contracts
import Profiles
import Simulator

/// The cloud acsh talks to in this run: a profile's client and catalog, or the
/// in-process sandbox. Built from the command line, the config file and the
/// environment, in that order of precedence.
final class Connection: Sendable {
    let name: String
    let client: CloudStackClient
    let catalog: Catalog
    let defaultOutput: OutputFormat?
    /// Parameter defaults of this profile (`[defaults.NAME]` in the config; the sandbox's own first).
    let defaults: [String: String]
    private let sandbox: Simulator?

    private init(
        name: String, client: CloudStackClient, catalog: Catalog, defaultOutput: OutputFormat?,
        defaults: [String: String], sandbox: Simulator?
    ) {
        self.name = name
        self.client = client
        self.catalog = catalog
        self.defaultOutput = defaultOutput
        self.defaults = defaults
        self.sandbox = sandbox
    }

    /// The sandbox's service offering by default, so `vm = deploy template:3 zone:1` runs as written.
    static let sandboxDefaults = ["serviceoffering": "Small Instance"]

    /// When no profile is configured: the REPL falls back to the sandbox,
    /// one-shot commands and scripts stop (an unattended script must not
    /// silently talk to a toy cloud).
    enum Fallback { case sandbox, fail }

    static func open(
        _ settings: Settings, profile requested: String? = nil, paths: Paths,
        environment env: [String: String], fallback: Fallback
    ) async throws -> Connection {
        // `--sandbox` picks the sandbox; `use NAME` later switches away from it, and
        // `use sandbox` back to it (unless a real profile has that name).
        // `--fresh` applies to the sandbox named on the command line, not to a later `use sandbox`.
        let fresh = requested == nil && settings.fresh
        if settings.sandbox && requested == nil { return try await sandbox(settings, paths, fresh: fresh) }
        var profile: Profile?
        let name = requested ?? settings.profile
        let store = FileSystem.exists(paths.configFile) ? try Self.loadStore(paths) : nil
        if name == "sandbox", !(store?.0.names.contains("sandbox") ?? false) {
            return try await sandbox(settings, paths, fresh: fresh)
        }
        if let (store, warning) = store {
            if let warning { Terminal.stderr("acsh: warning: \(warning)") }
            profile = try name.map { try store.profile(named: $0) } ?? store.active()
        } else if let name {
            throw CommandFailure(
                "acsh: no profile '\(name)': no config file at \(paths.configFile); add one with `acsh profile add \(name) --url URL --api-key KEY --secret-key SECRET`"
            )
        }
        do {
            profile = try Profile.fromEnvironment(env, base: profile)
            if let url = settings.url {
                if let p = profile, p.url != url {
                    // Credentials follow their profile: only keys given for this run go to another URL.
                    let keys = (settings.apiKey ?? env["CLOUDSTACK_KEY"]).flatMap { k in
                        (settings.secretKey ?? env["CLOUDSTACK_SECRET"]).map { (k, $0) }
                    }
                    profile = try p.redirected(
                        to: url, by: "--url", keys: keys, hint: "give --api-key and --secret-key too")
                } else {
                    profile = profile ?? Profile(name: "cli", url: url)
                }
            }
        } catch {
            throw CommandFailure("acsh: \(error)")
        }
        if let key = settings.apiKey { profile?.apiKey = key }
        if let secret = settings.secretKey { profile?.secretKey = secret }
        guard let profile else {
            switch fallback {
            case .sandbox: return try await sandbox(settings, paths, fresh: fresh)
            case .fail:
                throw CommandFailure(
                    "acsh: no cloud configured; add a profile (`acsh profile add NAME --url URL --api-key KEY --secret-key SECRET`), set CLOUDSTACK_ENDPOINT, CLOUDSTACK_KEY and CLOUDSTACK_SECRET, or use --sandbox"
                )
            }
        }
        if fresh {
            throw CommandFailure(
                "acsh: --fresh starts the sandbox's saved cloud over; it does nothing to profile \(profile.name) (use --sandbox --fresh)"
            )
        }
        let (catalog, warning) = Catalog.cachedOrBundled(at: paths.catalogCache(profile: profile.name))
        if let warning { Terminal.stderr("acsh: " + warning) }  // it starts with "warning: "
        let client = CloudStackClient(options: try clientOptions(profile, settings, environment: env))
        let defaults = store?.0.defaults[profile.name] ?? [:]
        return Connection(
            name: profile.name, client: client, catalog: catalog, defaultOutput: profile.output,
            defaults: defaults, sandbox: nil)
    }

    static func loadStore(_ paths: Paths) throws -> (ProfileStore, String?) {
        do {
            return try ProfileStore.load(from: paths.configFile)
        } catch {
            throw CommandFailure("acsh: \(error)")
        }
    }

    /// The in-process simulator, its cloud kept in the XDG data directory between runs. When another
    /// acsh holds that file, this one gets a cloud in memory (and says so) rather than no sandbox.
    private static func sandbox(_ settings: Settings, _ paths: Paths, fresh: Bool) async throws -> Connection {
        let sim: Simulator
        var options = SimulatorOptions()
        options.state = settings.keepSandbox ? .file(paths.sandboxStateFile) : .memory
        options.fresh = fresh
        do {
            do {
                sim = try await Simulator.start(options)
            } catch let e as SimulatorError where e.isStateInUse {
                Terminal.stderr(
                    "acsh: warning: another acsh is using the sandbox's saved cloud (\(paths.sandboxStateFile)); "
                        + "this one gets a fresh sandbox that is not kept")
                options.state = .memory
                sim = try await Simulator.start(options)
            }
        } catch {
            throw CommandFailure("acsh: could not start the sandbox: \(error)", code: .transport)
        }
        let keys = sim.adminKeys
        let profile = Profile(name: "sandbox", url: sim.baseURL, apiKey: keys.apiKey, secretKey: keys.secretKey)
        // In-process, on loopback: never through a proxy the environment names.
        let client = CloudStackClient(options: try clientOptions(profile, settings, environment: [:]))
        let saved =
            FileSystem.exists(paths.configFile)
            ? (try? ProfileStore.load(from: paths.configFile))?.store.defaults["sandbox"] : nil
        return Connection(
            name: "sandbox", client: client, catalog: .bundled, defaultOutput: nil,
            defaults: sandboxDefaults.merging(saved ?? [:]) { $1 }, sandbox: sim)
    }

    private static func clientOptions(
        _ p: Profile, _ settings: Settings,
        environment env: [String: String]
    ) throws -> ClientOptions {
        let credentials: Credentials =
            switch p.auth {
            case .keys: .apiKey(key: p.apiKey ?? "", secret: p.secretKey ?? "")
            case .password: .password(username: p.username ?? "", password: p.password ?? "", domain: p.domain)
            case .none: .none
            }
        if p.auth == .password, p.url.lowercased().hasPrefix("http://"), !Self.isLoopback(p.url) {
            Terminal.stderr(
                "acsh: warning: profile \(p.name) logs in with a password over plain http://; "
                    + "anyone on the path can read it: use https://")
        }
        var verify = p.verifyTLS
        if settings.insecure { verify = false }
        if !verify && p.url.lowercased().hasPrefix("https") {
            Terminal.stderr(
                "acsh: warning: TLS certificate verification is off for \(p.name); the connection can be intercepted")
        }
        var o = ClientOptions(
            url: p.url, credentials: credentials, verifyTLS: verify,
            timeout: settings.timeout ?? p.timeout.map(Double.init) ?? 60,
            signatureLifetime: p.signatureLifetime, forcePost: p.post)
        do {
            o.proxy = try Proxy.forEndpoint(o.endpoint, configured: p.proxy, environment: env)
        } catch {
            throw CommandFailure("acsh: profile \(p.name): \(error)", code: .usage)
        }
        if settings.trace { o.trace = { Terminal.stderr("trace: " + $0) } }
        o.warning = { Terminal.stderr("acsh: warning: " + $0) }
        let code = settings.twoFactorCode ?? env["ACSH_2FA_CODE"].flatMap { $0.isEmpty ? nil : $0 }
        let user = p.username ?? ""
        o.twoFactorCode = { code ?? (Terminal.stdinIsTTY ? Secret.ask("two-factor code for \(user): ") : nil) }
        return o
    }

    /// Whether the URL's host is this machine (a password sent there crosses no network).
    static func isLoopback(_ url: String) -> Bool {
        guard let start = url.firstRange(of: "://")?.upperBound else { return false }
        var host = url[start...].prefix { $0 != "/" && $0 != "?" }
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if host.hasPrefix("[") { return host.hasPrefix("[::1]") }
        let name = host.prefix { $0 != ":" }.lowercased()
        // An IPv4 literal in 127.0.0.0/8, not a name that merely starts with 127.
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return name == "localhost" || (parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil })
    }

    /// The same cloud with a freshly synced catalog.
    func replacingCatalog(_ catalog: Catalog) -> Connection {
        Connection(
            name: name, client: client, catalog: catalog, defaultOutput: defaultOutput, defaults: defaults,
            sandbox: sandbox)
    }

    /// The same cloud with one parameter default changed (nil removes it).
    func replacingDefault(_ param: String, _ value: String?) -> Connection {
        var d = defaults
        d[param] = value
        return Connection(
            name: name, client: client, catalog: catalog, defaultOutput: defaultOutput, defaults: d, sandbox: sandbox)
    }

    func close() async {
        try? await client.shutdown()
        await sandbox?.stop()
    }
}

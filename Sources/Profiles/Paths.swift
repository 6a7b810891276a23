/// Where acsh keeps its files, after the XDG base directory rules:
/// config `$XDG_CONFIG_HOME/acsh/config.toml` (default ~/.config), synced
/// catalogs `$XDG_CACHE_HOME/acsh/<profile>/catalog.json` (default ~/.cache),
/// history `$XDG_STATE_HOME/acsh/history` (default ~/.local/state), the sandbox's
/// cloud `$XDG_DATA_HOME/acsh/sandbox.sqlite` (default ~/.local/share).
/// `ACSH_CONFIG` names the config file directly (tests, CI).
public struct Paths: Sendable, Equatable {
    public var configFile: String
    public var cacheDirectory: String
    public var stateDirectory: String
    /// cloudmonkey's config, for `acsh profile import-cmk`.
    public var cmkConfigFile: String
    /// Data worth keeping (the sandbox's cloud): `$XDG_DATA_HOME/acsh`.
    public var dataDirectory: String

    public init(configFile: String, cacheDirectory: String, stateDirectory: String, cmkConfigFile: String,
                dataDirectory: String) {
        self.configFile = configFile
        self.cacheDirectory = cacheDirectory
        self.stateDirectory = stateDirectory
        self.cmkConfigFile = cmkConfigFile
        self.dataDirectory = dataDirectory
    }

    /// Paths from an environment (pass `ProcessInfo.processInfo.environment`).
    public init(environment env: [String: String]) {
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
        // The XDG rules ignore relative paths.
        func base(_ name: String, _ fallback: String) -> String {
            if let v = env[name], v.hasPrefix("/") { return v }
            return home + "/" + fallback
        }
        let config = base("XDG_CONFIG_HOME", ".config") + "/acsh/config.toml"
        self.init(configFile: env["ACSH_CONFIG"].flatMap { $0.isEmpty ? nil : $0 } ?? config,
                  cacheDirectory: base("XDG_CACHE_HOME", ".cache") + "/acsh",
                  stateDirectory: base("XDG_STATE_HOME", ".local/state") + "/acsh",
                  cmkConfigFile: home + "/.cmk/config",
                  dataDirectory: base("XDG_DATA_HOME", ".local/share") + "/acsh")
    }

    /// The REPL sandbox's cloud (SQLite, mode 0600): what was deployed yesterday is there today.
    public var sandboxStateFile: String { dataDirectory + "/sandbox.sqlite" }

    /// The synced catalog of one profile.
    public func catalogCache(profile: String) -> String { cacheDirectory + "/" + profile + "/catalog.json" }

    /// The REPL's line history.
    public var historyFile: String { stateDirectory + "/history" }
}

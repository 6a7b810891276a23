/// Where acsh keeps its files, after the XDG base directory rules:
/// config `$XDG_CONFIG_HOME/acsh/config.toml` (default ~/.config), synced
/// catalogs `$XDG_CACHE_HOME/acsh/<profile>/catalog.json` (default ~/.cache),
/// history `$XDG_STATE_HOME/acsh/history` (default ~/.local/state).
/// `ACSH_CONFIG` names the config file directly (tests, CI).
public struct Paths: Sendable, Equatable {
    public var configFile: String
    public var cacheDirectory: String
    public var stateDirectory: String
    /// cloudmonkey's config, for `acsh profile import-cmk`.
    public var cmkConfigFile: String

    public init(configFile: String, cacheDirectory: String, stateDirectory: String, cmkConfigFile: String) {
        self.configFile = configFile
        self.cacheDirectory = cacheDirectory
        self.stateDirectory = stateDirectory
        self.cmkConfigFile = cmkConfigFile
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
                  cmkConfigFile: home + "/.cmk/config")
    }

    /// The synced catalog of one profile.
    public func catalogCache(profile: String) -> String { cacheDirectory + "/" + profile + "/catalog.json" }

    /// The REPL's line history.
    public var historyFile: String { stateDirectory + "/history" }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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

    public init(
        configFile: String, cacheDirectory: String, stateDirectory: String, cmkConfigFile: String,
        dataDirectory: String
    ) {
        self.configFile = configFile
        self.cacheDirectory = cacheDirectory
        self.stateDirectory = stateDirectory
        self.cmkConfigFile = cmkConfigFile
        self.dataDirectory = dataDirectory
    }

    /// Paths from an environment (pass `ProcessInfo.processInfo.environment`). Without
    /// `HOME` the home folder comes from the password database (`accountHome`); with
    /// neither, an error, never the working directory (files holding secrets would
    /// land wherever acsh happened to start).
    public init(environment env: [String: String], accountHome: @autoclosure () -> String? = Paths.accountHome()) throws
    {
        let home = env["HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? accountHome()
        // The XDG rules ignore relative paths.
        func base(_ name: String, _ fallback: String) throws -> String {
            if let v = env[name], v.hasPrefix("/") { return v }
            guard let home else {
                throw ProfileError(
                    "HOME is not set and the password database has no home folder for this user; "
                        + "set HOME (or \(name)) to an absolute path")
            }
            return home + "/" + fallback
        }
        let config =
            try env["ACSH_CONFIG"].flatMap { $0.isEmpty ? nil : $0 } ?? base("XDG_CONFIG_HOME", ".config")
            + "/acsh/config.toml"
        self.init(
            configFile: config,
            cacheDirectory: try base("XDG_CACHE_HOME", ".cache") + "/acsh",
            stateDirectory: try base("XDG_STATE_HOME", ".local/state") + "/acsh",
            cmkConfigFile: (home ?? "/nonexistent") + "/.cmk/config",
            dataDirectory: try base("XDG_DATA_HOME", ".local/share") + "/acsh")
    }

    /// The user's home folder from the password database (getpwuid_r); nil when it has none.
    public static func accountHome() -> String? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16384)
        guard getpwuid_r(getuid(), &entry, &buffer, buffer.count, &result) == 0, result != nil,
            let dir = entry.pw_dir
        else { return nil }
        let home = String(cString: dir)
        return home.hasPrefix("/") ? home : nil
    }

    /// The REPL sandbox's cloud (SQLite, mode 0600): what was deployed yesterday is there today.
    public var sandboxStateFile: String { dataDirectory + "/sandbox.sqlite" }

    /// The synced catalog of one profile.
    public func catalogCache(profile: String) -> String { cacheDirectory + "/" + profile + "/catalog.json" }

    /// The REPL's line history.
    public var historyFile: String { stateDirectory + "/history" }
}

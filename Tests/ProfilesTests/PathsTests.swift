import Testing
@testable import Profiles

@Suite struct PathsTests {
    @Test func xdgVariables() throws {
        let p = try Paths(environment: [
            "HOME": "/home/u", "XDG_CONFIG_HOME": "/c", "XDG_CACHE_HOME": "/k",
            "XDG_STATE_HOME": "/s", "XDG_DATA_HOME": "/d",
        ])
        #expect(p.configFile == "/c/acsh/config.toml")
        #expect(p.catalogCache(profile: "prod") == "/k/acsh/prod/catalog.json")
        #expect(p.historyFile == "/s/acsh/history")
        #expect(p.sandboxStateFile == "/d/acsh/sandbox.sqlite")
    }

    @Test func defaultsUnderHome() throws {
        let p = try Paths(environment: ["HOME": "/home/u", "XDG_CONFIG_HOME": "relative/ignored"])
        #expect(p.configFile == "/home/u/.config/acsh/config.toml")
        #expect(p.cacheDirectory == "/home/u/.cache/acsh")
        #expect(p.historyFile == "/home/u/.local/state/acsh/history")
        #expect(p.cmkConfigFile == "/home/u/.cmk/config")
        #expect(p.sandboxStateFile == "/home/u/.local/share/acsh/sandbox.sqlite")
    }

    @Test func explicitConfigFile() throws {
        #expect(try Paths(environment: ["HOME": "/h", "ACSH_CONFIG": "/tmp/x.toml"]).configFile == "/tmp/x.toml")
    }

    /// Issue 16 point 6: never the working directory.
    @Test func withoutHomeThePasswordDatabaseOrARefusal() throws {
        let p = try Paths(environment: [:], accountHome: "/home/from-passwd")
        #expect(p.configFile == "/home/from-passwd/.config/acsh/config.toml")
        #expect(p.historyFile == "/home/from-passwd/.local/state/acsh/history")
        #expect(throws: ProfileError.self) { try Paths(environment: ["HOME": "relative"], accountHome: nil) }
        let e = try? Paths(environment: [:], accountHome: nil)
        #expect(e == nil)
        // Absolute XDG folders need no home.
        let xdg = try Paths(
            environment: [
                "ACSH_CONFIG": "/c.toml", "XDG_CACHE_HOME": "/k", "XDG_STATE_HOME": "/s",
                "XDG_DATA_HOME": "/d",
            ], accountHome: nil)
        #expect(xdg.historyFile == "/s/acsh/history")
        #expect(Paths.accountHome()?.hasPrefix("/") ?? true)
    }
}

import Testing
@testable import Profiles

@Suite struct PathsTests {
    @Test func xdgVariables() {
        let p = Paths(environment: ["HOME": "/home/u", "XDG_CONFIG_HOME": "/c", "XDG_CACHE_HOME": "/k",
                                    "XDG_STATE_HOME": "/s", "XDG_DATA_HOME": "/d"])
        #expect(p.configFile == "/c/acsh/config.toml")
        #expect(p.catalogCache(profile: "prod") == "/k/acsh/prod/catalog.json")
        #expect(p.historyFile == "/s/acsh/history")
        #expect(p.sandboxStateFile == "/d/acsh/sandbox.sqlite")
    }

    @Test func defaultsUnderHome() {
        let p = Paths(environment: ["HOME": "/home/u", "XDG_CONFIG_HOME": "relative/ignored"])
        #expect(p.configFile == "/home/u/.config/acsh/config.toml")
        #expect(p.cacheDirectory == "/home/u/.cache/acsh")
        #expect(p.historyFile == "/home/u/.local/state/acsh/history")
        #expect(p.cmkConfigFile == "/home/u/.cmk/config")
        #expect(p.sandboxStateFile == "/home/u/.local/share/acsh/sandbox.sqlite")
    }

    @Test func explicitConfigFile() {
        #expect(Paths(environment: ["HOME": "/h", "ACSH_CONFIG": "/tmp/x.toml"]).configFile == "/tmp/x.toml")
    }
}

import Foundation
import Simulator
import TestSupport
import Testing

/// Numbers and settings from the user and the environment (issue 16 points 7 and 9):
/// bounded, checked once for add and load, and credentials never sent to another host.
@Suite(.serialized) struct HostileSettingsTests {
    @Test func unboundedTimeoutsAreRefusedNotTrapped() async throws {
        let acsh = try ACSHProcess()
        for t in ["inf", "nan", "1e300", "-1", "0"] {
            // `run` goes through ArgumentParser, which reads "-1" as an option: the fast path covers that one.
            let runs = t == "-1" ? [] : [["run", "--timeout", t, "--sandbox", "list", "zones"]]
            for args in [["--timeout", t, "--sandbox", "list", "zones"]] + runs {
                let r = try await acsh.run(args)
                #expect(r.code == 2, "\(args): \(r.err)")
                #expect(
                    r.err.contains("--timeout needs a number of seconds above 0 up to 31536000"), "\(args): \(r.err)")
            }
        }
        let sleep = try await acsh.run(["--sandbox", "-c", "sleep 1e300"])
        #expect(sleep.code == 2 && sleep.err.contains("sleep needs a number of seconds"), "\(sleep.err)")
    }

    @Test func profileNumbersAreCheckedAtAddAsAtLoad() async throws {
        let acsh = try ACSHProcess()
        for (option, value) in [
            ("--signature-lifetime", "0"), ("--signature-lifetime", "9223372036854775807"), ("--timeout", "0"),
        ] {
            let r = try await acsh.run([
                "profile", "add", "p", "--url", "http://127.0.0.1:9", "--api-key", "k",
                "--secret-key", "s", option, value,
            ])
            #expect(r.code == 2, "\(option) \(value): \(r.err)")
            #expect(r.err.contains("must be a whole number of seconds from 1 to 31536000"), "\(r.err)")
        }
        #expect(!FileManager.default.fileExists(atPath: acsh.home.path + "/config/acsh/config.toml"), "nothing saved")
        // A file edited by hand gets the same check, with its line.
        let config = acsh.home.path + "/config/acsh/config.toml"
        try FileManager.default.createDirectory(
            atPath: acsh.home.path + "/config/acsh", withIntermediateDirectories: true)
        try "[profiles.p]\nurl = \"http://127.0.0.1:9\"\nsignature_lifetime = 9223372036854775807\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        let load = try await acsh.run(["-p", "p", "list", "zones"])
        #expect(load.code == 2)
        #expect(
            load.err.contains(
                "config.toml:3: profile 'p': signature_lifetime must be a whole number of seconds from 1 to 31536000"),
            "\(load.err)")
    }

    @Test func anEndpointFromTheEnvironmentNeverGetsTheProfilesKeys() async throws {
        try await withSimulator { sim in
            let acsh = try ACSHProcess()
            let add = try await acsh.run(
                [
                    "profile", "add", "prod", "--url", "https://cloud.example.com/client/api",
                    "--api-key", "PRODKEY", "--secret-key", "-",
                ], stdin: "PRODSECRET\n")
            #expect(add.code == 0, "\(add.err)")
            var env = acsh.environment
            env["CLOUDSTACK_ENDPOINT"] = sim.baseURL
            let before = sim.requestCount()
            let refused = try await acsh.run(["list", "zones"], env: env)
            #expect(refused.code == 2)
            #expect(
                refused.err.contains("CLOUDSTACK_ENDPOINT points profile 'prod' at \(sim.baseURL)"), "\(refused.err)")
            #expect(refused.err.contains("CLOUDSTACK_KEY and CLOUDSTACK_SECRET"))
            #expect(sim.requestCount() == before, "nothing sent")
            let cli = try await acsh.run(["--url", sim.baseURL, "list", "zones"], env: acsh.environment)
            #expect(cli.code == 2 && cli.err.contains("--url points profile 'prod'"), "\(cli.err)")
            // With the environment's own keys it goes ahead.
            let ok = try await acsh.run(["-o", "json", "list", "zones"], env: acsh.cloud(sim))
            #expect(ok.code == 0 && ok.out.contains("Sandbox-1"), "\(ok.err)")
        }
    }

    @Test func aPasswordOverPlainHTTPIsWarnedAbout() async throws {
        let acsh = try ACSHProcess()
        let add = try await acsh.run(
            [
                "profile", "add", "lab", "--url", "http://acsh-nowhere.invalid/client/api",
                "--username", "u", "--password", "-",
            ], stdin: "pw\n")
        #expect(add.code == 0, "\(add.err)")
        let r = try await acsh.run(["--timeout", "5", "list", "zones"])
        #expect(r.err.contains("warning: profile lab logs in with a password over plain http://"), "\(r.err)")
        #expect(r.code == 3)
    }
}

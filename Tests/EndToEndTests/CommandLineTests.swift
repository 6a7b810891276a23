import Foundation
import Simulator
import TestSupport
import Testing

/// The binary as users run it: one-shot commands, scripts, exit codes, output.
@Suite(.serialized) struct CommandLineTests {
    @Test func oneShotJSONListsTheZones() async throws {
        try await withSimulator { sim in
            let acsh = try ACSHProcess()
            let r = try await acsh.run(["-o", "json", "list", "zones"], env: acsh.cloud(sim))
            #expect(r.code == 0, "\(r.err)")
            #expect(r.out.contains("\"name\":\"Sandbox-1\""))
            #expect(r.err.isEmpty)
        }
    }

    /// `-o` may follow the command, as in `acsh list zones -o json`; a bad format is a usage error.
    @Test func outputOptionMayFollowTheCommand() async throws {
        try await withSimulator { sim in
            let acsh = try ACSHProcess()
            for args in [
                ["list", "zones", "-o", "json"], ["list", "zones", "--output=json"],
                ["list", "--output", "json", "zones"],
            ] {
                let r = try await acsh.run(args, env: acsh.cloud(sim))
                #expect(r.code == 0, "\(args): \(r.err)")
                #expect(r.out.contains("\"name\":\"Sandbox-1\""), "\(args): \(r.out)")
            }
            let bad = try await acsh.run(["list", "zones", "-o", "yaml"], env: acsh.cloud(sim))
            #expect(bad.code == 2)
            #expect(bad.err == "acsh: unknown output format 'yaml': use json, table, csv or text\n", "\(bad.err)")
            let missing = try await acsh.run(["list", "zones", "-o"], env: acsh.cloud(sim))
            #expect(missing.code == 2)
            #expect(missing.err.hasPrefix("acsh: -o needs a format"), "\(missing.err)")
        }
    }

    @Test func wordsKeepShellQuoting() async throws {
        try await withSimulator { sim in
            let acsh = try ACSHProcess()
            let r = try await acsh.run(["-o", "text", "list", "zones", "name:Sandbox-2"], env: acsh.cloud(sim))
            #expect(r.code == 0, "\(r.err)")
            #expect(r.out.contains("name: Sandbox-2") && !r.out.contains("Sandbox-1"), "\(r.out)")
            let pipe = try await acsh.run(["list", "zones", "|", "count"], env: acsh.cloud(sim))
            #expect(pipe.code == 2)
            #expect(pipe.err.contains("'|' is a plain word here") && pipe.err.contains("acsh -c"), "\(pipe.err)")
        }
    }

    /// The fast path (no ArgumentParser) and `acsh run ...` (ArgumentParser) must agree.
    @Test func fastPathAndArgumentParserAgree() async throws {
        try await withSimulator { sim in
            let acsh = try ACSHProcess()
            let env = acsh.cloud(sim)
            for args in [
                ["-o", "csv", "list", "zones", "name=Sandbox-2"],
                ["--output", "text", "-c", "print (list zones | count)"],
                ["-p", "missing", "list", "zones"], ["--timeout", "5", "-o", "json", "list", "zonez"],
            ] {
                let fast = try await acsh.run(args, env: env)
                let slow = try await acsh.run(["run"] + args, env: env)
                #expect(fast.out == slow.out, "\(args)")
                #expect(fast.err == slow.err, "\(args)")
                #expect(fast.code == slow.code, "\(args)")
            }
        }
    }

    @Test func usageErrorsExit2WithOneLine() async throws {
        let acsh = try ACSHProcess()
        let r = try await acsh.run(["--bogus-flag"])
        #expect(r.code == 2)
        #expect(r.err.split(separator: "\n").count == 1)
        #expect(r.err.contains("--bogus-flag"))
    }

    @Test func noCloudConfiguredIsAClearError() async throws {
        let acsh = try ACSHProcess()
        let r = try await acsh.run(["list", "zones"])
        #expect(r.code == 2)
        #expect(r.err.contains("--sandbox"))
    }

    @Test func unknownCommandIsReportedBeforeAnyRequestWithASuggestion() async throws {
        try await withSimulator { sim in
            let acsh = try ACSHProcess()
            let before = sim.requestCount()
            let r = try await acsh.run(["list", "zonez"], env: acsh.cloud(sim))
            #expect(r.code == 2)
            #expect(r.err.contains("zones"))
            #expect(sim.requestCount() == before)
        }
    }

    /// Issue 11 point 3: an API the catalog does not list goes to the server, which has the last word.
    @Test func anUnlistedAPIIsSentWithOneWarning() async throws {
        try await withSimulator { sim in
            let acsh = try ACSHProcess()
            let before = sim.requestCount()
            let r = try await acsh.run(
                ["cancelHostForMaintenance", "id=00000000-0000-0000-0000-000000000000"], env: acsh.cloud(sim))
            #expect(r.code == 1, "\(r.err)")
            let lines = r.err.split(separator: "\n")
            #expect(
                lines.first?.hasPrefix(
                    "<command line>:1:1: warning: the bundled CloudStack 4.18.0 catalog does not list cancelHostForMaintenance; sending it as typed; did you mean"
                ) == true, "\(r.err)")
            #expect(lines.first?.contains("'cancelHostMaintenance'") == true && lines.first?.contains("sync") == true)
            #expect(r.err.contains("432"), "the server's answer: \(r.err)")
            #expect(sim.requestCount() > before)
        }
    }

    @Test func apiErrorExits1AndTransportErrorExits3() async throws {
        try await withSimulator { sim in
            let acsh = try ACSHProcess()
            let api = try await acsh.run(
                ["stop", "vm", "id=00000000-0000-0000-0000-000000000000"], env: acsh.cloud(sim))
            #expect(api.code == 1, "\(api.err)")
            var closed = acsh.cloud(sim)
            closed["CLOUDSTACK_ENDPOINT"] = "http://127.0.0.1:1/client/api"
            let transport = try await acsh.run(["list", "zones"], env: closed)
            #expect(transport.code == 3)
            #expect(transport.err.split(separator: "\n").count == 1, "\(transport.err)")
        }
    }

    @Test func scriptErrorsNameFileLineAndColumn() async throws {
        try await withSimulator { sim in
            let acsh = try ACSHProcess()
            let file = try acsh.write("bad.cs", "print \"ok\"\nx = (1 +\n")
            let r = try await acsh.run([file], env: acsh.cloud(sim))
            #expect(r.code == 2)
            #expect(r.err.contains("bad.cs:"), "\(r.err)")
            #expect(!r.out.contains("ok"), "a parse error runs nothing")
        }
    }

    @Test func scriptArgumentsAndExitCode() async throws {
        try await withSimulator { sim in
            let acsh = try ACSHProcess()
            let file = try acsh.write("args.cs", "#!/usr/bin/env acsh\nprint \"$1 and ${len(args)}\"\nexit 7\n")
            let r = try await acsh.run([file, "first", "second"], env: acsh.cloud(sim))
            #expect(r.out == "first and 2\n")
            #expect(r.code == 7)
        }
    }

    @Test func traceRedactsSecrets() async throws {
        try await withSimulator { sim in
            let acsh = try ACSHProcess()
            let r = try await acsh.run(["--trace", "list", "zones"], env: acsh.cloud(sim))
            #expect(r.code == 0)
            #expect(r.err.contains("listZones"))
            #expect(!r.err.contains(SimulatorOptions.sandboxSecretKey))
            #expect(!r.err.contains(SimulatorOptions.sandboxAPIKey))
        }
    }

    @Test func completionScriptsAreCurrent() async throws {
        let acsh = try ACSHProcess()
        for (shell, file) in [("bash", "acsh.bash"), ("zsh", "_acsh"), ("fish", "acsh.fish")] {
            let r = try await acsh.run(["completions", shell])
            let committed = try String(
                contentsOf: ACSHProcess.root.appendingPathComponent("completions/\(file)"), encoding: .utf8)
            #expect(r.out == committed, "completions/\(file) is stale: run scripts/gen-completions")
        }
    }
}

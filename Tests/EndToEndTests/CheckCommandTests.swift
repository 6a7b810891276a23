import Foundation
import Simulator
import Testing
import TestSupport

/// `acsh check FILE...` and the same check before a script runs (issue 13 point 2).
@Suite struct CheckCommandTests {
    @Test func findingsAsCompilerLinesAndExitCodes() async throws {
        let acsh = try ACSHProcess()
        let clean = try acsh.write("clean.cs", "zones = list zones\nprint len(zones)\n")
        let broken = try acsh.write("broken.cs", "print \"start\"\nlist zonez\nprint $nope\n")
        let ok = try await acsh.run(["check", clean])
        #expect(ok.code == 0 && ok.out.isEmpty && ok.err.isEmpty, "\(ok)")
        let bad = try await acsh.run(["check", clean, broken])
        #expect(bad.code == 1, "\(bad.err)")
        #expect(
            bad.out == """
                \(broken):2:1: error: unknown command 'list zonez'; did you mean 'list zones'?
                \(broken):3:7: error: unknown variable 'nope'

                """)
        let json = try await acsh.run(["check", "-o", "json", broken])
        #expect(json.code == 1)
        #expect(
            json.out.contains("\"severity\": \"error\"") || json.out.contains("\"severity\":\"error\""), "\(json.out)")
        #expect(json.out.contains("\"line\"") && json.out.contains("\"column\"") && json.out.contains("\"file\""))
        let cleanJSON = try await acsh.run(["check", "-o", "json", clean])
        #expect(cleanJSON.code == 0 && cleanJSON.out == "[]\n", "\(cleanJSON)")
    }

    @Test func usageErrorsExit2() async throws {
        let acsh = try ACSHProcess()
        let none = try await acsh.run(["check"])
        #expect(none.code == 2, "\(none.err)")
        let missing = try await acsh.run(["check", "/nonexistent/x.cs"])
        #expect(missing.code == 2)
        #expect(missing.err.contains("cannot read /nonexistent/x.cs"), "\(missing.err)")
        let format = try await acsh.run(["check", "-o", "yaml", "x.cs"])
        #expect(format.code == 2)
    }

    /// The active profile's parameter defaults count as given; the sandbox's own when no profile is set.
    @Test func checksAgainstTheProfile() async throws {
        let acsh = try ACSHProcess()
        let file = try acsh.write("deploy.cs", "vm = deploy template:3 zone:1\n")
        let sandbox = try await acsh.run(["check", file])
        #expect(sandbox.code == 0, "no profile: the sandbox, whose service offering is a default: \(sandbox.out)")
        let add = try await acsh.run([
            "profile", "add", "prod", "--url", "http://127.0.0.1:9", "--api-key", "k", "--secret-key", "s",
        ])
        #expect(add.code == 0, "\(add.err)")
        let prod = try await acsh.run(["check", file])
        #expect(prod.code == 1)
        #expect(
            prod.out
                == "\(file):1:6: error: deployVirtualMachine is missing required parameter serviceofferingid; see 'help deployVirtualMachine'\n",
            "\(prod.out)")
        let set = try await acsh.run(["profile", "set-default", "prod", "serviceoffering", "Small Instance"])
        #expect(set.code == 0, "\(set.err)")
        let withDefault = try await acsh.run(["check", "-p", "prod", file])
        #expect(withDefault.code == 0, "\(withDefault.out)")
        let unknown = try await acsh.run(["check", "-p", "nope", file])
        #expect(unknown.code == 2 && unknown.err.contains("nope"), "\(unknown.err)")
    }

    /// A typo on line 3 never fires after line 1 already changed the cloud; --no-check runs it as before.
    @Test func aScriptWithAnErrorDoesNotStart() async throws {
        try await withSimulator { sim in
            let acsh = try ACSHProcess()
            let file = try acsh.write(
                "deploy.cs",
                """
                j = deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:early
                print "deployed"
                list vms nmae:early

                """)
            let before = sim.requestCount(command: "deployVirtualMachine")
            let r = try await acsh.run([file], env: acsh.cloud(sim))
            #expect(r.code == 2, "\(r.err)")
            #expect(
                r.err.contains("\(file):3:10: error: listVirtualMachines has no parameter 'nmae'; did you mean name?"),
                "\(r.err)")
            #expect(r.err.contains("not run"), "\(r.err)")
            #expect(r.out.isEmpty)
            #expect(sim.requestCount(command: "deployVirtualMachine") == before)

            let unchecked = try await acsh.run(["--no-check", file], env: acsh.cloud(sim))
            #expect(unchecked.code == 2, "\(unchecked.err)")
            #expect(unchecked.out == "deployed\n")
            #expect(sim.requestCount(command: "deployVirtualMachine") == before + 1)
        }
    }

    /// Warnings are printed once and never block: an API newer than the catalog is still sent.
    @Test func warningsDoNotBlock() async throws {
        try await withSimulator { sim in
            let acsh = try ACSHProcess()
            let file = try acsh.write(
                "new.cs",
                "try { cancelHostForMaintenance id=00000000-0000-0000-0000-000000000000 } catch e { print e.code }\n")
            let before = sim.requestCount()
            let r = try await acsh.run([file], env: acsh.cloud(sim))
            #expect(r.code == 0, "\(r.err)")
            #expect(r.out == "432\n", "\(r.out) \(r.err)")
            #expect(
                r.err.components(separatedBy: "does not list cancelHostForMaintenance").count == 2,
                "one warning: \(r.err)")
            #expect(sim.requestCount() > before)
        }
    }
}

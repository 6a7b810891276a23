import Foundation
import Simulator
import Testing
import Values
@testable import Language

/// `tour` itself: progress per profile in a 0600 file, resuming, status, reset,
/// the calls shown after a step, and where the tour refuses to run.
@Suite struct TourRunnerTests {
    @Test func progressIsSavedPrivatelyAndResumedAfterARestart() async throws {
        let lab = try await TourLab()
        defer { Task { await lab.close() } }
        let first = await lab.type("tour")
        #expect(first.contains("Welcome to the acsh tour"))
        #expect(first.contains("Step 1 of 8: The infrastructure tree"))
        #expect(first.contains("host = (list hosts zoneid:$zone.id type:Routing)[0]"))
        // Shown in this run: now `tour` checks and hints.
        let hint = await lab.type("tour")
        #expect(hint.contains("Not yet (step 1 of 8"))
        #expect(hint.contains("no variable `$zone` yet"))
        await lab.type("tour skip")
        await lab.type("offering = (list serviceofferings name:\"Small Instance\")[0]")
        await lab.type("template = (list templates templatefilter:featured name:\"Debian 12\")[0]")
        let done = await lab.type("tour")
        #expect(done.contains("Done: step 2 of 8, Offerings and templates."))
        #expect(done.contains("Step 3 of 8: Deploy a first VM"))

        let path = lab.host.tourProgressFile
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: (path as NSString).deletingLastPathComponent)
        #expect((folder[.posixPermissions] as? Int) == 0o700)

        // A restart: a new session and a new memory; the file says where we are.
        lab.restart()
        let status = await lab.type("tour status")
        #expect(status.contains("skipped 1. The infrastructure tree"))
        #expect(status.contains("done    2. Offerings and templates"))
        #expect(status.contains("here >  3. Deploy a first VM and watch its job"))
        // Not shown in this run yet: the step, not a hint.
        let resumed = await lab.type("tour")
        #expect(resumed.contains("Step 3 of 8: Deploy a first VM"))
        #expect(!resumed.contains("Not yet"))
        #expect(!resumed.contains("Welcome"))

        let reset = await lab.type("tour reset")
        #expect(reset.contains("Tour progress cleared for profile sandbox."))
        #expect(reset.contains("Step 1 of 8"))
        let after = await lab.type("tour status")
        #expect(after.contains("here >  1. The infrastructure tree"))
    }

    @Test func aDamagedProgressFileSaysHowToStartOver() async throws {
        let lab = try await TourLab()
        defer { Task { await lab.close() } }
        await lab.type("tour")
        try "{\"current\": ".write(toFile: lab.host.tourProgressFile, atomically: true, encoding: .utf8)
        #expect(await lab.session.evaluate("tour") == 2)
        #expect(lab.host.errors.contains("the tour progress \(lab.host.tourProgressFile) is not valid JSON"))
        #expect(!lab.host.errors.contains("<input>:1:1:"))  // a one-line entry at the prompt: the caret says where
        #expect(lab.host.errors.contains("`tour reset` starts over"))
        let reset = await lab.type("tour reset")
        #expect(reset.contains("Step 1 of 8"))
        #expect(await lab.type("tour status").contains("here >  1."))
    }

    @Test func aDoneStepShowsTheCallsAsSentWithoutSecrets() async throws {
        let lab = try await TourLab()
        defer { Task { await lab.close() } }
        await lab.skip(2)
        await lab.type(
            "job = deploy vm zone:Sandbox-1 template:\"Debian 12\" serviceoffering:\"Small Instance\" name:tour-vm &")
        let vm = await lab.type("print (wait job).id").trimmingCharacters(in: .whitespacesAndNewlines)
        let out = await lab.type("tour")
        #expect(out.contains("Done: step 3 of 8"))
        #expect(out.contains("Behind it, the API calls this session sent"))
        #expect(out.contains("listZones name=Sandbox-1"))
        let deploy = try #require(
            out.split(separator: "\n").first { $0.contains("deployVirtualMachine ") && $0.contains("name=tour-vm") })
        #expect(deploy.contains("zoneid=") && deploy.contains("templateid=") && deploy.contains("serviceofferingid="))
        #expect(out.contains("queryAsyncJobResult jobid="))
        #expect(out.contains("until the job ended"))
        for secret in [
            "apiKey=", "signature=", "expires=", SimulatorOptions.sandboxAPIKey, SimulatorOptions.sandboxSecretKey,
        ] {
            #expect(!out.contains(secret))
        }
        // The tour's own queries are not the learner's calls.
        #expect(!out.contains("listCapabilities"))
        #expect(!out.contains("listVirtualMachines name=tour-vm"))
        let saved = try String(contentsOfFile: lab.host.tourProgressFile, encoding: .utf8)
        #expect(saved.contains("\"vmid\": \"\(vm)\""))
    }

    /// After a restart `tour` checks before it shows: work done already counts at once.
    @Test func workDoneBeforeTheStepWasShownCountsAndTheEquivalentCallsStandIn() async throws {
        let lab = try await TourLab()
        defer { Task { await lab.close() } }
        await lab.skip(2)
        lab.restart()
        await lab.type(
            "deploy vm zone:Sandbox-1 template:\"Debian 12\" serviceoffering:\"Small Instance\" name:tour-vm")
        let out = await lab.type("tour")
        #expect(out.contains("Done: step 3 of 8"))
        #expect(out.contains("Behind it, the API calls this session sent"))
        await lab.type("disk = create volume name:tour-data zone:Sandbox-1 diskoffering:Small")
        await lab.type("attach volume id:$disk.id virtualmachineid:tour-vm")
        // The calls were sent in "another run": the tour shows what does it instead.
        lab.restart()
        let volumes = await lab.type("tour")
        #expect(volumes.contains("Done: step 4 of 8"))
        #expect(volumes.contains("this session sent none of these calls"))
        #expect(volumes.contains("attachVolume id="))
    }

    @Test func onlyTheSandboxUnlessAskedAndOnlyInTheShell() async throws {
        #expect(TourRunner.refusal(version: "4.18.0.0-acsh-simulator", profile: "sandbox") == nil)
        let refusal = try #require(TourRunner.refusal(version: "4.19.1.0", profile: "prod"))
        #expect(refusal.contains("profile prod is a real cloud (CloudStack 4.19.1.0)"))
        #expect(refusal.contains("`tour --here`"))
        // The simulator says what it is.
        let lab = try await TourLab()
        defer { Task { await lab.close() } }
        let version = try await lab.host.client.request("listCapabilities", [])[field: "capability"]?[
            field: "cloudstackversion"]?.plainText
        #expect(TourRunner.refusal(version: version ?? "", profile: "sandbox") == nil)
        // `--here` is taken as one word; anything else is refused with the usage.
        #expect(await lab.session.evaluate("tour --here") == 0)
        #expect(await lab.session.evaluate("tour sideways") == 2)
        #expect(lab.host.errors.contains("tour has no 'sideways'; usage: tour [status | show | skip | reset] [--here]"))
        // A host without tour support (a plain script host) says so.
        let plain = await run("tour")
        #expect(plain.code == 2)
        #expect(plain.err.contains("the tour needs the acsh shell"))
    }

    @Test func theCallLogRedactsSecretsAndStaysBounded() async throws {
        let lab = try await TourLab()
        defer { Task { await lab.close() } }
        let log = CallLog(capacity: 3)
        let api = RecordingAPI(lab.host.client, log: log)
        // No such account: a failed call is logged too.
        _ = try? await api.call(
            "createUser",
            [
                ("username", "bob"), ("password", "hunter2"), ("account", "nobody"),
                ("email", "b@x"), ("firstname", "B"), ("lastname", "X"),
            ])
        #expect(
            log.since(0).map(\.text) == [
                "createUser username=bob password=<redacted> account=nobody email=b@x firstname=B lastname=X"
            ])
        #expect(log.since(0).first?.succeeded == false)
        #expect(!log.since(0).contains { $0.params.contains { $0.1 == "hunter2" } })
        for _ in 0..<3 { _ = try await api.call("listZones", []) }
        #expect(log.since(0).count == 3)
        #expect(log.since(0).allSatisfy { $0.command == "listZones" && $0.succeeded })
        #expect(log.position == 4)
        // Long values are kept short.
        // refused (431), logged all the same
        _ = try? await api.call("listZones", [("keyword", String(repeating: "z", count: 5000))])
        #expect(log.since(4).first?.text == "listZones keyword=\(String(repeating: "z", count: 40))... (5000 bytes)")
    }
}

import Foundation
import Testing

/// At the prompt: a bulk change asks first, dry-run shows in the prompt, Tab keeps names.
@Suite(.serialized) struct ReplSafetyTests {
    let repl = ReplEndToEndTests()

    @Test func aBulkChangeAsksOnceAndNoSendsNothing() async throws {
        let (s, _) = try await repl.start()
        // The sandbox's default service offering fills serviceofferingid.
        try s.type(#"for i in range(4) { v = deploy template:3 zone:1 name:"ask-$i" }"#)
        try s.press("Enter")
        try await s.waitUntil("four deploys and a new prompt", timeout: .seconds(30)) { repl.prompts($0) >= 2 }
        try s.type("list vms keyword:ask- | stop vm")
        try s.press("Enter")
        try await s.waitFor("stop 4 virtual machines (ask-0, ask-1, ask-2, ...)? [y/N]", timeout: .seconds(60))
        try s.type("n")
        try s.press("Enter")
        try await s.waitFor("stop not confirmed: nothing was sent")
        try s.type("print (list vms keyword:ask- state:Running | count)")
        try s.press("Enter")
        try await s.waitUntil("all four still running") { $0.contains("\n4\n") }
        // `set confirm off`: no question.
        try s.type("set confirm off; r = list vms keyword:ask- | stop vm; print len(r)")
        try s.press("Enter")
        let screen = try await s.waitUntil("four stopped", timeout: .seconds(30)) { screen in
            screen.split(separator: "\n").filter { $0 == "4" }.count >= 2 && repl.prompts(screen) >= 5
        }
        #expect(screen.components(separatedBy: "[y/N]").count == 2, "asked once only:\n\(screen)")
    }

    @Test func dryRunShowsInThePromptAndPrintsEachChangeOnce() async throws {
        let (s, _) = try await repl.start()
        try s.type("set dryrun true")
        try s.press("Enter")
        try await s.waitFor("dry-run on: changing API calls are printed, not sent")
        try await s.waitFor("acsh sandbox [dry-run]>")
        try s.type(#"deploy template:"Debian 12" zone:Sandbox-1 name:never"#)
        try s.press("Enter")
        let screen = try await s.waitUntil("the dry-run line and a prompt") { $0.contains("dry-run: deployVirtualMachine")
            && $0.components(separatedBy: "acsh sandbox [dry-run]>").count >= 3 }
        #expect(screen.components(separatedBy: "deployVirtualMachine").count == 2, "printed once:\n\(screen)")
        #expect(screen.contains("templateid=") && screen.contains("(Debian 12)"), "\(screen)")
        try s.type("set dryrun false")
        try s.press("Enter")
        try await s.waitFor("dry-run off")
        try await s.waitUntil("the plain prompt back") { TmuxSession.lastLine($0).hasPrefix("acsh sandbox>") }
    }

    @Test func tabKeepsTheTemplatesName() async throws {
        let (s, _) = try await repl.start()
        try s.type("deploy zone:Sa")
        try s.press("Tab")
        try await s.waitFor("acsh sandbox> deploy zone:Sandbox-", timeout: .seconds(60))
        try s.type("1 template:Deb")
        try s.press("Tab")
        try await s.waitFor(#"acsh sandbox> deploy zone:Sandbox-1 template:"Debian 12""#, timeout: .seconds(60))
    }
}

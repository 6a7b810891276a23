import Foundation
import Testing

/// The learning builtins at a real prompt.
extension ReplEndToEndTests {
    @Test func historySaveAtThePromptMakesARunnableScript() async throws {
        let (s, dir) = try await start()
        let path = dir.path + "/explore.cs"  // HOME is dir: `~/` is expanded
        for line in [
            #"vm = deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:repl-1"#,
            "list zonez", "print vm.name, vm.state", "history save ~/explore.cs",
        ] {
            let before = prompts(try s.screen())
            try s.type(line)
            try s.press("Enter")
            try await s.waitUntil("the prompt after \(line)", timeout: .seconds(60)) { prompts($0) > before }
        }
        try await s.waitFor("saved 2 statements to \(path)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("profile sandbox."))
        #expect(text.hasSuffix("name:repl-1\nprint vm.name, vm.state\n"))
        #expect(!text.contains("zonez"))
        let attrs = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attrs[.posixPermissions] as? Int) == 0o600)
        // The script on a fresh sandbox (its own data directory) prints what the session printed.
        let out = String(
            decoding: try await runProcess(Self.binary, ["--sandbox", path], home: dir.path), as: UTF8.self)
        #expect(out == "repl-1 Running\n")
    }

    @Test func explainAtThePrompt() async throws {
        let (s, _) = try await start()
        try s.type("explain stop vm id:00000000-0000-0000-0000-000000000000")
        try s.press("Enter")
        let screen = try await s.waitFor("changes    yes: this call changes the cloud (explain sent nothing)")
        #expect(screen.contains("API        stopVirtualMachine"))
        // Long lines wrap at the window's width: join them before looking for the placeholder.
        #expect(screen.replacingOccurrences(of: "\n", with: "").contains("signature=$SIGNATURE"))
    }
}

import Foundation
import Simulator
import TestSupport
import Testing

/// Text from servers never acts on the terminal or log that shows it, and secrets
/// in answers stay out of traces (issue 16 point 8).
@Suite(.serialized) struct TerminalSafetyTests {
    /// C0 and C1 controls (ESC, CSI as U+009B, CR) in a value: replaced in `-o text`, kept (escaped) in JSON.
    @Test func textOutputReplacesControls() async throws {
        try await withSimulator { sim in
            let acsh = try ACSHProcess()
            let hostile = "a\u{9B}31mb\rc\u{85}d"
            let made = try await acsh.run(
                ["-o", "json", "create", "securitygroup", "name=ctl", "description=\(hostile)"],
                env: acsh.cloud(sim))
            #expect(made.code == 0, "\(made.err)")
            let text = try await acsh.run(
                ["-o", "text", "list", "securitygroups", "securitygroupname=ctl"], env: acsh.cloud(sim))
            #expect(text.code == 0, "\(text.err)")
            #expect(text.out.contains("description: a\u{FFFD}31mb\u{FFFD}c\u{FFFD}d"), "\(text.out.debugDescription)")
            #expect(!text.out.unicodeScalars.contains { $0.value == 0x9B || $0 == "\r" || $0.value == 0x85 })
            let json = try await acsh.run(
                ["-o", "json", "list", "securitygroups", "securitygroupname=ctl"], env: acsh.cloud(sim))
            #expect(json.out.contains("\\r"), "JSON keeps the data, escaped")
        }
    }

    /// A server's errortext quoting a hostile value reaches stderr without its controls.
    @Test func errorTextOnStderrReplacesControls() async throws {
        try await withSimulator { sim in
            let acsh = try ACSHProcess()
            let r = try await acsh.run(["stop", "vm", "id=\u{9B}2J\u{9B}0;31m"], env: acsh.cloud(sim))
            #expect(r.code == 1, "\(r.err)")
            #expect(!r.err.unicodeScalars.contains { $0.value == 0x9B }, "\(r.err.debugDescription)")
        }
    }

    @Test func traceRedactsThePrivateKey() async throws {
        try await withSimulator { sim in
            let acsh = try ACSHProcess()
            let r = try await acsh.run(
                ["--trace", "-o", "json", "create", "sshkeypair", "name=traced"], env: acsh.cloud(sim))
            #expect(r.code == 0, "\(r.err)")
            #expect(r.out.contains("PRIVATE KEY"), "the answer itself is the user's to see")
            #expect(r.err.contains("\"privatekey\":"), "the field is traced, its value is not: \(r.err)")
            #expect(!r.err.contains("PRIVATE KEY"))
        }
    }
}

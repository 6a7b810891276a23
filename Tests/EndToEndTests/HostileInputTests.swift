import Foundation
import Simulator
import TestSupport
import Testing

/// Hostile words, files and values on the command line (issue 16 points 1 and 2,
/// issue 11 point 1): nothing typed is run as something else, and every value
/// reaches the server exactly as typed, signed.
@Suite(.serialized) struct HostileInputTests {
    @Test func aFileInTheWorkingDirectoryNeverTakesOverACommand() async throws {
        try await withSimulator { sim in
            let acsh = try ACSHProcess()
            let planted = try acsh.write("list", "print \"hijacked\"\n")
            _ = chmod(planted, 0o755)
            let r = try await acsh.run(["-o", "json", "list", "zones"], env: acsh.cloud(sim))
            #expect(r.code == 0, "\(r.err)")
            #expect(r.out.contains("Sandbox-1") && !r.out.contains("hijacked"))
            // Asked for as a path, it runs.
            let asked = try await acsh.run(["./list"], env: acsh.cloud(sim))
            #expect(asked.out == "hijacked\n", "\(asked.err)")
        }
    }

    @Test func sourceReadsTheScriptsOwnFolderFirst() async throws {
        let acsh = try ACSHProcess()
        try FileManager.default.createDirectory(
            at: acsh.home.appendingPathComponent("lib"), withIntermediateDirectories: true)
        _ = try acsh.write("lib/util.cs", "print \"beside the script\"\n")
        _ = try acsh.write("util.cs", "print \"planted in the working directory\"\n")
        let main = try acsh.write("lib/main.cs", "source util.cs\n")
        let r = try await acsh.run(["--sandbox", main])
        #expect(r.out == "beside the script\n", "\(r.err)")
    }

    /// What the simulator stores is what it received: createSecurityGroup answers with
    /// the description it parsed, and answers at all only when the signature verified.
    @Test func awkwardValuesArriveExactlyAsTyped() async throws {
        try await withSimulator { sim in
            let acsh = try ACSHProcess()
            let values = [
                "two words", "it's", "say \"hi\"", "$HOME", "${HOME}", "a&b=c", "a|b", "#not a comment", "a;b",
                "back\\slash", "100%", "1+1", "x=y", "~user", "grüße 日本 🚀", "", "(a) {b}", "a\rlist zones",
                "$(id)", "`id`", "key:value",
            ]
            for (i, value) in values.enumerated() {
                let form = i % 2 == 0 ? "description=" : "description:"
                let r = try await acsh.run(
                    ["-o", "json", "create", "securitygroup", "name=awkward-\(i)", form + value],
                    env: acsh.cloud(sim))
                #expect(r.code == 0, "\(value.debugDescription): \(r.err)")
                let json = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
                #expect(json?["description"] as? String == value, "\(value.debugDescription) arrived as \(r.out)")
            }
        }
    }

    @Test func dollarAndAmpersandAreData() async throws {
        try await withSimulator { sim in
            let acsh = try ACSHProcess()
            for args in [["list", "zones", "name=$HOME"], ["listZones", "keyword=k=v&w"]] {
                let r = try await acsh.run(["-o", "json"] + args, env: acsh.cloud(sim))
                #expect(r.code == 0, "\(args): \(r.err)")
                #expect(r.out.trimmingCharacters(in: .whitespacesAndNewlines) == "[]", "\(args): \(r.out)")
            }
        }
    }
}

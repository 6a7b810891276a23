import Foundation
import Simulator
import TestSupport
import Testing

/// The binary runs a script by the path it was given, so the script's relative
/// paths start at its own folder whatever the working directory; `-c` starts at
/// the working directory; `.acsh` is a script like `.cs`.
@Suite struct ScriptFilesEndToEndTests {
    @Test func relativePathsStartAtTheScriptsFolder() async throws {
        try await withSimulator { sim in
            let acsh = try ACSHProcess()
            try FileManager.default.createDirectory(
                at: acsh.home.appendingPathComponent("job"), withIntermediateDirectories: true)
            _ = try acsh.write("job/hosts.csv", "name,cpu\nweb-1,2\n\"db,1\",4\n")
            _ = try acsh.write("hosts.csv", "name,cpu\nwrong,0\n")
            _ = try acsh.write(
                "job/report.acsh",
                """
                #!/usr/bin/env acsh
                rows = readcsv("hosts.csv")
                rows | select name | save names.json
                print exists("names.json"), rows[1].name
                """)
            // Run from HOME (ACSHProcess's working directory) by a relative path.
            let r = try await acsh.run(["job/report.acsh"], env: acsh.cloud(sim))
            #expect(r.code == 0, "\(r.err)")
            #expect(r.out == "saved 2 records to names.json\ntrue db,1\n")
            let saved = try String(contentsOf: acsh.home.appendingPathComponent("job/names.json"), encoding: .utf8)
            #expect(saved.contains("\"db,1\""))
            #expect(!FileManager.default.fileExists(atPath: acsh.home.appendingPathComponent("names.json").path))

            let again = try await acsh.run(["job/report.acsh"], env: acsh.cloud(sim))
            #expect(again.code == 2)
            #expect(
                again.err.contains(
                    "job/report.acsh:3:22: cannot save names.json (job/names.json): the file exists; add -f (--force) to replace it"
                ),
                "\(again.err)")

            let inline = try await acsh.run(["-c", "print readcsv(\"hosts.csv\")[0].name"], env: acsh.cloud(sim))
            #expect(inline.out == "wrong\n", "\(inline.err)")
        }
    }
}

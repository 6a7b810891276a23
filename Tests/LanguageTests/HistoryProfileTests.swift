import APICatalog
import Foundation
import Testing
@testable import Language

/// A host whose `use NAME` switches the profile the statements run on (same server).
final class SwitchingHost: ShellHost, @unchecked Sendable {
    private let lock = NSLock()
    private var profile = "sandbox"
    private var out = ""
    let api: (any CloudAPI)?
    let catalog = Catalog.bundled
    var isTerminal: Bool { false }

    init(api: (any CloudAPI)?) { self.api = api }

    var profileName: String? { lock.withLock { profile } }
    var output: String { lock.withLock { out } }
    func writeOutput(_ text: String) { lock.withLock { out += text } }
    func writeError(_ text: String) {}
    func useProfile(_ name: String) async throws { lock.withLock { profile = name } }
    func sync(verbose: Bool) async throws -> String { "" }
}

/// `history save` keeps where each statement ran: one profile's statements per file.
@Suite struct HistoryProfileTests {
    @Test func savesOneProfilesStatementsAndLeavesOutSwitchesToggleAndPastWaits() async throws {
        let api = try await SandboxServer.shared.api()
        var options = SessionOptions()
        options.output = .json
        let host = SwitchingHost(api: api)
        let session = Session(host: host, options: options)
        for entry in [
            "a = 1",
            "j = deploy template:\"Debian 12\" zone:Sandbox-1 serviceoffering:\"Small Instance\" name:hist-1 &",
            "print j.jobid",
        ] {
            #expect(await session.evaluate(entry) == 0)
        }
        let jobid = try #require(host.output.split(separator: "\n").last.map(String.init))
        for entry in [
            "wait \"\(jobid)\"", "use lab", "set dryrun true", "b = 2", "set dryrun false", "use sandbox",
            "c = 3", "list vms name:hist-1 | destroy vm expunge=true",
        ] {
            #expect(await session.evaluate(entry) == 0, "\(entry)")
        }
        let sandboxFile = HistorySaveTests.temp(), labFile = HistorySaveTests.temp()
        defer { for f in [sandboxFile, labFile] { try? FileManager.default.removeItem(atPath: f) } }
        #expect(await session.evaluate("history save \(sandboxFile)") == 0)
        #expect(await session.evaluate("history save \(labFile) -p lab") == 0)

        let sandbox = try String(contentsOfFile: sandboxFile, encoding: .utf8)
        #expect(sandbox.contains("run on profile sandbox") && sandbox.contains("acsh -p sandbox FILE.cs"))
        #expect(sandbox.contains("Statements run on lab were left out"))
        let body = sandbox.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
        #expect(
            body == [
                "a = 1",
                "j = deploy template:\"Debian 12\" zone:Sandbox-1 serviceoffering:\"Small Instance\" name:hist-1 &",
                "print j.jobid", "c = 3", "list vms name:hist-1 | destroy vm expunge=true",
            ])

        let lab = try String(contentsOfFile: labFile, encoding: .utf8)
        #expect(lab.contains("acsh -p lab FILE.cs") && lab.contains("Statements run on sandbox were left out"))
        #expect(lab.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty } == ["b = 2"])
    }
}

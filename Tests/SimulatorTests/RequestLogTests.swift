import Foundation
import TestSupport
import Testing
@testable import Simulator
#if canImport(Glibc)
    import Glibc
#endif

/// `--log` quotes each request's command: a control character in it must not
/// reach the terminal or the log file (issue 16 point 8).
@Suite(.serialized) struct RequestLogTests {
    @Test func controlsInTheCommandAreReplaced() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("acsh-log-\(UUID().uuidString)").path
        let out = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        #expect(out >= 0)
        // The simulator writes its lines to the file: the process's stderr stays where the test runner reads it.
        do {
            try await withSimulator(
                quickJobOptions {
                    $0.integrationPort = 0
                    $0.logRequests = true
                    $0.logDescriptor = out
                }
            ) { sim in
                let url = try #require(sim.integrationURL)
                _ = try await TestClient(unsigned: url).get("list\u{1B}]0;owned\u{07}Zones\u{9B}2J")
            }
        } catch {
            Issue.record("\(error)")
        }
        close(out)
        let logged = try String(contentsOfFile: file, encoding: .utf8)
        #expect(logged.contains("list\u{FFFD}]0;owned\u{FFFD}Zones\u{FFFD}2J"), "\(logged.debugDescription)")
        #expect(!logged.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0.value == 0x9B })
    }
}

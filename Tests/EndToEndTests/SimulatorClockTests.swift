import Foundation
import Testing

/// `acsh simulator --clock-offset`: a server whose clock runs ahead refuses
/// signatures that have expired by its clock, and the client says why.
@Suite struct SimulatorClockTests {
    @Test func aServerClockAheadRefusesExpiredSignaturesAndTheClientNamesTheSkew() async throws {
        let acsh = try ACSHProcess()
        let server = try await SimulatorStateTests.Server(acsh, ["--clock-offset", "900"])
        let r = try await server.client(acsh, ["list", "zones"])
        #expect(r.code == 1, "\(r.err)")
        #expect(r.err.contains("request refused as expired"), "\(r.err)")
        #expect(r.err.contains("about 900 s ahead"), "\(r.err)")
        _ = await server.stop()
    }
}

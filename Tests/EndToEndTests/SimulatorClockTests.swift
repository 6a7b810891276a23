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
        // The skew is read from the Date header (whole seconds) when the answer arrives: on a loaded
        // machine a second or two may pass in between.
        let skew = r.err.split(separator: "(about ").dropFirst().first?.prefix { $0.isNumber }
        let seconds = try #require(skew.flatMap { Int($0) }, "\(r.err)")
        #expect((895...905).contains(seconds), "\(r.err)")
        #expect(r.err.contains(" s ahead of this machine"), "\(r.err)")
        _ = await server.stop()
    }
}

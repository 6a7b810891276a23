import Foundation
import Testing
import Values
@testable import CloudClient

/// A server's answer never crashes the client (issue 16 point 3): every file in
/// AnswerSeeds/ (the client fuzz target's seeds, and where its crashes go) and the
/// answers that once trapped.
@Suite struct HostileAnswerTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "AnswerSeeds")
    static var seeds: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test(arguments: seeds)
    func seedIsHandled(_ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent(name)))
        let outcome = AnswerHandling.handle(raw: bytes)
        #expect(outcome.hasPrefix("ok: ") || outcome.hasPrefix("error "), "\(name): \(outcome)")
    }

    @Test func seedsAreThere() {
        #expect(Self.seeds.count >= 10)
    }

    @Test func hugeDateHeaderIsNotClockSkew() {
        let body = Array(
            #"{"listzonesresponse":{"errorcode":401,"errortext":"unable to verify user credentials"}}"#.utf8)
        for date in [
            "Sun, 99999999999 Nov 2026 08:49:37 GMT", "Sun, 06 Nov 99999999999999999999 08:49:37 GMT",
            "Sun, 06 Nov 2026 99999999999:49:37 GMT", "Sun, -5 Nov 2026 08:49:37 GMT",
        ] {
            let outcome = AnswerHandling.handle(status: 401, headers: [("Date", date)], body: body)
            #expect(outcome.hasPrefix("error 1: "), "\(date): \(outcome)")
            #expect(!outcome.contains("clock"), "\(date): \(outcome)")
        }
        #expect(ResponseReader.parseHTTPDate("Sun, 99999999999 Nov 2026 08:49:37 GMT") == nil)
        #expect(ResponseReader.parseHTTPDate("Sun, 06 Nov 2026 08:49:37 GMT") != nil)
    }

    @Test func hugeRetryAfterIsCappedAndSaid() throws {
        let policy = RetryPolicy(maxAttempts: 4, base: .milliseconds(250), cap: .seconds(4))
        for n in ["99999999999999999999999 ms", "9223372036854775807 s", "86400 s"] {
            let e = CloudStackError(
                .api(
                    command: "listZones", errorcode: 429, cserrorcode: 9999,
                    errortext: "please retry after [\(n)]"))
            let wait = try #require(policy.delay(after: e, command: "listZones", attempt: 1))
            #expect(wait >= .seconds(4) && wait <= .milliseconds(4400), "\(n): \(wait)")
            let notice = try #require(policy.clampNotice(after: e, command: "listZones"))
            #expect(notice.contains("waiting 4 s (the retry cap)"), "\(notice)")
        }
        let small = CloudStackError(
            .api(command: "listZones", errorcode: 429, cserrorcode: 9999, errortext: "please retry after [200] ms"))
        #expect(policy.clampNotice(after: small, command: "listZones") == nil)
    }

    @Test func hugeRetryAfterWarnsThroughTheClient() async throws {
        let throttled = Reply.apiError(
            "listZones", code: 429, cs: 9999, text: "please retry after [99999999999999999999] ms")
        try await TestServer.with({ _, i in i == 0 ? throttled : .json(#"{"listzonesresponse":{}}"#) }) { server in
            let warnings = Lines()
            var o = testOptions(server)
            o.retryCap = .milliseconds(50)
            o.warning = { warnings.append($0) }
            _ = try await withClient(o) { try await $0.request("listZones") }
            #expect(warnings.all.count == 1)
            #expect(
                warnings.all.first?.hasSuffix("before retrying listZones; waiting 50 ms (the retry cap) instead")
                    == true, "\(warnings.all)")
            #expect(server.seen.count == 2)
        }
    }

    @Test func serverNumbersAtTheEdgesOfInt() {
        let job = #"{"queryasyncjobresultresponse":{"jobstatus":-9223372036854775808,"jobresult":{}}}"#
        #expect(AnswerHandling.handle(status: 200, headers: [], body: Array(job.utf8)).contains("unknown"))
        let count = #"{"listzonesresponse":{"count":99999999999999999999999,"zone":[{"id":"1"}]}}"#
        #expect(
            AnswerHandling.handle(status: 200, headers: [], body: Array(count.utf8)).hasPrefix(
                "ok: 1 records, count none, job "))
    }

    @Test func aPageNearIntMaxEndsThePaging() async throws {
        try await TestServer.with({ _, _ in .json(#"{"listzonesresponse":{"count":1,"zone":[{"id":"z"}]}}"#) }) {
            server in
            let all = try await withClient(testOptions(server)) {
                try await $0.listAll("listZones", [("page", String(Int.max)), ("pagesize", String(Int.max))])
            }
            #expect(all.count == 1)
            #expect(server.seen.count == 1)
        }
    }
}

/// Lines collected from a callback on any thread.
final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ s: String) { lock.withLock { lines.append(s) } }
    var all: [String] { lock.withLock { lines } }
}

import Testing
@testable import CloudClient

@Suite struct ErrorMessageTests {
    static let url = "https://cloud.example.com/client/api"
    static let all: [CloudStackError.Kind] = [
        .transport(.refused, url: url, detail: ""),
        .transport(.dns, url: url, detail: "host cloud.example.com not found"),
        .transport(.tls, url: url, detail: "certificate not trusted (self-signed or unknown CA)"),
        .transport(.timeout, url: url, detail: "no answer within 5 s"), .transport(.closed, url: url, detail: ""),
        .transport(.other, url: url, detail: "host unreachable"),
        .http(status: 502, url: url, snippet: "502 Bad Gateway"),
        .malformed(url: url, detail: "JSON ends early at byte 40 (response truncated?)", truncated: true),
        .malformed(url: url, detail: "HTTP 200, starts with \"<html>\"", truncated: false),
        .api(command: "deployVirtualMachine", errorcode: 431, cserrorcode: 4350, errortext: "missing parameter zoneid"),
        .jobFailed(jobid: "j-1", errorcode: 530, errortext: "no capacity"), .jobCancelled(jobid: "j-1", errortext: ""),
        .jobUnknownStatus(jobid: "j-1", status: "7"), .deadline(jobid: "j-1"),
        .pollFailed(jobid: "j-1", reason: "HTTP 503"), .interrupted(jobid: "j-1"), .interrupted(jobid: nil),
        .interruptedCall(command: "createNetwork"),
        .clockSkew(expires: "2026-01-01T00:10:00+0000", serverDate: "Thu, 01 Jan 2026 01:00:00 GMT", skewSeconds: 3600),
        .unclearOutcome(command: "createNetwork", detail: "connection closed"),
        .invalidValue(parameter: "name", reason: "value contains the control character 0x07"),
        .loginFailed(username: "admin", errorcode: 531, errortext: "Failed to authenticate user admin"),
    ]

    @Test(arguments: all.indices) func messageIsOneActionableLine(_ i: Int) {
        let e = CloudStackError(Self.all[i])
        #expect(!e.message.isEmpty && !e.message.contains("\n"))
        #expect(e.description == e.message)
        #expect([1, 2, 3, 4, 124, 130].contains(e.exitCode))
    }

    @Test func exitCodesFollowTheContract() {
        #expect(CloudStackError(Self.all[0]).exitCode == 3)
        #expect(CloudStackError(.api(command: "x", errorcode: 431, cserrorcode: nil, errortext: "")).exitCode == 1)
        #expect(CloudStackError(.jobFailed(jobid: "j", errorcode: nil, errortext: "")).exitCode == 4)
        #expect(CloudStackError(.deadline(jobid: "j")).exitCode == 124)
        #expect(CloudStackError(.interrupted(jobid: nil)).exitCode == 130)
    }

    @Test func clockSkewNeedsTheServerPastExpires() {
        #expect(
            ResponseReader.clockSkew(expires: "2026-01-01T00:10:00+0000", date: "Thu, 01 Jan 2026 01:00:00 GMT") != nil)
        #expect(
            ResponseReader.clockSkew(expires: "2026-01-01T00:10:00+0000", date: "Thu, 01 Jan 2026 00:09:59 GMT") == nil)
        #expect(ResponseReader.clockSkew(expires: "2026-01-01T00:10:00+0000", date: nil) == nil)
        #expect(ResponseReader.parseHTTPDate("Sun, 06 Nov 1994 08:49:37 GMT") == 784111777)
    }
}

@Suite struct CredentialPrintingTests {
    @Test func printingOptionsShowsNoSecret() {
        let o = ClientOptions(url: "http://h", credentials: .apiKey(key: "THEKEY", secret: "THESECRET"))
        let p = ClientOptions(
            url: "http://h", credentials: .password(username: "admin", password: "THEPASSWORD", domain: "/"))
        var dumped = ""
        dump(o, to: &dumped)
        dump(p, to: &dumped)
        for text in ["\(o)", String(reflecting: o), "\(p)", String(reflecting: p), dumped] {
            for secret in ["THEKEY", "THESECRET", "THEPASSWORD"] { #expect(!text.contains(secret)) }
        }
        #expect("\(p.credentials)" == "password login as admin in /")
    }
}

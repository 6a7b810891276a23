import Testing
import Values
import NIOConcurrencyHelpers
@testable import CloudClient

private let zones = #"{"listzonesresponse":{"count":1,"zone":[{"id":"z1","name":"zone-one"}]}}"#

@Suite struct RequestTests {
    @Test func successUnwrapsTheResponseAndSignsCorrectly() async throws {
        try await TestServer.with({ _, _ in .json(zones) }) { server in
            let r = try await withClient(testOptions(server)) { try await $0.request("listZones", [("name", "a b~")]) }
            #expect(r[field: "count"]?.plainText == "1")
            #expect(r[field: "zone"]?[index: 0]?[field: "name"]?.string == "zone-one")
            let req = try #require(server.seen.first)
            #expect(req.method == "GET")
            #expect(req.param("response") == "json")
            #expect(req.param("apiKey") == "foo")
            #expect(req.param("signatureVersion") == "3")
            #expect(req.param("name") == "a b~")
            // The server's check: recompute over everything but the signature.
            let sig = try #require(req.param("signature"))
            #expect(Signer.signature(req.params.filter { $0.0 != "signature" }, secretKey: "bar") == sig)
            // On the wire: Java encoding with %20, `~` as %7E, `+` of expires as %2B.
            #expect(req.rawQuery.contains("name=a%20b%7E"))
            #expect(req.rawQuery.contains("%2B0000"))
        }
    }

    @Test func oldStyleSigningSendsNoExpires() async throws {
        try await TestServer.with({ _, _ in .json(zones) }) { server in
            var o = testOptions(server)
            o.signatureLifetime = nil
            _ = try await withClient(o) { try await $0.request("listZones") }
            let req = try #require(server.seen.first)
            #expect(req.param("expires") == nil && req.param("signatureVersion") == nil)
            #expect(
                Signer.signature(req.params.filter { $0.0 != "signature" }, secretKey: "bar") == req.param("signature"))
        }
    }

    @Test func aDifferentTopLevelKeyIsUnwrappedToo() async throws {
        try await TestServer.with({ _, _ in .json(#"{"somethingelse":{"a":1}}"#) }) { server in
            let r = try await withClient(testOptions(server)) { try await $0.request("listZones") }
            #expect(r[field: "a"]?.plainText == "1")
        }
    }

    @Test func apiErrorCarriesCodesAndIsNotRetried() async throws {
        let reply = Reply.apiError(
            "deployVirtualMachine", code: 431, cs: 4350,
            text: "Unable to execute API command deployvirtualmachine due to missing parameter zoneid")
        try await TestServer.with({ _, _ in reply }) { server in
            let e = await cloudError {
                _ = try await withClient(testOptions(server)) { try await $0.request("deployVirtualMachine") }
            }
            let err = try #require(e)
            #expect(err.errorcode == 431 && err.cserrorcode == 4350)
            #expect(err.errortext?.contains("missing parameter zoneid") == true)
            #expect(err.exitCode == 1)
            #expect(err.message.contains("deployVirtualMachine failed"))
            #expect(server.seen.count == 1)
        }
    }

    @Test func htmlBadGatewayIsRetriedForReads() async throws {
        let page = Reply(
            status: 502, body: "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
            contentType: "text/html")
        try await TestServer.with({ _, _ in page }) { server in
            let e = await cloudError {
                _ = try await withClient(testOptions(server)) { try await $0.request("listZones") }
            }
            let err = try #require(e)
            guard case .http(502, _, let snippet) = err.kind else { Issue.record("kind \(err.kind)"); return }
            #expect(snippet == "502 Bad Gateway")
            #expect(
                err.message.contains("HTTP 502 from \(server.url) (not a CloudStack answer; proxy or server down?)"))
            #expect(err.exitCode == 3)
            #expect(server.seen.count == 4)
        }
    }

    @Test func htmlBadGatewayThenSuccessForARead() async throws {
        try await TestServer.with({ _, i in
            i == 0 ? Reply(status: 503, body: "<html>down</html>", contentType: "text/html") : .json(zones)
        }) { server in
            let r = try await withClient(testOptions(server)) { try await $0.request("listZones") }
            #expect(r[field: "count"]?.plainText == "1")
            #expect(server.seen.count == 2)
        }
    }

    @Test func createIsNeverSentTwice() async throws {
        let page = Reply(status: 502, body: "<html>Bad Gateway</html>", contentType: "text/html")
        try await TestServer.with({ _, _ in page }) { server in
            let e = await cloudError {
                _ = try await withClient(testOptions(server)) { try await $0.request("createNetwork", [("name", "n")]) }
            }
            #expect(e?.errorcode == 502)
            #expect(server.seen.count == 1)
        }
    }

    @Test func truncatedJSONIsAClearError() async throws {
        try await TestServer.with({ _, _ in .json(#"{"listzonesresponse":{"count":1,"zo"#) }) { server in
            let e = await cloudError {
                _ = try await withClient(testOptions(server)) { try await $0.request("listZones") }
            }
            let err = try #require(e)
            guard case .malformed(_, _, true) = err.kind else { Issue.record("kind \(err.kind)"); return }
            #expect(err.message.contains("cut off"))
            #expect(err.exitCode == 3)
            #expect(server.seen.count == 4)  // a read: retried
        }
    }

    @Test func truncatedAnswerToAChangeIsAnUnclearOutcome() async throws {
        try await TestServer.with({ _, _ in .json(#"{"createtagsresponse":{"id":"a1b2","jo"#) }) { server in
            let e = await cloudError {
                _ = try await withClient(testOptions(server)) { try await $0.request("createTags") }
            }
            let err = try #require(e)
            guard case .unclearOutcome("createTags", "answer cut off") = err.kind else {
                Issue.record("kind \(err.kind)"); return
            }
            #expect(err.exitCode == 3)
            #expect(server.seen.count == 1)
        }
    }

    @Test func throttledCallWaitsTheServersDelay() async throws {
        let throttled = Reply.apiError(
            "createTags", code: 429, cs: 9999,
            text: "The given command 'createTags' has reached its limit, please retry after [200] ms")
        try await TestServer.with({ _, i in i == 0 ? throttled : .json(#"{"createtagsresponse":{"jobid":"j1"}}"#) }) {
            server in
            let clock = ContinuousClock()
            let start = clock.now
            let r = try await withClient(testOptions(server)) { try await $0.request("createTags") }
            #expect(clock.now - start >= .milliseconds(200))
            #expect(r[field: "jobid"]?.string == "j1")
            #expect(server.seen.count == 2)
        }
    }

    @Test func retryAfterTextForms() {
        #expect(RetryPolicy.retryAfter("please retry after [200] ms") == .milliseconds(200))
        #expect(RetryPolicy.retryAfter("Retry after 1500ms") == .milliseconds(1500))
        #expect(RetryPolicy.retryAfter("retry after 2 s") == .seconds(2))
        #expect(RetryPolicy.retryAfter("slow down") == nil)
    }

    @Test func connectionRefusedIsATransportError() async throws {
        // Port 1 (tcpmux) has no listener here; a freed ephemeral port could be reused by a parallel test.
        var o = ClientOptions(url: "http://127.0.0.1:1/client/api", credentials: .none, timeout: 5)
        o.retryBase = .milliseconds(10)
        let e = await cloudError { _ = try await withClient(o) { try await $0.request("listZones") } }
        let err = try #require(e)
        guard case .transport(.refused, _, _) = err.kind else { Issue.record("kind \(err.kind)"); return }
        #expect(err.message.contains("connection refused"))
        #expect(err.exitCode == 3)
    }

    @Test func unknownHostIsADNSError() async throws {
        var o = ClientOptions(url: "http://acsh-no-such-host.invalid:8080", credentials: .none, timeout: 5)
        o.maxAttempts = 1
        let e = await cloudError { _ = try await withClient(o) { try await $0.request("listZones") } }
        let err = try #require(e)
        guard case .transport(.dns, _, _) = err.kind else { Issue.record("kind \(err.kind): \(err.message)"); return }
        #expect(err.message.contains("cannot resolve the host"))
    }

    @Test func cancellingARequestEndsItAtOnce() async throws {
        // The server answers after 300 s; a cancelled request must end well before
        // (120 s leaves room for any loaded machine; it takes milliseconds when idle).
        try await TestServer.with({ _, _ in Reply(body: zones, delay: .seconds(300)) }) { server in
            let client = CloudStackClient(options: testOptions(server))
            let task = Task { try await client.request("listZones") }
            let (result, took) = try await server.cancelOnceSeen(task)
            #expect(took < .seconds(120))
            if case .failure(let e as CloudStackError) = result, case .interrupted(nil) = e.kind {
                #expect(e.exitCode == 130)
            } else {
                Issue.record("got \(result)")
            }
            #expect(server.seen.count == 1)
            try await client.shutdown()
        }
    }

    @Test func cancellingAChangeInFlightSaysItMayHaveHappened() async throws {
        try await TestServer.with({ _, _ in Reply(body: "{}", delay: .seconds(3)) }) { server in
            let client = CloudStackClient(options: testOptions(server))
            let task = Task { try await client.request("createNetwork", [("name", "n")]) }
            // Cancelled once the call has reached the server (a sleep may end before it is sent).
            let (result, _) = try await server.cancelOnceSeen(task)
            if case .failure(let e as CloudStackError) = result, case .interruptedCall("createNetwork") = e.kind {
                #expect(e.exitCode == 130 && e.message.contains("may have happened"))
            } else {
                Issue.record("got \(result)")
            }
            try await client.shutdown()
        }
    }

    // The server never answers within the test; the timeout is long enough that even a loaded machine
    // connects before it (a connect timeout is a different outcome: nothing was sent).
    @Test func timeoutOfACreateIsAnUnclearOutcome() async throws {
        try await TestServer.with({ _, _ in Reply(body: zones, delay: .seconds(600)) }) { server in
            var o = testOptions(server)
            o.timeout = 3
            let e = await cloudError { _ = try await withClient(o) { try await $0.request("createNetwork") } }
            let err = try #require(e)
            guard case .unclearOutcome("createNetwork", _) = err.kind else { Issue.record("kind \(err.kind)"); return }
            #expect(err.message.contains("not retried"))
            #expect(server.seen.count == 1)
        }
    }

    @Test func timeoutOfAReadIsRetriedThenReported() async throws {
        try await TestServer.with({ _, _ in Reply(body: zones, delay: .seconds(600)) }) { server in
            var o = testOptions(server)
            o.timeout = 2
            o.maxAttempts = 2
            let e = await cloudError { _ = try await withClient(o) { try await $0.request("listZones") } }
            let err = try #require(e)
            guard case .transport(.timeout, _, _) = err.kind else { Issue.record("kind \(err.kind)"); return }
            #expect(server.seen.count == 2)
        }
    }

    @Test func traceRedactsSecrets() async throws {
        let lines = NIOLockedValueBox<[String]>([])
        let body =
            #"{"listusersresponse":{"count":1,"user":[{"username":"admin","apikey":"AKEY","secretkey":"SKEY"}]}}"#
        try await TestServer.with({ _, _ in .json(body) }) { server in
            let o = testOptions(server, credentials: .apiKey(key: "MYKEY", secret: "MYSECRET")) { l in
                lines.withLockedValue { $0.append(l) }
            }
            _ = try await withClient(o) { try await $0.request("listUsers", [("password", "hunter2")]) }
            let all = lines.withLockedValue { $0 }.joined(separator: "\n")
            #expect(all.contains("> GET") && all.contains("< 200"))
            let sig = try #require(server.seen.first?.param("signature"))
            for secret in ["MYKEY", "MYSECRET", "hunter2", "AKEY", "SKEY", sig, Signer.encode(sig)] {
                #expect(!all.contains(secret), "trace leaks \(secret)")
            }
            #expect(all.contains("apiKey=<redacted>"))
            #expect(all.contains("\"secretkey\":\"<redacted>\""))
        }
    }

    @Test func longValuesGoByPost() async throws {
        let userdata = String(repeating: "QUJD", count: 1000)
        try await TestServer.with({ _, _ in .json(#"{"deployvirtualmachineresponse":{"id":"v1","jobid":"j1"}}"#) }) {
            server in
            _ = try await withClient(testOptions(server)) {
                try await $0.request("deployVirtualMachine", [("userdata", userdata)])
            }
            let req = try #require(server.seen.first)
            #expect(req.method == "POST")
            #expect(req.rawQuery.isEmpty)
            #expect(req.param("userdata") == userdata)
            #expect(
                Signer.signature(req.params.filter { $0.0 != "signature" }, secretKey: "bar") == req.param("signature"))
        }
    }

    @Test func forcePostPutsSecretsInTheBody() async throws {
        try await TestServer.with({ _, _ in .json(zones) }) { server in
            var o = testOptions(server)
            o.forcePost = true
            _ = try await withClient(o) { try await $0.request("listZones") }
            let req = try #require(server.seen.first)
            #expect(req.method == "POST" && !req.rawQuery.contains("apiKey") && req.rawBody.contains("apiKey=foo"))
        }
    }

    @Test func controlCharactersAreRefusedBeforeSending() async throws {
        try await TestServer.with({ _, _ in .json(zones) }) { server in
            let e = await cloudError {
                _ = try await withClient(testOptions(server)) {
                    try await $0.request("createTags", [("value", "a\u{07}b")])
                }
            }
            let err = try #require(e)
            #expect(err.message.contains("parameter value") && err.message.contains("0x07"))
            #expect(server.seen.isEmpty)
            // CR and LF are allowed.
            _ = try await withClient(testOptions(server)) { try await $0.request("listZones", [("keyword", "a\r\nb")]) }
            #expect(server.seen.count == 1)
        }
    }

    @Test func expiredSignatureIsExplainedAsClockSkew() async throws {
        let denied = Reply.apiError(
            "listZones", code: 401, cs: 9999, text: "unable to verify user credentials and/or request signature")
        try await TestServer.with({ _, _ in
            var r = denied; r.delay = .milliseconds(3200); return r
        }) { server in
            var o = testOptions(server)
            o.signatureLifetime = 1
            o.timeout = 30  // the answer comes after 3.2 s: on a loaded machine 5 s may pass, and a retry would follow
            let e = await cloudError { _ = try await withClient(o) { try await $0.request("listZones") } }
            let err = try #require(e)
            guard case .clockSkew(let expires, let date, _) = err.kind else { Issue.record("kind \(err.kind)"); return }
            #expect(err.message.contains(expires) && err.message.contains(date) && err.message.contains("clock"))
            #expect(server.seen.count == 1)
        }
    }

    @Test func plain401IsAnAuthenticationError() async throws {
        let denied = Reply.apiError(
            "listZones", code: 401, cs: 9999, text: "unable to verify user credentials and/or request signature")
        try await TestServer.with({ _, _ in denied }) { server in
            let e = await cloudError {
                _ = try await withClient(testOptions(server)) { try await $0.request("listZones") }
            }
            #expect(e?.errorcode == 401)
            #expect(e?.message.contains("API key and secret") == true)
            #expect(server.seen.count == 1)
        }
    }

    @Test func redirectIsReportedNotFollowed() async throws {
        var movedReply = Reply(status: 301, body: "<html>Moved</html>", contentType: "text/html")
        movedReply.headers = [("Location", "https://cloud.example.com/client/api")]
        let moved = movedReply
        try await TestServer.with({ _, _ in moved }) { server in
            let e = await cloudError {
                _ = try await withClient(testOptions(server)) { try await $0.request("createTags") }
            }
            #expect(e?.errorcode == 301)
            #expect(e?.message.contains("redirected to https://cloud.example.com/client/api") == true)
            #expect(server.seen.count == 1)
        }
    }

    @Test func messagesAndTracesHideUserInfoOfTheURL() {
        #expect(ClientOptions(url: "http://u:pw@h:8080").displayURL == "http://h:8080/client/api")
        #expect(ClientOptions(url: "http://h:8080/a@b").displayURL == "http://h:8080/a@b")
    }

    @Test func aClientDroppedWithoutShutdownDoesNotCrash() async throws {
        try await TestServer.with({ _, _ in .json(zones) }) { server in
            do {
                let c = CloudStackClient(options: testOptions(server))
                _ = try await c.request("listZones")
            }
            try await Task.sleep(for: .milliseconds(50))
            #expect(server.seen.count == 1)
        }
    }

    @Test func baseURLGetsTheAPIPath() {
        #expect(ClientOptions(url: "http://h:8080").endpoint == "http://h:8080/client/api")
        #expect(ClientOptions(url: "http://h:8080/").endpoint == "http://h:8080/client/api")
        #expect(ClientOptions(url: "https://h/client").endpoint == "https://h/client/api")
        #expect(ClientOptions(url: "http://h:8080/client/api").endpoint == "http://h:8080/client/api")
    }
}

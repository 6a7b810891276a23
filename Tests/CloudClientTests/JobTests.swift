import Testing
import Values
import NIOConcurrencyHelpers
@testable import CloudClient

/// Answers queryAsyncJobResult: pending for `pendingPolls` polls, then `final`.
private func jobServer(pendingPolls: Int, final: String) -> @Sendable (SeenRequest, Int) async -> Reply {
    let polls = NIOLockedValueBox(0)
    return { req, _ in
        guard req.command == "queryAsyncJobResult", req.param("jobid") == "job-1" else {
            return .apiError(req.command, code: 431, cs: 9999, text: "unexpected call")
        }
        let n = polls.withLockedValue { p in
            p += 1; return p
        }
        if n <= pendingPolls {
            return .json(#"{"queryasyncjobresultresponse":{"jobid":"job-1","jobstatus":0,"jobprocstatus":\#(n)}}"#)
        }
        return .json(#"{"queryasyncjobresultresponse":{"jobid":"job-1",\#(final)}}"#)
    }
}

@Suite struct JobTests {
    @Test func successReturnsTheJobResult() async throws {
        let final =
            #""jobstatus":1,"jobresultcode":0,"jobresulttype":"object","jobresult":{"virtualmachine":{"id":"vm-1","state":"Running"}}"#
        try await TestServer.with(jobServer(pendingPolls: 2, final: final)) { server in
            let seen = NIOLockedValueBox<[JobStatus]>([])
            let r = try await withClient(testOptions(server)) {
                try await $0.waitForJob("job-1", deadline: nil) { s in seen.withLockedValue { $0.append(s) } }
            }
            #expect(r[field: "virtualmachine"]?[field: "id"]?.string == "vm-1")
            #expect(server.seen.count == 3)
            #expect(seen.withLockedValue { $0.map(\.status) } == [0, 0, 1])
            #expect(seen.withLockedValue { $0.first?.procStatus } == 1)
        }
    }

    @Test func failureCarriesTheJobsError() async throws {
        let final =
            #""jobstatus":2,"jobresultcode":530,"jobresult":{"errorcode":530,"errortext":"Unable to start VM: no capacity"}"#
        try await TestServer.with(jobServer(pendingPolls: 1, final: final)) { server in
            let e = await cloudError {
                _ = try await withClient(testOptions(server)) { try await $0.waitForJob("job-1") }
            }
            let err = try #require(e)
            guard case .jobFailed("job-1", 530, "Unable to start VM: no capacity") = err.kind else {
                Issue.record("kind \(err.kind)"); return
            }
            #expect(err.exitCode == 4 && err.jobid == "job-1")
        }
    }

    @Test func cancelledJobEndsTheWait() async throws {
        try await TestServer.with(
            jobServer(pendingPolls: 0, final: #""jobstatus":3,"jobresult":{"errortext":"cancelled by admin"}"#)
        ) { server in
            let e = await cloudError {
                _ = try await withClient(testOptions(server)) { try await $0.waitForJob("job-1") }
            }
            guard case .jobCancelled("job-1", "cancelled by admin")? = e?.kind else {
                Issue.record("got \(String(describing: e))"); return
            }
            #expect(e?.exitCode == 4)
        }
    }

    @Test func unknownStatusIsAnError() async throws {
        try await TestServer.with(jobServer(pendingPolls: 0, final: #""jobstatus":7"#)) { server in
            let e = await cloudError {
                _ = try await withClient(testOptions(server)) { try await $0.waitForJob("job-1") }
            }
            guard case .jobUnknownStatus("job-1", "7")? = e?.kind else {
                Issue.record("got \(String(describing: e))"); return
            }
            #expect(e?.message.contains("queryAsyncJobResult jobid=job-1") == true)
        }
    }

    @Test func deadlineStopsTheWaitAndSaysHowToLookLater() async throws {
        try await TestServer.with(jobServer(pendingPolls: 1000, final: "")) { server in
            let clock = ContinuousClock()
            let start = clock.now
            let e = await cloudError {
                _ = try await withClient(testOptions(server)) {
                    try await $0.waitForJob("job-1", deadline: start + .milliseconds(300))
                }
            }
            let took = clock.now - start
            guard case .deadline("job-1")? = e?.kind else { Issue.record("got \(String(describing: e))"); return }
            #expect(e?.exitCode == 124)
            #expect(e?.message.contains("queryAsyncJobResult jobid=job-1") == true)
            // Not before the deadline; the upper bound is only a sanity check (it includes the
            // client's shutdown, which took seconds on a loaded CI machine): the error kind above
            // is what proves the deadline ended the wait.
            #expect(took >= .milliseconds(300) && took < .seconds(30))
        }
    }

    @Test func requestAndWaitFollowsTheJob() async throws {
        let poll = jobServer(pendingPolls: 1, final: #""jobstatus":1,"jobresult":{"virtualmachine":{"id":"vm-9"}}"#)
        try await TestServer.with({ req, i in
            req.command == "deployVirtualMachine"
                ? .json(#"{"deployvirtualmachineresponse":{"id":"vm-9","jobid":"job-1"}}"#) : await poll(req, i)
        }) { server in
            let r = try await withClient(testOptions(server)) {
                try await $0.requestAndWait("deployVirtualMachine", [("zoneid", "z")])
            }
            #expect(r[field: "virtualmachine"]?[field: "id"]?.string == "vm-9")
            #expect(
                server.seen.map(\.command) == ["deployVirtualMachine", "queryAsyncJobResult", "queryAsyncJobResult"])
        }
    }

    @Test func losingTheServerWhileWaitingKeepsTheJobID() async throws {
        try await TestServer.with({ _, i in
            i == 0
                ? .json(#"{"queryasyncjobresultresponse":{"jobid":"job-1","jobstatus":0}}"#)
                : Reply(
                    status: 503, body: "<html><title>503 Service Unavailable</title></html>", contentType: "text/html")
        }) { server in
            let e = await cloudError {
                _ = try await withClient(testOptions(server)) { try await $0.waitForJob("job-1") }
            }
            guard case .pollFailed("job-1", "HTTP 503")? = e?.kind else {
                Issue.record("got \(String(describing: e))"); return
            }
            #expect(e?.message.contains("queryAsyncJobResult jobid=job-1") == true)
            #expect(server.seen.count == 5)  // one pending poll, then a read retried up to 4 attempts
        }
    }

    @Test func pollIntervalGrows() async throws {
        // A job of about 1 s with the default intervals (0.25 s ×1.5 up to 3 s) is seen on the third poll.
        let clock = ContinuousClock()
        let start = clock.now
        try await TestServer.with({ req, _ in
            let done = clock.now - start >= .seconds(1)
            return .json(
                #"{"queryasyncjobresultresponse":{"jobid":"job-1","jobstatus":\#(done ? 1 : 0),"jobresult":{"success":true}}}"#
            )
        }) { server in
            var o = testOptions(server)
            let defaults = ClientOptions(url: server.url)
            o.pollFirst = defaults.pollFirst
            o.pollCap = defaults.pollCap
            let r = try await withClient(o) { try await $0.waitForJob("job-1") }
            #expect(r[field: "success"]?.bool == true)
            #expect(server.seen.count <= 3)
        }
    }

    @Test func cancellationEndsTheWaitAtOnce() async throws {
        try await TestServer.with(jobServer(pendingPolls: 1000, final: "")) { server in
            // The next poll is ten minutes away: ending at all within the bound below proves the sleep
            // was cancelled, however loaded the machine is.
            var o = testOptions(server)
            o.pollFirst = .seconds(600)
            o.pollCap = .seconds(601)
            let client = CloudStackClient(options: o)
            let task = Task { try await client.waitForJob("job-1") }
            try await Task.sleep(for: .milliseconds(100))
            let clock = ContinuousClock()
            let start = clock.now
            task.cancel()
            let result = await task.result
            #expect(clock.now - start < .seconds(300))
            guard case .failure(let e as CloudStackError) = result, case .interrupted("job-1") = e.kind else {
                Issue.record("got \(result)"); try await client.shutdown(); return
            }
            #expect(e.exitCode == 130 && e.message.contains("job-1"))
            try await client.shutdown()
        }
    }
}

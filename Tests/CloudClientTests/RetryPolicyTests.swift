import Testing
@testable import CloudClient

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 4, base: .milliseconds(100), cap: .milliseconds(400))
    let url = "http://h/client/api"

    @Test func backoffGrowsJitteredAndCapped() {
        for _ in 0..<50 {
            let first = policy.backoff(1), third = policy.backoff(3), tenth = policy.backoff(10)
            #expect(first >= .milliseconds(50) && first <= .milliseconds(100))
            #expect(third >= .milliseconds(200) && third <= .milliseconds(400))
            #expect(tenth >= .milliseconds(200) && tenth <= .milliseconds(400))
        }
    }

    @Test func onlyReadsSurviveTransportAndGatewayErrors() {
        let refused = CloudStackError(.transport(.refused, url: url, detail: ""))
        let gateway = CloudStackError(.http(status: 504, url: url, snippet: ""))
        for command in ["listZones", "getVMPassword", "queryAsyncJobResult"] {
            #expect(policy.delay(after: refused, command: command, attempt: 1) != nil)
            #expect(policy.delay(after: gateway, command: command, attempt: 1) != nil)
        }
        for command in ["deployVirtualMachine", "createNetwork", "login"] {
            #expect(policy.delay(after: refused, command: command, attempt: 1) == nil)
            #expect(policy.delay(after: gateway, command: command, attempt: 1) == nil)
        }
        #expect(policy.delay(after: refused, command: "listZones", attempt: 4) == nil)
        #expect(
            policy.delay(
                after: CloudStackError(.transport(.tls, url: url, detail: "")), command: "listZones", attempt: 1) == nil
        )
        #expect(
            policy.delay(
                after: CloudStackError(.http(status: 500, url: url, snippet: "")), command: "listZones", attempt: 1)
                == nil)
    }

    @Test func throttlingIsWaitedForAnyCallButOtherAPIErrorsNever() {
        let throttled = CloudStackError(
            .api(command: "createTags", errorcode: 429, cserrorcode: nil, errortext: "retry after [300] ms"))
        let wait = policy.delay(after: throttled, command: "createTags", attempt: 1)
        #expect(wait.map { $0 >= .milliseconds(300) && $0 <= .milliseconds(400) } == true)
        for code in [401, 430, 431, 432, 530, 531, 533, 537] {
            let e = CloudStackError(.api(command: "listZones", errorcode: code, cserrorcode: nil, errortext: "x"))
            #expect(policy.delay(after: e, command: "listZones", attempt: 1) == nil)
        }
    }
}

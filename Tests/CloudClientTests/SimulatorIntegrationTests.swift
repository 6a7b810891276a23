import Simulator
import TestSupport
import Testing
import Values
@testable import CloudClient

/// The client against the project's CloudStack simulator: both sides must agree on
/// signing, sessions, jobs, paging and faults.
@Suite struct SimulatorIntegrationTests {
    private func withSimulator<T: Sendable>(
        _ configure: (inout SimulatorOptions) -> Void = { _ in },
        credentials: Credentials = .apiKey(
            key: SimulatorOptions.sandboxAPIKey,
            secret: SimulatorOptions.sandboxSecretKey),
        _ body: (CloudStackClient, Simulator) async throws -> T
    ) async throws -> T {
        try await withSandbox(
            { so in
                so.jobTime = .milliseconds(100)
                configure(&so)
            },
            client: { o in
                o.credentials = credentials
                // Generous: a loaded CI machine must never turn a slow answer into a timeout and retry.
                o.timeout = 30
                o.pollFirst = .milliseconds(50)
                o.pollCap = ClientOptions(url: o.url, credentials: credentials).pollCap
                o.retryBase = .milliseconds(20)
                o.retryCap = .milliseconds(100)
            }
        ) { sim, client in try await body(client, sim) }
    }

    private func firstID(_ c: CloudStackClient, _ command: String, _ params: [(String, String)] = []) async throws
        -> String
    {
        let r = try await c.request(command, params)
        return try #require(CloudStackClient.records(of: r).records.first?[field: "id"]?.string)
    }

    @Test func signedCallsAndAnAsyncDeploy() async throws {
        try await withSimulator { c, _ in
            let zone = try await firstID(c, "listZones")
            let template = try await firstID(c, "listTemplates", [("templatefilter", "executable")])
            let offering = try await firstID(c, "listServiceOfferings")
            let vm = try await c.requestAndWait(
                "deployVirtualMachine",
                [
                    ("zoneid", zone), ("templateid", template),
                    ("serviceofferingid", offering), ("name", "web-1"), ("displayname", "web 1~ é*"),
                ])
            #expect(vm[field: "virtualmachine"]?[field: "displayname"]?.string == "web 1~ é*")
        }
    }

    /// A cloud whose default.page.size is below the client's page size refuses the page; the client takes
    /// the size the refusal names and pages on with it, unless the caller chose the page size.
    @Test func pagingFollowsACloudsSmallerPageSize() async throws {
        try await withSimulator({ $0.seedVMs = 120 }) { c, _ in
            _ = try await c.request("updateConfiguration", [("name", "default.page.size"), ("value", "50")])
            let all = try await c.listAll("listVirtualMachines", [("listall", "true")])
            #expect(all.count == 120)
            await #expect(throws: CloudStackError.self) {
                _ = try await c.listAll("listVirtualMachines", [("listall", "true"), ("pagesize", "80")])
            }
        }
    }

    @Test func passwordSessionWorks() async throws {
        try await withSimulator(credentials: .password(username: "admin", password: "password", domain: "/")) {
            c, sim in
            _ = try await c.request("listZones")
            _ = try await c.request("listZones")
            #expect(sim.requestCount(command: "login") == 1)
        }
    }

    @Test func wrongPasswordIsALoginError() async throws {
        let e = await cloudError {
            try await withSimulator(credentials: .password(username: "admin", password: "nope", domain: "/")) { c, _ in
                _ = try await c.request("listZones")
            }
        }
        guard case .loginFailed("admin", 531, _)? = e?.kind else {
            Issue.record("got \(String(describing: e))"); return
        }
    }

    @Test func pagesOfSeededVMs() async throws {
        try await withSimulator({ $0.seedVMs = 25 }) { c, sim in
            var sizes: [Int] = []
            for try await page in c.pages("listVirtualMachines", [("listall", "true")], pageSize: 10) {
                sizes.append(page.count)
            }
            #expect(sizes == [10, 10, 5])
            #expect(sim.requestCount(command: "listVirtualMachines") == 3)
        }
    }

    @Test func droppedCreateIsNotSentAgain() async throws {
        try await withSimulator({ $0.faults = [FaultSpec(kind: .dropConnection, command: "createNetwork")] }) {
            c, sim in
            let zone = try await firstID(c, "listZones")
            let e = await cloudError { _ = try await c.request("createNetwork", [("name", "n1"), ("zoneid", zone)]) }
            guard case .unclearOutcome("createNetwork", _)? = e?.kind else {
                Issue.record("got \(String(describing: e))"); return
            }
            #expect(sim.requestCount(command: "createNetwork") == 1)
        }
    }

    @Test func throttledReadSucceedsAfterTheWait() async throws {
        try await withSimulator({
            $0.faults = [FaultSpec(kind: .throttle(retryAfterMilliseconds: 150), command: "listZones", when: .first(1))]
        }) { c, sim in
            let clock = ContinuousClock()
            let start = clock.now
            _ = try await c.request("listZones")
            #expect(clock.now - start >= .milliseconds(150))
            #expect(sim.requestCount(command: "listZones") == 2)
        }
    }

    @Test func failingJobIsReported() async throws {
        try await withSimulator({ $0.faults = [FaultSpec(kind: .jobFails(code: 533), command: "deployVirtualMachine")] }
        ) { c, _ in
            let zone = try await firstID(c, "listZones")
            let template = try await firstID(c, "listTemplates", [("templatefilter", "executable")])
            let offering = try await firstID(c, "listServiceOfferings")
            let e = await cloudError {
                _ = try await c.requestAndWait(
                    "deployVirtualMachine",
                    [("zoneid", zone), ("templateid", template), ("serviceofferingid", offering)])
            }
            guard case .jobFailed(_, 533, _)? = e?.kind else { Issue.record("got \(String(describing: e))"); return }
        }
    }

    @Test func serverClockAheadIsExplained() async throws {
        try await withSimulator({ $0.clockOffset = .seconds(3600) }) { c, _ in
            let e = await cloudError { _ = try await c.request("listZones") }
            guard case .clockSkew(_, _, let skew)? = e?.kind else {
                Issue.record("got \(String(describing: e))"); return
            }
            // The server's hour, less however long the answer took to be read (long on a loaded machine).
            #expect(skew > 3000 && skew <= 3605, "skew \(skew)")
        }
    }
}

/// Map parameters (`tags[0].key`) carry brackets: the names must be encoded on
/// the wire or URL parsing re-encodes the whole query and the signature fails.
@Suite struct MapParameterTests {
    @Test func aTagFilterIsSignedAndAccepted() async throws {
        try await withSimulator { sim in
            let options = ClientOptions(
                url: sim.baseURL,
                credentials: .apiKey(
                    key: SimulatorOptions.sandboxAPIKey,
                    secret: SimulatorOptions.sandboxSecretKey))
            let answer = try await CloudStackClient.withClient(options) { client in
                try await client.request("listVirtualMachines", [("tags[0].key", "env"), ("tags[0].value", "a b~")])
            }
            #expect(answer.record != nil)
        }
    }
}

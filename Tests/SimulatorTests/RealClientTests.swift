import CloudClient
import Simulator
import TestSupport
import Testing
import Values

/// The project's own client (CloudClient) against the simulator: the pair every
/// other module's tests rely on.
@Suite struct RealClientTests {
    func keys(_ sim: Simulator) -> ClientOptions {
        var o = ClientOptions(
            url: sim.baseURL,
            credentials: .apiKey(
                key: SimulatorOptions.sandboxAPIKey,
                secret: SimulatorOptions.sandboxSecretKey))
        o.pollFirst = .milliseconds(20)
        o.retryBase = .milliseconds(10)
        return o
    }

    @Test func signedCallsJobsAndPaging() async throws {
        try await withSimulator(quickJobOptions { $0.seedVMs = 1200 }) { sim async throws in
            try await CloudStackClient.withClient(keys(sim)) { client in
                let zones = try await client.request("listZones")
                #expect(zones["count"]?.text == "2")
                let all = try await client.listAll("listVirtualMachines", [("listall", "true")], pageSize: 500)
                #expect(all.count == 1200)
                #expect(sim.requestCount(command: "listVirtualMachines") == 3)

                let vm = all[0]
                let stop = try await client.request("stopVirtualMachine", [("id", vm[field: "id"]!.text!)])
                let result = try await client.waitForJob(stop["jobid"]!.text!)
                #expect(result["virtualmachine.state"]?.text == "Stopped")
            }
        }
    }

    @Test func passwordLoginAsTheSecondDomainsUser() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let o = ClientOptions(
                url: sim.baseURL, credentials: .password(username: "dev", password: "password", domain: "/dev"))
            try await CloudStackClient.withClient(o) { client in
                let users = try await client.request("listUsers")
                #expect(users["user.0.username"]?.text == "dev")
                #expect(users["count"]?.text == "1")
            }
        }
    }

    @Test func readRetriesThroughGatewayErrorsAndThrottling() async throws {
        let o = quickJobOptions {
            $0.faults = [
                try! FaultSpec(parsing: "http502@listZones:first2"),
                try! FaultSpec(parsing: "throttle=50@listOsTypes:first1"),
            ]
        }
        try await withSimulator(o) { sim async throws in
            try await CloudStackClient.withClient(keys(sim)) { client in
                #expect(try await client.request("listZones")["count"]?.text == "2")
                #expect(sim.requestCount(command: "listZones") == 3)
                _ = try await client.request("listOsTypes")
                #expect(sim.requestCount(command: "listOsTypes") == 2)
            }
        }
    }

    @Test func jobFailureAndAPIErrorsReachTheCallerTyped() async throws {
        let o = quickJobOptions {
            $0.faults = [
                try! FaultSpec(parsing: "job-fail=533@stopVirtualMachine"),
                try! FaultSpec(parsing: "error=536@deleteNetwork"),
            ]; $0.seedVMs = 1
        }
        try await withSimulator(o) { sim async throws in
            try await CloudStackClient.withClient(keys(sim)) { client in
                let vm = try await client.request("listVirtualMachines")["virtualmachine.0.id"]!.text!
                let job = try await client.request("stopVirtualMachine", [("id", vm)])["jobid"]!.text!
                await #expect(throws: CloudStackError.self) { _ = try await client.waitForJob(job) }
                do {
                    _ = try await client.request("deleteNetwork", [("id", vm)])
                    Issue.record("deleteNetwork should fail")
                } catch let e as CloudStackError {
                    #expect(e.errorcode == 536)
                }
            }
        }
    }
}

import FoundationEssentials
import Simulator
import TestSupport
import Testing
import Values

/// The integration port: a second listener taking unsigned calls as the root admin.
@Suite struct IntegrationPortTests {
    static let options = quickJobOptions { $0.integrationPort = 0 }

    @Test func unsignedCallsWorkThereAndOnlyThere() async throws {
        try await withSimulator(Self.options) { sim async throws in
            let url = try #require(sim.integrationURL)
            #expect(sim.integrationPort != sim.port)
            let open = TestClient(unsigned: url)
            let zones = try await open.get("listZones")
            #expect(zones.status == 200)
            #expect(zones.inner["count"]?.text == "2")
            #expect(try await TestClient(unsigned: sim.baseURL).get("listZones").status == 401)
            // Calls there act as the root admin: they see every account's resources.
            #expect(try await open.get("listAccounts", [("listall", "true")]).inner["count"]?.text == "2")
        }
    }

    /// The issue's wget line with the first entity of each kind (what any seed has).
    @Test func deployByNumbersWithoutSigning() async throws {
        try await withSimulator(Self.options) { sim async throws in
            let url = try #require(sim.integrationURL)
            let reply = try await TestClient(unsigned: url).send(
                method: .GET,
                url: url
                    + "?command=deployVirtualMachine&serviceofferingid=1&templateid=1&zoneid=1&account=admin&diskofferingid=1&response=json",
                body: nil)
            try Self.expectDeployAnswer(reply, sim)
        }
    }

    /// The issue's example, byte for byte (zone 1, template 3, service offering 1, disk offering 5),
    /// then the job finishes and the VM has the third template.
    @Test func theIssuesLiteralDeployExample() async throws {
        try await withSimulator(Self.options) { sim async throws in
            let port = try #require(sim.integrationPort)
            let url =
                "http://127.0.0.1:\(port)/client/api?command=deployVirtualMachine&serviceofferingid=1&templateid=3&zoneid=1&account=admin&diskofferingid=5&response=json"
            let open = TestClient(unsigned: "http://127.0.0.1:\(port)/client/api")
            let reply = try await open.send(method: .GET, url: url, body: nil)
            try Self.expectDeployAnswer(reply, sim)
            let job = try await open.wait(job: try #require(reply.inner["jobid"]?.text))
            #expect(job["jobstatus"]?.text == "1", "\(job)")
            let third = try await open.get("listTemplates", [("templatefilter", "all"), ("id", "3")]).inner[
                "template.0.id"]
            #expect(third != nil)
            #expect(job["jobresult.virtualmachine.templateid"] == third)
        }
    }

    static func expectDeployAnswer(_ reply: TestClient.Reply, _ sim: Simulator) throws {
        #expect(reply.status == 200)
        #expect(reply.headers.first(name: "Content-Type") == "application/json; charset=UTF-8")
        let answer = try #require(reply.json["deployvirtualmachineresponse"])
        let id = try #require(answer["id"]?.text)
        let job = try #require(answer["jobid"]?.text)
        #expect(id.count == 36 && job.count == 36 && id != job)
    }

    @Test func aPortInUseIsAClearError() async throws {
        try await withSimulator(quickJobOptions()) { busy async throws in
            let error = await #expect(throws: SimulatorError.self) {
                try await Simulator.start(quickJobOptions { $0.integrationPort = busy.port })
            }
            #expect(error?.message.contains("cannot listen on 127.0.0.1:\(busy.port)") == true)
        }
    }

    @Test func onlyLoopbackAddressesAreServed() async throws {
        let error = await #expect(throws: SimulatorError.self) {
            try await Simulator.start(quickJobOptions { $0.host = "0.0.0.0" })
        }
        #expect(error?.message.contains("loopback only") == true)
        try await withSimulator(quickJobOptions { $0.host = "localhost" }) { sim async throws in
            #expect(try await TestClient(sim).get("listZones").status == 200)
        }
    }
}

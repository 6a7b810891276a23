import FoundationEssentials
import Simulator
import Testing
import Values

/// The integration port: a second listener taking unsigned calls as the root admin.
@Suite struct IntegrationPortTests {
    static let options = testOptions { $0.integrationPort = 0 }

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

    /// The issue's wget line with ids looked up by number from this seed (zone 1, template 1,
    /// service offering 1, disk offering 1); the literal one is `theIssuesLiteralDeployExample`.
    @Test func deployByNumbersWithoutSigning() async throws {
        try await withSimulator(Self.options) { sim async throws in
            let url = try #require(sim.integrationURL)
            let reply = try await TestClient(unsigned: url).send(method: .GET, url: url
                + "?command=deployVirtualMachine&serviceofferingid=1&templateid=1&zoneid=1&account=admin&diskofferingid=1&response=json",
                body: nil)
            try Self.expectDeployAnswer(reply, sim)
        }
    }

    /// The issue's example, byte for byte: needs the seed with template 3 and disk offering 5
    /// (the other half of issue 8). Enable after merging it.
    @Test(.disabled("needs the issue-8 seed: template 3 and disk offering 5"))
    func theIssuesLiteralDeployExample() async throws {
        try await withSimulator(Self.options) { sim async throws in
            let port = try #require(sim.integrationPort)
            let url = "http://127.0.0.1:\(port)/client/api?command=deployVirtualMachine&serviceofferingid=1&templateid=3&zoneid=1&account=admin&diskofferingid=5&response=json"
            let reply = try await TestClient(unsigned: url).send(method: .GET, url: url, body: nil)
            try Self.expectDeployAnswer(reply, sim)
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
        try await withSimulator { busy async throws in
            let error = await #expect(throws: SimulatorError.self) {
                try await Simulator.start(testOptions { $0.integrationPort = busy.port })
            }
            #expect(error?.message.contains("cannot listen on 127.0.0.1:\(busy.port)") == true)
        }
    }

    @Test func onlyLoopbackAddressesAreServed() async throws {
        let error = await #expect(throws: SimulatorError.self) {
            try await Simulator.start(testOptions { $0.host = "0.0.0.0" })
        }
        #expect(error?.message.contains("loopback only") == true)
        try await withSimulator(testOptions { $0.host = "localhost" }) { sim async throws in
            #expect(try await TestClient(sim).get("listZones").status == 200)
        }
    }
}

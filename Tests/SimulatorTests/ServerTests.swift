import CloudClient
import Simulator
import TestSupport
import Testing

@Suite struct ServerTests {
    @Test func busyPortIsAClearError() async throws {
        try await withSimulator(quickJobOptions()) { first async throws in
            var o = quickJobOptions()
            o.port = first.port
            do {
                let second = try await Simulator.start(o)
                await second.stop()
                Issue.record("a second simulator bound the same port")
            } catch let e as SimulatorError {
                #expect(e.description.contains("cannot listen on 127.0.0.1:\(first.port)"))
                #expect(!e.description.contains("\n"))
            }
        }
    }

    @Test func runReturnsWhenStopped() async throws {
        let sim = try await Simulator.start(quickJobOptions())
        #expect(sim.port > 0)
        #expect(sim.baseURL == "http://127.0.0.1:\(sim.port)/client/api")
        let running = Task { try await sim.run() }
        #expect(try await TestClient(sim).get("listZones").status == 200)
        await sim.stop()
        // run() ends once the server is down. (Not probed by connecting again: the freed port can
        // come back as the client's own source port and connect to itself on loopback.)
        try await running.value
    }

    @Test func statsEndpointCountsRequestsPerCommand() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            for _ in 0..<3 { _ = try await c.get("listZones") }
            _ = try await c.get("listOsTypes")
            let url = sim.baseURL.replacingOccurrences(of: "/client/api", with: "/simulator/stats")
            #expect(try await c.send(method: .GET, url: url, body: nil).status == 401)  // root admin only
            func signed(_ key: String, _ secret: String) -> String {
                var p = [("apiKey", key)]
                p.append(("signature", Signer.signature(p, secretKey: secret)))
                return url + "?" + p.map { "\($0.0)=\(Signer.encode($0.1))" }.joined(separator: "&")
            }
            let dev = SimulatorOptions.defaultUsers[1]
            #expect(try await c.send(method: .GET, url: signed(dev.apiKey, dev.secretKey), body: nil).status == 432)
            let stats = try await c.send(method: .GET, url: signed(c.apiKey!, c.secretKey), body: nil).json
            #expect(stats["commands.listZones"]?.text == "3")
            #expect(stats["commands.listOsTypes"]?.text == "1")
            #expect(stats["requests"]?.text == "4")
            #expect(sim.requestCount() == 4)
        }
    }

    @Test func sameSeedSameIDs() async throws {
        let a = try await withSimulator(quickJobOptions()) {
            try await TestClient($0).get("listZones").inner["zone.0.id"]?.text
        }
        let b = try await withSimulator(quickJobOptions()) {
            try await TestClient($0).get("listZones").inner["zone.0.id"]?.text
        }
        let c = try await withSimulator(quickJobOptions { $0.seed = 7 }) {
            try await TestClient($0).get("listZones").inner["zone.0.id"]?.text
        }
        #expect(a != nil && a == b)
        #expect(a != c)
    }
}

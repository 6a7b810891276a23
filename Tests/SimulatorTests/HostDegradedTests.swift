import Simulator
import TestSupport
import Testing
import Values

/// declareHostAsDegraded/cancelHostAsDegraded, releaseHostReservation, cleanVMReservations.
@Suite struct HostDegradedTests {
    @Test func anUpHostIsNotDeclaredDegradedAndReservationsAreReleased() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let host = try await c.value("listHosts", [("type", "Routing")], "host.0.id")
            let name = try await c.value("listHosts", [("id", host)], "host.0.name")
            // Only a host whose agent is gone (Alert, Disconnected) may be declared Degraded.
            let declared = try await c.job("declareHostAsDegraded", [("id", host)])
            #expect(declared["jobstatus"]?.number?.int == 2)
            #expect(declared["jobresult.errorcode"]?.number?.int == 431)
            let text = try #require(declared["jobresult.errortext"]?.text)
            #expect(text.hasPrefix("Cannot perform declare host [id="))
            #expect(text.hasSuffix(", name=\(name)] as 'Degraded' when host is in Up status"))
            let cancelled = try await c.job("cancelHostAsDegraded", [("id", host)])
            #expect(cancelled["jobresult.errorcode"]?.number?.int == 530)
            #expect(cancelled["jobresult.errortext"]?.text?.hasSuffix("when host is in Enabled state") == true)
            #expect(try await c.value("listHosts", [("id", host)], "host.0.resourcestate") == "Enabled")

            #expect(try await c.job("releaseHostReservation", [("id", host)])["jobresult.success"]?.bool == true)
            #expect(try await c.job("cleanVMReservations")["jobresult.success"]?.bool == true)
            #expect(try await c.signed().get("cleanVMReservations").status == 432)
        }
    }
}

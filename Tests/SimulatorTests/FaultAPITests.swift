import CloudClient
import FoundationEssentials
import Simulator
import TestSupport
import Testing
import Values

/// `simulatorFault`: changing faults, the clock and throttling while the simulator runs.
@Suite struct FaultAPITests {
    @Test func faultsAreAddedAndClearedAtRunTime() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let set = try await c.get("simulatorFault", [("fault", "http502@listZones:first1,truncate@listOsTypes")])
                .inner
            #expect(set["fault"]?.list?.count == 2)
            let bad = try await c.get("listZones")
            #expect(bad.status == 502)
            #expect(bad.body.contains("<html>"))
            #expect(try await c.get("listZones").status == 200)
            let cut = try await c.get("listOsTypes")
            #expect((try? JSONParser.parse(cut.body)) == nil)
            #expect(try await c.get("simulatorFault", [("clear", "true")]).inner["fault"]?.list?.isEmpty == true)
            #expect(try await c.get("listOsTypes").json.record != nil)
            let invalid = try await c.get("simulatorFault", [("fault", "explode")])
            #expect(invalid.status == 431)
            #expect(invalid.inner["errortext"]?.text?.contains("unknown fault 'explode'") == true)
            // Job faults: the next deploy fails, then one hangs.
            _ = try await c.get("simulatorFault", [("fault", "job-fail=533@deployVirtualMachine:first1")])
            #expect(try await c.deploy()["jobresult.errorcode"]?.text == "533")
            _ = try await c.get(
                "simulatorFault", [("clear", "true"), ("fault", "job-hang@deployVirtualMachine:first1")])
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let tmpl = try await c.value("listTemplates", [("templatefilter", "featured")], "template.0.id")
            let so = try await c.value("listServiceOfferings", [], "serviceoffering.0.id")
            let hung = try await c.value(
                "deployVirtualMachine", [("zoneid", zone), ("templateid", tmpl), ("serviceofferingid", so)], "jobid")
            #expect(try await c.wait(job: hung, limit: .milliseconds(300))["jobstatus"]?.text == "0")
        }
    }

    @Test func clockOffsetAndThrottlingAtRunTime() async throws {
        // A long throttling window so the count does not depend on how fast this machine is.
        try await withSimulator(quickJobOptions { $0.throttleInterval = .seconds(30) }) { sim async throws in
            var c = TestClient(sim)
            c.expires = Signer.expiresString(Date().addingTimeInterval(300))
            #expect(try await c.get("listZones").status == 200)
            #expect(try await c.get("simulatorFault", [("clockoffset", "600")]).inner["clockoffset"]?.text == "600")
            #expect(try await c.get("listZones").status == 401)  // the server's clock is past `expires` now
            c.expires = nil
            let date = try #require(
                try await c.get("simulatorFault", [("clockoffset", "0")]).headers.first(name: "Date"))
            #expect(date.hasSuffix("GMT"))

            #expect(try await c.get("simulatorFault", [("throttle", "2")]).inner["throttle"]?.text == "2")
            let dev = c.signed()
            var statuses: [Int] = []
            for _ in 0..<3 { statuses.append(try await dev.get("listZones").status) }
            #expect(statuses == [200, 200, 429])
            #expect(try await dev.get("listZones").inner["errortext"]?.text?.contains("please retry after") == true)
            #expect(try await c.get("listZones").status == 200)  // the root admin is exempt
            _ = try await c.get("simulatorFault", [("throttle", "0")])
            for _ in 0..<4 { #expect(try await dev.get("listZones").status == 200) }
        }
    }
}

import Simulator
import TestSupport
import Testing
import Values

/// Internal numeric ids: taken where a parameter is older than 3.0, refused where it has a `since`.
@Suite struct InternalIDTests {
    @Test func numbersStandForTheEntitiesInSeedOrder() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zones = try await c.get("listZones").inner
            #expect(try await c.get("listZones", [("id", "1")]).inner["zone.0.id"] == zones["zone.0.id"])
            #expect(try await c.get("listZones", [("id", "2")]).inner["zone.0.id"] == zones["zone.1.id"])
            let offerings = try await c.get("listServiceOfferings").inner
            #expect(
                try await c.get("listServiceOfferings", [("id", "1")]).inner["serviceoffering.0.id"]
                    == offerings["serviceoffering.0.id"])
        }
    }

    @Test func deployTakesNumbersAndTheVMShowsUUIDs() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try #require(try await c.get("listZones").inner["zone.0.id"]?.text)
            let tmpl = try #require(
                try await c.get("listTemplates", [("templatefilter", "all"), ("id", "1")]).inner["template.0.id"]?.text)
            let so = try #require(try await c.get("listServiceOfferings").inner["serviceoffering.0.id"]?.text)
            let d = try await c.get(
                "deployVirtualMachine", [("zoneid", "1"), ("templateid", "1"), ("serviceofferingid", "1")])
            #expect(d.status == 200)
            let vm = try await c.wait(job: try #require(d.inner["jobid"]?.text))["jobresult.virtualmachine"]
            #expect(vm?["zoneid"]?.text == zone)
            #expect(vm?["templateid"]?.text == tmpl)
            #expect(vm?["serviceofferingid"]?.text == so)
            // The VM's own number works in APIs acting on it, the id in responses stays the UUID.
            let stop = try await c.get("stopVirtualMachine", [("id", "1")]).inner
            #expect(
                try await c.wait(job: try #require(stop["jobid"]?.text))["jobresult.virtualmachine.id"] == vm?["id"])
        }
    }

    @Test func aParameterWithASinceDemandsAUUID() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            // deployVirtualMachine's podid is from 4.13: the number is refused before anything happens.
            let r = try await c.get(
                "deployVirtualMachine",
                [
                    ("zoneid", "1"), ("templateid", "1"), ("serviceofferingid", "1"),
                    ("podid", "1"),
                ])
            #expect(r.status == 431)
            #expect(
                r.inner["errortext"]?.text
                    == "Unable to execute API command deployvirtualmachine due to invalid value. "
                    + "Invalid parameter podid value=1 due to incorrect long value format, or entity does not exist or due "
                    + "to incorrect parameter annotation for the field in api cmd class.")
            #expect(try await c.get("listVirtualMachines").inner == .record([:]))
        }
    }

    @Test func aNumberNamingNothingIsNotFound() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let r = try await TestClient(sim).get(
                "deployVirtualMachine",
                [
                    ("zoneid", "99"), ("templateid", "1"),
                    ("serviceofferingid", "1"),
                ])
            #expect(r.status == 431)
            #expect(r.inner["errortext"]?.text?.contains("99") == true)
        }
    }
}

import TestSupport
import Testing
import Values

/// listVirtualMachines `details` picks the parts of each answer, and `userdata=true` adds the VM's
/// user data (UserVmJoinDaoImpl.newUserVmResponse).
@Suite struct VMListDetailsTests {
    @Test func detailsKeepOnlyTheAskedPartsAndTheAlwaysPresentFields() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let userData = "aGVsbG8gd29ybGQ="
            let vm = try #require(
                try await c.deploy([("name", "parts"), ("group", "web"), ("userdata", userData)])[
                    "jobresult.virtualmachine.id"]?.text)

            let full = try await c.get("listVirtualMachines", [("id", vm)]).inner
            #expect(full["virtualmachine.0.templateid"] != nil)
            #expect(full["virtualmachine.0.nic.0.id"] != nil)
            #expect(full["virtualmachine.0.group"]?.text == "web")
            #expect(full["virtualmachine.0.userdata"] == nil, "user data only when asked for")

            let some = try await c.get("listVirtualMachines", [("id", vm), ("details", "group,stats")]).inner
            #expect(some["virtualmachine.0.group"]?.text == "web")
            #expect(some["virtualmachine.0.memorykbs"] != nil)
            #expect(some["virtualmachine.0.cpunumber"] != nil, "stats brings the offering's sizes")
            #expect(some["virtualmachine.0.templateid"] == nil)
            #expect(some["virtualmachine.0.serviceofferingid"] == nil)
            #expect(some["virtualmachine.0.nic"] == nil)
            #expect(some["virtualmachine.0.rootdeviceid"] == nil)
            // Always there, whatever the parts.
            for field in ["id", "name", "state", "zoneid", "account", "domainid", "created"] {
                #expect(some["virtualmachine.0.\(field)"] != nil, "\(field)")
            }

            let least = try await c.get("listVirtualMachines", [("id", vm), ("details", "min")]).inner
            #expect(least["virtualmachine.0.group"] == nil)
            #expect(least["virtualmachine.0.securitygroup"] == nil)
            #expect(least["virtualmachine.0.name"]?.text == "parts")

            let all = try await c.get("listVirtualMachines", [("id", vm), ("details", "all,min")]).inner
            #expect(all["virtualmachine.0.templateid"] != nil)

            let shown = try await c.get("listVirtualMachines", [("id", vm), ("userdata", "true")]).inner
            #expect(shown["virtualmachine.0.userdata"]?.text == userData)

            let wrong = try await c.get("listVirtualMachines", [("details", "group,everything")])
            #expect(wrong.status == 431)
            #expect(
                wrong.inner["errortext"]?.text
                    == "The details parameter contains a non permitted value. The allowed values are [all, group, nics, stats, secgrp, tmpl, servoff, diskoff, backoff, iso, volume, min, affgrp]"
            )
        }
    }
}

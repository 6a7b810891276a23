import Simulator
import TestSupport
import Testing
import Values

/// addGuestOs, updateGuestOs and removeGuestOs: user-defined OS types only.
@Suite struct GuestOSChangeTests {
    @Test func userDefinedGuestOSTypes() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let category = try await c.value("listOsCategories", [("name", "Debian")], "oscategory.0.id")
            let added = try await c.job(
                "addGuestOs",
                [
                    ("oscategoryid", category), ("osdisplayname", "Debian 13 (sandbox)"),
                    ("name", "debian13"), ("details[0].key", "rootDiskController"),
                    ("details[0].value", "virtio"),
                ])
            #expect(added["cmd"]?.text == "org.apache.cloudstack.api.command.admin.guest.AddGuestOsCmd")
            let id = try #require(added["jobresult.ostype.id"]?.text)
            #expect(added["jobresult.ostype.isuserdefined"]?.bool == true)
            #expect(try await c.value("listOsTypes", [("id", id)], "ostype.0.description") == "Debian 13 (sandbox)")
            let twice = try await c.get(
                "addGuestOs",
                [
                    ("oscategoryid", category), ("osdisplayname", "debian 13 (SANDBOX)"),
                    ("details[0].key", "a"), ("details[0].value", "b"),
                ])
            #expect(
                twice.inner["errortext"]?.text
                    == "The specified Guest OS name : debian 13 (SANDBOX) already exists. Please specify a unique name")
            let noDetails = try await c.get("addGuestOs", [("oscategoryid", category), ("osdisplayname", "Other one")])
            #expect(noDetails.status == 431)
            let renamed = try await c.job(
                "updateGuestOs",
                [
                    ("id", id), ("osdisplayname", "Debian 13 trixie"),
                    ("details[0].key", "nicAdapter"), ("details[0].value", "e1000"),
                ])
            #expect(renamed["jobresult.ostype.description"]?.text == "Debian 13 trixie")
            let shipped = try await c.value("listOsTypes", [("description", "CentOS 5.6 (64-bit)")], "ostype.0.id")
            let system = try await c.get("removeGuestOs", [("id", shipped)])
            #expect(system.inner["errortext"]?.text == "Unable to remove system defined guest OS")
            let modify = try await c.get(
                "updateGuestOs",
                [("id", shipped), ("osdisplayname", "x"), ("details[0].key", "a"), ("details[0].value", "b")])
            #expect(modify.inner["errortext"]?.text == "Unable to modify system defined guest OS")
            #expect(try await c.job("removeGuestOs", [("id", id)])["jobresult.success"]?.bool == true)
            #expect(try await c.get("listOsTypes", [("id", id)]).inner["count"] == nil)
            #expect(try await c.signed().get("addGuestOs", [("oscategoryid", category)]).status == 432)
        }
    }
}

import Simulator
import TestSupport
import Testing
import Values

/// Resource details and resource icons.
@Suite struct ResourceDetailTests {
    @Test func detailsAreAddedListedAndRemovedByTheResourcesOwner() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim), dev = c.signed()
            let vm = try #require(try await dev.deploy()["jobresult.virtualmachine.id"]?.text)
            let added = try await dev.job(
                "addResourceDetail",
                [
                    ("resourceid", vm), ("resourcetype", "UserVm"),
                    ("details[0].key", "owner"), ("details[0].value", "team-a"),
                    ("details[1].key", "tier"), ("details[1].value", "web"),
                ])
            #expect(added["jobresult.success"]?.bool == true)
            #expect(added["cmd"]?.text == "org.apache.cloudstack.api.command.user.volume.AddResourceDetailCmd")
            let listed = try await dev.get("listResourceDetails", [("resourcetype", "UserVm"), ("resourceid", vm)])
                .inner
            #expect(listed["count"]?.number?.int == 2)
            #expect(listed["resourcedetail.0.account"]?.text == "dev")
            #expect(listed["resourcedetail.0.fordisplay"] == nil)
            // A key given again takes the new value.
            _ = try await dev.job(
                "addResourceDetail",
                [
                    ("resourceid", vm), ("resourcetype", "uservm"),
                    ("details[0].key", "tier"), ("details[0].value", "db"),
                ])
            #expect(
                try await dev.value(
                    "listResourceDetails", [("resourcetype", "UserVm"), ("key", "tier")], "resourcedetail.0.value")
                    == "db")
            // Someone else's resource, an unknown one, an unknown type.
            let zone = try await c.value("listZones", [], "zone.0.id")
            let foreign = try await dev.get(
                "addResourceDetail",
                [
                    ("resourceid", zone), ("resourcetype", "Zone"),
                    ("details[0].key", "k"), ("details[0].value", "v"),
                ])
            #expect(foreign.status == 531)
            let unknown = try await dev.get(
                "addResourceDetail",
                [
                    ("resourceid", "00000000-0000-0000-0000-000000000000"),
                    ("resourcetype", "UserVm"), ("details[0].key", "k"), ("details[0].value", "v"),
                ])
            #expect(
                unknown.inner["errortext"]?.text
                    == "Unable to find resource by id 00000000-0000-0000-0000-000000000000 and type UserVm")
            #expect(try await dev.get("listResourceDetails", [("resourcetype", "Spaceship")]).status == 431)
            // The root admin sees a user's details too; removing one key, then all.
            #expect(try await c.value("listResourceDetails", [("resourcetype", "UserVm")], "count") == "2")
            _ = try await dev.job(
                "removeResourceDetail", [("resourceid", vm), ("resourcetype", "UserVm"), ("key", "owner")])
            #expect(try await dev.value("listResourceDetails", [("resourcetype", "UserVm")], "count") == "1")
            _ = try await dev.job("removeResourceDetail", [("resourceid", vm), ("resourcetype", "UserVm")])
            #expect(try await dev.get("listResourceDetails", [("resourcetype", "UserVm")]).inner["count"] == nil)
        }
    }

    @Test func iconsAreUploadedListedAndDeleted() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [], "zone.0.id")
            // A 1x1 PNG's first bytes are enough for the check; the answer gives back what was stored.
            let png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
            let up = try await c.get(
                "uploadResourceIcon", [("resourceids", zone), ("resourcetype", "Zone"), ("base64image", png)])
            #expect(up.inner["success"]?.bool == true)
            let listed = try await c.get("listResourceIcon", [("resourceids", zone), ("resourcetype", "Zone")]).inner
            #expect(listed["icon.0.base64image"]?.text == png)
            #expect(listed["icon.0.resourcetype"]?.text == "Zone")
            let notImage = try await c.get(
                "uploadResourceIcon", [("resourceids", zone), ("resourcetype", "Zone"), ("base64image", "aGVsbG8=")])
            #expect(notImage.status == 431)
            #expect(
                try await c.signed().get(
                    "uploadResourceIcon",
                    [
                        ("resourceids", zone), ("resourcetype", "Zone"),
                        ("base64image", png),
                    ]
                ).status == 531)
            #expect(
                try await c.get("deleteResourceIcon", [("resourceids", zone), ("resourcetype", "Zone")]).inner[
                    "success"]?.bool == true)
            #expect(
                try await c.get("listResourceIcon", [("resourceids", zone), ("resourcetype", "Zone")]).inner["count"]
                    == nil)
        }
    }
}

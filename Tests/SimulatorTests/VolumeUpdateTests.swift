import Simulator
import TestSupport
import Testing
import Values

/// updateVolume: a user renames its volumes (ROOT ones too, which are named ROOT-<internal VM id>);
/// the rest is the root admin's.
@Suite struct VolumeUpdateTests {
    @Test func aUserRenamesItsRootVolumeAndNothingElse() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim)
            let dev = admin.signed()
            let vm = try #require(try await dev.deploy()["jobresult.virtualmachine.id"]?.text)
            let root = try await dev.get("listVolumes", [("virtualmachineid", vm), ("type", "ROOT")]).inner
            let id = try #require(root["volume.0.id"]?.text)
            #expect(root["volume.0.name"]?.text?.wholeMatch(of: /ROOT-\d+/) != nil)

            let renamed = try await dev.job("updateVolume", [("id", id), ("name", "web-root")])
            #expect(renamed["jobresult.volume.name"]?.text == "web-root")
            #expect(try await dev.value("listVolumes", [("id", id)], "volume.0.name") == "web-root")

            let refused = try await dev.get("updateVolume", [("id", id), ("state", "Ready")])
            #expect(refused.status == 431)
            #expect(
                refused.inner["errortext"]?.text
                    == "The domain admin and normal user are not allowed to update volume except volume name")
        }
    }

    @Test func theRootAdminSetsStateDisplayAndPool() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let made = try await c.job(
                "createVolume",
                [
                    ("name", "data"), ("zoneid", try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")),
                    ("diskofferingid", try await c.value("listDiskOfferings", [], "diskoffering.0.id")),
                ])
            let id = try #require(made["jobresult.volume.id"]?.text, "\(made)")
            let done = try await c.job("updateVolume", [("id", id), ("displayvolume", "false"), ("path", "/x/y")])
            #expect(done["jobresult.volume.displayvolume"]?.bool == false)
            #expect(done["jobresult.volume.path"]?.text == "/x/y")
            let bad = try await c.get("updateVolume", [("id", id), ("state", "ready")])
            #expect(bad.inner["errortext"]?.text == "Invalid volume state specified")
            let elsewhere = try await c.value(
                "listStoragePools", [("zoneid", try await c.value("listZones", [("name", "Sandbox-2")], "zone.0.id"))],
                "storagepool.0.id")
            let far = try await c.get("updateVolume", [("id", id), ("storageid", elsewhere)])
            #expect(
                far.inner["errortext"]?.text
                    == "Invalid storageId specified; refers to the pool outside of the volume's zone")
        }
    }
}

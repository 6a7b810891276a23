import Simulator
import TestSupport
import Testing
import Values

/// addSecondaryStorage, addImageStoreS3, migrateSecondaryStorageData (ImageStoreAPIs) and the pool
/// operations of StoragePoolOpsAPIs.
@Suite struct StorageOpsTests {
    @Test func secondaryStorageIsAddedTheOldWaysAndItsDataMoves() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [], "zone.0.id")
            let source = try await c.value("listImageStores", [("zoneid", zone)], "imagestore.0.id")
            let added = try await c.get(
                "addSecondaryStorage", [("url", "nfs://192.0.2.9/export/sec2"), ("zoneid", zone)])
            #expect(added.inner["secondarystorage.providername"]?.text == "NFS")
            #expect(added.inner["secondarystorage.name"]?.text == "nfs://192.0.2.9/export/sec2")
            let target = try #require(added.inner["secondarystorage.id"]?.text)
            #expect(try await c.get("addSecondaryStorage", [("url", "/tmp/x"), ("zoneid", zone)]).status == 431)

            let s3 = try await c.get(
                "addImageStoreS3",
                [
                    ("endpoint", "s3.example.net"), ("bucket", "templates"), ("accesskey", "AK"),
                    ("secretkey", "SK-hidden"),
                ])
            #expect(s3.inner["imagestore.providername"]?.text == "S3")
            #expect(s3.inner["imagestore.scope"]?.text == "REGION")
            #expect(!s3.body.contains("SK-hidden"))

            let moved = try await c.job("migrateSecondaryStorageData", [("srcpool", source), ("destpools", target)])
            #expect(moved["jobresult.imagestore.success"]?.bool == true)
            #expect(moved["jobresult.imagestore.migrationtype"]?.text == "Complete")
            #expect(moved["jobresult.imagestore.message"]?.text != nil)
            // A complete migration leaves the source read-only.
            #expect(try await c.value("listImageStores", [("id", source)], "imagestore.0.readonly") == "true")
            let same = try await c.get("migrateSecondaryStorageData", [("srcpool", source), ("destpools", source)])
            #expect(
                same.inner["errortext"]?.text?.hasPrefix("No destination valid store(s) available to migrate.") == true)
        }
    }

    @Test func poolsForAVolumeAndTemplatesPreparedOnPrimaryStorage() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [], "zone.0.id")
            let pool = try await c.get(
                "createStoragePool",
                [
                    ("name", "p2"), ("zoneid", zone), ("url", "nfs://192.0.2.20/export/p2"), ("scope", "zone"),
                    ("hypervisor", "Simulator"),
                ]
            ).inner
            let p2 = try #require(pool["storagepool.id"]?.text)
            let vm = try await c.deploy()
            let vmID = try #require(vm["jobresult.virtualmachine.id"]?.text)
            let root = try await c.value("listVolumes", [("virtualmachineid", vmID), ("type", "ROOT")], "volume.0.id")
            let found = try await c.get("findStoragePoolsForMigration", [("id", root)]).inner
            let pools = try #require(found["storagepool"]?.list)
            // Every other pool of the zone, the one it is on left out.
            #expect(pools.contains { $0["id"]?.text == p2 && $0["suitableformigration"]?.bool == true })
            let current = try await c.value("listVolumes", [("id", root)], "volume.0.storageid")
            #expect(!pools.contains { $0["id"]?.text == current })
            #expect(
                try await c.get("getPathForVolume", [("volumeid", root)]).inner["apipathforvolume.path"]?.text == root)

            #expect(try await c.get("updateStorageCapabilities", [("id", p2)]).inner["storagepool.id"]?.text == p2)
            let sync = try await c.job("syncStoragePool", [("id", p2)])
            #expect(
                sync["jobresult.errortext"]?.text
                    == "SyncStoragePool API is currently supported only for storage type of datastore cluster")

            let template = try await c.value("listTemplates", [("templatefilter", "featured")], "template.0.id")
            let prepared = try await c.get("prepareTemplate", [("templateid", template), ("zoneid", zone)]).inner
            #expect(prepared["template.0.id"]?.text == template)
            #expect(prepared["template.0.zoneid"]?.text == zone)
        }
    }
}

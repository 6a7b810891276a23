@testable import Simulator
import TestSupport
import Testing
import Values

/// Secondary staging stores: zone-wide NFS caches, checked and answered as StorageManagerImpl does.
@Suite struct StagingStoreTests {
    @Test func storesAreAddedListedAndDeleted() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let url = "nfs://192.0.2.20/export/cache"
            let made = try await c.get(
                "createSecondaryStagingStore", [("url", url), ("zoneid", zone), ("provider", "bogus")])
            let store = try #require(made.inner["secondarystorage"], "\(made.body)")
            let id = try #require(store[field: "id"]?.text)
            #expect(store[field: "name"]?.text == url)
            #expect(store[field: "providername"]?.text == "NFS")
            #expect(store[field: "scope"]?.text == "ZONE")
            #expect(store[field: "protocol"]?.text == "nfs")
            // Staging stores are not image stores.
            #expect(try await c.get("listImageStores", [("id", id)]).inner["count"] == nil)
            #expect(try await c.value("listSecondaryStagingStores", [("zoneid", zone)], "imagestore.0.id") == id)
            #expect(try await c.get("listSecondaryStagingStores", [("provider", "S3")]).inner["count"] == nil)

            let refused = { (params: [(String, String)]) async throws -> (Int, String) in
                let r = try await c.get("createSecondaryStagingStore", params)
                return (r.status, r.inner["errortext"]?.text ?? "")
            }
            #expect(
                try await refused([("url", url), ("scope", "cluster"), ("zoneid", zone)]) == (
                    431, "Only zone wide cache storage is supported"
                ))
            #expect(
                try await refused([("url", url), ("scope", "zone")]) == (431, "zone id can't be null, if scope is zone")
            )
            #expect(
                try await refused([("url", url), ("scope", "pod"), ("zoneid", zone)]) == (
                    431, "invalid scope for cache store pod"
                ))
            #expect(try await refused([("url", url)]) == (431, "Can't find zone by id null"))
            let noHost = try await refused([("url", "nfs:///export"), ("zoneid", zone)])
            #expect(noHost.0 == 530)
            #expect(noHost.1.hasPrefix("Failed to add data store: Your host and/or path is wrong."))
            #expect(
                try await refused([("url", "192.0.2.20:/export"), ("zoneid", zone)]).1
                    == "Failed to add data store: uri.scheme is null 192.0.2.20:/export, add nfs:// (or cifs://) as a prefix"
            )

            #expect(try await c.get("deleteSecondaryStagingStore", [("id", id)]).inner["success"]?.bool == true)
            #expect(try await c.get("listSecondaryStagingStores").inner["count"] == nil)
            #expect(try await c.signed().get("listSecondaryStagingStores").status == 432)
        }
    }
}

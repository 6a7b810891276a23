import Foundation
import Testing
@testable import APICatalog

@Suite struct CacheTests {
    @Test func missingCacheIsNil() throws {
        let dir = try Fixtures.tempDir()
        #expect(try Catalog.load(cachedAt: dir.appendingPathComponent("none/catalog.json").path) == nil)
    }

    @Test func writeThenLoadKeepsDescriptions() throws {
        let dir = try Fixtures.tempDir()
        let path = dir.appendingPathComponent("prod/sub/catalog.json").path
        let json = try Fixtures.bytes(Fixtures.dump411)
        try Catalog.writeCache(json: json, to: path)
        let attrs = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attrs[.posixPermissions] as? Int) == 0o600)
        // Written twice: the rename replaces the file, no temporary left behind.
        try Catalog.writeCache(json: json, to: path)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("prod/sub").path)
                == ["catalog.json"])
        let loaded = try #require(try Catalog.load(cachedAt: path))
        let direct = try Catalog(listApisJSON: json)
        #expect(loaded.count == 565)
        #expect(loaded.source == path)
        #expect(loaded.allAPIs == direct.allAPIs)
        #expect(loaded.api(named: "deployVirtualMachine")?.description?.isEmpty == false)
    }

    @Test func cachedOrBundledFallsBack() throws {
        let dir = try Fixtures.tempDir()
        let missing = Catalog.cachedOrBundled(at: dir.appendingPathComponent("none.json").path)
        #expect(missing.catalog === Catalog.bundled && missing.warning == nil)
        let damaged = dir.appendingPathComponent("bad.json").path
        try Data("junk".utf8).write(to: URL(fileURLWithPath: damaged))
        let fallback = Catalog.cachedOrBundled(at: damaged)
        #expect(fallback.catalog === Catalog.bundled)
        #expect(
            fallback.warning == "warning: catalog \(damaged): not an acsh catalog (no `acsh-catalog 1` header); "
                + "run `acsh sync` again; using the bundled catalog")
        let good = dir.appendingPathComponent("good.json").path
        try Catalog.writeCache(json: Fixtures.bytes(Fixtures.dump411), to: good)
        #expect(Catalog.cachedOrBundled(at: good).catalog.count == 565)
    }

    @Test func badJSONWritesNothing() throws {
        let dir = try Fixtures.tempDir()
        let path = dir.appendingPathComponent("catalog.json").path
        #expect(throws: CatalogError.self) { try Catalog.writeCache(json: Array("{".utf8), to: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test(arguments: ["", "{\"api\":[]}", "acsh-catalog 1\n", "acsh-catalog 1\nnotabs\n", "acsh-catalog 9\nx\ts\n"])
    func damagedCacheGivesOneLine(content: String) throws {
        let dir = try Fixtures.tempDir()
        let path = dir.appendingPathComponent("catalog.json").path
        try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        let text = Fixtures.errorText { try Catalog.load(cachedAt: path) }
        #expect(text?.hasPrefix("catalog \(path): ") == true, "\(text ?? "no error")")
        #expect(text?.hasSuffix("run `acsh sync` again") == true)
    }
}

import Foundation
import Testing
@testable import APICatalog

@Suite struct GeneratedTests {
    /// CI has ../shared beside the repository: regenerating must give the committed file.
    @Test func bundledCatalogIsCurrent() throws {
        let out = try Fixtures.tempDir().appendingPathComponent("BundledCatalog.swift")
        let script = Fixtures.repoRoot.appendingPathComponent("scripts/gen-catalog")
        let p = Process()
        p.executableURL = script
        p.arguments = [Fixtures.dump418.path, "-o", out.path]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let committed = try String(
            contentsOf: Fixtures.repoRoot
                .appendingPathComponent("Sources/APICatalog/Generated/BundledCatalog.swift"), encoding: .utf8)
        let fresh = try String(contentsOf: out, encoding: .utf8)
        #expect(fresh == committed, "run scripts/gen-catalog and commit the result")
    }

    /// The Swift writer and the Python generator agree on the compact form.
    @Test func swiftEncoderMatchesGenerator() throws {
        let apis = try Catalog(listApisJSON: Fixtures.bytes(Fixtures.dump418)).allAPIs
        let swiftText = CompactFormat.encode(apis, descriptions: false)
        let bundled = String(decoding: Catalog.bundled.compactText, as: UTF8.self)
        #expect(swiftText == bundled + "\n")
    }
}

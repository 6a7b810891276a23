import APICatalog
import Foundation
import Testing
import Values

/// Every recorded real list answer keeps its items under the key `API.listItemKey` derives.
@Suite struct ListKeyFixtureTests {
    @Test func recordedListAnswersUseTheDerivedKeys() throws {
        let dir = Shape.fixturesDir()
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter {
            $0.hasPrefix("list") && $0.hasSuffix(".json")
        }
        var checked = 0
        for file in names.sorted() {
            let command = String(file.prefix { $0 != "_" })
            guard let api = Catalog.bundled.api(named: command) else { continue }
            let inner = try Shape.fixture(String(file.dropLast(5))).record?.values.first?.record ?? [:]
            let keys = inner.keys.filter { $0 != "count" }
            guard let key = keys.first else { continue }  // an empty answer names no key
            #expect(keys.count == 1 && key == api.listItemKey, "\(file): \(keys) vs \(api.listItemKey ?? "-")")
            checked += 1
        }
        #expect(checked >= 20)
    }
}

import Foundation
import Testing
@testable import APICatalog

/// CatalogDiff against counts computed here on their own: a plain JSON parse of
/// both dumps (Foundation, not our decoder) and set arithmetic on the names.
@Suite struct CatalogDiffTests {
    /// API name (lowercased) -> its parameter names (lowercased), straight from the JSON.
    static func plainIndex(_ url: URL) throws -> [String: Set<String>] {
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        var out: [String: Set<String>] = [:]
        for case let api as [String: Any] in root["api"] as! [Any] {
            let params = (api["params"] as? [[String: Any]] ?? []).compactMap { ($0["name"] as? String)?.lowercased() }
            out[(api["name"] as! String).lowercased()] = Set(params)
        }
        return out
    }

    @Test func upgrade411To418MatchesIndependentCounts() throws {
        let old = try Self.plainIndex(Fixtures.dump411), new = try Self.plainIndex(Fixtures.dump418)
        let added = Set(new.keys).subtracting(old.keys), removed = Set(old.keys).subtracting(new.keys)
        var changedAPIs = 0, addedParams = 0, removedParams = 0
        for name in Set(old.keys).intersection(new.keys) {
            let a = old[name]!, b = new[name]!
            if a != b { changedAPIs += 1 }
            addedParams += b.subtracting(a).count
            removedParams += a.subtracting(b).count
        }

        let diff = CatalogDiff(
            from: try Catalog(listApisJSON: Fixtures.bytes(Fixtures.dump411)),
            to: try Catalog(listApisJSON: Fixtures.bytes(Fixtures.dump418)))
        #expect(Set(diff.addedAPIs.map { $0.lowercased() }) == added)
        #expect(Set(diff.removedAPIs.map { $0.lowercased() }) == removed)
        #expect(diff.changedAPIs.count == changedAPIs)
        #expect(diff.addedParamCount == addedParams)
        #expect(diff.removedParamCount == removedParams)
        // The dumps really differ (README: 565 and 705 APIs), so the counts say something.
        #expect(added.count > 100 && changedAPIs > 0)
        #expect(
            diff.summary
                == "\(added.count) APIs added, \(removed.count) removed; parameters changed in \(changedAPIs) APIs (\(addedParams) added, \(removedParams) removed)"
        )
    }

    @Test func detailsListEveryChange() throws {
        let old = try Catalog(apis: [
            API(name: "listZones", params: [APIParam(name: "id", type: "uuid")]),
            API(name: "stopRouter", params: []),
        ])
        let new = try Catalog(apis: [
            API(name: "listZones", params: [APIParam(name: "name", type: "string")]),
            API(name: "listPods", params: []),
        ])
        let d = CatalogDiff(from: old, to: new)
        #expect(
            d.details == """
                1 API added, 1 removed; parameters changed in 1 API (1 added, 1 removed)
                + listPods
                - stopRouter
                ~ listZones  +name -id

                """)
        #expect(CatalogDiff(from: old, to: old).summary == "no API or parameter changed")
    }
}

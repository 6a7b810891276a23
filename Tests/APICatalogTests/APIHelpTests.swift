import Testing
@testable import APICatalog

@Suite struct APIHelpTests {
    @Test func anAPIShowsItsParametersRequiredFirst() throws {
        let text = APIHelp.describe(try #require(Catalog.bundled.api(named: "deployVirtualMachine")))
        #expect(text.hasPrefix("deployVirtualMachine  (deploy virtualmachine)  async"))
        let required = try #require(text.range(of: "Required:"))
        let optional = try #require(text.range(of: "Optional:"))
        let zone = try #require(text.range(of: "  zoneid "))
        let account = try #require(text.range(of: "  account "))
        #expect(required.lowerBound < zone.lowerBound && zone.lowerBound < optional.lowerBound)
        #expect(optional.lowerBound < account.lowerBound)
        #expect(text.contains("uuid"))
    }

    @Test func aVerbListsItsNouns() {
        let text = APIHelp.verbSummary("list", apis: Catalog.bundled.apis(forVerb: "list"))
        #expect(text.contains("zones"))
        #expect(text.contains("listZones"))
    }

    @Test func descriptionsComeFromASyncedCatalog() throws {
        let synced = try Catalog(listApisJSON: Fixtures.bytes(Fixtures.dump411), source: "4.11")
        let api = try #require(synced.api(named: "listZones"))
        let text = APIHelp.describe(api)
        #expect(text.contains(try #require(api.description)))
        let param = try #require(api.params.first { $0.description?.isEmpty == false })
        #expect(text.contains(param.description!))
    }
}

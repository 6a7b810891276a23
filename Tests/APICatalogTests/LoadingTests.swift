import Foundation
import Testing
@testable import APICatalog

@Suite struct LoadingTests {
    @Test func bundledCounts() {
        let c = Catalog.bundled
        #expect(c.count == 705)
        #expect(c.allAPIs.filter(\.isAsync).count == 318)
        #expect(c.allAPIs.reduce(0) { $0 + $1.params.count } == 3807)
        #expect(c.allAPIs.reduce(0) { $0 + $1.requiredParams.count } == 908)
        #expect(c.apiNames == c.apiNames.sorted { $0.lowercased() < $1.lowercased() })
        #expect(c.verbs.contains("list") && c.verbs.contains("deploy"))
        #expect(c.nouns(forVerb: "list").contains("virtualmachines"))
        #expect(c.source == "bundled")
    }

    @Test func bundledHoldsFactsNotProse() throws {
        let api = try #require(Catalog.bundled.api(named: "deployVirtualMachine"))
        #expect(api.isAsync)
        #expect(api.description == nil)
        #expect(api.params.allSatisfy { $0.description == nil })
        let zone = try #require(api.param(named: "zoneid"))
        #expect(zone.type == "uuid" && zone.required && zone.length == 255)
        #expect(zone.related.contains("listZones"))
        #expect(api.responseFields.contains("id") && api.responseFields.contains("nic"))
        let userdata = try #require(api.param(named: "userdata"))
        #expect(userdata.length == 1_048_576)
    }

    @Test func bundledEqualsTheDumpWithoutDescriptions() throws {
        let dump = try Catalog(listApisJSON: Fixtures.bytes(Fixtures.dump418))
        #expect(dump.apiNames == Catalog.bundled.apiNames)
        for var api in dump.allAPIs {
            api.description = nil
            for i in api.params.indices { api.params[i].description = nil }
            #expect(Catalog.bundled.api(named: api.name) == api)
        }
        let deploy = try #require(dump.api(named: "deployVirtualMachine"))
        #expect(deploy.description?.isEmpty == false)
        #expect(deploy.param(named: "zoneid")?.description?.isEmpty == false)
    }

    @Test func serverShape() throws {
        let json = #"""
            {"listapisresponse":{"count":2,"api":[
              {"name":"listZones","isasync":false,"related":"","description":"Lists zones","params":[
                {"name":"id","type":"uuid","required":false,"length":255,"related":"listZones,listZones",
                 "description":"the ID\twith a tab\nand a line \\ - "}],
               "response":[{"name":"id","type":"string"},{},{"name":"name","type":"string"},{"name":"id"}]},
              {"name":"deployVirtualMachine","isasync":true,"params":[],"response":[]}]}}
            """#
        let c = try Catalog(listApisJSON: Array(json.utf8))
        #expect(c.apiNames == ["deployVirtualMachine", "listZones"])
        let zones = try #require(c.api(named: "listzones"))
        #expect(zones.responseFields == ["id", "name"])
        #expect(zones.params[0].related == ["listZones"])
        #expect(zones.params[0].description == "the ID\twith a tab\nand a line \\ - ")
        #expect(c.api(named: "deployVirtualMachine")?.isAsync == true)
    }

    @Test func dump411LoadsAndDiffersFromBundled() throws {
        let old = try Catalog(listApisJSON: Fixtures.bytes(Fixtures.dump411), source: "listApis-4.11.json")
        #expect(old.count == 565)
        #expect(old.allAPIs.filter(\.isAsync).count == 263)
        let new = Set(Catalog.bundled.apiNames), was = Set(old.apiNames)
        #expect(!new.subtracting(was).isEmpty)
        #expect(old.api(named: "listZones") != nil)
    }

    @Test(arguments: [
        ("", "not valid JSON"),
        ("{\"api\":[{\"name\":\"listZones\"", "not valid JSON"),
        ("[1,2]", "expected"),
        ("{\"count\":3}", "no \"api\" list"),
        ("{\"api\":[]}", "empty"),
        ("{\"api\":[{\"name\":\"a b\",\"isasync\":false}]}", "is not a name"),
        ("{\"api\":[{\"name\":\"x\",\"isasync\":\"yes\"}]}", "api[0].isasync"),
        ("{\"api\":[{\"name\":\"x\"},{\"name\":\"X\"}]}", "appears twice"),
    ])
    func malformedJSON(json: String, expected: String) {
        let text = Fixtures.errorText { try Catalog(listApisJSON: Array(json.utf8), source: "f.json") }
        #expect(text?.hasPrefix("catalog f.json: ") == true, "\(text ?? "no error")")
        #expect(text?.contains(expected) == true, "\(text ?? "no error")")
        #expect(text?.hasSuffix("; run `acsh sync` again") == true)
        #expect(text?.contains("\n") == false)
    }
}

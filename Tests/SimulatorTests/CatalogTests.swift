import APICatalog
@testable import Simulator
import TestSupport
import Testing
import Values

@Suite struct CatalogTests {
    @Test func everyModelledAPIIsInTheCatalogWithItsAsyncFlag() {
        for (name, handler) in Registry.all where !Registry.simulatorOnly.contains(name) {
            let api = Catalog.bundled.api(named: name)
            #expect(api?.name == name, "\(name) is not a CloudStack 4.18 API")
            #expect(api?.isAsync == handler.isAsync, "\(name): async flag differs from the catalog")
        }
        #expect(Registry.all.count >= 60)
    }

    @Test func unmodelledAPIsAnswerAsDocumented() async throws {
        // Whatever is still unmodelled when this runs: other families may gain handlers.
        let unmodelled = Coverage.current.none.compactMap(Catalog.bundled.api(named:))
        let list = try #require(unmodelled.first { $0.verb == "list" && $0.requiredParams.isEmpty })
        let other = try #require(unmodelled.first { $0.verb != "list" && !$0.requiredParams.isEmpty })
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            // A list API too: an empty list would read as "you have none".
            let listed = try await c.get(list.name)
            #expect(listed.status == 432)
            #expect(
                listed.inner["errortext"]?.text
                    == "The acsh simulator does not implement \(list.name) (it is a CloudStack API, but not modelled here)"
            )
            let params = other.requiredParams.map { p in
                (
                    p.name,
                    p.type == "uuid"
                        ? "8d2b9a7c-4b21-4c53-9b3a-0d1e2f3a4b5c"
                        : p.type == "boolean"
                            ? "true"
                            : ["integer", "long", "short"].contains(p.type) ? "1" : "x"
                )
            }
            let called = try await c.get(other.name, params)
            #expect(called.status == 432, "\(other.name): \(called.body)")
            // Catalog checks run first: a missing required parameter is 431 even for an unmodelled API.
            #expect(try await c.get(other.name).status == 431)
        }
    }

    @Test func coverageFigure() {
        let c = Coverage.current
        print("acsh simulator coverage: \(c.summary)")
        print("generic engine: \(c.generic.joined(separator: " "))")
        print("not modelled: \(c.none.joined(separator: " "))")
        #expect(c.hand.count + c.generic.count + c.none.count == Catalog.bundled.count)
        #expect(c.hand.count >= 660)
        // Families moved to hand-written handlers leave the generic engine: the floor is on both.
        #expect(c.hand.count + c.generic.count >= 667)
        // The generic engine never shadows a hand-written handler.
        #expect(Set(c.generic).isDisjoint(with: Registry.all.keys))
    }

    @Test func valuesAreCheckedAgainstParameterTypes() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let badUUID = try await c.get("listVirtualMachines", [("zoneid", "not-a-uuid")])
            #expect(badUUID.status == 431)
            #expect(badUUID.inner["errortext"]?.text?.contains("zoneid") == true)
            // Booleans read as the server's Boolean.valueOf: anything but "true" is false, never an error.
            #expect(try await c.get("listVirtualMachines", [("listall", "yes")]).status == 200)
            #expect(try await c.get("listVirtualMachines", [("page", "x"), ("pagesize", "1")]).status == 431)
        }
    }

    @Test func listApisServesTheCatalogInTheServerShape() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let all = try await c.get("listApis").inner
            // All but the Kubernetes service's, which 4.18 registers only when enabled at start.
            let registered = Catalog.bundled.count - KubernetesService.apis.count
            #expect(all["count"]?.number?.int == registered)
            let one = try await c.get("listApis", [("name", "deployVirtualMachine")]).inner
            #expect(one["count"]?.text == "1")
            #expect(one["api.0.isasync"]?.bool == true)
            let params = one["api.0.params"]?.list ?? []
            #expect(params.contains { $0[field: "name"]?.string == "zoneid" && $0[field: "required"]?.bool == true })
            // The answer parses back into a catalog: what `acsh sync` does against a real server.
            let reparsed = try Catalog(listApisJSON: Array(try await c.get("listApis").body.utf8))
            #expect(reparsed.count == registered)
        }
    }
}

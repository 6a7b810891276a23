@testable import Simulator
import TestSupport
import Testing
import Values

/// deleteAffinityGroup by name looks among its owner's groups: the project's with projectid.
@Suite struct AffinityGroupTests {
    @Test func deleteByNameFindsTheProjectsGroup() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let project = try await c.project("web")
            let theirs = try #require(
                try await c.job(
                    "createAffinityGroup",
                    [("name", "spread"), ("type", "host anti-affinity"), ("projectid", project)])[
                        "jobresult.affinitygroup.id"]?.text)
            // Not the caller's own: without projectid the name is not found.
            let missing = try await c.get("deleteAffinityGroup", [("name", "spread")])
            #expect(missing.status == 431)
            #expect(missing.inner["errortext"]?.text?.hasPrefix("Unable to find affinity group by name spread") == true)
            let deleted = try await c.job("deleteAffinityGroup", [("name", "spread"), ("projectid", project)])
            #expect(deleted["jobresult.success"]?.bool == true)
            #expect(
                try await c.get("listAffinityGroups", [("id", theirs), ("projectid", project)]).inner["count"] == nil)
        }
    }
}

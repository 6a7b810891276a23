@testable import Simulator
import TestSupport
import Testing
import Values

/// A security group named in a command is its entity owner's: projectid's project, else the caller's own.
@Suite struct SecurityGroupTests {
    @Test func deleteByNameFindsTheProjectsGroup() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let project = try await c.project("web")
            let made = try await c.get("createSecurityGroup", [("name", "web-sg"), ("projectid", project)])
            let id = try #require(made.inner["securitygroup.id"]?.text, "\(made.body)")
            let missing = try await c.get("deleteSecurityGroup", [("name", "web-sg")])
            #expect(missing.status == 431)
            #expect(missing.inner["errortext"]?.text?.hasPrefix("Unable to find security group by name web-sg") == true)
            let deleted = try await c.get("deleteSecurityGroup", [("name", "web-sg"), ("projectid", project)])
            #expect(deleted.inner["success"]?.bool == true, "\(deleted.body)")
            #expect(try await c.get("listSecurityGroups", [("id", id), ("projectid", project)]).inner["count"] == nil)
        }
    }
}

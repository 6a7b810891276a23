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

    @Test func onlyTheNameChangesAndDefaultStaysAsItIs() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let web = try await c.value("createSecurityGroup", [("name", "web")], "securitygroup.id")
            let db = try await c.value("createSecurityGroup", [("name", "db")], "securitygroup.id")
            let renamed = try await c.get("updateSecurityGroup", [("id", web), ("name", "frontend")]).inner
            #expect(renamed["securitygroup.name"]?.text == "frontend")
            let reserved = try await c.get("updateSecurityGroup", [("id", web), ("name", "Default")])
            #expect(reserved.inner["errortext"]?.text == "The security group name default is reserved")
            let dflt = try await c.value("listSecurityGroups", [("securitygroupname", "default")], "securitygroup.0.id")
            let fixed = try await c.get("updateSecurityGroup", [("id", dflt), ("name", "mine")])
            #expect(fixed.inner["errortext"]?.text == "The default security group cannot be renamed")
            let reservedDelete = try await c.get("deleteSecurityGroup", [("id", dflt)])
            #expect(reservedDelete.status == 431)
            #expect(reservedDelete.inner["errortext"]?.text == "The network group default is reserved")

            // A rule of db letting frontend in keeps frontend until the rule goes.
            _ = try await c.job(
                "authorizeSecurityGroupIngress",
                [
                    ("securitygroupid", db), ("protocol", "tcp"), ("startport", "5432"), ("endport", "5432"),
                    ("usersecuritygrouplist[0].account", "admin"), ("usersecuritygrouplist[0].group", "frontend"),
                ])
            let kept = try await c.get("deleteSecurityGroup", [("id", web)])
            #expect(kept.status == 536)
            #expect(
                kept.inner["errortext"]?.text
                    == "Cannot delete group when there are security rules that allow this group")
        }
    }
}

@testable import Simulator
import TestSupport
import Testing
import Values

/// Instance groups: one name per owner (an account or a project), listed with the server's filters.
@Suite struct InstanceGroupTests {
    @Test func createRefusesANameItsOwnerHas() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim), dev = c.signed()
            #expect(try await c.get("createInstanceGroup", [("name", "web")]).status == 200)
            let again = try await c.get("createInstanceGroup", [("name", "web")])
            #expect(again.status == 431)
            #expect(again.inner["cserrorcode"]?.text == "4350")
            let text = try #require(again.inner["errortext"]?.text)
            #expect(text.hasPrefix("Unable to create vm group, a group with name web already exisits for account "))
            // Another owner may use the name: the dev account, and an admin creating for it sees its group.
            let devs = try await dev.get("createInstanceGroup", [("name", "web")])
            #expect(devs.inner["instancegroup.account"]?.text == "dev")
            let domain = try await c.value(
                "listAccounts", [("name", "dev"), ("listall", "true")], "account.0.domainid")
            let forDev = try await c.get(
                "createInstanceGroup", [("name", "web"), ("account", "dev"), ("domainid", domain)])
            #expect(forDev.status == 431)
            // A project is an owner of its own; projectid never goes with account and domainid.
            let project = try await c.project("team")
            let inProject = try await c.get("createInstanceGroup", [("name", "web"), ("projectid", project)]).inner
            #expect(inProject["instancegroup.projectid"]?.text == project)
            #expect(inProject["instancegroup.project"]?.text == "team")
            #expect(inProject["instancegroup.account"] == nil)
            #expect(try await c.get("createInstanceGroup", [("name", "web"), ("projectid", project)]).status == 431)
            let both = try await c.get(
                "createInstanceGroup",
                [("name", "x"), ("projectid", project), ("account", "dev"), ("domainid", domain)])
            #expect(both.status == 431)
            #expect(both.inner["errortext"]?.text == "ProjectId and account/domainId can't be specified together")
        }
    }

    @Test func listMatchesPartOfTheNameAndTheOwnerFilters() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim), dev = c.signed()
            var ids: [String: String] = [:]
            for name in ["frontend", "backend", "db"] {
                ids[name] = try await c.value("createInstanceGroup", [("name", name)], "instancegroup.id")
            }
            _ = try await dev.get("createInstanceGroup", [("name", "devend")])
            // name is LIKE %name%, as keyword is; both ignore case.
            let names = { (params: [(String, String)]) async throws -> Set<String> in
                let items = try await c.get("listInstanceGroups", params).inner["instancegroup"]?.list ?? []
                return Set(items.compactMap { $0[field: "name"]?.text })
            }
            #expect(try await names([("name", "END")]) == ["frontend", "backend"])
            #expect(try await names([("keyword", "fro")]) == ["frontend"])
            #expect(try await names([("name", "end"), ("keyword", "back")]) == ["backend"])
            #expect(try await names([("id", ids["db"]!)]) == ["db"])
            // An admin sees its own groups, everyone's with listall, one account's with account and domainid.
            #expect(try await names([("listall", "true"), ("name", "end")]) == ["frontend", "backend", "devend"])
            let domain = try await c.value(
                "listAccounts", [("name", "dev"), ("listall", "true")], "account.0.domainid")
            #expect(try await names([("account", "dev"), ("domainid", domain)]) == ["devend"])
            // A user sees only its own, whatever it asks.
            let mine = try await dev.get("listInstanceGroups", [("listall", "true")]).inner
            #expect(mine["count"]?.text == "1")
            #expect(mine["instancegroup.0.name"]?.text == "devend")
            #expect(try await dev.get("listInstanceGroups", [("id", ids["db"]!)]).inner["count"] == nil)
        }
    }

    @Test func aProjectVMsGroupIsTheProjects() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let project = try await c.project("team")
            let vm = try await c.deploy([("projectid", project), ("group", "web")])
            let groupID = try #require(vm["jobresult.virtualmachine.groupid"]?.text, "\(vm)")
            let listed = try await c.get("listInstanceGroups", [("projectid", project)]).inner
            #expect(listed["instancegroup.0.id"]?.text == groupID)
            #expect(listed["instancegroup.0.project"]?.text == "team")
            #expect(listed["instancegroup.0.account"] == nil)
            // Not among the caller's own groups, and its name is taken in the project only.
            #expect(try await c.get("listInstanceGroups").inner["count"] == nil)
            #expect(try await c.get("createInstanceGroup", [("name", "web"), ("projectid", project)]).status == 431)
            #expect(try await c.get("createInstanceGroup", [("name", "web")]).status == 200)
            // Renaming the project's group moves its VM along.
            _ = try await c.get("updateInstanceGroup", [("id", groupID), ("name", "frontend")])
            let id = try #require(vm["jobresult.virtualmachine.id"]?.text)
            let after = try await c.get("listVirtualMachines", [("id", id), ("projectid", project)]).inner
            #expect(after["virtualmachine.0.group"]?.text == "frontend")
            #expect(after["virtualmachine.0.groupid"]?.text == groupID)
        }
    }
}

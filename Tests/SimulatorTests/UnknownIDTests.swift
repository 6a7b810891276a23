import FoundationEssentials
@testable import Simulator
import TestSupport
import Testing
import Values

/// A well-formed UUID that names nothing fails in the dispatcher's words, as the server's parameter
/// processing fails it; an id the cloud gave out and then removed still reads (the server looks
/// removed rows up too), so a deleted thing lists as nothing.
@Suite struct UnknownIDTests {
    static let madeUp = "0b5e6f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b"

    static func dispatcherText(_ command: String, _ param: String, _ value: String) -> String {
        "Unable to execute API command \(command) due to invalid value. Invalid parameter \(param) value=\(value) "
            + "due to incorrect long value format, or entity does not exist or due to incorrect parameter "
            + "annotation for the field in api cmd class."
    }

    @Test func theGeneratorKnowsEveryIdItMadeAndNoOther() {
        var g = IDGenerator(seed: 7)
        var made: [String] = []
        for i in 0..<500 {
            made.append(g.uuid())
            if i % 7 == 0 { _ = g.nextUnit() }  // fault draws step the same sequence
        }
        #expect(made.allSatisfy { g.issued($0) })
        #expect(made.allSatisfy { g.issued($0.uppercased()) })
        var ahead = g
        let next = ahead.uuid()
        #expect(!g.issued(next))  // not made yet
        #expect(!g.issued(Self.madeUp))
        // Seeds start the same stepped sequence at different points: a far one made none of these.
        var other = IDGenerator(seed: 0xDEAD_BEEF)
        #expect(!g.issued(other.uuid()))
        // Read back from a state file that kept the origin, it still knows them; without it, none.
        #expect(made.allSatisfy { IDGenerator(restoring: g.state, origin: g.origin).issued($0) })
        #expect(!IDGenerator(restoring: g.state, origin: nil).issued(made[0]))
    }

    @Test func aUUIDNamingNothingIsRefusedAndARemovedOneListsNothing() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let list = try await c.get("listVirtualMachines", [("id", Self.madeUp)])
            #expect(list.status == 431)
            #expect(list.inner["errortext"]?.text == Self.dispatcherText("listvirtualmachines", "id", Self.madeUp))
            let job = try await c.get("queryAsyncJobResult", [("jobid", Self.madeUp)])
            #expect(job.inner["errortext"]?.text == Self.dispatcherText("queryasyncjobresult", "jobid", Self.madeUp))
            // One unknown id in a list parameter fails the call.
            let zone = try #require(try await c.get("listZones").inner["zone.0.id"]?.text)
            let tags = try await c.get(
                "createTags",
                [
                    ("resourceids", "\(zone),\(Self.madeUp)"), ("resourcetype", "Zone"),
                    ("tags[0].key", "k"), ("tags[0].value", "v"),
                ])
            #expect(tags.inner["errortext"]?.text == Self.dispatcherText("createtags", "resourceids", Self.madeUp))

            let made = try await c.get("createAffinityGroup", [("name", "gone-soon"), ("type", "host anti-affinity")])
            let madeJob = try #require(made.inner["jobid"]?.text)
            let groupID = try #require(try await c.wait(job: madeJob)["jobresult.affinitygroup.id"]?.text)
            let deleted = try await c.get("deleteAffinityGroup", [("id", groupID)])
            #expect(try await c.wait(job: try #require(deleted.inner["jobid"]?.text))["jobstatus"]?.text == "1")
            let gone = try await c.get("listAffinityGroups", [("id", groupID)])
            #expect(gone.status == 200)
            #expect(gone.inner == .record([:]))
        }
    }

    @Test func aDefaultRolesRulesAreKnownAndCannotChange() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let role = try #require(try await c.get("listRoles", [("name", "User")]).inner["role.0.id"]?.text)
            let rule = try #require(
                try await c.get("listRolePermissions", [("roleid", role)]).inner["rolepermission.0.id"]?.text)
            let update = try await c.get(
                "updateRolePermission", [("roleid", role), ("ruleid", rule), ("permission", "deny")])
            #expect(update.inner["errortext"]?.text == "Role permission cannot be updated for Default roles")
            let delete = try await c.get("deleteRolePermission", [("id", rule)])
            #expect(delete.inner["errortext"]?.text == "Role permission cannot be deleted for Default roles")
        }
    }

    @Test func removedIdsStillReadAfterARestart() async throws {
        let path = try StateFileTests.stateFile()
        let groupID = try await withSimulator(StateFileTests.options(path)) { sim async throws in
            let c = TestClient(sim)
            let made = try await c.get(
                "createAffinityGroup", [("name", "kept-then-gone"), ("type", "host anti-affinity")])
            let madeJob = try #require(made.inner["jobid"]?.text)
            let id = try #require(try await c.wait(job: madeJob)["jobresult.affinitygroup.id"]?.text)
            let deleted = try await c.get("deleteAffinityGroup", [("id", id)])
            #expect(try await c.wait(job: try #require(deleted.inner["jobid"]?.text))["jobstatus"]?.text == "1")
            return id
        }
        try await withSimulator(StateFileTests.options(path)) { sim async throws in
            let c = TestClient(sim)
            #expect(try await c.get("listAffinityGroups", [("id", groupID)]).inner == .record([:]))
            #expect(try await c.get("listAffinityGroups", [("id", Self.madeUp)]).status == 431)
        }
    }
}

@testable import Simulator
import TestSupport
import Testing
import Values

/// Families that start with a real install's rows, take the caller's id, or change state.
@Suite struct GenericFamilyTests {
    @Test func rolesAndRegionStartAsOnAFreshInstall() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let roles = try await c.get("listRoles").inner
            #expect(roles["count"]?.text == "4")
            #expect(
                (roles["role"]?.list ?? []).compactMap { $0[field: "type"]?.text }.sorted() == [
                    "Admin", "DomainAdmin", "ResourceAdmin", "User",
                ])
            let made = try await c.get("createRole", [("name", "ops"), ("type", "DomainAdmin")]).inner
            #expect(made["role.type"]?.text == "DomainAdmin")
            #expect(made["role.description"] == nil)  // not given, not invented
            let id = try #require(made["role.id"]?.text)
            #expect(
                try await c.get("updateRole", [("id", id), ("description", "ops team")]).inner["role.description"]?.text
                    == "ops team")
            let rule = try await c.get(
                "createRolePermission", [("roleid", id), ("rule", "list*"), ("permission", "allow")]
            ).inner
            #expect(rule["rolepermission.rolename"]?.text == "ops")
            let ruleID = try #require(rule["rolepermission.id"]?.text)
            #expect(
                try await c.get("updateRolePermission", [("roleid", id), ("ruleid", ruleID), ("permission", "deny")])
                    .inner["success"]?.bool == true)
            #expect(
                try await c.get("listRolePermissions", [("roleid", id)]).inner["rolepermission.0.permission"]?.text
                    == "deny")
            #expect(try await c.get("deleteRole", [("id", id)]).inner["success"]?.bool == true)

            #expect(try await c.get("listRegions").inner["region.0.name"]?.text == "Local")
            let region = try await c.get(
                "addRegion", [("id", "2"), ("name", "second"), ("endpoint", "http://r2:8080/client/")]
            ).inner
            #expect(region["region.id"]?.number?.int == 2)
            #expect(region["region.gslbserviceenabled"]?.bool == true)
            let renamed = try await c.get("updateRegion", [("id", "2"), ("name", "renamed")]).inner
            #expect(renamed["region.name"]?.text == "renamed")
            #expect(renamed["region.endpoint"]?.text == "http://r2:8080/client/")
            #expect(
                try await c.get("addRegion", [("id", "2"), ("name", "again"), ("endpoint", "http://x/")]).status == 431)
            #expect(try await c.get("removeRegion", [("id", "2")]).inner["success"]?.bool == true)
            #expect(try await c.get("listRegions").inner["count"]?.text == "1")
        }
    }

    @Test func projectsSuspendAndActivate() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let made = try await c.job("createProject", [("name", "p1"), ("displaytext", "P1")])
            let id = try #require(made["jobresult.project.id"]?.text)
            #expect(try await c.job("suspendProject", [("id", id)])["jobresult.project.state"]?.text == "Suspended")
            #expect(try await c.get("listProjects", [("id", id)]).inner["project.0.state"]?.text == "Suspended")
            #expect(try await c.job("activateProject", [("id", id)])["jobresult.project.state"]?.text == "Active")
            // Another account's user does not see the admin's project; its own, it does.
            let dev = c.signed()
            #expect(try await dev.get("listProjects").inner["count"] == nil)
            _ = try await dev.job("createProject", [("name", "devs"), ("displaytext", "Devs")])
            #expect(try await dev.get("listProjects").inner["project.0.name"]?.text == "devs")
            #expect(try await c.get("listProjects").inner["count"]?.text == "2")
            #expect(try await dev.get("deleteProject", [("id", id)]).status == 531)
        }
    }

    @Test func snapshotPoliciesDeleteByIDs() async throws {
        try await withSimulator(quickJobOptions { $0.seedVMs = 1 }) { sim async throws in
            let c = TestClient(sim)
            let volume = try #require(try await c.get("listVolumes", [("listall", "true")]).inner["volume.0.id"]?.text)
            var ids: [String] = []
            for (type, schedule) in [("DAILY", "00:01"), ("WEEKLY", "00:01:1")] {
                let p = try await c.get(
                    "createSnapshotPolicy",
                    [
                        ("volumeid", volume), ("intervaltype", type), ("maxsnaps", "3"),
                        ("schedule", schedule), ("timezone", "UTC"),
                    ]
                ).inner
                #expect(p["snapshotpolicy.volumeid"]?.text == volume)
                #expect(p["snapshotpolicy.maxsnaps"]?.number?.int == 3)
                // answered as a code
                #expect(p["snapshotpolicy.intervaltype"]?.number?.int == (type == "DAILY" ? 1 : 2))
                ids.append(try #require(p["snapshotpolicy.id"]?.text))
            }
            #expect(try await c.get("listSnapshotPolicies", [("volumeid", volume)]).inner["count"]?.text == "2")
            #expect(
                try await c.get("deleteSnapshotPolicies", [("ids", ids.joined(separator: ","))]).inner["success"]?.bool
                    == true)
            #expect(try await c.get("listSnapshotPolicies", [("volumeid", volume)]).inner["count"] == nil)
            #expect(try await c.get("deleteSnapshotPolicies").status == 431)
        }
    }

    @Test func installFilledFamiliesAreNotServedEmpty() async throws {
        let fresh = Store(options: quickJobOptions())
        fresh.seed(created: "2026-01-01T00:00:00+0000")
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            for table in Families.installFilled.sorted() {
                let list = try #require(Families.byNoun.values.first { $0.table == table }?.list)
                guard list.requiredParams.isEmpty else { continue }
                let r = try await c.get(list.name)
                #expect(r.status == (fresh.tables[table]?.rows.isEmpty ?? true ? 432 : 200), "\(list.name): \(r.body)")
            }
        }
    }

    @Test func userStatesKeepTheirLowerCaseSpelling() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let users = try await c.get("listUsers", [("username", "dev"), ("listall", "true")]).inner
            let id = try #require(users["user.0.id"]?.text)
            #expect(try await c.job("disableUser", [("id", id)])["jobresult.user.state"]?.text == "disabled")
            #expect(try await c.get("listUsers", [("id", id)]).inner["user.0.state"]?.text == "disabled")
            // A disabled user cannot call the API any more.
            #expect(try await c.signed().get("listZones").status == 401)
        }
    }

    @Test func genericEntitiesAreKeptInTheStateFile() async throws {
        let path = try StateFileTests.stateFile()
        let id = try await withSimulator(StateFileTests.options(path)) { sim async throws in
            try #require(
                try await TestClient(sim).get("createInstanceGroup", [("name", "kept")]).inner["instancegroup.id"]?.text
            )
        }
        try await withSimulator(StateFileTests.options(path)) { sim async throws in
            #expect(
                try await TestClient(sim).get("listInstanceGroups", [("id", id)]).inner["instancegroup.0.name"]?.text
                    == "kept")
        }
    }
}

/// getUser: which user an API key belongs to (clients use it to find their own account).
@Suite struct GetUserTests {
    @Test func getUserFindsTheOwnerOfAKey() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let dev = try await c.get("getUser", [("userapikey", SimulatorOptions.defaultUsers[1].apiKey)]).inner
            #expect(dev["user.username"]?.text == "dev")
            #expect(dev["user.account"]?.text == "dev")
            #expect(try await c.get("getUser", [("userapikey", "no-such-key")]).status == 431)
        }
    }
}

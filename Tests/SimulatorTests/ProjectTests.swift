import Simulator
import TestSupport
import Testing
import Values

/// Projects: members, resources owned by the project (projectid on creates and lists, -1 for all), deletion.
@Suite struct ProjectTests {
    @Test func aProjectsVMsShowOnlyUnderItsID() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim), dev = admin.signed()
            let made = try await dev.job("createProject", [("name", "web"), ("displaytext", "Web team")])
            let project = try #require(made["jobresult.project.id"]?.text, "\(made)")
            #expect(made["jobresult.project.state"]?.text == "Active")
            #expect(made["jobresult.project.owner.0.account"]?.text == "dev")
            #expect(made["jobresult.project.vmlimit"]?.text == "20")
            #expect(made["jobresult.project.vmtotal"]?.number?.int == 0)

            let vm = try await dev.deploy([("projectid", project)], zone: "Sandbox-2")
            #expect(vm["jobresult.virtualmachine.projectid"]?.text == project)
            #expect(vm["jobresult.virtualmachine.project"]?.text == "web")
            #expect(vm["jobresult.virtualmachine.account"] == nil)
            // Without projectid the project's VM is not listed; with it (or -1), it is.
            #expect(try await dev.get("listVirtualMachines").inner["count"] == nil)
            #expect(try await dev.get("listVirtualMachines", [("projectid", project)]).inner["count"]?.text == "1")
            #expect(try await dev.get("listVirtualMachines", [("projectid", "-1")]).inner["count"]?.text == "1")
            #expect(try await admin.get("listVirtualMachines", [("listall", "true")]).inner["count"] == nil)
            #expect(
                try await admin.get("listVirtualMachines", [("projectid", "-1"), ("listall", "true")]).inner["count"]?
                    .text == "1")
            #expect(try await dev.get("listProjects", [("id", project)]).inner["project.0.vmtotal"]?.number?.int == 1)
            // Other creates given projectid belong to the project too.
            let data = try await dev.get(
                "registerUserData", [("name", "init"), ("userdata", "I2Nsb3VkLWNvbmZpZwo="), ("projectid", project)]
            ).inner
            #expect(data["userdata.projectid"]?.text == project)
            #expect(data["userdata.account"] == nil)
            #expect(try await dev.get("listUserData").inner["count"] == nil)
            #expect(try await dev.get("listUserData", [("projectid", project)]).inner["count"]?.text == "1")

            // Someone outside the project sees nothing of it and cannot change it.
            let role = try await admin.value("listRoles", [("name", "User")], "role.0.id")
            let outsider = try await DynamicRoleTests.account(admin, "eve", roleID: role)
            #expect(try await outsider.get("listVirtualMachines", [("projectid", project)]).status == 531)
            #expect(try await outsider.get("listProjects").inner["count"] == nil)
            #expect(try await outsider.get("deleteProject", [("id", project)]).status == 531)

            // A project with resources is deleted only with cleanup=true, and takes them with it.
            let kept = try await dev.get("deleteProject", [("id", project)])
            #expect(kept.status == 431)
            #expect(kept.inner["errortext"]?.text?.contains("1 VM") == true)
            let gone = try await dev.job("deleteProject", [("id", project), ("cleanup", "true")])
            #expect(gone["jobresult.success"]?.bool == true)
            #expect(try await dev.get("listVirtualMachines", [("projectid", "-1")]).inner["count"] == nil)
        }
    }

    @Test func accountsJoinAndLeaveAProject() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim)
            let domain = try await admin.value("listDomains", [("name", "dev")], "domain.0.id")
            let made = try await admin.job(
                "createProject", [("name", "ops"), ("displaytext", "Ops"), ("account", "dev"), ("domainid", domain)])
            let project = try #require(made["jobresult.project.id"]?.text, "\(made)")
            let role = try await admin.value("listRoles", [("name", "User")], "role.0.id")
            let made2 = try await admin.get(
                "createAccount",
                [
                    ("username", "bob"), ("password", "pw"), ("email", "b@example.org"),
                    ("firstname", "b"), ("lastname", "b"), ("roleid", role), ("domainid", domain),
                ])
            let bobUser = try #require(made2.inner["account.user.0.id"]?.text)
            let keys = try await admin.get("registerUserKeys", [("id", bobUser)]).inner
            let bob = admin.signed(
                as: try #require(keys["userkeys.apikey"]?.text), secret: try #require(keys["userkeys.secretkey"]?.text))
            #expect(try await bob.get("listProjects").inner["count"] == nil)

            let dev = admin.signed()
            #expect(
                try await dev.job("addAccountToProject", [("projectid", project), ("account", "bob")])[
                    "jobresult.success"]?.bool == true)
            let members = try await dev.get("listProjectAccounts", [("projectid", project)]).inner
            #expect(members["count"]?.text == "2")
            let roles = Dictionary(
                uniqueKeysWithValues: (members["projectaccount"]?.list ?? []).compactMap { m -> (String, String)? in
                    guard let a = m[field: "account"]?.text, let r = m[field: "role"]?.text else { return nil }
                    return (a, r)
                })
            #expect(roles == ["dev": "Admin", "bob": "Regular"])
            #expect(try await bob.get("listProjects").inner["project.0.name"]?.text == "ops")
            // A regular member may not manage the project.
            #expect(try await bob.get("suspendProject", [("id", project)]).status == 531)
            #expect(
                try await dev.job("suspendProject", [("id", project)])["jobresult.project.state"]?.text == "Suspended")
            let closed = try await bob.get(
                "deployVirtualMachine",
                [
                    ("projectid", project),
                    ("zoneid", try await bob.value("listZones", [("name", "Sandbox-2")], "zone.0.id")),
                    (
                        "templateid",
                        try await bob.value("listTemplates", [("templatefilter", "featured")], "template.0.id")
                    ),
                    (
                        "serviceofferingid",
                        try await bob.value(
                            "listServiceOfferings", [("name", "Small Instance")], "serviceoffering.0.id")
                    ),
                ])
            #expect(closed.status == 531)
            #expect(
                try await dev.job("deleteAccountFromProject", [("projectid", project), ("account", "bob")])[
                    "jobresult.success"]?.bool == true)
            #expect(try await bob.get("listProjects").inner["count"] == nil)
            #expect(
                try await dev.get("deleteAccountFromProject", [("projectid", project), ("account", "dev")]).status
                    == 431)
        }
    }
}

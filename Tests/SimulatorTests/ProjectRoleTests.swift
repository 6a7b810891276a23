import Simulator
import TestSupport
import Testing
import Values

/// Project roles, their permissions, and how they bind a member acting in the project.
@Suite struct ProjectRoleTests {
    @Test func aMembersProjectRoleDecidesWhatItMayDoInTheProject() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim)
            let dev = admin.signed()
            let domain = try await admin.value("listDomains", [("name", "dev")], "domain.0.id")
            let made = try await dev.job("createProject", [("name", "web"), ("displaytext", "Web")])
            let project = try #require(made["jobresult.project.id"]?.text)
            let userRole = try await admin.value("listRoles", [("name", "User")], "role.0.id")
            let bobAccount = try await admin.get(
                "createAccount",
                [
                    ("username", "bob"), ("password", "pw"), ("email", "b@example.org"), ("firstname", "b"),
                    ("lastname", "b"), ("roleid", userRole), ("domainid", domain),
                ])
            let bobUser = try #require(bobAccount.inner["account.user.0.id"]?.text)
            let keys = try await admin.get("registerUserKeys", [("id", bobUser)]).inner
            let bob = admin.signed(
                as: try #require(keys["userkeys.apikey"]?.text), secret: try #require(keys["userkeys.secretkey"]?.text))

            // The project's admin (dev, its owner) makes a read-only role.
            let role = try await dev.value(
                "createProjectRole", [("projectid", project), ("name", "viewer"), ("description", "reads")],
                "projectrole.id")
            #expect(try await dev.get("createProjectRole", [("projectid", project), ("name", "viewer")]).status == 431)
            let rule = try await dev.value(
                "createProjectRolePermission",
                [("projectid", project), ("projectroleid", role), ("rule", "list*"), ("permission", "allow")],
                "projectrolepermission.id")
            #expect(
                try await dev.get(
                    "createProjectRolePermission",
                    [("projectid", project), ("projectroleid", role), ("rule", "bad rule!"), ("permission", "allow")]
                ).status == 431)
            let listed = try await dev.get("listProjectRolePermissions", [("projectid", project)]).inner
            #expect(listed["projectrolepermission.0.rule"]?.text == "list*")
            #expect(listed["projectrolepermission.0.projectrolename"]?.text == "viewer")
            #expect(try await dev.value("listProjectRoles", [("projectid", project)], "projectrole.0.name") == "viewer")

            #expect(
                try await dev.job(
                    "addAccountToProject", [("projectid", project), ("account", "bob"), ("projectroleid", role)])[
                        "jobresult.success"]?.bool == true)
            // Bob may list in the project, not create there; outside the project his own role rules.
            #expect(try await bob.get("listVirtualMachines", [("projectid", project)]).status == 200)
            let denied = try await bob.get("createVolume", [("projectid", project), ("name", "d1")])
            #expect(denied.status == 432)
            #expect(
                denied.inner["errortext"]?.text
                    == "The API createVolume is denied for the user's/account's project role.")
            #expect(try await bob.get("listVolumes").status == 200)
            // Turning the rule to deny closes listing too; a role in use cannot be deleted.
            #expect(
                try await dev.get(
                    "updateProjectRolePermission",
                    [
                        ("projectid", project), ("projectroleid", role), ("projectrolepermissionid", rule),
                        ("permission", "deny"),
                    ]
                ).inner["success"]?.bool == true)
            #expect(try await bob.get("listVirtualMachines", [("projectid", project)]).status == 432)
            #expect(try await dev.get("deleteProjectRole", [("projectid", project), ("id", role)]).status == 431)
            // Bob is no project admin: he cannot change the roles.
            #expect(try await bob.get("createProjectRole", [("projectid", project), ("name", "x")]).status != 200)
            #expect(
                try await dev.get("deleteProjectRolePermission", [("projectid", project), ("id", rule)]).inner[
                    "success"]?.bool == true)
        }
    }

    @Test func aDisabledUsersKeysAreRefusedAndItsLastUserTakesTheAccountAlong() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim)
            let dev = admin.signed()
            let vm = try #require(try await dev.deploy()["jobresult.virtualmachine.id"]?.text)
            let user = try await admin.value("listUsers", [("username", "dev"), ("listall", "true")], "user.0.id")
            let off = try await admin.job("disableUser", [("id", user)])
            #expect(off["jobresult.user.state"]?.text == "disabled")
            #expect(off["cmd"]?.text == "org.apache.cloudstack.api.command.admin.user.DisableUserCmd")
            // Its keys no longer sign anything, as ApiServer refuses a disabled user.
            #expect(try await dev.get("listVirtualMachines").status == 401)
            // dev was the account's only enabled user: the account is disabled and its VMs stopped.
            #expect(
                try await admin.value("listAccounts", [("name", "dev"), ("listall", "true")], "account.0.state")
                    == "disabled")
            #expect(
                try await admin.value(
                    "listVirtualMachines", [("id", vm), ("listall", "true")], "virtualmachine.0.state") == "Stopped")
            #expect(try await admin.get("enableUser", [("id", user)]).inner["user.state"]?.text == "enabled")
            #expect(try await dev.get("listVirtualMachines").status == 200)
            #expect(try await dev.get("disableUser", [("id", user)]).status == 432)
        }
    }
}

import Simulator
import TestSupport
import Testing
import Values

/// Project invitations (project.invite.required) and single users in projects, through the HTTP API.
@Suite struct ProjectInvitationTests {
    /// A project of dev, and a second user account `bob` in dev's domain with its client.
    static func setUp(_ admin: TestClient) async throws -> (project: String, bob: TestClient, bobUser: String) {
        let domain = try await admin.value("listDomains", [("name", "dev")], "domain.0.id")
        let made = try await admin.job(
            "createProject", [("name", "ops"), ("displaytext", "Ops"), ("account", "dev"), ("domainid", domain)])
        let project = try #require(made["jobresult.project.id"]?.text, "\(made)")
        let role = try await admin.value("listRoles", [("name", "User")], "role.0.id")
        let account = try await admin.get(
            "createAccount",
            [
                ("username", "bob"), ("password", "pw"), ("email", "b@example.org"),
                ("firstname", "b"), ("lastname", "b"), ("roleid", role), ("domainid", domain),
            ])
        let bobUser = try #require(account.inner["account.user.0.id"]?.text)
        let keys = try await admin.get("registerUserKeys", [("id", bobUser)]).inner
        let bob = admin.signed(
            as: try #require(keys["userkeys.apikey"]?.text), secret: try #require(keys["userkeys.secretkey"]?.text))
        return (project, bob, bobUser)
    }

    @Test func anInvitedAccountJoinsWhenItAccepts() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim), dev = admin.signed()
            let (project, bob, _) = try await Self.setUp(admin)
            _ = try await admin.get("updateConfiguration", [("name", "project.invite.required"), ("value", "true")])

            #expect(
                try await dev.job("addAccountToProject", [("projectid", project), ("account", "bob")])[
                    "jobresult.success"]?.bool == true)
            // Not a member yet.
            #expect(try await dev.get("listProjectAccounts", [("projectid", project)]).inner["count"]?.text == "1")
            let invited = try await bob.get("listProjectInvitations", [("activeonly", "true")]).inner
            #expect(invited["projectinvitation.0.state"]?.text == "Pending", "\(invited)")
            #expect(invited["projectinvitation.0.account"]?.text == "bob")
            #expect(invited["projectinvitation.0.token"] == nil)
            #expect(
                try await dev.value("listProjectInvitations", [("projectid", project)], "projectinvitation.0.account")
                    == "bob")

            #expect(
                try await bob.job("updateProjectInvitation", [("projectid", project)])["jobresult.success"]?.bool
                    == true)
            #expect(try await dev.get("listProjectAccounts", [("projectid", project)]).inner["count"]?.text == "2")
            #expect(try await bob.get("listProjects").inner["project.0.name"]?.text == "ops")
            #expect(try await bob.get("listProjectInvitations", [("activeonly", "true")]).inner["count"] == nil)
            let again = try await bob.get("updateProjectInvitation", [("projectid", project)])
            #expect(again.inner["errortext"]?.text?.hasPrefix("Unable to find invitation for account name=bob") == true)

            // A declined or withdrawn invitation adds nobody.
            _ = try await dev.job("deleteAccountFromProject", [("projectid", project), ("account", "bob")])
            _ = try await dev.job("addAccountToProject", [("projectid", project), ("account", "bob")])
            let declined = try await bob.job("updateProjectInvitation", [("projectid", project), ("accept", "false")])
            #expect(declined["jobresult.success"]?.bool == true)
            #expect(try await dev.get("listProjectAccounts", [("projectid", project)]).inner["count"]?.text == "1")
            _ = try await dev.job("addAccountToProject", [("projectid", project), ("account", "bob")])
            let pending = try await dev.value(
                "listProjectInvitations", [("projectid", project), ("state", "Pending")], "projectinvitation.0.id")
            #expect(try await dev.job("deleteProjectInvitation", [("id", pending)])["jobresult.success"]?.bool == true)
            #expect(try await bob.get("listProjectInvitations", [("activeonly", "true")]).inner["count"] == nil)
        }
    }

    @Test func aUserJoinsAndLeavesAProject() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim), dev = admin.signed()
            let (project, bob, bobUser) = try await Self.setUp(admin)
            #expect(
                try await dev.job("addUserToProject", [("projectid", project), ("username", "bob")])[
                    "jobresult.success"]?.bool == true)
            let members = try await dev.get("listProjectAccounts", [("projectid", project), ("userid", bobUser)]).inner
            #expect(members["projectaccount.0.username"]?.text == "bob", "\(members)")
            #expect(try await bob.get("listProjects").inner["project.0.name"]?.text == "ops")
            let nobody = try await dev.get("addUserToProject", [("projectid", project), ("username", "nobody")])
            #expect(nobody.inner["errortext"]?.text == "Invalid user ID provided")
            #expect(
                try await dev.job("deleteUserFromProject", [("projectid", project), ("userid", bobUser)])[
                    "jobresult.success"]?.bool == true)
            #expect(try await bob.get("listProjects").inner["count"] == nil)
        }
    }
}

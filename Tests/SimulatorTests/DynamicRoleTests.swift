import Simulator
import TestSupport
import Testing
import Values

/// Dynamic roles: a role's rules, in their order, decide which APIs its accounts may call.
@Suite struct DynamicRoleTests {
    /// An account of role `roleID` (its type decides the account type), and a client signed as its user.
    static func account(_ c: TestClient, _ name: String, roleID: String) async throws -> TestClient {
        let made = try await c.get(
            "createAccount",
            [
                ("username", name), ("password", "pw-\(name)"), ("email", "\(name)@example.org"),
                ("firstname", name), ("lastname", "Test"), ("roleid", roleID),
            ])
        let userID = try #require(made.inner["account.user.0.id"]?.text, "\(made.body)")
        let keys = try await c.get("registerUserKeys", [("id", userID)]).inner
        return c.signed(
            as: try #require(keys["userkeys.apikey"]?.text), secret: try #require(keys["userkeys.secretkey"]?.text))
    }

    static func apis(_ c: TestClient) async throws -> Set<String> {
        Set((try await c.get("listApis").inner["api"]?.list ?? []).compactMap { $0[field: "name"]?.text })
    }

    @Test func aRolesRulesDecideWhatItsAccountsMayCall() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim)
            let role = try await admin.get(
                "createRole", [("name", "no-deploy"), ("type", "User"), ("description", "cannot deploy")]
            ).inner
            let roleID = try #require(role["role.id"]?.text, "\(role)")
            #expect(role["role.type"]?.text == "User")
            #expect(role["role.isdefault"]?.bool == false)
            // No rule yet: the User type's APIs are allowed, as for the default User role.
            let user = try await Self.account(admin, "carol", roleID: roleID)
            let account = try await admin.get("listAccounts", [("name", "carol"), ("listall", "true")]).inner
            #expect(account["account.0.roleid"]?.text == roleID)
            #expect(account["account.0.rolename"]?.text == "no-deploy")
            #expect(account["account.0.accounttype"]?.number?.int == 0)
            #expect(try await Self.apis(user).contains("deployVirtualMachine"))

            // The first matching rule decides: deny deploy*, allow list* (wildcards match any run of letters).
            let deny = try await admin.get(
                "createRolePermission", [("roleid", roleID), ("rule", "deploy*"), ("permission", "deny")]
            ).inner
            #expect(deny["rolepermission.rule"]?.text == "deploy*")
            #expect(deny["rolepermission.permission"]?.text == "deny")
            #expect(deny["rolepermission.rolename"]?.text == "no-deploy")
            let allow = try await admin.get(
                "createRolePermission", [("roleid", roleID), ("rule", "listZones"), ("permission", "allow")]
            ).inner
            let denied = try await user.get(
                "deployVirtualMachine", [("zoneid", "1"), ("templateid", "1"), ("serviceofferingid", "1")])
            #expect(denied.status == 432)
            #expect(
                denied.inner["errortext"]?.text == "The given command does not exist or it is not available for user")
            let visible = try await Self.apis(user)
            #expect(
                !visible.contains("deployVirtualMachine") && visible.contains("listZones")
                    && !visible.contains("createZone"))
            #expect(try await user.get("listZones").status == 200)

            // A rule placed before the deny (ruleorder) wins: allow deployVirtualMachine first.
            let exact = try await admin.get(
                "createRolePermission", [("roleid", roleID), ("rule", "deployVirtualMachine"), ("permission", "allow")]
            ).inner
            let ids = [
                try #require(exact["rolepermission.id"]?.text), try #require(deny["rolepermission.id"]?.text),
                try #require(allow["rolepermission.id"]?.text),
            ]
            #expect(
                try await admin.get(
                    "updateRolePermission", [("roleid", roleID), ("ruleorder", ids.joined(separator: ","))]
                )
                .inner["success"]?.bool == true)
            let listed = try await admin.get("listRolePermissions", [("roleid", roleID)]).inner
            #expect(
                (listed["rolepermission"]?.list ?? []).compactMap { $0[field: "rule"]?.text } == [
                    "deployVirtualMachine", "deploy*", "listZones",
                ])
            #expect(try await Self.apis(user).contains("deployVirtualMachine"))
            // An incomplete order is refused; so are a wrong permission and a rule that is not an API name.
            #expect(
                try await admin.get("updateRolePermission", [("roleid", roleID), ("ruleorder", ids[0])]).status == 530)
            let bad = try await admin.get(
                "createRolePermission", [("roleid", roleID), ("rule", "list-all"), ("permission", "allow")])
            #expect(
                bad.inner["errortext"]?.text
                    == "Only API names and wildcards are allowed, invalid rule provided: list-all")
            let perm = try await admin.get(
                "createRolePermission", [("roleid", roleID), ("rule", "listVolumes"), ("permission", "maybe")])
            #expect(perm.inner["errortext"]?.text == "Values for permission parameter should be: allow or deny")
            let twice = try await admin.get(
                "createRolePermission", [("roleid", roleID), ("rule", "deploy*"), ("permission", "allow")])
            #expect(twice.status == 531)
            #expect(twice.inner["errortext"]?.text == "Rule already exists for the role: no-deploy")

            // A role in use is kept; once its account is gone it goes, with its rules.
            let inUse = try await admin.get("deleteRole", [("id", roleID)])
            #expect(inUse.status == 531)
            #expect(
                inUse.inner["errortext"]?.text == "Found accounts that have role in use, won't allow to delete role")
            let carol = try await admin.value("listAccounts", [("name", "carol"), ("listall", "true")], "account.0.id")
            _ = try await admin.job("deleteAccount", [("id", carol)])
            #expect(try await admin.get("deleteRole", [("id", roleID)]).inner["success"]?.bool == true)
            #expect(try await admin.get("listRolePermissions", [("roleid", roleID)]).status == 431)
        }
    }

    @Test func defaultRolesAreFixedAndListTheirTypesAPIs() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim)
            let roles = try await admin.get("listRoles").inner["role"]?.list ?? []
            let user = try #require(roles.first { $0[field: "name"]?.text == "User" })
            let userID = try #require(user[field: "id"]?.text)
            let rootID = try #require(roles.first { $0[field: "name"]?.text == "Root Admin" }?[field: "id"]?.text)
            let rules = try await admin.get("listRolePermissions", [("roleid", userID)]).inner
            let names = (rules["rolepermission"]?.list ?? []).compactMap { $0[field: "rule"]?.text }
            #expect(names.contains("deployVirtualMachine") && !names.contains("createZone"))
            // The same ids listed twice (they are made when listed).
            #expect(
                try await admin.get("listRolePermissions", [("roleid", userID)]).inner["rolepermission.0.id"]
                    == rules["rolepermission.0.id"])
            #expect(
                try await admin.get("listRolePermissions", [("roleid", rootID)]).inner["rolepermission.0.rule"]?.text
                    == "*")
            let add = try await admin.get(
                "createRolePermission", [("roleid", userID), ("rule", "createZone"), ("permission", "allow")])
            #expect(add.status == 531)
            #expect(add.inner["errortext"]?.text == "Role permission cannot be added for Default roles")
            #expect(
                try await admin.get("updateRole", [("id", userID), ("name", "Users")]).inner["errortext"]?.text
                    == "Default roles cannot be updated")
            #expect(
                try await admin.get("deleteRole", [("id", rootID)]).inner["errortext"]?.text
                    == "Default roles cannot be deleted")
            // The seeded accounts carry their default roles; the admin's calls are unchanged.
            let dev = try await admin.get("listAccounts", [("name", "dev"), ("listall", "true")]).inner
            #expect(dev["account.0.roleid"]?.text == userID)
            #expect(
                try await admin.get("getUser", [("userapikey", SimulatorOptions.sandboxAPIKey)]).inner["user.roleid"]?
                    .text == rootID)
            #expect(try await Self.apis(admin).contains("createZone"))
            // listRoles name=... matches a part of the name, in any case.
            let types = (try await admin.get("listRoles", [("name", "admin")]).inner["role"]?.list ?? []).compactMap {
                $0[field: "type"]?.text
            }
            #expect(types.sorted() == ["Admin", "DomainAdmin", "ResourceAdmin"])
        }
    }

    @Test func aCustomAdminRoleIsLimitedByItsRules() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim)
            let role = try #require(
                try await admin.get("createRole", [("name", "ops"), ("type", "Admin")]).inner["role.id"]?.text)
            _ = try await admin.get(
                "createRolePermission", [("roleid", role), ("rule", "*Zone*"), ("permission", "deny")])
            let ops = try await Self.account(admin, "ops1", roleID: role)
            #expect(
                try await admin.value("listAccounts", [("name", "ops1"), ("listall", "true")], "account.0.accounttype")
                    == "1")
            #expect(try await ops.get("listHosts").status == 200)  // the Admin type's APIs
            #expect(try await ops.get("listZones").status == 432)  // but not what its rules deny
            // A clone copies the rules; the role type may change only while no account has the role.
            let clone = try await admin.get("createRole", [("name", "ops2"), ("roleid", role)]).inner
            let cloneID = try #require(clone["role.id"]?.text)
            #expect(clone["role.type"]?.text == "Admin")
            #expect(
                try await admin.get("listRolePermissions", [("roleid", cloneID)]).inner["rolepermission.0.rule"]?.text
                    == "*Zone*")
            #expect(try await admin.get("updateRole", [("id", role), ("type", "User")]).status == 531)
            #expect(
                try await admin.get("updateRole", [("id", cloneID), ("type", "User")]).inner["role.type"]?.text
                    == "User")
            #expect(
                try await admin.get("createRole", [("name", "x")]).inner["errortext"]?.text
                    == "Neither role type nor role ID is provided")
        }
    }
}

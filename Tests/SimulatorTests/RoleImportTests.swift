import Simulator
import TestSupport
import Testing
import Values

/// importRole: a role and its ordered rules in one call; a taken name needs `forced`, default roles stay.
@Suite struct RoleImportTests {
    @Test func aRoleIsImportedWithItsRulesAndReplacedOnlyWhenForced() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let rules = [
                ("rules[0].rule", "listVirtualMachines"), ("rules[0].permission", "allow"),
                ("rules[0].description", "see VMs"), ("rules[1].rule", "*"), ("rules[1].permission", "deny"),
            ]
            let made = try await c.get("importRole", [("name", "auditor"), ("type", "User")] + rules)
            let id = try #require(made.inner["role.id"]?.text, "\(made.body)")
            #expect(made.inner["role.type"]?.text == "User")
            #expect(made.inner["role.isdefault"]?.bool == false)
            let listed = try await c.get("listRolePermissions", [("roleid", id)])
            #expect(listed.inner["rolepermission.0.rule"]?.text == "listVirtualMachines")
            #expect(listed.inner["rolepermission.0.description"]?.text == "see VMs")
            #expect(listed.inner["rolepermission.1.permission"]?.text == "deny")

            let again = try await c.get("importRole", [("name", "auditor"), ("type", "User")] + rules)
            #expect(again.status == 530)
            #expect(again.inner["errortext"]?.text == "Role already exists")
            let forced = try await c.get(
                "importRole",
                [
                    ("name", "auditor"), ("type", "User"), ("forced", "true"), ("rules[0].rule", "list*"),
                    ("rules[0].permission", "allow"),
                ])
            #expect(forced.inner["role.id"]?.text == id)
            #expect(try await c.value("listRolePermissions", [("roleid", id)], "count") == "1")

            let userRole = try await c.value("listRoles", [("type", "User")], "role.0.name")
            let defaults = try await c.get(
                "importRole", [("name", userRole), ("type", "User"), ("forced", "true")] + rules)
            #expect(
                defaults.inner["errortext"]?.text
                    == "Failed to import the role: \(userRole), default role cannot be overriden")
            let badRule = try await c.get(
                "importRole",
                [("name", "x"), ("type", "User"), ("rules[0].rule", "not a rule!"), ("rules[0].permission", "allow")])
            #expect(
                badRule.inner["errortext"]?.text
                    == "Only API names and wildcards are allowed, invalid rule provided: not a rule!")
            #expect(
                try await c.get("importRole", [("name", "y"), ("rules[0].rule", "a")]).inner["errortext"]?.text
                    == "Invalid role type provided")
            #expect(try await c.signed().get("importRole", [("name", "z"), ("type", "User")] + rules).status == 432)
        }
    }
}

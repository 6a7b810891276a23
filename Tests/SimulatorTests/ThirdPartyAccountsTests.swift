import Simulator
import TestSupport
import Testing
import Values

/// Roles, limits, settings, projects and user data driven by the Python `cs` client, the library the
/// Ansible CloudStack modules call (in ThirdPartyClientTests' serialized suite: one virtualenv).
extension ThirdPartyClientTests {
    @Test func csDrivesRolesLimitsSettingsProjectsAndUserData() async throws {
        let cs = try await Self.csExecutable()
        try await withSimulator(quickJobOptions()) { sim async throws in
            // A role denying deploys; an account of that role is refused deployVirtualMachine.
            let role = try #require(
                try await self.cs(cs, ["createRole", "name=cs-role", "type=User"], sim)["role.id"]?.text)
            let rule = try await self.cs(
                cs, ["createRolePermission", "roleid=\(role)", "rule=deploy*", "permission=deny"], sim)
            #expect(rule["rolepermission.rule"]?.text == "deploy*")
            #expect(try await self.cs(cs, ["listRolePermissions", "roleid=\(role)"], sim)["count"]?.text == "1")

            // Settings by scope.
            let zone = try #require(try await self.cs(cs, ["listZones", "name=Sandbox-1"], sim)["zone.0.id"]?.text)
            let set = try await self.cs(
                cs, ["updateConfiguration", "name=use.external.dns", "value=true", "zoneid=\(zone)"], sim)
            #expect(set["configuration.scope"]?.text == "zone")
            #expect(
                try await self.cs(cs, ["listConfigurations", "name=use.external.dns"], sim)["configuration.0.value"]?
                    .text == "false")

            // A limit of one VM for the dev account, then a second deploy fails as the server fails it.
            let domain = try #require(try await self.cs(cs, ["listDomains", "name=dev"], sim)["domain.0.id"]?.text)
            let limit = try await self.cs(
                cs, ["updateResourceLimit", "resourcetype=0", "max=0", "account=dev", "domainid=\(domain)"], sim)
            #expect(limit["resourcelimit.max"]?.number?.int == 0)
            let (template, offering) = try await self.csDeployIDs(cs, sim)
            var devEnv = env(sim)
            devEnv["CLOUDSTACK_KEY"] = SimulatorOptions.defaultUsers[1].apiKey
            devEnv["CLOUDSTACK_SECRET"] = SimulatorOptions.defaultUsers[1].secretKey
            let refused = try await Self.run(
                cs,
                [
                    "deployVirtualMachine", "zoneid=\(zone)", "templateid=\(template)",
                    "serviceofferingid=\(offering)",
                ], env: devEnv)
            #expect(refused.status != 0)
            #expect(
                (refused.out + refused.err).contains(
                    "Maximum amount of resources of Type = 'user_vm' for Account Name = dev"),
                "\(refused.out) \(refused.err)")

            // A project (cs waits for its job), registered user data owned by it, listed only with its projectid.
            let project = try await self.cs(cs, ["createProject", "name=cs-project", "displaytext=from cs"], sim)
            let projectID = try #require(project["project.id"]?.text, "\(project)")
            #expect(project["project.state"]?.text == "Active")
            let data = try await self.cs(
                cs,
                [
                    "registerUserData", "name=cs-init", "userdata=I2Nsb3VkLWNvbmZpZwo=",
                    "projectid=\(projectID)",
                ], sim)
            #expect(data["userdata.projectid"]?.text == projectID)
            #expect(try await self.cs(cs, ["listUserData", "projectid=\(projectID)"], sim)["count"]?.text == "1")
            let suspended = try await self.cs(cs, ["suspendProject", "id=\(projectID)"], sim)
            #expect(suspended["project.state"]?.text == "Suspended")
        }
    }
}

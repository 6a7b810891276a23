import Simulator
import TestSupport
import Testing
import Values

/// Registered user data: register, list, link to a template, deploy with it, read it back, delete.
@Suite struct UserDataTests {
    static let cloudInit = "I2Nsb3VkLWNvbmZpZwpob3N0bmFtZTogd2Vi"  // "#cloud-config\nhostname: web"

    @Test func registeredUserDataReachesTheVM() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let made = try await c.get(
                "registerUserData", [("name", "web-init"), ("userdata", Self.cloudInit), ("params", "hostname")]
            ).inner
            let id = try #require(made["userdata.id"]?.text, "\(made)")
            #expect(made["userdata.name"]?.text == "web-init")
            #expect(made["userdata.account"]?.text == "admin")
            #expect(made["userdata.params"]?.text == "hostname")
            let again = try await c.get("registerUserData", [("name", "web-init"), ("userdata", "b3RoZXI=")])
            #expect(again.inner["errortext"]?.text == "A userdata with name web-init already exists for this account.")
            let same = try await c.get("registerUserData", [("name", "copy"), ("userdata", Self.cloudInit)])
            #expect(
                same.inner["errortext"]?.text == "Userdata web-init with same content already exists for this account.")
            #expect(try await c.get("registerUserData", [("name", "bad"), ("userdata", "not base64!")]).status == 431)
            #expect(try await c.value("listUserData", [("name", "web-init")], "userdata.0.id") == id)
            // Another account does not see it.
            #expect(try await c.signed().get("listUserData").inner["count"] == nil)

            let vm = try await c.deploy([("userdataid", id)])
            let vmID = try #require(vm["jobresult.virtualmachine.id"]?.text)
            #expect(vm["jobresult.virtualmachine.userdataid"]?.text == id)
            #expect(vm["jobresult.virtualmachine.userdataname"]?.text == "web-init")
            let read = try await c.get("getVirtualMachineUserData", [("virtualmachineid", vmID)]).inner
            #expect(read["virtualmachineuserdata.userdata"]?.text == Self.cloudInit)
            #expect(read["virtualmachineuserdata.virtualmachineid"]?.text == vmID)
            let inUse = try await c.get("deleteUserData", [("id", id)])
            #expect(inUse.status == 530)
            #expect(
                inUse.inner["errortext"]?.text == "Userdata web-init cannot be removed as it is being used by some VMs")

            // updateVirtualMachine userdata=... replaces it.
            let plain = "I2Nsb3VkLWNvbmZpZwo="
            _ = try await c.get("updateVirtualMachine", [("id", vmID), ("userdata", plain)])
            #expect(
                try await c.value(
                    "getVirtualMachineUserData", [("virtualmachineid", vmID)], "virtualmachineuserdata.userdata")
                    == plain)
            // resetUserDataForVirtualMachine: a stopped VM only.
            #expect(
                try await c.get("resetUserDataForVirtualMachine", [("id", vmID), ("userdataid", id)]).status == 431)
            _ = try await c.job("stopVirtualMachine", [("id", vmID)])
            let reset = try await c.get("resetUserDataForVirtualMachine", [("id", vmID), ("userdataid", id)]).inner
            #expect(reset["virtualmachine.userdataid"]?.text == id)
            #expect(
                try await c.value(
                    "getVirtualMachineUserData", [("virtualmachineid", vmID)], "virtualmachineuserdata.userdata")
                    == Self.cloudInit)
            _ = try await c.job("destroyVirtualMachine", [("id", vmID), ("expunge", "true")])
            #expect(try await c.get("deleteUserData", [("id", id)]).inner["success"]?.bool == true)
            #expect(try await c.get("listUserData").inner["count"] == nil)
        }
    }

    @Test func aTemplateLinkedToUserDataGivesItToItsVMs() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let id = try await c.value(
                "registerUserData", [("name", "base"), ("userdata", Self.cloudInit)], "userdata.id")
            let template = try await c.value("listTemplates", [("templatefilter", "featured")], "template.0.id")
            let linked = try await c.get(
                "linkUserDataToTemplate",
                [("templateid", template), ("userdataid", id), ("userdatapolicy", "denyoverride")]
            ).inner
            #expect(linked["template.userdataid"]?.text == id)
            #expect(linked["template.userdataname"]?.text == "base")
            #expect(linked["template.userdatapolicy"]?.text == "DENYOVERRIDE")
            let vm = try await c.deploy()
            let vmID = try #require(vm["jobresult.virtualmachine.id"]?.text)
            #expect(
                try await c.value(
                    "getVirtualMachineUserData", [("virtualmachineid", vmID)], "virtualmachineuserdata.userdata")
                    == Self.cloudInit)
            #expect(
                try await c.get("deleteUserData", [("id", id)]).inner["errortext"]?.text
                    == "Userdata base cannot be removed as it is linked to active template/templates")
            // Unlinking (no userdataid) clears the template's fields.
            let unlinked = try await c.get("linkUserDataToTemplate", [("templateid", template)]).inner
            #expect(unlinked["template.userdataid"] == nil)
            #expect(
                try await c.get("linkUserDataToTemplate", [("userdataid", id)]).inner["errortext"]?.text
                    == "Either template ID or ISO ID must be passed")
        }
    }
}

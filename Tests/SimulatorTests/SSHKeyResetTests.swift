import Simulator
import TestSupport
import Testing
import Values

/// SSH key pairs on VMs as 4.18 keeps them: deploy and resetSSHKeyForVirtualMachine take
/// `keypair` or several `keypairs`, the answer shows them joined as `keypairs`, and a
/// project's key pairs belong to the project.
@Suite struct SSHKeyResetTests {
    @Test func aStoppedVMGetsNewKeys() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            for name in ["k1", "k2", "k3"] { _ = try await c.get("createSSHKeyPair", [("name", name)]) }
            let vm = try await c.deploy([("keypair", "k1")])
            let id = try #require(vm["jobresult.virtualmachine.id"]?.text)
            #expect(vm["jobresult.virtualmachine.keypairs"]?.text == "k1")
            #expect(vm["jobresult.virtualmachine.keypair"] == nil)

            // Running: the job fails with the server's words.
            let running = try await c.job("resetSSHKeyForVirtualMachine", [("id", id), ("keypair", "k2")])
            #expect(running["jobstatus"]?.number?.int == 2)
            #expect(running["jobresult.errortext"]?.text?.hasSuffix("should be stopped to do SSH Key reset") == true)

            _ = try await c.job("stopVirtualMachine", [("id", id)])
            let missing = try await c.job("resetSSHKeyForVirtualMachine", [("id", id), ("keypairs", "k2,nope")])
            #expect(missing["jobresult.errortext"]?.text == "Not all specified keyparis exist")
            let none = try await c.job("resetSSHKeyForVirtualMachine", [("id", id)])
            #expect(none["jobresult.errortext"]?.text == "'keypair' or 'keyparis' must be specified")

            let reset = try await c.job("resetSSHKeyForVirtualMachine", [("id", id), ("keypairs", "k2,k3")])
            #expect(reset["jobstatus"]?.number?.int == 1)
            #expect(reset["jobresult.virtualmachine.keypairs"]?.text == "k2,k3")
            #expect(reset["cmd"]?.text?.hasSuffix("ResetVMSSHKeyCmd") == true)
            let listed = try await c.get("listVirtualMachines", [("keypair", "k3")]).inner
            #expect(listed["virtualmachine.0.id"]?.text == id)
            #expect(try await c.get("listVirtualMachines", [("keypair", "k1")]).inner["count"] == nil)
        }
    }

    @Test func deployRefusesUnknownKeys() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            _ = try await c.get("createSSHKeyPair", [("name", "mine")])
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let tmpl = try await c.value("listTemplates", [("templatefilter", "featured")], "template.0.id")
            let so = try await c.value("listServiceOfferings", [("name", "Small Instance")], "serviceoffering.0.id")
            let r = try await c.get(
                "deployVirtualMachine",
                [
                    ("zoneid", zone), ("templateid", tmpl), ("serviceofferingid", so),
                    ("keypairs", "mine,other"),
                ])
            #expect(r.status == 431)
            #expect(r.inner["errortext"]?.text == "Not all specified keyparis exist")
        }
    }

    @Test func aProjectsKeyPairsAreTheProjects() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let project = try await c.job("createProject", [("name", "web"), ("displaytext", "Web team")])
            let pid = try #require(project["jobresult.project.id"]?.text)
            let made = try await c.get("createSSHKeyPair", [("name", "shared"), ("projectid", pid)]).inner
            #expect(made["keypair.projectid"]?.text == pid)
            #expect(made["keypair.project"]?.text == "web")
            #expect(made["keypair.account"] == nil)
            // The same name is free for the caller's own key pairs, and each list shows its own.
            _ = try await c.get("createSSHKeyPair", [("name", "shared")])
            #expect(
                try await c.get("listSSHKeyPairs", [("name", "shared"), ("projectid", pid)]).inner["count"]?.number?.int
                    == 1)
            #expect(try await c.get("listSSHKeyPairs", [("name", "shared")]).inner["sshkeypair.0.projectid"] == nil)

            let vm = try await c.deploy([("projectid", pid), ("keypair", "shared")])
            let id = try #require(vm["jobresult.virtualmachine.id"]?.text)
            _ = try await c.job("stopVirtualMachine", [("id", id)])
            _ = try await c.get("createSSHKeyPair", [("name", "second"), ("projectid", pid)])
            let reset = try await c.job(
                "resetSSHKeyForVirtualMachine", [("id", id), ("keypair", "second"), ("projectid", pid)])
            #expect(reset["jobresult.virtualmachine.keypairs"]?.text == "second")

            let deleted = try await c.get("deleteSSHKeyPair", [("name", "shared"), ("projectid", pid)]).inner
            #expect(deleted["success"]?.bool == true)
            #expect(try await c.get("listSSHKeyPairs", [("name", "shared")]).inner["count"]?.number?.int == 1)
        }
    }
}

import Simulator
import TestSupport
import Testing
import Values

/// Lifecycles and the semantic errors (536 in use, 537 rule conflict) of the resource families.
@Suite struct ResourceTests {
    @Test func volumesAttachDetachAndInUse() async throws {
        try await withSimulator(quickJobOptions { $0.seedVMs = 1 }) { sim async throws in
            let c = TestClient(sim)
            let vm = try await c.get("listVirtualMachines").inner["virtualmachine.0"]!
            let vmID = vm[field: "id"]!.text!
            let custom = try await c.get("listDiskOfferings", [("name", "Custom")]).inner["diskoffering.0.id"]!.text!
            let noSize = try await c.get(
                "createVolume", [("name", "d1"), ("zoneid", vm[field: "zoneid"]!.text!), ("diskofferingid", custom)])
            #expect(noSize.status == 431)
            let create = try await c.get(
                "createVolume",
                [
                    ("name", "d1"), ("zoneid", vm[field: "zoneid"]!.text!),
                    ("diskofferingid", custom), ("size", "3"),
                ]
            ).inner
            let vol = try await c.wait(job: create["jobid"]!.text!)
            #expect(vol["jobresult.volume.size"]?.text == "\(3 << 30)")
            let volID = create["id"]!.text!
            _ = try await c.wait(
                job: try await c.get("attachVolume", [("id", volID), ("virtualmachineid", vmID)]).inner["jobid"]!.text!)
            let inUse = try await c.get("deleteVolume", [("id", volID)])
            #expect(inUse.status == 536)
            // ROOT + the data disk
            #expect(try await c.get("listVolumes", [("virtualmachineid", vmID)]).inner["count"]?.text == "2")
            #expect(
                try await c.get("listVolumes", [("type", "DATADISK")]).inner["volume.0.vmname"]?.text
                    == vm[field: "name"]?.text)
            _ = try await c.wait(job: try await c.get("detachVolume", [("id", volID)]).inner["jobid"]!.text!)
            #expect(try await c.get("deleteVolume", [("id", volID)]).inner["success"]?.bool == true)
            let nics = try await c.get("listNics", [("virtualmachineid", vmID)]).inner
            #expect(nics["nic.0.ipaddress"]?.text == vm[field: "nic"]?[index: 0]?[field: "ipaddress"]?.text)
        }
    }

    @Test func keyPairsSecurityGroupsAndNetworks() async throws {
        try await withSimulator(quickJobOptions { $0.seedVMs = 1 }) { sim async throws in
            let c = TestClient(sim)
            #expect(try await c.get("createSSHKeyPair", [("name", "k1")]).status == 200)
            #expect(try await c.get("createSSHKeyPair", [("name", "k1")]).status == 431)
            let reg = try await c.get(
                "registerSSHKeyPair",
                [("name", "k2"), ("publickey", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAbc me@host")])
            #expect(reg.inner["keypair.fingerprint"]?.text?.count == 47)
            #expect(try await c.get("registerSSHKeyPair", [("name", "k3"), ("publickey", "garbage")]).status == 431)
            #expect(try await c.get("listSSHKeyPairs").inner["count"]?.text == "2")
            #expect(try await c.get("deleteSSHKeyPair", [("name", "k1")]).inner["success"]?.bool == true)

            let sg = try await c.get("createSecurityGroup", [("name", "web"), ("description", "web servers")]).inner
            #expect(sg["securitygroup.name"]?.text == "web")
            #expect(try await c.get("createSecurityGroup", [("name", "web")]).status == 431)
            let deleted = try await c.get("deleteSecurityGroup", [("name", "web")])
            #expect(deleted.inner["success"]?.bool == true)

            let vm = try await c.get("listVirtualMachines").inner["virtualmachine.0"]!
            let net = vm[field: "nic"]![index: 0]![field: "networkid"]!.text!
            #expect(try await c.get("deleteNetwork", [("id", net)]).status == 536)
            let offering = try await c.get("listNetworkOfferings", [("guestiptype", "Isolated")]).inner[
                "networkoffering.0.id"]!.text!
            let zone = try await c.get("listZones", [("name", "Sandbox-1")]).inner["zone.0.id"]!.text!
            let created = try await c.get(
                "createNetwork",
                [
                    ("name", "n2"), ("displaytext", "n2"), ("zoneid", zone),
                    ("networkofferingid", offering),
                ]
            ).inner
            let n2 = try #require(created["network.id"]?.text)
            #expect(
                try await c.wait(job: try await c.get("deleteNetwork", [("id", n2)]).inner["jobid"]!.text!)[
                    "jobstatus"]?.text == "1")
        }
    }

    @Test func portForwardingConflictsAndPowerStates() async throws {
        try await withSimulator(quickJobOptions { $0.seedVMs = 1 }) { sim async throws in
            let c = TestClient(sim)
            let vm = try await c.get(
                "listVirtualMachines",
                [("zoneid", try await c.get("listZones", [("name", "Sandbox-1")]).inner["zone.0.id"]!.text!)]
            )
            .inner["virtualmachine.0"]
            let vmID = try #require(vm?[field: "id"]?.text)
            let net = vm![field: "nic"]![index: 0]![field: "networkid"]!.text!
            let ip = try await c.wait(
                job: try await c.get("associateIpAddress", [("networkid", net)]).inner["jobid"]!.text!)
            let ipID = ip["jobresult.ipaddress.id"]!.text!
            let rule = [
                ("ipaddressid", ipID), ("protocol", "tcp"), ("publicport", "80"), ("privateport", "80"),
                ("virtualmachineid", vmID),
            ]
            _ = try await c.wait(job: try await c.get("createPortForwardingRule", rule).inner["jobid"]!.text!)
            let clash = try await c.get("createPortForwardingRule", rule)
            #expect(clash.status == 537)

            // Reboot needs Running; recover needs Destroyed.
            _ = try await c.wait(job: try await c.get("stopVirtualMachine", [("id", vmID)]).inner["jobid"]!.text!)
            #expect(try await c.get("rebootVirtualMachine", [("id", vmID)]).status == 431)
            _ = try await c.wait(job: try await c.get("destroyVirtualMachine", [("id", vmID)]).inner["jobid"]!.text!)
            #expect(
                try await c.get("listVirtualMachines", [("id", vmID)]).inner["virtualmachine.0.state"]?.text
                    == "Destroyed")
            #expect(
                try await c.get("recoverVirtualMachine", [("id", vmID)]).inner["virtualmachine.state"]?.text
                    == "Stopped")
            let so = try await c.get("listServiceOfferings", [("name", "Large Instance")]).inner[
                "serviceoffering.0.id"]!.text!
            let changed = try await c.get("changeServiceForVirtualMachine", [("id", vmID), ("serviceofferingid", so)])
                .inner
            #expect(changed["virtualmachine.memory"]?.text == "8192")
            let renamed = try await c.get("updateVirtualMachine", [("id", vmID), ("displayname", "renamed")]).inner
            #expect(renamed["virtualmachine.displayname"]?.text == "renamed")
        }
    }

    @Test func securityGroupRulesBothWaysAndVMsInGroups() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim).signed()  // as the user dev, as a learner would
            let sg = try await c.value(
                "createSecurityGroup", [("name", "web"), ("description", "web servers")], "securitygroup.id")
            let ingress = try await c.job(
                "authorizeSecurityGroupIngress",
                [
                    ("securitygroupid", sg), ("protocol", "tcp"),
                    ("startport", "80"), ("endport", "80"), ("cidrlist", "0.0.0.0/0"),
                ])
            let inRule = try #require(ingress["jobresult.securitygroup.ingressrule.0.ruleid"]?.text)
            #expect(ingress["jobresult.securitygroup.ingressrule.0.startport"]?.text == "80")
            let egress = try await c.job(
                "authorizeSecurityGroupEgress",
                [
                    ("securitygroupname", "web"), ("protocol", "udp"),
                    ("startport", "53"), ("cidrlist", "10.0.0.0/8"),
                ])
            let outRule = try #require(egress["jobresult.securitygroup.egressrule.0.ruleid"]?.text)
            #expect(egress["jobresult.securitygroup.egressrule.0.cidr"]?.text == "10.0.0.0/8")
            let listed = try await c.get("listSecurityGroups", [("id", sg)]).inner
            #expect(listed["securitygroup.0.ingressrule.0.protocol"]?.text == "tcp")
            #expect(listed["securitygroup.0.egressrule.0.protocol"]?.text == "udp")
            // A VM in the Basic zone joins the group; the group is then in use.
            let vm = try await c.deploy([("securitygroupids", sg)], zone: "Sandbox-2")
            #expect(vm["jobresult.virtualmachine.securitygroup.0.name"]?.text == "web")
            #expect(try await c.get("deleteSecurityGroup", [("id", sg)]).status == 536)
            #expect(try await c.job("revokeSecurityGroupIngress", [("id", inRule)])["jobresult.success"]?.bool == true)
            #expect(try await c.job("revokeSecurityGroupEgress", [("id", outRule)])["jobresult.success"]?.bool == true)
            let after = try await c.get("listSecurityGroups", [("id", sg)]).inner
            #expect(after["securitygroup.0.ingressrule"]?.list?.isEmpty == true)
            #expect(after["securitygroup.0.egressrule"]?.list?.isEmpty == true)
            // Another account's group is out of reach.
            let adminDefault = try await TestClient(sim).value(
                "listSecurityGroups", [("securitygroupname", "default")], "securitygroup.0.id")
            #expect(
                try await c.get(
                    "authorizeSecurityGroupIngress",
                    [
                        ("securitygroupid", adminDefault), ("protocol", "tcp"),
                        ("startport", "22"),
                    ]
                ).status == 531)
        }
    }
}

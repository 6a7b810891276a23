import FoundationEssentials
import Simulator
import TestSupport
import Testing
import Values

/// The VM state machine's edges, data disks at deploy, events and job records.
@Suite struct VMStateTests {
    @Test func wrongStatesGiveTheServersErrors() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let vm = try await c.deploy()
            let id = try #require(vm["jobresult.virtualmachine.id"]?.text)
            let started = try await c.get("startVirtualMachine", [("id", id)])
            #expect(started.status == 431)
            #expect(started.inner["errortext"]?.text?.contains("is already running") == true)
            let large = try await c.value("listServiceOfferings", [("name", "Large Instance")], "serviceoffering.0.id")
            let upgrade = try await c.get("changeServiceForVirtualMachine", [("id", id), ("serviceofferingid", large)])
            #expect(upgrade.status == 431)
            #expect(
                upgrade.inner["errortext"]?.text?.hasSuffix(
                    "in state Running; make sure the virtual machine is stopped") == true)
            let recover = try await c.get("recoverVirtualMachine", [("id", id)])
            #expect(recover.inner["errortext"]?.text == "Vm with id \(id) is not in the right state", "\(recover.body)")
            #expect(try await c.get("expungeVirtualMachine", [("id", id)]).status == 431)
            #expect(
                try await c.job("rebootVirtualMachine", [("id", id)])["jobresult.virtualmachine.state"]?.text
                    == "Running")
            // A forced stop, a change of offering while stopped, an update, then destroy, recover, destroy, expunge.
            #expect(
                try await c.job("stopVirtualMachine", [("id", id), ("forced", "true")])[
                    "jobresult.virtualmachine.state"]?.text == "Stopped")
            #expect(
                try await c.get("changeServiceForVirtualMachine", [("id", id), ("serviceofferingid", large)]).inner[
                    "virtualmachine.cpunumber"]?.text == "4")
            #expect(
                try await c.get("updateVirtualMachine", [("id", id), ("displayname", "web")]).inner[
                    "virtualmachine.displayname"]?.text == "web")
            #expect(
                try await c.job("destroyVirtualMachine", [("id", id)])["jobresult.virtualmachine.state"]?.text
                    == "Destroyed")
            #expect(try await c.get("destroyVirtualMachine", [("id", id)]).status == 431)
            #expect(
                try await c.get("recoverVirtualMachine", [("id", id)]).inner["virtualmachine.state"]?.text == "Stopped")
            _ = try await c.job("destroyVirtualMachine", [("id", id)])
            #expect(try await c.job("expungeVirtualMachine", [("id", id)])["jobresult.success"]?.bool == true)
            #expect(try await c.get("listVirtualMachines", [("id", id)]).inner["count"] == nil)
            // Users may not expunge.
            let dev = c.signed()
            let devVM = try #require(try await dev.deploy()["jobresult.virtualmachine.id"]?.text)
            #expect(try await dev.get("destroyVirtualMachine", [("id", devVM), ("expunge", "true")]).status == 531)
            _ = try await dev.job("destroyVirtualMachine", [("id", devVM)])
            #expect(try await dev.get("expungeVirtualMachine", [("id", devVM)]).status == 432)
        }
    }

    @Test func deployWithADiskOfferingMakesADataVolume() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let fixed = try await c.value("listDiskOfferings", [("name", "Extra Large")], "diskoffering.0.id")
            let vm = try await c.deploy([("diskofferingid", fixed), ("name", "db-1")])
            let id = try #require(vm["jobresult.virtualmachine.id"]?.text)
            let volumes = try await c.get("listVolumes", [("virtualmachineid", id)]).inner
            #expect(volumes["count"]?.text == "2")
            let data = try await c.get("listVolumes", [("virtualmachineid", id), ("type", "DATADISK")]).inner
            #expect(data["volume.0.size"]?.number?.int == 500 << 30)
            #expect(data["volume.0.deviceid"]?.text == "1")
            #expect(data["volume.0.vmname"]?.text == "db-1")
            let custom = try await c.value("listDiskOfferings", [("name", "Custom")], "diskoffering.0.id")
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let tmpl = try await c.value("listTemplates", [("templatefilter", "featured")], "template.0.id")
            let so = try await c.value("listServiceOfferings", [], "serviceoffering.0.id")
            let noSize = try await c.get(
                "deployVirtualMachine",
                [
                    ("zoneid", zone), ("templateid", tmpl), ("serviceofferingid", so),
                    ("diskofferingid", custom),
                ])
            #expect(noSize.status == 431)
            let sized = try await c.job(
                "deployVirtualMachine",
                [
                    ("zoneid", zone), ("templateid", tmpl), ("serviceofferingid", so),
                    ("diskofferingid", custom), ("size", "7"),
                ])
            let sizedID = try #require(sized["jobresult.virtualmachine.id"]?.text)
            let disk = try await c.get("listVolumes", [("virtualmachineid", sizedID), ("type", "DATADISK")]).inner
            #expect(disk["volume.0.size"]?.number?.int == 7 << 30)
        }
    }

    @Test func everyChangeLeavesAnEvent() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let vm = try await c.deploy()
            let id = try #require(vm["jobresult.virtualmachine.id"]?.text)
            _ = try await c.job("stopVirtualMachine", [("id", id)])
            _ = try await c.get("createSecurityGroup", [("name", "web")])
            let events = try await c.get("listEvents").inner
            let list = events["event"]?.list ?? []
            let types = list.compactMap { $0[field: "type"]?.text }
            #expect(types.prefix(5) == ["SG.CREATE", "VM.STOP", "VM.STOP", "VM.CREATE", "VM.CREATE"])  // newest first
            let created = try #require(
                list.first { $0[field: "type"]?.text == "VM.CREATE" && $0[field: "state"]?.text == "Completed" })
            #expect(created[field: "level"]?.text == "INFO")
            #expect(created[field: "username"]?.text == "admin")
            #expect(created[field: "account"]?.text == "admin")
            #expect(created[field: "domain"]?.text == "ROOT")
            #expect(created[field: "resourceid"]?.text == id)
            #expect(created[field: "description"]?.text?.contains("deployVirtualMachine") == true)
            #expect(created[field: "created"]?.text?.count == 24)
            let stops = try await c.get("listEvents", [("type", "VM.STOP")]).inner
            #expect(stops["count"]?.text == "2")
            #expect(
                Set((stops["event"]?.list ?? []).compactMap { $0[field: "state"]?.text }) == ["Scheduled", "Completed"])
            // A job that fails leaves an ERROR event; reads leave none; users see only their own.
            _ = try await c.deploy(offering: "Huge Instance")
            #expect(try await c.get("listEvents", [("level", "ERROR")]).inner["event.0.type"]?.text == "VM.CREATE")
            #expect(try await c.signed().get("listEvents").inner["count"] == nil)
            let jobs = try await c.get("listAsyncJobs").inner
            let job = try #require(jobs["asyncjobs.0"])
            for key in [
                "jobid", "jobstatus", "jobprocstatus", "jobresultcode", "jobresulttype", "jobresult", "cmd", "created",
                "completed",
            ] {
                #expect(job[field: key] != nil, "listAsyncJobs record lacks \(key)")
            }
        }
    }

    @Test func adminsDeployOnBehalfOfAnAccount() async throws {
        try await withSimulator(quickJobOptions { $0.auth = .open }) { sim async throws in
            var c = TestClient(sim)
            c.apiKey = nil  // the integration port: no keys, acts as the root admin
            let disk5 = try await c.value("listDiskOfferings", [("name", "Extra Large")], "diskoffering.0.id")
            let vm = try await c.deploy([("account", "admin"), ("diskofferingid", disk5)])
            #expect(vm["jobresult.virtualmachine.account"]?.text == "admin")
            let devDomain = try await c.value("listDomains", [("name", "dev")], "domain.0.id")
            let forDev = try await c.deploy([("account", "dev"), ("domainid", devDomain)])
            #expect(forDev["jobresult.virtualmachine.account"]?.text == "dev")
            #expect(forDev["jobresult.virtualmachine.domain"]?.text == "dev")
            #expect(
                try await c.get("listVirtualMachines", [("account", "dev"), ("domainid", devDomain)]).inner["count"]?
                    .text == "1")
            // dev lives in ROOT/dev, not in the caller's ROOT.
            let zone = try await c.value("listZones", [], "zone.0.id")
            let tmpl = try await c.value("listTemplates", [("templatefilter", "featured")], "template.0.id")
            let so = try await c.value("listServiceOfferings", [], "serviceoffering.0.id")
            let wrong = try await c.get(
                "deployVirtualMachine",
                [
                    ("zoneid", zone), ("templateid", tmpl), ("serviceofferingid", so),
                    ("account", "dev"),
                ])
            #expect(wrong.status == 431)
            #expect(wrong.inner["errortext"]?.text?.contains("could not find account dev") == true)
        }
    }

    @Test func twoJobsPendingOnOneVMBothFinish() async throws {
        try await withSimulator(quickJobOptions { $0.jobTime = .milliseconds(300) }) { sim async throws in
            let c = TestClient(sim)
            let id = try #require(try await c.deploy()["jobresult.virtualmachine.id"]?.text)
            // The first job's result renders the VM while the second is still pending on it.
            let reboot = try await c.value("rebootVirtualMachine", [("id", id)], "jobid")
            let scale = try await c.value(
                "scaleVirtualMachine",
                [
                    ("id", id),
                    (
                        "serviceofferingid",
                        try await c.value("listServiceOfferings", [("name", "Medium Instance")], "serviceoffering.0.id")
                    ),
                ], "jobid")
            #expect(try await c.wait(job: reboot)["jobstatus"]?.text == "1")
            let scaled = try await c.wait(job: scale)
            #expect(scaled["jobstatus"]?.text == "1")
            #expect(scaled["jobresult.virtualmachine.memory"]?.text == "2048")
            // Its result was drawn while it ran: the VM names this job, never the finished reboot.
            #expect(scaled["jobresult.virtualmachine.jobid"]?.text == scale)
            #expect(try await c.get("listVirtualMachines", [("id", id)]).inner["virtualmachine.0.jobid"] == nil)
        }
    }
}

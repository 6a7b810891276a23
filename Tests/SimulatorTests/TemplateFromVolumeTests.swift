import Simulator
import TestSupport
import Testing
import Values

/// createTemplate from a stopped VM's ROOT volume or from a snapshot, as TemplateManagerImpl makes it.
@Suite struct TemplateFromVolumeTests {
    @Test func aStoppedVMsRootVolumeBecomesAUserTemplate() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let deployed = try await c.deploy([("name", "golden")])
            let vm = try #require(deployed["jobresult.virtualmachine.id"]?.text)
            let source = try #require(deployed["jobresult.virtualmachine.templateid"]?.text)
            let zone = try #require(deployed["jobresult.virtualmachine.zoneid"]?.text)
            let root = try await c.value(
                "listVolumes", [("virtualmachineid", vm), ("type", "ROOT")], "volume.0.id")
            let rootName = try await c.value("listVolumes", [("id", root)], "volume.0.name")
            let os = try await c.value("listOsTypes", [], "ostype.0.id")
            let params = [("name", "golden-image"), ("displaytext", "golden image"), ("ostypeid", os)]

            // The check is in the command's create step: a direct error, not a failed job.
            let running = try await c.get("createTemplate", params + [("volumeid", root)])
            #expect(running.status == 530)
            #expect(
                running.inner["errortext"]?.text
                    == "Unable to create private template for volume: \(rootName); volume is attached to a non-stopped VM, please stop the VM first"
            )

            _ = try await c.job("stopVirtualMachine", [("id", vm)])
            let made = try await c.job("createTemplate", params + [("volumeid", root)])
            #expect(made["jobstatus"]?.text == "1", "\(made)")
            #expect(made["jobresult.template.format"]?.text == "RAW")
            #expect(made["jobresult.template.templatetype"]?.text == "USER")
            #expect(made["jobresult.template.hypervisor"]?.text == "Simulator")
            #expect(made["jobresult.template.sourcetemplateid"]?.text == source)
            #expect(made["jobresult.template.zoneid"]?.text == zone)
            #expect(made["jobresult.template.isready"]?.bool == true)
            let id = try #require(made["jobresult.template.id"]?.text)
            let mine = try await c.get("listTemplates", [("templatefilter", "self"), ("id", id)]).inner
            #expect(mine["template.0.name"]?.text == "golden-image")
            #expect(mine["template.0.status"]?.text == "Download Complete")
        }
    }

    @Test func aSnapshotBecomesATemplateAndTheSourceMustBeOne() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let vm = try #require(try await c.deploy([("name", "snap")])["jobresult.virtualmachine.id"]?.text)
            let root = try await c.value("listVolumes", [("virtualmachineid", vm), ("type", "ROOT")], "volume.0.id")
            let snapshot = try #require(
                try await c.job("createSnapshot", [("volumeid", root)])["jobresult.snapshot.id"]?.text)
            let os = try await c.value("listOsTypes", [], "ostype.0.id")
            let made = try await c.job(
                "createTemplate",
                [("name", "from-snap"), ("displaytext", "from snap"), ("ostypeid", os), ("snapshotid", snapshot)])
            #expect(made["jobresult.template.name"]?.text == "from-snap", "\(made)")
            #expect(made["jobresult.template.hypervisor"]?.text == "Simulator")

            let neither = try await c.get("createTemplate", [("name", "x"), ("displaytext", "x"), ("ostypeid", os)])
            #expect(neither.status == 431)
            #expect(
                neither.inner["errortext"]?.text
                    == "Failed to create private template record, neither volume ID nor snapshot ID were specified.")
            let both = try await c.get(
                "createTemplate",
                [("name", "x"), ("displaytext", "x"), ("ostypeid", os), ("volumeid", root), ("snapshotid", snapshot)])
            #expect(both.inner["errortext"]?.text?.contains("please specify only one of volume ID") == true)
        }
    }
}

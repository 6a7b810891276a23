import Simulator
import TestSupport
import Testing
import Values

@Suite struct LifecycleTests {
    @Test func aPendingJobShowsOnTheVM() async throws {
        // Jobs far longer than the test, so "pending" holds even on a loaded machine.
        try await withSimulator(quickJobOptions { $0.jobTime = .seconds(120) }) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.get("listZones").inner["zone.0.id"]!.text!
            let tmpl = try await c.get("listTemplates", [("templatefilter", "featured")]).inner["template.0.id"]!.text!
            let so = try await c.get("listServiceOfferings").inner["serviceoffering.0.id"]!.text!
            let d = try await c.get(
                "deployVirtualMachine", [("zoneid", zone), ("templateid", tmpl), ("serviceofferingid", so)]
            ).inner
            let job = try await c.get("queryAsyncJobResult", [("jobid", d["jobid"]!.text!)]).inner
            #expect(job["jobstatus"]?.text == "0")
            #expect(job["jobresult"] == nil)
            #expect(job["jobinstanceid"]?.text == d["id"]?.text)
            let vm = try await c.get("listVirtualMachines", [("id", d["id"]!.text!)]).inner
            #expect(vm["virtualmachine.0.state"]?.text == "Starting")
            #expect(vm["virtualmachine.0.jobid"]?.text == d["jobid"]?.text)
            #expect(try await c.get("listAsyncJobs").inner["asyncjobs.0.jobid"]?.text == d["jobid"]?.text)
        }
    }

    @Test func deployRunsAJobThenTheVMIsRunning() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try #require(try await c.get("listZones", [("name", "Sandbox-1")]).inner["zone.0.id"]?.text)
            let tmpl = try #require(
                try await c.get("listTemplates", [("templatefilter", "featured")]).inner["template.0.id"]?.text)
            let so = try #require(
                try await c.get("listServiceOfferings", [("name", "Small Instance")]).inner["serviceoffering.0.id"]?
                    .text)
            let d = try await c.get(
                "deployVirtualMachine",
                [
                    ("zoneid", zone), ("templateid", tmpl),
                    ("serviceofferingid", so), ("name", "web-1"),
                ])
            #expect(d.status == 200)
            let job = try #require(d.inner["jobid"]?.text)
            let vmID = try #require(d.inner["id"]?.text)
            let done = try await c.wait(job: job)
            #expect(done["jobstatus"]?.text == "1")
            #expect(done["jobresultcode"]?.text == "0")
            #expect(done["jobresulttype"]?.text == "object")
            #expect(done["cmd"]?.text == "org.apache.cloudstack.api.command.user.vm.DeployVMCmd")
            #expect(done["jobresult.virtualmachine.state"]?.text == "Running")
            #expect(done["jobresult.virtualmachine.memory"]?.text == "512")
            #expect(done["jobresult.virtualmachine.nic.0.ipaddress"]?.text?.hasPrefix("10.") == true)
            #expect(done["completed"] != nil)

            let stop = try await c.get("stopVirtualMachine", [("id", vmID)]).inner
            #expect(try await c.wait(job: stop["jobid"]!.text!)["jobresult.virtualmachine.state"]?.text == "Stopped")

            let destroy = try await c.get("destroyVirtualMachine", [("id", vmID), ("expunge", "true")]).inner
            _ = try await c.wait(job: destroy["jobid"]!.text!)
            #expect(
                try await c.get("listVirtualMachines", [("id", vmID)]).body == "{\"listvirtualmachinesresponse\":{}}")
        }
    }

    @Test func jobTakesAboutJobTime() async throws {
        try await withSimulator(quickJobOptions { $0.jobTime = .milliseconds(300) }) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.get("listZones").inner["zone.0.id"]!.text!
            let tmpl = try await c.get("listTemplates", [("templatefilter", "all")]).inner["template.0.id"]!.text!
            let so = try await c.get("listServiceOfferings").inner["serviceoffering.0.id"]!.text!
            let clock = ContinuousClock(), start = clock.now
            let job = try await c.get(
                "deployVirtualMachine", [("zoneid", zone), ("templateid", tmpl), ("serviceofferingid", so)]
            )
            .inner["jobid"]!.text!
            let r = try await c.wait(job: job)
            let took = clock.now - start
            #expect(r["jobstatus"]?.text == "1")
            #expect(took >= .milliseconds(290))
            #expect(took < .seconds(180))  // only a sanity bound: the machine may be busy
        }
    }

    @Test func capacityFailureEndsTheJobWithStatus2() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.get("listZones").inner["zone.0.id"]!.text!
            let tmpl = try await c.get("listTemplates", [("templatefilter", "featured")]).inner["template.0.id"]!.text!
            let huge = try await c.get("listServiceOfferings", [("keyword", "huge")]).inner["serviceoffering.0.id"]!
                .text!
            let d = try await c.get(
                "deployVirtualMachine", [("zoneid", zone), ("templateid", tmpl), ("serviceofferingid", huge)]
            ).inner
            let r = try await c.wait(job: d["jobid"]!.text!)
            #expect(r["jobstatus"]?.text == "2")
            #expect(r["jobresultcode"]?.text == "533")
            #expect(r["jobresult.errorcode"]?.text == "533")
            #expect(r["jobresult.errortext"]?.text?.contains("insufficient capacity") == true)
            let vm = try await c.get("listVirtualMachines", [("id", d["id"]!.text!)]).inner
            #expect(vm["virtualmachine.0.state"]?.text == "Error")
        }
    }
}

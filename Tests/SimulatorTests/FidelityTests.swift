import APICatalog
import Simulator
import TestSupport
import Testing
import Values

/// The simulator's answers against responses recorded from real CloudStack servers.
@Suite struct FidelityTests {
    /// Runs `command`, and compares its first record with the fixture's.
    func expectShape(
        _ c: TestClient, _ fixture: String, _ command: String, _ params: [(String, String)] = [],
        optional: Set<String> = [], looseTypes: Set<String> = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let fx = try Shape.fixture(fixture)
        let reply = try await c.get(command, params)
        #expect(reply.status == 200, "\(command): \(reply.body)", sourceLocation: sourceLocation)
        #expect(reply.json.record?.keys.first == fx.record?.keys.first, sourceLocation: sourceLocation)
        let problems = Shape.problems(
            fixture: Shape.firstRecord(fx.record!.values.first!),
            actual: Shape.firstRecord(reply.inner), optional: optional, looseTypes: looseTypes)
        #expect(
            problems.isEmpty, "\(fixture) vs \(command): \(problems.joined(separator: "; "))",
            sourceLocation: sourceLocation)
    }

    @Test func infrastructureListsMatchRecordedResponses() async throws {
        try await withSimulator(quickJobOptions { $0.seedVMs = 2 }) { sim async throws in
            let c = TestClient(sim)
            try await expectShape(c, "listZones_default", "listZones")
            try await expectShape(c, "listTemplates_default", "listTemplates", [("templatefilter", "featured")])
            // Offerings restricted to a domain carry domainid/domain; public ones (all of the sandbox's) do not.
            try await expectShape(
                c, "listServiceOfferings_default", "listServiceOfferings", optional: ["domainid", "domain"])
            try await expectShape(c, "listDiskOfferings_default", "listDiskOfferings")
            try await expectShape(c, "listOsTypes_default", "listOsTypes")
            try await expectShape(c, "listNetworks_default", "listNetworks", [("listall", "true")])
            // jobid/jobstatus only appear while a job runs on the VM.
            try await expectShape(
                c, "listVirtualMachines_default", "listVirtualMachines", [("listall", "true")],
                optional: ["jobid", "jobstatus"])
            try await expectShape(c, "listVolumes_default", "listVolumes", [("listall", "true")])
        }
    }

    @Test func deployAndJobResultMatchRecordedResponses() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.get("listZones").inner["zone.0.id"]!.text!
            let tmpl = try await c.get("listTemplates", [("templatefilter", "featured")]).inner["template.0.id"]!.text!
            let so = try await c.get("listServiceOfferings").inner["serviceoffering.0.id"]!.text!
            let deploy = try await c.get(
                "deployVirtualMachine", [("zoneid", zone), ("templateid", tmpl), ("serviceofferingid", so)])
            let fx = try Shape.fixture("deployVirtualMachine_default")
            #expect(Shape.problems(fixture: fx.record!.values.first!, actual: deploy.inner).isEmpty)
            let job = try await c.wait(job: deploy.inner["jobid"]!.text!)
            let jfx = try Shape.fixture("queryAsyncJobResult_17164").record!.values.first!
            let problems = Shape.problems(fixture: jfx, actual: job)
            #expect(problems.isEmpty, "\(problems)")
            let tagsFx = try Shape.fixture("queryAsyncJobResult_createtagsjob").record!.values.first!
            let tag = try await c.get(
                "createTags",
                [
                    ("resourceids", deploy.inner["id"]!.text!), ("resourcetype", "UserVm"),
                    ("tags[0].key", "k"), ("tags[0].value", "v"),
                ])
            let tagJob = try await c.wait(job: tag.inner["jobid"]!.text!)
            #expect(Shape.problems(fixture: tagsFx, actual: tagJob, optional: ["cmd"]).isEmpty)
        }
    }

    @Test func createdResourcesMatchRecordedResponses() async throws {
        try await withSimulator(quickJobOptions { $0.seedVMs = 1 }) { sim async throws in
            let c = TestClient(sim)
            let kp = try await c.get("createSSHKeyPair", [("name", "test-keypair")])
            let kfx = try Shape.fixture("createSSHKeyPair_default").record!.values.first!
            #expect(Shape.problems(fixture: kfx, actual: kp.inner).isEmpty)
            #expect(kp.inner["keypair.privatekey"]?.text?.hasPrefix("-----BEGIN RSA PRIVATE KEY-----") == true)
            #expect(kp.inner["keypair.fingerprint"]?.text?.split(separator: ":").count == 16)
            try await expectShape(c, "listSSHKeyPairs_default", "listSSHKeyPairs")

            let sg = try await c.get("listSecurityGroups", [("securitygroupname", "default")]).inner[
                "securitygroup.0.id"]!.text!
            let auth = try await c.get(
                "authorizeSecurityGroupIngress",
                [
                    ("securitygroupid", sg), ("protocol", "tcp"),
                    ("startport", "22"), ("endport", "22"), ("cidrlist", "0.0.0.0/0"),
                ])
            _ = try await c.wait(job: auth.inner["jobid"]!.text!)
            // The fixture's second group has rules naming another group (securitygroupname/account) instead of a cidr.
            try await expectShape(
                c, "listSecurityGroups_default", "listSecurityGroups", [("securitygroupname", "default")])

            let vm = try await c.get("listVirtualMachines").inner["virtualmachine.0"]!
            let net = try await c.get("listNetworks", [("zoneid", vm[field: "zoneid"]!.text!), ("type", "Isolated")])
                .inner["network.0.id"]!.text!
            let ip = try await c.wait(
                job: try await c.get("associateIpAddress", [("networkid", net)]).inner["jobid"]!.text!)
            let ipID = try #require(ip["jobresult.ipaddress.id"]?.text, "\(ip)")
            try await expectShape(
                c, "listPublicIpAddresses_default", "listPublicIpAddresses", optional: ["virtualmachineid"])
            let pf = try await c.get(
                "createPortForwardingRule",
                [
                    ("ipaddressid", ipID), ("protocol", "tcp"), ("publicport", "33"),
                    ("publicendport", "34"), ("privateport", "33"), ("privateendport", "34"),
                    ("virtualmachineid", vm[field: "id"]!.text!),
                ])
            _ = try await c.wait(job: pf.inner["jobid"]!.text!)
            try await expectShape(c, "listPortForwardingRules_default", "listPortForwardingRules")
            let fw = try await c.get(
                "createFirewallRule",
                [
                    ("ipaddressid", ipID), ("protocol", "tcp"), ("startport", "33"),
                    ("endport", "34"), ("cidrlist", "192.168.0.0/16"),
                ])
            _ = try await c.wait(job: fw.inner["jobid"]!.text!)
            // Ports were strings on the 2011 server the fixture comes from; current servers send numbers.
            try await expectShape(
                c, "listFirewallRules_default", "listFirewallRules", looseTypes: ["startport", "endport"])

            let root = try await c.get("listVolumes", [("virtualmachineid", vm[field: "id"]!.text!)]).inner[
                "volume.0.id"]!.text!
            _ = try await c.wait(job: try await c.get("createSnapshot", [("volumeid", root)]).inner["jobid"]!.text!)
            try await expectShape(c, "listSnapshots_default", "listSnapshots")

            let ag = try await c.get("createAffinityGroup", [("name", "MyAG"), ("type", "host anti-affinity")])
            _ = try await c.wait(job: ag.inner["jobid"]!.text!)
            try await expectShape(c, "listAffinityGroups_default", "listAffinityGroups")

            let diskOffering = try await c.get("listDiskOfferings", [("name", "Small")]).inner["diskoffering.0.id"]!
                .text!
            let vol = try await c.get(
                "createVolume",
                [
                    ("name", "vol-0"), ("zoneid", vm[field: "zoneid"]!.text!),
                    ("diskofferingid", diskOffering),
                ])
            #expect(
                Shape.problems(
                    fixture: try Shape.fixture("createVolume_default").record!.values.first!, actual: vol.inner
                ).isEmpty)
            _ = try await c.wait(job: vol.inner["jobid"]!.text!)
            let attach = try await c.get(
                "attachVolume", [("id", vol.inner["id"]!.text!), ("virtualmachineid", vm[field: "id"]!.text!)])
            let attached = try await c.wait(job: attach.inner["jobid"]!.text!)
            let afx = try Shape.fixture("queryAsyncJobResult_attachvolumejob").record!.values.first!
            let problems = Shape.problems(fixture: afx, actual: attached, optional: ["cmd"])
            #expect(problems.isEmpty, "\(problems)")
        }
    }

    /// Compares an async call's immediate answer and its finished job with two recordings.
    func expectJob(
        _ c: TestClient, _ command: String, _ params: [(String, String)], answer: String, job: String,
        optional: Set<String> = [], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let r = try await c.get(command, params)
        let afx = try Shape.fixture(answer).record!.values.first!
        let a = Shape.problems(fixture: afx, actual: r.inner)
        #expect(a.isEmpty, "\(answer) vs \(command): \(a) \(r.body)", sourceLocation: sourceLocation)
        let done = try await c.wait(job: try #require(r.inner["jobid"]?.text, sourceLocation: sourceLocation))
        let jfx = try Shape.fixture(job).record!.values.first!
        let j = Shape.problems(fixture: jfx, actual: done, optional: optional.union(["cmd", "accountid", "userid"]))
        #expect(j.isEmpty, "\(job) vs \(command)'s job: \(j.joined(separator: "; "))", sourceLocation: sourceLocation)
    }

    @Test func powerOperationsMatchRecordedResponses() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let id = try #require(try await c.deploy()["jobresult.virtualmachine.id"]?.text)
            // Usage counters: the recordings were of stopped and destroyed VMs that still showed them;
            // the simulator shows them only while a VM runs.
            let stateful: Set<String> = ["cpuused", "networkkbsread", "networkkbswrite"]
            try await expectJob(
                c, "rebootVirtualMachine", [("id", id)], answer: "rebootVirtualMachine_default",
                job: "queryAsyncJobResult_17165", optional: stateful)
            try await expectJob(
                c, "stopVirtualMachine", [("id", id)], answer: "stopVirtualMachine_default",
                job: "queryAsyncJobResult_17199", optional: stateful)
            try await expectJob(
                c, "startVirtualMachine", [("id", id)], answer: "startVirtualMachine_default",
                job: "queryAsyncJobResult_17188", optional: stateful)
            try await expectJob(
                c, "destroyVirtualMachine", [("id", id)], answer: "destroyVirtualMachine_default",
                job: "queryAsyncJobResult_17166", optional: stateful)
        }
    }

    @Test func groupsAndVolumesMatchRecordedResponses() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let sg = try await c.get("createSecurityGroup", [("name", "MySG")])
            let sgFx = try Shape.fixture("createSecurityGroup_default").record!.values.first!
            #expect(Shape.problems(fixture: sgFx, actual: sg.inner).isEmpty, "\(sg.body)")
            let sgID = try #require(sg.inner["securitygroup.id"]?.text)
            try await expectJob(
                c, "authorizeSecurityGroupIngress",
                [
                    ("securitygroupid", sgID), ("protocol", "tcp"), ("startport", "22"),
                    ("endport", "22"), ("cidrlist", "0.0.0.0/0"),
                ],
                answer: "authorizeSecurityGroupIngress_default", job: "queryAsyncJobResult_17200")
            // Old servers sent "success" as the string "true"; current ones send a boolean.
            let del = try await c.get("deleteSecurityGroup", [("id", sgID)])
            #expect(
                Shape.problems(
                    fixture: try Shape.fixture("deleteSecurityGroup_default").record!.values.first!, actual: del.inner,
                    looseTypes: ["success"]
                ).isEmpty, "\(del.body)")

            try await expectShape(c, "listDiskOfferings_withcustomdisksize", "listDiskOfferings", [("name", "Custom")])
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let custom = try await c.value("listDiskOfferings", [("name", "Custom")], "diskoffering.0.id")
            try await expectJob(
                c, "createVolume", [("name", "vol-c"), ("zoneid", zone), ("diskofferingid", custom), ("size", "10")],
                answer: "createVolume_withcustomdisksize", job: "queryAsyncJobResult_createvolumejob")
            let volID = try await c.value("listVolumes", [("name", "vol-c")], "volume.0.id")
            let vmID = try #require(try await c.deploy()["jobresult.virtualmachine.id"]?.text)
            _ = try await c.job("attachVolume", [("id", volID), ("virtualmachineid", vmID)])
            try await expectJob(
                c, "detachVolume", [("id", volID)], answer: "detachVolume_default",
                job: "queryAsyncJobResult_detachvolumejob")
            let gone = try await c.get("deleteVolume", [("id", volID)])
            #expect(
                Shape.problems(
                    fixture: try Shape.fixture("deleteVolume_default").record!.values.first!, actual: gone.inner,
                    looseTypes: ["success"]
                ).isEmpty, "\(gone.body)")
            #expect(gone.inner["success"]?.bool == true)
        }
    }

    @Test func deployVariantsMatchRecordedResponses() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let tmpl = try await c.value("listTemplates", [("templatefilter", "featured")], "template.0.id")
            let so = try await c.value("listServiceOfferings", [], "serviceoffering.0.id")
            let base = [("zoneid", zone), ("templateid", tmpl), ("serviceofferingid", so)]
            // A VM deployed stopped: no host, no usage counters.
            try await expectJob(
                c, "deployVirtualMachine", base + [("startvm", "false"), ("name", "stopped-vm")],
                answer: "deployVirtualMachine_stoppedvm", job: "queryAsyncJobResult_deployvmstopped",
                optional: ["cpuused", "networkkbsread", "networkkbswrite"])
            try await expectJob(
                c, "deployVirtualMachine", base + [("rootdisksize", "50"), ("name", "big-root")],
                answer: "deployVirtualMachine_rootdisksize", job: "queryAsyncJobResult_deployrootdisksize")
            let vm = try await c.value("listVirtualMachines", [("name", "big-root")], "virtualmachine.0.id")
            // The generated password is in the deploy result only.
            #expect(try await c.get("listVirtualMachines", [("id", vm)]).inner["virtualmachine.0.password"] == nil)
            try await expectShape(c, "listVolumes_rootdisksize", "listVolumes", [("virtualmachineid", vm)])
            try await expectShape(c, "listNics_default", "listNics", [("virtualmachineid", vm)])
        }
    }

    /// Fields the 4.18 server writes on every answer of a kind (primitive or defaulted in its response
    /// classes), so clients may read them without checking.
    @Test func everydayAnswersCarryWhatTheServerAlwaysWrites() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let so = try await c.get("listServiceOfferings", [("name", "Small Instance")]).inner
            #expect(so["serviceoffering.0.dynamicscalingenabled"]?.bool == true)
            #expect(so["serviceoffering.0.encryptroot"]?.bool == false)
            #expect(so["serviceoffering.0.diskofferingstrictness"]?.bool == false)
            #expect(so["serviceoffering.0.rootdisksize"]?.number?.int == 0)
            let disk = try await c.get("listDiskOfferings", [("name", "Small")]).inner
            #expect(
                disk["diskoffering.0.encrypt"]?.bool == false
                    && disk["diskoffering.0.disksizestrictness"]?.bool == false)

            let vm = try await c.deploy()
            let template = try #require(vm["jobresult.virtualmachine.templateid"]?.text)
            let osType = try #require(vm["jobresult.virtualmachine.ostypeid"]?.text)
            #expect(
                vm["jobresult.virtualmachine.osdisplayname"]?.text
                    == (try await c.value("listOsTypes", [("id", osType)], "ostype.0.description")))
            let vmID = try #require(vm["jobresult.virtualmachine.id"]?.text)
            let root = try await c.get("listVolumes", [("virtualmachineid", vmID), ("type", "ROOT")]).inner
            #expect(root["volume.0.templateid"]?.text == template)
            #expect(root["volume.0.displayvolume"]?.bool == true)
            #expect(
                root["volume.0.quiescevm"]?.bool == false && root["volume.0.supportsstoragesnapshot"]?.bool == false)
            #expect(root["volume.0.podid"] != nil && root["volume.0.clusterid"] != nil)

            let network = try #require(vm["jobresult.virtualmachine.nic.0.networkid"]?.text)
            let n = try await c.get("listNetworks", [("id", network)]).inner
            #expect(n["network.0.redundantrouter"]?.bool == false && n["network.0.strechedl2subnet"]?.bool == false)
            #expect(n["network.0.egressdefaultpolicy"]?.bool != nil)
            #expect(n["network.0.receivedbytes"]?.number?.int == 0)

            let root0 = try await c.get("listDomains", [("name", "ROOT")]).inner
            #expect(root0["domain.0.vmlimit"]?.text == "Unlimited")
            #expect((root0["domain.0.vmtotal"]?.number?.int ?? 0) >= 1)
            #expect(root0["domain.0.projectlimit"] != nil)

            let host = try await c.get("listHosts", [("type", "Routing")]).inner
            #expect(host["host.0.hahost"]?.bool == false)
            #expect(host["host.0.cpuallocatedwithoverprovisioning"]?.text == host["host.0.cpuallocated"]?.text)
            // iscallerchilddomain: whether the user lies in a domain other than the caller's.
            let users = try await c.get("listUsers", [("listall", "true")]).inner["user"]?.list ?? []
            let byName = Dictionary(
                uniqueKeysWithValues: users.compactMap { u in
                    u[field: "username"]?.text.map { ($0, u[field: "iscallerchilddomain"]?.bool) }
                })
            #expect(byName["admin"] == false && byName["dev"] == true)
        }
    }

    /// APIs with no recording: every field the simulator sends must be one the 4.18 catalog lists for that API.
    @Test(arguments: [
        ("listPods", [(String, String)]()), ("listClusters", []), ("listHosts", []), ("listCapacity", []),
        ("listEvents", []), ("listAccounts", [("listall", "true")]), ("listDomains", []),
        ("listUsers", [("listall", "true")]),
        ("listAsyncJobs", []), ("listZones", []), ("listVolumes", [("type", "DATADISK")]),
    ]) func fieldsAreTheCatalogsOwn(command: String, params: [(String, String)]) async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let fixed = try await c.value("listDiskOfferings", [("name", "Small")], "diskoffering.0.id")
            _ = try await c.deploy([("diskofferingid", fixed)])  // leaves events, a job and a data disk
            let record = try #require(Shape.firstRecord(try await c.get(command, params).inner).record, "\(command)")
            let api = try #require(Catalog.bundled.api(named: command))
            let unknown = record.keys.filter { !api.responseFields.contains($0) }
            #expect(unknown.isEmpty, "\(command) sends fields the catalog does not list: \(unknown)")
        }
    }
}

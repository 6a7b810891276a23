import Simulator
import TestSupport
import Testing
import Values

/// Fields answers recorded from real CloudStack servers (4.15-4.19 simulator zones) carry and 4.18's
/// response classes still fill: VM job results, host and offering records, registered templates.
@Suite struct RecordedAnswerFieldTests {
    /// A VM's job result is drawn while its job runs (UserVmJoinVO names the pending job), a VM without
    /// details boots BIOS in legacy mode, and every NIC carries its secondary IP and DHCP option lists.
    @Test func vmJobResultsNameTheirJobAndBootMode() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let deploy = try await c.get("deployVirtualMachine", try await c.deployParameters())
            let jobID = try #require(deploy.inner["jobid"]?.text)
            let done = try await c.wait(job: jobID)
            #expect(done["jobresult.virtualmachine.jobid"]?.text == jobID, "\(done)")
            #expect(done["jobresult.virtualmachine.jobstatus"]?.number?.int == 0)
            #expect(done["jobresult.virtualmachine.boottype"]?.text == "Bios")
            #expect(done["jobresult.virtualmachine.bootmode"]?.text == "legacy")
            #expect(done["jobresult.virtualmachine.nic.0.secondaryip"]?.list?.isEmpty == true)
            #expect(done["jobresult.virtualmachine.nic.0.extradhcpoption"]?.list?.isEmpty == true)
            let vm = try #require(done["jobresult.virtualmachine.id"]?.text)
            // Once the job is over the VM no longer names it.
            let listed = try await c.get("listVirtualMachines", [("id", vm)]).inner
            #expect(listed["virtualmachine.0.jobid"] == nil)
            #expect(listed["virtualmachine.0.nic.0.secondaryip"]?.list?.isEmpty == true)
            let stop = try await c.get("stopVirtualMachine", [("id", vm)])
            let stopID = try #require(stop.inner["jobid"]?.text)
            let stopped = try await c.wait(job: stopID)
            #expect(stopped["jobresult.virtualmachine.jobid"]?.text == stopID)
            #expect(stopped["jobresult.virtualmachine.state"]?.text == "Stopped")
            // A UEFI detail names the boot mode instead.
            let update = try await c.get("updateVirtualMachine", [("id", vm), ("details[0].UEFI", "SECURE")])
            #expect(update.status == 200, "\(update.body)")
            let uefi = try await c.get("listVirtualMachines", [("id", vm)]).inner
            #expect(uefi["virtualmachine.0.boottype"]?.text == "Uefi", "\(uefi)")
            #expect(uefi["virtualmachine.0.bootmode"]?.text == "secure")
        }
    }

    /// addHost and the maintenance jobs answer the host as listHosts does, with its HA and out-of-band
    /// management states.
    @Test func hostAnswersCarryHAAndOutOfBandStates() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let host = try await c.get("listHosts", [("type", "Routing")]).inner
            let id = try #require(host["host.0.id"]?.text)
            let prepared = try await c.job("prepareHostForMaintenance", [("id", id)])
            #expect(prepared["jobresult.host.hostha.hastate"]?.text == "Disabled", "\(prepared)")
            #expect(prepared["jobresult.host.outofbandmanagement.powerstate"] != nil)
            let cancelled = try await c.job("cancelHostMaintenance", [("id", id)])
            #expect(cancelled["jobresult.host.hostha.haenable"]?.bool == false)
            let added = try await c.get(
                "addHost",
                [
                    ("zoneid", host["host.0.zoneid"]?.text ?? ""), ("podid", host["host.0.podid"]?.text ?? ""),
                    ("clusterid", host["host.0.clusterid"]?.text ?? ""), ("hypervisor", "Simulator"),
                    ("url", "http://sim/c0/h9"), ("username", "root"), ("password", "pw"),
                ]
            ).inner
            #expect(added["host.0.hostha.hastate"]?.text == "Disabled", "\(added)")
            #expect(added["host.0.outofbandmanagement.enabled"]?.bool == false)
        }
    }

    /// Offerings carry their disks' cache mode (none unless the create named one).
    @Test func offeringsCarryTheirCacheMode() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            #expect(try await c.value("listServiceOfferings", [], "serviceoffering.0.cacheMode") == "none")
            #expect(try await c.value("listDiskOfferings", [], "diskoffering.0.cacheMode") == "none")
            let made = try await c.get(
                "createServiceOffering",
                [
                    ("name", "wb"), ("displaytext", "wb"), ("cpunumber", "1"), ("cpuspeed", "500"), ("memory", "512"),
                    ("cachemode", "writeback"),
                ]
            ).inner
            #expect(made["serviceoffering.cacheMode"]?.text == "writeback", "\(made)")
            let disk = try await c.get(
                "createDiskOffering", [("name", "d"), ("displaytext", "d"), ("disksize", "1")]
            ).inner
            #expect(disk["diskoffering.cacheMode"]?.text == "none")
            let bad = try await c.get(
                "createDiskOffering",
                [("name", "e"), ("displaytext", "e"), ("disksize", "1"), ("cachemode", "sometimes")])
            #expect(bad.status == 431)
        }
    }

    /// A registered template answers with the fields listTemplates shows, its download on each image store
    /// of the zone included.
    @Test func registeredTemplatesShowTheirDownloadDetails() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let os = try await c.value("listOsTypes", [], "ostype.0.id")
            let made = try await c.get(
                "registerTemplate",
                [
                    ("name", "t"), ("displaytext", "t"), ("url", "http://example.org/t.qcow2"), ("zoneid", zone),
                    ("format", "QCOW2"), ("hypervisor", "Simulator"), ("ostypeid", os),
                ]
            ).inner
            for key in [
                "bits", "deployasis", "directdownload", "isdynamicallyscalable", "requireshvm", "sshkeyenabled",
            ] {
                #expect(made["template.0.\(key)"] != nil, "registerTemplate lacks \(key): \(made)")
            }
            #expect(made["template.0.requireshvm"]?.bool == true)
            #expect(made["template.0.details"]?.record?.isEmpty == true)
            #expect(made["template.0.tags"]?.list?.isEmpty == true)
            let details = try #require(made["template.0.downloaddetails.0"])
            #expect(details[field: "datastore"]?.text?.isEmpty == false)
            #expect(["DOWNLOADED", "DOWNLOAD_IN_PROGRESS"].contains(details[field: "downloadState"]?.text ?? ""))
            // A seeded template is downloaded everywhere.
            let seeded = try await c.get("listTemplates", [("templatefilter", "featured"), ("zoneid", zone)]).inner
            #expect(seeded["template.0.downloaddetails.0.downloadPercent"]?.text == "100")
            #expect(seeded["template.0.downloaddetails.0.downloadState"]?.text == "DOWNLOADED")
        }
    }

    /// listDomainChildren's id names the parent whose children are listed.
    @Test func domainChildrenOfANamedDomain() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let root = try await c.value("listDomains", [("name", "ROOT")], "domain.0.id")
            let made = try await c.value("createDomain", [("name", "kid")], "domain.id")
            let children = try await c.get("listDomainChildren", [("id", root)]).inner
            let ids = (children["domain"]?.list ?? []).compactMap { $0[field: "id"]?.text }
            #expect(ids.contains(made), "\(children)")
            #expect(!ids.contains(root))
            let none = try await c.get("listDomainChildren", [("id", made)]).inner
            #expect(none["domain"] == nil)
        }
    }

    /// An egress rule answers its destination cidrs, empty when it named none.
    @Test func egressRulesAnswerTheirDestinations() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let network = try await c.isolatedNetwork("out")
            let plain = try await c.job(
                "createEgressFirewallRule", [("networkid", network), ("protocol", "tcp"), ("startport", "80")])
            #expect(plain["jobresult.firewallrule.destcidrlist"]?.text == "", "\(plain)")
            let named = try await c.job(
                "createEgressFirewallRule",
                [
                    ("networkid", network), ("protocol", "tcp"), ("startport", "443"),
                    ("destcidrlist", "192.0.2.0/24"),
                ])
            #expect(named["jobresult.firewallrule.destcidrlist"]?.text == "192.0.2.0/24")
        }
    }

    /// A cluster answers its details, the overcommit ratios among them.
    @Test func clustersAnswerTheirDetails() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let listed = try await c.get("listClusters").inner
            #expect(listed["cluster.0.resourcedetails.cpuOvercommitRatio"]?.text == "1.0", "\(listed)")
            let id = try #require(listed["cluster.0.id"]?.text)
            let updated = try await c.get("updateCluster", [("id", id), ("clustername", "renamed")]).inner
            #expect(updated["cluster.resourcedetails.memoryOvercommitRatio"]?.text == "1.0", "\(updated)")
        }
    }
}

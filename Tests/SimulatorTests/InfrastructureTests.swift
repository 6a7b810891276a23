import Simulator
import TestSupport
import Testing
import Values

/// The seeded cloud and the physical side: zone > pod > cluster > hosts, capacity, zones.
@Suite struct InfrastructureTests {
    @Test func seededCloudIsWhatTheIssueDescribes() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zones = try await c.get("listZones").inner
            #expect(zones["count"]?.text == "2")
            #expect(zones["zone.0.name"]?.text == "Sandbox-1")  // created first: internal id 1
            for i in 0..<2 {
                let zone = try #require(zones["zone.\(i).id"]?.text)
                let pod = try await c.get("listPods", [("zoneid", zone)]).inner
                #expect(pod["count"]?.text == "1")
                let podID = try #require(pod["pod.0.id"]?.text)
                let cluster = try await c.get("listClusters", [("podid", podID)]).inner
                #expect(cluster["cluster.0.zoneid"]?.text == zone)
                let hosts = try await c.get("listHosts", [("clusterid", try #require(cluster["cluster.0.id"]?.text))])
                    .inner
                #expect(hosts["count"]?.text == "2")
                #expect(hosts["host.0.podid"]?.text == podID)
                #expect(hosts["host.0.cpunumber"]?.number?.int ?? 0 > 0)
                #expect(hosts["host.0.memorytotal"]?.number?.int ?? 0 > 0)
            }
            // Creation order gives the classic numeric ids: template 3, service offering 1, disk offering 5.
            let zone1 = try #require(zones["zone.0.id"]?.text)
            let templates = try await c.get("listTemplates", [("templatefilter", "featured"), ("zoneid", zone1)]).inner
            #expect(templates["template.2.name"]?.text == "Rocky Linux 9")
            #expect(templates["template.2.isfeatured"]?.bool == true)
            // Every zone has the same five templates ready (one record per zone, as the server lists them).
            for i in 0..<2 {
                let zone = try #require(zones["zone.\(i).id"]?.text)
                let inZone = try await c.get("listTemplates", [("templatefilter", "executable"), ("zoneid", zone)])
                    .inner
                #expect(inZone["count"]?.text == "5")
                #expect(inZone["template.0.zoneid"]?.text == zone)
                #expect(inZone["template.0.isready"]?.bool == true)
            }
            let offerings = try await c.get("listServiceOfferings").inner
            #expect(offerings["serviceoffering.0.name"]?.text == "Small Instance")
            #expect(offerings["serviceoffering.1.name"]?.text == "Medium Instance")
            #expect(offerings["serviceoffering.2.name"]?.text == "Large Instance")
            let disks = try await c.get("listDiskOfferings").inner
            #expect(disks["count"]?.text == "5")
            #expect(disks["diskoffering.3.iscustomized"]?.bool == true)
            #expect(disks["diskoffering.4.iscustomized"]?.bool == false)
            #expect(disks["diskoffering.4.disksize"]?.number?.int == 500)
            // ROOT with the admin account, ROOT/dev with the user account, a default group each.
            let accounts = try await c.get("listAccounts", [("listall", "true")]).inner
            #expect(accounts["count"]?.text == "2")
            #expect(accounts["account.0.name"]?.text == "admin")
            #expect(accounts["account.0.accounttype"]?.text == "1")
            #expect(accounts["account.1.name"]?.text == "dev")
            #expect(accounts["account.1.domain"]?.text == "dev")
            #expect(accounts["account.1.accounttype"]?.text == "0")
            let groups = try await c.get("listSecurityGroups", [("listall", "true"), ("securitygroupname", "default")])
                .inner
            #expect(groups["count"]?.text == "2")
            #expect(
                sim.summary.contains(
                    "dev keys:   sandbox-dev-api-key-acsh-simulator-0002 / sandbox-dev-secret-key-acsh-simulator-0002"))
        }
    }

    @Test func runningVMsTakeHostCapacityAndGiveItBack() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            func memoryUsed() async throws -> Int {
                let caps = try await c.get("listCapacity", [("zoneid", zone), ("type", "0")]).inner
                return caps["capacity.0.capacityused"]?.number?.int ?? -1
            }
            #expect(try await memoryUsed() == 0)
            let deployed = try await c.deploy(offering: "Large Instance")
            let vmID = try #require(deployed["jobresult.virtualmachine.id"]?.text)
            #expect(try await memoryUsed() == 8192 << 20)
            let host = try #require(deployed["jobresult.virtualmachine.hostid"]?.text)
            #expect(
                try await c.get("listHosts", [("id", host)]).inner["host.0.memoryallocated"]?.number?.int == 8192 << 20)
            let cpu = try await c.get("listCapacity", [("zoneid", zone), ("type", "1")]).inner
            #expect(cpu["capacity.0.capacityused"]?.number?.int == 4 * 2000)
            #expect(cpu["capacity.0.name"]?.text == "CPU")
            _ = try await c.job("stopVirtualMachine", [("id", vmID)])
            #expect(try await memoryUsed() == 0)
            _ = try await c.job("startVirtualMachine", [("id", vmID)])
            #expect(try await memoryUsed() == 8192 << 20)
            _ = try await c.job("destroyVirtualMachine", [("id", vmID)])
            #expect(try await memoryUsed() == 0)
            // Scaling a running VM moves its share; a size no host has fails with 533 and keeps the old one.
            let small = try #require(try await c.deploy()["jobresult.virtualmachine.id"]?.text)
            #expect(try await memoryUsed() == 512 << 20)
            let large = try await c.value("listServiceOfferings", [("name", "Large Instance")], "serviceoffering.0.id")
            _ = try await c.job("scaleVirtualMachine", [("id", small), ("serviceofferingid", large)])
            #expect(try await memoryUsed() == 8192 << 20)
            let huge = try await c.value("listServiceOfferings", [("name", "Huge Instance")], "serviceoffering.0.id")
            #expect(
                try await c.job("scaleVirtualMachine", [("id", small), ("serviceofferingid", huge)])[
                    "jobresult.errorcode"]?.text == "533")
            #expect(try await memoryUsed() == 8192 << 20)
        }
    }

    @Test func aDeployThatFitsNoHostFailsItsJobWith533() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            // 160 GB each: one per 192 GB host, so the third of three does not fit.
            let big = try await c.get(
                "createServiceOffering",
                [
                    ("name", "big"), ("displaytext", "160 GB"), ("cpunumber", "2"),
                    ("cpuspeed", "1000"), ("memory", "163840"),
                ]
            ).inner
            #expect(big["serviceoffering.memory"]?.text == "163840")
            #expect(try await c.deploy(offering: "big")["jobstatus"]?.text == "1")
            #expect(try await c.deploy(offering: "big")["jobstatus"]?.text == "1")
            let third = try await c.deploy(offering: "big")
            #expect(third["jobstatus"]?.text == "2")
            #expect(third["jobresultcode"]?.text == "533")
            #expect(third["jobresult.errorcode"]?.text == "533")
            #expect(third["jobresult.errortext"]?.text?.contains("insufficient capacity") == true)
            let failed = try await c.get("listVirtualMachines", [("state", "Error")]).inner
            #expect(failed["count"]?.text == "1")
        }
    }

    @Test func zonesAreCreatedUpdatedAndDeleted() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let missing = try await c.get("createZone", [("name", "z3"), ("networktype", "Advanced")])
            #expect(missing.status == 431)
            #expect(
                missing.inner["errortext"]?.text
                    == "Unable to execute API command createzone due to missing parameter dns1")
            let zone = try await c.get(
                "createZone",
                [
                    ("name", "z3"), ("networktype", "Advanced"), ("dns1", "192.0.2.1"),
                    ("internaldns1", "10.0.0.1"),
                ]
            ).inner
            let id = try #require(zone["zone.id"]?.text)
            #expect(zone["zone.allocationstate"]?.text == "Disabled")
            #expect(try await c.get("listZones").inner["count"]?.text == "3")
            let updated = try await c.get("updateZone", [("id", id), ("name", "z3b"), ("allocationstate", "Enabled")])
                .inner
            #expect(updated["zone.name"]?.text == "z3b")
            #expect(updated["zone.allocationstate"]?.text == "Enabled")
            #expect(try await c.get("deleteZone", [("id", id)]).inner["success"]?.bool == true)
            // A seeded zone still has pods.
            let seeded = try await c.value("listZones", [("name", "Sandbox-2")], "zone.0.id")
            #expect(try await c.get("deleteZone", [("id", seeded)]).status == 536)
        }
    }

    @Test func offeringsAreCreatedUpdatedAndDeleted() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let so = try await c.get(
                "createServiceOffering",
                [
                    ("name", "tiny"), ("displaytext", "1 vCPU, 256 MB"),
                    ("cpunumber", "1"), ("cpuspeed", "500"), ("memory", "256"),
                ]
            ).inner
            let soID = try #require(so["serviceoffering.id"]?.text)
            #expect(so["serviceoffering.iscustomized"]?.bool == false)
            let renamed = try await c.get("updateServiceOffering", [("id", soID), ("name", "tiny-2")]).inner
            #expect(renamed["serviceoffering.name"]?.text == "tiny-2")
            let vm = try await c.deploy(offering: "tiny-2")
            #expect(try await c.get("deleteServiceOffering", [("id", soID)]).status == 536)
            _ = try await c.job(
                "destroyVirtualMachine", [("id", vm["jobresult.virtualmachine.id"]!.text!), ("expunge", "true")])
            #expect(try await c.get("deleteServiceOffering", [("id", soID)]).inner["success"]?.bool == true)

            #expect(try await c.get("createDiskOffering", [("name", "d"), ("displaytext", "d")]).status == 431)
            let custom = try await c.get(
                "createDiskOffering", [("name", "any"), ("displaytext", "any size"), ("customized", "true")]
            ).inner
            #expect(custom["diskoffering.iscustomized"]?.bool == true)
            let fixed = try await c.get(
                "createDiskOffering", [("name", "ten"), ("displaytext", "10 GB"), ("disksize", "10")]
            ).inner
            let fixedID = try #require(fixed["diskoffering.id"]?.text)
            #expect(fixed["diskoffering.disksize"]?.text == "10")
            #expect(
                try await c.get("updateDiskOffering", [("id", fixedID), ("displaytext", "ten GB")]).inner[
                    "diskoffering.displaytext"]?.text == "ten GB")
            #expect(try await c.get("deleteDiskOffering", [("id", fixedID)]).inner["success"]?.bool == true)
            #expect(try await c.get("listDiskOfferings").inner["count"]?.text == "6")
        }
    }
}

import Simulator
import TestSupport
import Testing
import Values

/// Pods, clusters, hosts (with maintenance), storage pools, image stores, regions and the
/// platform lists, as a root admin changes them.
@Suite struct InfrastructureLifecycleTests {
    @Test func zonesKeepLocalStorageAsGiven() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let made = try await c.get(
                "createZone",
                [
                    ("name", "z-local"), ("dns1", "8.8.8.8"), ("internaldns1", "8.8.8.8"),
                    ("networktype", "Basic"),
                ]
            ).inner
            #expect(made["zone.localstorageenabled"]?.bool == false)
            let id = try #require(made["zone.id"]?.text)
            let updated = try await c.get(
                "updateZone", [("id", id), ("localstorageenabled", "true"), ("internaldns2", "10.10.1.101")]
            ).inner
            #expect(updated["zone.localstorageenabled"]?.bool == true)
            #expect(updated["zone.internaldns2"]?.text == "10.10.1.101")
            // Not "true" reads as false, as the server's Boolean.valueOf reads it.
            let yes = try await c.get("updateZone", [("id", id), ("localstorageenabled", "yes")]).inner
            #expect(yes["zone.localstorageenabled"]?.bool == false)
        }
    }

    @Test func podsAreCreatedUpdatedDisabledAndDeleted() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-2")], "zone.0.id")
            let made = try await c.get(
                "createPod",
                [
                    ("name", "pod-x"), ("zoneid", zone), ("startip", "10.100.10.101"),
                    ("gateway", "10.100.10.1"), ("netmask", "255.255.255.0"),
                ])
            #expect(made.status == 200, "\(made.body)")
            let pod = made.inner["pod"]
            #expect(pod?["allocationstate"]?.text == "Enabled")
            #expect(pod?["startip.0"]?.text == "10.100.10.101")
            #expect(pod?["endip.0"]?.text == "10.100.10.254")  // the subnet's last host when no endip
            #expect(pod?["zonename"]?.text == "Sandbox-2")
            let id = try #require(pod?["id"]?.text)
            let again = try await c.get(
                "createPod",
                [
                    ("name", "POD-X"), ("zoneid", zone), ("startip", "10.100.10.101"),
                    ("gateway", "10.100.10.1"), ("netmask", "255.255.255.0"),
                ])
            #expect(again.status == 431)
            let outside = try await c.get(
                "createPod",
                [
                    ("name", "pod-y"), ("zoneid", zone), ("startip", "10.200.0.5"),
                    ("gateway", "10.100.10.1"), ("netmask", "255.255.255.0"),
                ])
            #expect(outside.status == 431 && outside.body.contains("not in the subnet"), "\(outside.body)")
            let moved = try await c.get(
                "updatePod", [("id", id), ("gateway", "10.100.10.2"), ("allocationstate", "Disabled")]
            ).inner
            #expect(moved["pod.gateway"]?.text == "10.100.10.2")
            #expect(moved["pod.allocationstate"]?.text == "Disabled")
            #expect(moved["pod.endip.0"]?.text == "10.100.10.254")
            #expect(try await c.get("deletePod", [("id", id)]).inner["success"]?.bool == true)
            #expect(try await c.get("listPods", [("id", id)]).inner["count"] == nil)
            // A pod that still has clusters stays.
            let seeded = try await c.value("listPods", [("zoneid", zone)], "pod.0.id")
            #expect(try await c.get("deletePod", [("id", seeded)]).status == 536)
        }
    }

    @Test func clustersAndHostsThroughMaintenance() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let pod = try await c.value("listPods", [("zoneid", zone)], "pod.0.id")
            let added = try await c.get(
                "addCluster",
                [
                    ("clustername", "C9"), ("zoneid", zone), ("podid", pod),
                    ("hypervisor", "simulator"), ("clustertype", "CloudManaged"),
                ]
            ).inner
            #expect(added["count"]?.text == "1")  // a list of one, as the server answers
            #expect(added["cluster.0.hypervisortype"]?.text == "Simulator")
            #expect(added["cluster.0.allocationstate"]?.text == "Enabled")
            let cluster = try #require(added["cluster.0.id"]?.text)
            let updated = try await c.get("updateCluster", [("id", cluster), ("clustertype", "ExternalManaged")]).inner
            #expect(updated["cluster.clustertype"]?.text == "ExternalManaged")
            #expect(try await c.get("updateCluster", [("id", cluster), ("hypervisor", "KVM")]).status == 431)

            let host = try await c.get(
                "addHost",
                [
                    ("zoneid", zone), ("podid", pod), ("clusterid", cluster), ("hypervisor", "Simulator"),
                    ("url", "http://sim/c9/h0"), ("username", "root"), ("password", "password"),
                    ("hosttags", "perf,gpu"),
                ])
            #expect(!host.body.contains("password\":"), "the host's password is never shown")
            let h = try #require(host.inner["host.0"])
            #expect(h["name"]?.text?.hasPrefix("SimulatedAgent.") == true)
            #expect(h["state"]?.text == "Up")
            #expect(h["resourcestate"]?.text == "Enabled")
            #expect(h["hosttags"]?.text == "perf,gpu")
            #expect(h["clustername"]?.text == "C9")
            let hostID = try #require(h["id"]?.text)
            let tagged = try await c.get("updateHost", [("id", hostID), ("hosttags", "perf,gpu,x2")]).inner
            #expect(tagged["host.hosttags"]?.text == "perf,gpu,x2")
            // Not in maintenance: not deleted.
            #expect(try await c.get("deleteHost", [("id", hostID)]).status == 530)
            #expect(try await c.get("deleteCluster", [("id", cluster)]).status == 536)

            let prepared = try await c.job("prepareHostForMaintenance", [("id", hostID)])
            #expect(prepared["jobresult.host.resourcestate"]?.text == "Maintenance")
            #expect(try await c.get("prepareHostForMaintenance", [("id", hostID)]).status == 431)
            #expect(try await c.get("updateHost", [("id", hostID), ("allocationstate", "Enable")]).status == 431)
            let back = try await c.job("cancelHostMaintenance", [("id", hostID)])
            #expect(back["jobresult.host.resourcestate"]?.text == "Enabled")
            let disabled = try await c.get("updateHost", [("id", hostID), ("allocationstate", "Disable")]).inner
            #expect(disabled["host.resourcestate"]?.text == "Disabled")
            _ = try await c.job("prepareHostForMaintenance", [("id", hostID)])
            #expect(try await c.get("deleteHost", [("id", hostID)]).inner["success"]?.bool == true)
            #expect(try await c.get("deleteCluster", [("id", cluster)]).inner["success"]?.bool == true)
        }
    }

    @Test func maintenanceMovesRunningVMsToAnotherHost() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let vm = try await c.deploy()
            let vmID = try #require(vm["jobresult.virtualmachine.id"]?.text)
            let before = try await c.value("listVirtualMachines", [("id", vmID)], "virtualmachine.0.hostid")
            let job = try await c.job("prepareHostForMaintenance", [("id", before)])
            #expect(job["jobstatus"]?.text == "1", "\(job)")
            let after = try await c.value("listVirtualMachines", [("id", vmID)], "virtualmachine.0.hostid")
            #expect(after != before)
            let emptied = try await c.get("listHosts", [("id", before)]).inner
            #expect(emptied["host.0.memoryallocated"]?.number?.int == 0)
            #expect(emptied["host.0.resourcestate"]?.text == "Maintenance")
        }
    }

    @Test func vmsGoToTheHostAskedForAndMigrate() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let hosts = try await c.get("listHosts", [("zoneid", zone)]).inner
            let first = try #require(hosts["host.0.id"]?.text), second = try #require(hosts["host.1.id"]?.text)
            let vm = try await c.deploy([("hostid", second)])
            #expect(vm["jobresult.virtualmachine.hostid"]?.text == second, "\(vm)")
            let vmID = try #require(vm["jobresult.virtualmachine.id"]?.text)
            let onHost = try await c.get("listHosts", [("virtualmachineid", vmID)]).inner
            #expect(onHost["count"]?.text == "1")
            #expect(onHost["host.0.id"]?.text == second)
            #expect(
                try await c.get("migrateVirtualMachine", [("virtualmachineid", vmID), ("hostid", second)]).status == 431
            )
            let moved = try await c.job("migrateVirtualMachine", [("virtualmachineid", vmID), ("hostid", first)])
            #expect(moved["jobresult.virtualmachine.hostid"]?.text == first)
            #expect(moved["jobresult.virtualmachine.state"]?.text == "Running")
            _ = try await c.job("stopVirtualMachine", [("id", vmID)])
            let started = try await c.job("startVirtualMachine", [("id", vmID), ("hostid", second)])
            #expect(started["jobresult.virtualmachine.hostid"]?.text == second)
            // A host in another zone is refused at once.
            let other = try await c.value(
                "listHosts", [("zoneid", try await c.value("listZones", [("name", "Sandbox-2")], "zone.0.id"))],
                "host.0.id")
            #expect(
                try await c.get("migrateVirtualMachine", [("virtualmachineid", vmID), ("hostid", other)]).status == 431)
        }
    }

    @Test func capacityCountsPrimaryAndSecondaryStorage() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            func storage() async throws -> Value {
                try await c.get("listCapacity", [("zoneid", zone), ("type", "3")]).inner
            }
            let before = try await storage()
            #expect(before["capacity.0.name"]?.text == "STORAGE_ALLOCATED")
            #expect(before["capacity.0.capacitytotal"]?.number?.int == 2 << 40)  // the seeded pool
            let used = before["capacity.0.capacityused"]?.number?.int ?? -1
            let vm = try await c.deploy()
            let root = try await c.value(
                "listVolumes", [("virtualmachineid", try #require(vm["jobresult.virtualmachine.id"]?.text))],
                "volume.0.size")
            #expect(try await storage()["capacity.0.capacityused"]?.number?.int == used + (Int(root) ?? 0))
            let secondary = try await c.get("listCapacity", [("zoneid", zone), ("type", "6")]).inner
            #expect(secondary["capacity.0.name"]?.text == "SECONDARY_STORAGE")
        }
    }

    @Test func storagePoolsFromCreationToDeletion() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let pod = try await c.value("listPods", [("zoneid", zone)], "pod.0.id")
            let cluster = try await c.value("listClusters", [("podid", pod)], "cluster.0.id")
            let providers = try await c.get("listStorageProviders", [("type", "primary")]).inner
            #expect(providers["dataStoreProvider.0.name"]?.text == "DefaultPrimary")
            #expect(
                try await c.get("listStorageProviders", [("type", "image")]).inner["dataStoreProvider.0.name"]?.text
                    == "NFS")
            let made = try await c.get(
                "createStoragePool",
                [
                    ("name", "ceph"), ("zoneid", zone), ("podid", pod), ("clusterid", cluster),
                    ("url", "rbd://admin:SECRET@ceph-mons.domain/poolname"), ("scope", "cluster"),
                ])
            #expect(!made.body.contains("SECRET"), "the key in the URL is never kept")
            let p = try #require(made.inner["storagepool"])
            #expect(p["type"]?.text == "RBD")
            #expect(p["ipaddress"]?.text == "ceph-mons.domain")
            #expect(p["path"]?.text == "poolname")
            #expect(p["state"]?.text == "Up")
            #expect(p["scope"]?.text == "CLUSTER")
            #expect(p["provider"]?.text == "DefaultPrimary")
            let id = try #require(p["id"]?.text)
            let unknown = try await c.get(
                "createStoragePool",
                [
                    ("name", "x"), ("zoneid", zone), ("url", "nfs://h/p"),
                    ("provider", "DNE"), ("hypervisor", "Simulator"),
                ])
            #expect(unknown.status == 431)
            let off = try await c.get("updateStoragePool", [("id", id), ("enabled", "false"), ("tags", "eco,ssd")])
                .inner
            #expect(off["storagepool.state"]?.text == "Disabled")
            #expect(off["storagepool.tags"]?.text == "eco,ssd")
            #expect(try await c.get("deleteStoragePool", [("id", id)]).status == 431)  // not in maintenance
            let maint = try await c.job("enableStorageMaintenance", [("id", id)])
            #expect(maint["jobresult.storagepool.state"]?.text == "Maintenance")
            let up = try await c.job("cancelStorageMaintenance", [("id", id)])
            #expect(up["jobresult.storagepool.state"]?.text == "Up")
            _ = try await c.job("enableStorageMaintenance", [("id", id)])
            #expect(try await c.get("deleteStoragePool", [("id", id)]).inner["success"]?.bool == true)
            #expect(try await c.get("listStoragePools", [("name", "ceph")]).inner["count"] == nil)
        }
    }

    @Test func imageStoresRegionsAndThePlatformLists() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let store = try await c.get(
                "addImageStore",
                [
                    ("name", "images"), ("zoneid", zone), ("provider", "NFS"),
                    ("url", "nfs://nfs-mount.domain/share/images/"),
                ]
            ).inner
            #expect(store["imagestore.protocol"]?.text == "nfs")
            #expect(store["imagestore.providername"]?.text == "NFS")
            #expect(store["imagestore.scope"]?.text == "ZONE")
            let storeID = try #require(store["imagestore.id"]?.text)
            // the seeded one too
            #expect(try await c.get("listImageStores", [("zoneid", zone)]).inner["count"]?.text == "2")
            #expect(try await c.get("addImageStore", [("name", "bad"), ("provider", "DNE")]).status == 431)
            #expect(try await c.get("deleteImageStore", [("id", storeID)]).inner["success"]?.bool == true)

            let regions = try await c.get("listRegions").inner
            #expect(regions["region.0.id"]?.text == "1")
            #expect(regions["region.0.name"]?.text == "Local")
            let added = try await c.get(
                "addRegion", [("id", "2"), ("name", "Second"), ("endpoint", "http://second:8080/client/")]
            ).inner
            #expect(added["region.id"]?.number?.int == 2)
            #expect(
                try await c.get("addRegion", [("id", "2"), ("name", "Third"), ("endpoint", "http://x/")]).status == 431)
            #expect(
                try await c.get("updateRegion", [("id", "2"), ("name", "Two")]).inner["region.name"]?.text == "Two")
            #expect(try await c.get("removeRegion", [("id", "2")]).inner["success"]?.bool == true)

            #expect(
                try await c.get("listHypervisors", [("zoneid", zone)]).inner["hypervisor.0.name"]?.text == "Simulator")
            let caps = try await c.get("listHypervisorCapabilities", [("hypervisor", "Simulator")]).inner
            #expect(caps["hypervisorCapabilities.0.hypervisorversion"]?.text == "default")
            let categories = try await c.get("listOsCategories").inner
            #expect(categories["count"]?.text == "11")
            #expect(categories["oscategory.0.name"]?.text == "CentOS")
            // A user may read the platform lists but not change regions.
            let dev = c.signed()
            #expect(try await dev.get("listRegions").status == 200)
            #expect(
                try await dev.get("addRegion", [("id", "3"), ("name", "x"), ("endpoint", "http://x/")]).status == 432)
            #expect(try await dev.get("listStorageProviders", [("type", "primary")]).status == 432)
        }
    }
}

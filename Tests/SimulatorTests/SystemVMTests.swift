import Simulator
import TestSupport
import Testing
import Values

/// System VMs: seeded per zone as a real install runs them, and their start/stop/reboot/destroy/
/// migrate/scale/changeService/patch APIs.
@Suite struct SystemVMTests {
    @Test func everyZoneRunsASecondaryStorageVMAndAConsoleProxy() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let all = try await c.get("listSystemVms").inner
            #expect(all["count"]?.number?.int == 4)
            let zones = try #require(try await c.get("listZones").inner["zone"]?.list)
            for zone in zones {
                let id = try #require(zone[field: "id"]?.text)
                let vms = try #require(try await c.get("listSystemVms", [("zoneid", id)]).inner["systemvm"]?.list)
                #expect(
                    Set(vms.compactMap { $0[field: "systemvmtype"]?.text }) == ["secondarystoragevm", "consoleproxy"])
                for vm in vms {
                    #expect(vm[field: "state"]?.text == "Running")
                    #expect(vm[field: "agentstate"]?.text == "Up")
                    #expect(vm[field: "templatename"]?.text == "SystemVM Template (simulator)")
                    for key in [
                        "hostid", "hostname", "podid", "privateip", "publicip", "linklocalip", "gateway", "created",
                    ] {
                        #expect(vm[field: key]?.text != nil, "\(key) missing")
                    }
                    // Internal fields (the offering, the volume's pool) are not in the server's answer.
                    #expect(vm[field: "serviceofferingid"] == nil && vm[field: "storageid"] == nil)
                }
            }
            let first = try #require(all["systemvm.0"])
            #expect(first[field: "name"]?.text == "s-1-VM")
            #expect(all["systemvm.1.name"]?.text == "v-2-VM")
            #expect(all["systemvm.1.activeviewersessions"]?.number?.int == 0)
            let proxies = try await c.get("listSystemVms", [("systemvmtype", "consoleproxy")]).inner
            #expect(proxies["count"]?.number?.int == 2)
            // The classic internal id names the first system VM.
            #expect(try await c.value("listSystemVms", [("id", "1")], "systemvm.0.name") == "s-1-VM")
            // A system VM's public address is never handed to an account.
            let ip = try await c.value(
                "associateIpAddress", [("zoneid", try #require(zones[0][field: "id"]?.text))], "jobid")
            let job = try await c.wait(job: ip)
            #expect(
                Set(try #require(all["systemvm"]?.list).compactMap { $0[field: "publicip"]?.text })
                    .contains(job["jobresult.ipaddress.ipaddress"]?.text ?? "") == false)
            // Root admins only.
            #expect(try await c.signed().get("listSystemVms").status == 432)
            // Their offerings show with issystem=true only.
            let offerings = try await c.get(
                "listServiceOfferings", [("issystem", "true"), ("systemvmtype", "secondarystoragevm")]
            ).inner
            #expect(offerings["serviceoffering.0.name"]?.text == "System Offering For Secondary Storage VM")
            let everyday = try #require(try await c.get("listServiceOfferings").inner["serviceoffering"]?.list)
            #expect(everyday.allSatisfy { $0[field: "issystem"]?.bool == false })
        }
    }

    @Test func stopStartRebootAndDestroy() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let id = try await c.value("listSystemVms", [("systemvmtype", "consoleproxy")], "systemvm.0.id")
            let stopped = try await c.job("stopSystemVm", [("id", id)])
            #expect(stopped["jobstatus"]?.number?.int == 1)
            #expect(stopped["cmd"]?.text == "org.apache.cloudstack.api.command.admin.systemvm.StopSystemVmCmd")
            #expect(stopped["jobinstancetype"]?.text == "ConsoleProxy")
            #expect(stopped["jobresult.systemvm.state"]?.text == "Stopped")
            #expect(stopped["jobresult.systemvm.hostid"] == nil)
            // Rebooting a stopped one starts it.
            let rebooted = try await c.job("rebootSystemVm", [("id", id)])
            #expect(rebooted["jobresult.systemvm.state"]?.text == "Running")
            #expect(rebooted["jobresult.systemvm.agentstate"]?.text == "Up")
            _ = try await c.job("stopSystemVm", [("id", id)])
            let started = try await c.job("startSystemVm", [("id", id)])
            #expect(started["cmd"]?.text == "org.apache.cloudstack.api.command.admin.systemvm.StartSystemVMCmd")
            #expect(started["jobresult.systemvm.state"]?.text == "Running")
            #expect(started["jobresult.systemvm.hostid"]?.text != nil)
            // Events are named after the kind of system VM.
            let events = try #require(try await c.get("listEvents", [("type", "PROXY.STOP")]).inner["event"]?.list)
            #expect(events.count == 4)  // two stops, each Scheduled and Completed
            #expect(
                try await c.value("listEvents", [("type", "PROXY.START")], "event.0.resourcetype") == "ConsoleProxy")

            // A user VM is not a system VM; an unknown id is the dispatcher's error.
            let vm = try #require(try await c.deploy()["jobresult.virtualmachine.id"]?.text)
            let notSystem = try await c.get("startSystemVm", [("id", vm)])
            #expect(notSystem.status == 431)
            #expect(notSystem.inner["errortext"]?.text == "unable to find a system vm with specified vmId")
            let unknown = try await c.get("stopSystemVm", [("id", "00000000-0000-0000-0000-000000000000")])
            #expect(unknown.status == 431)
            #expect(unknown.inner["errortext"]?.text?.contains("Invalid parameter id value=") == true)

            // A destroyed system VM is replaced in its zone by a new one.
            let zone = try await c.value("listSystemVms", [("id", id)], "systemvm.0.zoneid")
            let destroyed = try await c.job("destroySystemVm", [("id", id)])
            #expect(destroyed["jobresult.systemvm.id"]?.text == id)
            let now = try #require(
                try await c.get("listSystemVms", [("zoneid", zone), ("systemvmtype", "consoleproxy")]).inner[
                    "systemvm"]?.list)
            #expect(now.count == 1)
            #expect(now.first?[field: "id"]?.text != id)
            #expect(now.first?[field: "name"]?.text == "v-5-VM")
            #expect(now.first?[field: "state"]?.text == "Running")
            #expect(try await c.get("listSystemVms", [("id", id)]).inner["count"] == nil)
        }
    }

    @Test func migrateToAnotherHostOrPool() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let ssvm = try #require(
                try await c.get("listSystemVms", [("systemvmtype", "secondarystoragevm")]).inner["systemvm.0"])
            let id = try #require(ssvm[field: "id"]?.text), from = try #require(ssvm[field: "hostid"]?.text)
            let zone = try #require(ssvm[field: "zoneid"]?.text)
            let same = try await c.get("migrateSystemVm", [("virtualmachineid", id), ("hostid", from)])
            #expect(same.status == 431)
            #expect(same.inner["errortext"]?.text == "Cannot migrate VM, destination host is same as current host")
            let hosts = try #require(
                try await c.get("listHosts", [("zoneid", zone), ("type", "Routing")]).inner["host"]?.list)
            let other = try #require(hosts.compactMap { $0[field: "id"]?.text }.first { $0 != from })
            let moved = try await c.job("migrateSystemVm", [("virtualmachineid", id), ("hostid", other)])
            #expect(moved["cmd"]?.text == "org.apache.cloudstack.api.command.admin.systemvm.MigrateSystemVMCmd")
            #expect(moved["jobresult.systemvm.hostid"]?.text == other)
            #expect(moved["jobresult.systemvm.state"]?.text == "Running")
            // autoselect (the default) picks another host.
            let auto = try await c.job("migrateSystemVm", [("virtualmachineid", id)])
            #expect(auto["jobresult.systemvm.hostid"]?.text == from)
            let neither = try await c.get("migrateSystemVm", [("virtualmachineid", id), ("autoselect", "false")])
            #expect(neither.inner["errortext"]?.text == "Either hostId or storageId must be specified")
            // A volume moves only while the VM is stopped.
            let pool = try await c.value("listStoragePools", [("zoneid", zone)], "storagepool.0.id")
            let running = try await c.get("migrateSystemVm", [("virtualmachineid", id), ("storageid", pool)])
            #expect(
                running.inner["errortext"]?.text
                    == "VM is not Stopped, unable to migrate the vm having the specified id")
            _ = try await c.job("stopSystemVm", [("id", id)])
            let offline = try await c.job("migrateSystemVm", [("virtualmachineid", id), ("storageid", pool)])
            #expect(offline["jobresult.systemvm.state"]?.text == "Stopped")
            #expect(try await c.value("listSystemVms", [("storageid", pool), ("id", id)], "count") == "1")
            let stoppedHost = try await c.get("migrateSystemVm", [("virtualmachineid", id), ("hostid", other)])
            #expect(
                stoppedHost.inner["errortext"]?.text == "VM is not Running, unable to migrate the vm with specified id")
        }
    }

    @Test func scaleAndChangeServiceTakeSystemOfferings() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let id = try await c.value("listSystemVms", [("systemvmtype", "consoleproxy")], "systemvm.0.id")
            let bigger = try await c.value(
                "createServiceOffering",
                [
                    ("name", "Big proxy"), ("displaytext", "Big proxy"), ("cpunumber", "2"), ("cpuspeed", "1000"),
                    ("memory", "2048"),
                    ("issystem", "true"), ("systemvmtype", "consoleproxy"),
                ], "serviceoffering.id")
            let small = try await c.value("listServiceOfferings", [("name", "Small Instance")], "serviceoffering.0.id")
            let userOffering = try await c.get("changeServiceForSystemVm", [("id", id), ("serviceofferingid", small)])
            #expect(userOffering.status == 431)
            #expect(
                userOffering.inner["errortext"]?.text
                    == "isSystem property is different for current service offering and new service offering")
            let scaled = try await c.job("scaleSystemVm", [("id", id), ("serviceofferingid", bigger)])
            #expect(scaled["jobstatus"]?.number?.int == 1)
            #expect(scaled["cmd"]?.text == "org.apache.cloudstack.api.command.admin.systemvm.ScaleSystemVMCmd")
            let again = try await c.get("changeServiceForSystemVm", [("id", id), ("serviceofferingid", bigger)])
            #expect(
                again.inner["errortext"]?.text?.hasSuffix(
                    "since it already has the requested service offering (Big proxy)") == true)
            // A running one only grows.
            let original = try await c.value(
                "listServiceOfferings",
                [
                    ("issystem", "true"), ("systemvmtype", "consoleproxy"),
                    ("name", "System Offering For Console Proxy"),
                ], "serviceoffering.0.id")
            let down = try await c.get("scaleSystemVm", [("id", id), ("serviceofferingid", original)])
            #expect(down.status == 431)
            #expect(down.inner["errortext"]?.text?.hasPrefix("Only scaling up the vm is supported") == true)
            _ = try await c.job("stopSystemVm", [("id", id)])
            let changed = try await c.get("changeServiceForSystemVm", [("id", id), ("serviceofferingid", original)])
            #expect(changed.status == 200)
            #expect(changed.inner["systemvm.id"]?.text == id)
        }
    }

    @Test func patchNeedsARunningSystemVM() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let id = try await c.value("listSystemVms", [], "systemvm.0.id")
            let patched = try await c.job("patchSystemVm", [("id", id)])
            #expect(patched["jobstatus"]?.number?.int == 1)
            #expect(patched["jobresult.success"]?.bool == true)
            _ = try await c.job("stopSystemVm", [("id", id)])
            let refused = try await c.job("patchSystemVm", [("id", id)])
            #expect(refused["jobstatus"]?.number?.int == 2)
            #expect(
                refused["jobresult.errortext"]?.text?.hasSuffix(
                    "as it is not in Running state. Please destroy and recreate the SystemVM.") == true)
            let noID = try await c.get("patchSystemVm")
            #expect(noID.inner["errortext"]?.text == "Please provide a valid ID of a system VM to be patched")
        }
    }

    @Test func aNewZoneGetsItsSystemVMsOnceEnabledWithAHostAndStorage() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value(
                "createZone",
                [
                    ("name", "z-new"), ("dns1", "8.8.8.8"), ("internaldns1", "8.8.8.8"),
                    ("networktype", "Basic"),
                ], "zone.id")
            let pod = try await c.value(
                "createPod",
                [
                    ("name", "p-new"), ("zoneid", zone), ("startip", "10.90.0.10"),
                    ("endip", "10.90.0.50"), ("gateway", "10.90.0.1"), ("netmask", "255.255.255.0"),
                ], "pod.id")
            let cluster = try await c.value(
                "addCluster",
                [
                    ("clustername", "c-new"), ("zoneid", zone), ("podid", pod),
                    ("hypervisor", "Simulator"), ("clustertype", "CloudManaged"),
                ], "cluster.0.id")
            _ = try await c.get(
                "addHost",
                [
                    ("zoneid", zone), ("podid", pod), ("clusterid", cluster), ("hypervisor", "Simulator"),
                    ("url", "http://sim/new/h0"), ("username", "root"), ("password", "password"),
                ])
            _ = try await c.get(
                "addImageStore",
                [
                    ("name", "new-images"), ("zoneid", zone), ("provider", "NFS"),
                    ("url", "nfs://192.0.2.10/export/new"),
                ])
            // A new zone is Disabled until enabled: no system VMs yet.
            #expect(try await c.get("listSystemVms", [("zoneid", zone)]).inner["count"] == nil)
            _ = try await c.get("updateZone", [("id", zone), ("allocationstate", "Enabled")])
            let vms = try await c.get("listSystemVms", [("zoneid", zone)]).inner
            #expect(vms["count"]?.number?.int == 2)
            #expect(vms["systemvm.0.podid"]?.text == pod)
            #expect(vms["systemvm.0.privateip"]?.text == "10.90.0.50")
        }
    }
}

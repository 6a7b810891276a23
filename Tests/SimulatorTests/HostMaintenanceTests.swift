import Simulator
import TestSupport
import Testing
import Values

/// updateHostPassword and startRollingMaintenance.
@Suite struct HostMaintenanceTests {
    /// A KVM cluster of `hosts` hosts added with username root; its id and the hosts' ids.
    func kvmCluster(_ c: TestClient, hosts: Int) async throws -> (String, [String]) {
        let zone = try await c.value("listZones", [], "zone.0.id")
        let pod = try await c.value("listPods", [], "pod.0.id")
        let cluster = try await c.value(
            "addCluster",
            [
                ("clustername", "K1"), ("zoneid", zone), ("podid", pod), ("hypervisor", "KVM"),
                ("clustertype", "CloudManaged"),
            ], "cluster.0.id")
        var ids: [String] = []
        for i in 0..<hosts {
            ids.append(
                try await c.value(
                    "addHost",
                    [
                        ("zoneid", zone), ("podid", pod), ("clusterid", cluster), ("hypervisor", "KVM"),
                        ("url", "http://kvm\(i)"), ("username", "root"), ("password", "old-secret"),
                    ], "host.0.id"))
        }
        return (cluster, ids)
    }

    @Test func hostPasswordsChangeForKVMHostsUnderTheirUsername() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let (cluster, hosts) = try await kvmCluster(c, hosts: 2)
            let ok = try await c.get(
                "updateHostPassword", [("hostid", hosts[0]), ("username", "root"), ("password", "n3w")])
            #expect(ok.inner["success"]?.bool == true)
            #expect(!ok.body.contains("n3w"))
            let other = try await c.get(
                "updateHostPassword", [("hostid", hosts[0]), ("username", "admin"), ("password", "x")])
            #expect(other.status == 431)
            #expect(other.inner["errortext"]?.text == "The username is not same for the hosts..")
            #expect(
                try await c.get(
                    "updateHostPassword", [("clusterid", cluster), ("username", "root"), ("password", "y")]
                )
                .inner["success"]?.bool == true)
            // The simulator's own hosts keep no agent login.
            let simHost = try await c.value(
                "listHosts", [("hypervisor", "Simulator"), ("type", "Routing")], "host.0.id")
            let sim = try await c.get(
                "updateHostPassword", [("hostid", simHost), ("username", "root"), ("password", "z")])
            #expect(sim.inner["errortext"]?.text == "This operation is not supported for this hypervisor type")
            let neither = try await c.get("updateHostPassword", [("username", "root"), ("password", "z")])
            #expect(neither.inner["errortext"]?.text == "You should provide an host id.")
        }
    }

    @Test func rollingMaintenanceChecksKVMHostsAndSkipsThoseWithoutHooks() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [], "zone.0.id")
            // Only KVM hosts take part: a zone of simulator hosts has nothing to do.
            let empty = try await c.job("startRollingMaintenance", [("zoneids", zone)])
            #expect(empty["jobresult.rollingmaintenance.success"]?.bool == true)
            #expect(empty["jobresult.rollingmaintenance.details"]?.text == "OK")

            let (cluster, one) = try await kvmCluster(c, hosts: 1)
            // A lone host has no other host of its cluster to take its VMs.
            let lone = try await c.job("startRollingMaintenance", [("clusterids", cluster)])
            #expect(lone["jobresult.rollingmaintenance.success"]?.bool == false)
            #expect(
                lone["jobresult.rollingmaintenance.details"]?.text?.hasPrefix(
                    "Error starting rolling maintenance: No host available in cluster \(cluster)") == true)
            let pod = try await c.value("listPods", [], "pod.0.id")
            _ = try await c.get(
                "addHost",
                [
                    ("zoneid", zone), ("podid", pod), ("clusterid", cluster), ("hypervisor", "KVM"),
                    ("url", "http://kvm9"), ("username", "root"), ("password", "p"),
                ])
            let two = try await c.job("startRollingMaintenance", [("hostids", one[0])])
            #expect(two["jobresult.rollingmaintenance.success"]?.bool == true)
            #expect(two["jobresult.rollingmaintenance.hostsskipped.0.hostid"]?.text == one[0])
            #expect(
                two["jobresult.rollingmaintenance.hostsskipped.0.reason"]?.text
                    == "There is no maintenance script on the host")
            // A disabled host stops the run unless forced.
            _ = try await c.get("updateHost", [("id", one[0]), ("allocationstate", "Disable")])
            let disabled = try await c.job("startRollingMaintenance", [("hostids", one[0])])
            #expect(
                disabled["jobresult.rollingmaintenance.details"]?.text?.contains("is not enabled, state = Disabled")
                    == true)
            let forced = try await c.job("startRollingMaintenance", [("hostids", one[0]), ("forced", "true")])
            #expect(forced["jobresult.rollingmaintenance.success"]?.bool == true)
            #expect(
                forced["jobresult.rollingmaintenance.hostsskipped.0.reason"]?.text?.contains("is not enabled") == true)
            let quick = try await c.job("startRollingMaintenance", [("hostids", one[0]), ("timeout", "5")])
            #expect(
                quick["jobresult.rollingmaintenance.details"]?.text?.hasPrefix("The timeout value provided must be")
                    == true)
            let none = try await c.job("startRollingMaintenance")
            #expect(
                none["jobresult.errortext"]?.text?.hasPrefix("Parameters podId, clusterId, zoneId, hostId are mutually")
                    == true)
        }
    }
}

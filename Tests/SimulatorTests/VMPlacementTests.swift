import Simulator
import TestSupport
import Testing
import Values

/// Where a deploy or start puts a VM: the root admin may name a pod, cluster or host; anyone else's
/// `podid`/`clusterid` are dropped and their `hostid` fails the job, as the server's start refuses it.
@Suite struct VMPlacementTests {
    /// A new cluster with one host in the first pod of Sandbox-1: (cluster, pod, host).
    func newCluster(_ c: TestClient) async throws -> (cluster: String, pod: String, host: String) {
        let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
        let pod = try await c.value("listPods", [("zoneid", zone)], "pod.0.id")
        let cluster = try await c.value(
            "addCluster",
            [
                ("clustername", "placed"), ("zoneid", zone), ("podid", pod), ("hypervisor", "Simulator"),
                ("clustertype", "CloudManaged"),
            ], "cluster.0.id")
        let host = try await c.value(
            "addHost",
            [
                ("zoneid", zone), ("podid", pod), ("clusterid", cluster), ("hypervisor", "Simulator"),
                ("url", "http://sim/placed/h0"), ("username", "root"), ("password", "password"),
            ], "host.0.id")
        return (cluster, pod, host)
    }

    @Test func theRootAdminPlacesByClusterAndHost() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let new = try await newCluster(c)
            // Left alone, the planner takes the first host with room, never the new one.
            let free = try await c.deploy()
            #expect(free["jobresult.virtualmachine.hostid"]?.text != new.host, "\(free)")
            let inCluster = try await c.deploy([("clusterid", new.cluster), ("podid", new.pod)])
            #expect(inCluster["jobresult.virtualmachine.hostid"]?.text == new.host, "\(inCluster)")
            let vmID = try #require(inCluster["jobresult.virtualmachine.id"]?.text)
            _ = try await c.job("stopVirtualMachine", [("id", vmID)])
            let started = try await c.job("startVirtualMachine", [("id", vmID), ("clusterid", new.cluster)])
            #expect(started["jobresult.virtualmachine.hostid"]?.text == new.host, "\(started)")
            // A host that is not Up and Enabled fails the job; the VM is left in Error.
            _ = try await c.get("updateHost", [("id", new.host), ("allocationstate", "Disable")])
            let refused = try await c.deploy([("hostid", new.host)])
            #expect(refused["jobstatus"]?.text == "2")
            #expect(refused["jobresult.errorcode"]?.text == "431")
            let text = try #require(refused["jobresult.errortext"]?.text)
            #expect(text.hasPrefix("Unable to deploy the VM as the host: SimulatedAgent."), "\(text)")
            #expect(text.hasSuffix(" is not in the right state"))
            let failed = try #require(refused["jobinstanceid"]?.text)
            #expect(try await c.value("listVirtualMachines", [("id", failed)], "virtualmachine.0.state") == "Error")
        }
    }

    @Test func othersMayNotChooseWhereAVMRuns() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim)
            let new = try await newCluster(admin)
            let dev = admin.signed()
            // podid and clusterid are not theirs to pass: dropped, the planner chooses.
            let chosen = try await dev.deploy([("clusterid", new.cluster), ("podid", new.pod)])
            #expect(chosen["jobstatus"]?.text == "1", "\(chosen)")
            #expect(chosen["jobresult.virtualmachine.hostid"] == nil, "a user's view shows no host")
            let vmID = try #require(chosen["jobresult.virtualmachine.id"]?.text)
            #expect(
                try await admin.value("listVirtualMachines", [("id", vmID)], "virtualmachine.0.hostid") != new.host)
            // hostid is on the user command, and the start refuses it: the deploy's VM ends in Error.
            let refused = try await dev.deploy([("hostid", new.host)])
            #expect(refused["jobstatus"]?.text == "2")
            #expect(refused["jobresult.errorcode"]?.text == "531")
            #expect(
                refused["jobresult.errortext"]?.text
                    == "Parameter hostid can only be specified by a Root Admin, permission denied")
            let failed = try #require(refused["jobinstanceid"]?.text)
            #expect(try await dev.value("listVirtualMachines", [("id", failed)], "virtualmachine.0.state") == "Error")
            // The same on start; the VM stays Stopped.
            _ = try await dev.job("stopVirtualMachine", [("id", vmID)])
            let start = try await dev.job("startVirtualMachine", [("id", vmID), ("hostid", new.host)])
            #expect(start["jobresult.errorcode"]?.text == "531", "\(start)")
            #expect(try await dev.value("listVirtualMachines", [("id", vmID)], "virtualmachine.0.state") == "Stopped")
        }
    }
}

import Simulator
import TestSupport
import Testing
import Values

/// The metrics views: the plain list's items with the server's computed figures.
@Suite struct MetricsTests {
    @Test func vmVolumeHostClusterAndZoneMetrics() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let vm = try await c.deploy(offering: "Medium Instance")  // 2 x 2000 MHz, 2048 MB
            let id = try #require(vm["jobresult.virtualmachine.id"]?.text)
            let m = try await c.get("listVirtualMachinesMetrics", [("id", id)]).inner
            #expect(m["count"]?.number?.int == 1)
            #expect(m["virtualmachine.0.cputotal"]?.text == "4.00 Ghz")
            #expect(m["virtualmachine.0.memorytotal"]?.text == "2.00 GB")
            #expect(m["virtualmachine.0.ipaddress"]?.text == vm["jobresult.virtualmachine.nic.0.ipaddress"]?.text)
            #expect(m["virtualmachine.0.diskiopstotal"]?.number?.int == 0)
            #expect(m["virtualmachine.0.name"]?.text == vm["jobresult.virtualmachine.name"]?.text)
            // A user sees only its own, as with listVirtualMachines.
            #expect(try await c.signed().get("listVirtualMachinesMetrics", [("id", id)]).inner["count"] == nil)

            let volume = try await c.get("listVolumesMetrics", [("virtualmachineid", id)]).inner
            let bytes = try #require(volume["volume.0.size"]?.number?.int)
            #expect(volume["volume.0.sizegb"]?.text == MetricsFormat.gb(bytes))

            let host = try #require(vm["jobresult.virtualmachine.hostid"]?.text)
            let h = try await c.get("listHostsMetrics", [("id", host)]).inner
            #expect(h["host.0.cputotalghz"]?.text == "153.60 Ghz (x 1.0)")  // 64 x 2.4 GHz
            // From the host's rounded percentage ("2.6%" of 153.6 GHz), as the server computes it.
            #expect(h["host.0.cpuallocated"]?.text == "2.6%")
            #expect(h["host.0.cpuallocatedghz"]?.text == "3.99 Ghz")
            #expect(h["host.0.memoryallocatedgb"]?.text == "2.00 GB")
            #expect(h["host.0.memorytotalgb"]?.text == "192.00 GB (x 1.0)")
            #expect(h["host.0.instances"]?.text == "1 / 1")
            #expect(h["host.0.powerstate"]?.text == "Disabled")
            #expect(h["host.0.cputhreshold"]?.bool == false)

            let zone = try #require(vm["jobresult.virtualmachine.zoneid"]?.text)
            let z = try await c.get("listZonesMetrics", [("id", zone)]).inner
            #expect(z["zone.0.cputotal"]?.text == "307.20 Ghz")
            #expect(z["zone.0.memorytotal"]?.text == "384.00 GB")
            #expect(z["zone.0.clusters"]?.text == "1 / 1")
            #expect(z["zone.0.memoryallocated"]?.text == "0.52%")  // 2 GB of 384 GB
            #expect(z["zone.0.state"]?.text == "Enabled")
            let cl = try await c.get("listClustersMetrics", [("zoneid", zone)]).inner
            #expect(cl["cluster.0.hosts"]?.text == "2 / 2")
            #expect(cl["cluster.0.cpuallocated"]?.text == "1.30%")  // 4000 of 307200 MHz
            #expect(cl["cluster.0.memoryallocatedthreshold"]?.bool == false)
            // Root admins only for hosts and clusters; everyone lists zones.
            #expect(try await c.signed().get("listHostsMetrics").status == 432)
            #expect(try await c.signed().get("listZonesMetrics").status == 200)
        }
    }

    @Test func theManagementServerItsDatabaseAndTheInfrastructure() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let ms = try await c.get("listManagementServers").inner
            #expect(ms["count"]?.number?.int == 1)
            #expect(ms["managementserver.0.state"]?.text == "Up")
            #expect(ms["managementserver.0.version"]?.text == "4.18.0.0")
            #expect(ms["managementserver.0.lastserverstart"]?.text != nil)
            #expect(ms["managementserver.0.serviceip"] == nil)
            let metrics = try await c.get("listManagementServersMetrics").inner
            #expect(metrics["managementserver.0.agentcount"]?.number?.int == 4)
            #expect(metrics["managementserver.0.dbislocal"]?.bool == true)
            #expect(try await c.get("listDbMetrics").inner["dbMetrics.connections"]?.number?.int == 1)
            #expect(try await c.get("listUsageServerMetrics").inner["usageMetrics.state"]?.text == "Down")
            let infra = try await c.get("listInfrastructure").inner
            #expect(infra["count"]?.number?.int == 1)
            #expect(infra["infrastructure.zones"]?.number?.int == 2)
            #expect(infra["infrastructure.hosts"]?.number?.int == 4)
            #expect(infra["infrastructure.systemvms"]?.number?.int == 4)
            #expect(infra["infrastructure.managementservers"]?.number?.int == 1)
            #expect(infra["infrastructure.alerts"]?.number?.int == 1)
            #expect(infra["infrastructure.cpusockets"]?.number?.int == 4)
            #expect(try await c.signed().get("listInfrastructure").status == 432)
        }
    }
}

/// The server's `%.2f GB` of a size in bytes, computed independently of the simulator's formatter.
enum MetricsFormat {
    static func gb(_ bytes: Int) -> String {
        let hundredths = (bytes * 100 + (1 << 29)) >> 30
        let frac = hundredths % 100
        return "\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac) GB"
    }
}

import Simulator
import TestSupport
import Testing
import Values

/// findHostsForMigration and migrateVirtualMachineWithVolume through the HTTP API.
@Suite struct VMMigrationTests {
    @Test func aRunningVMMovesToAnotherHostWithItsVolumes() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let deployed = try await c.deploy()
            let vm = try #require(deployed["jobresult.virtualmachine.id"]?.text)
            let zone = try #require(deployed["jobresult.virtualmachine.zoneid"]?.text)
            let host = try #require(deployed["jobresult.virtualmachine.hostid"]?.text)
            let found = try await c.get("findHostsForMigration", [("virtualmachineid", vm)]).inner
            let candidates = found["host"]?.list ?? []
            #expect(!candidates.isEmpty, "\(found)")
            #expect(!candidates.contains { $0[field: "id"]?.text == host })
            let other = try #require(
                candidates.first { $0[field: "suitableformigration"]?.bool == true }?[field: "id"]?.text)
            #expect(candidates.first?[field: "requiresStorageMotion"]?.bool == false)

            let made = try await c.get(
                "createStoragePool",
                [
                    ("name", "second"), ("zoneid", zone), ("scope", "zone"),
                    ("hypervisor", "Simulator"), ("url", "nfs://192.0.2.20/export/second"),
                ])
            let pool = try #require(made.inner["storagepool.id"]?.text, "\(made.body)")
            let root = try await c.value("listVolumes", [("virtualmachineid", vm)], "volume.0.id")
            #expect(
                try await c.get("migrateVirtualMachineWithVolume", [("virtualmachineid", vm), ("hostid", host)]).status
                    == 431)
            let moved = try await c.job(
                "migrateVirtualMachineWithVolume",
                [
                    ("virtualmachineid", vm), ("hostid", other),
                    ("migrateto[0].volume", root), ("migrateto[0].pool", pool),
                ])
            #expect(moved["jobresult.virtualmachine.hostid"]?.text == other, "\(moved)")
            #expect(moved["jobresult.virtualmachine.state"]?.text == "Running")
            #expect(try await c.value("listVolumes", [("id", root)], "volume.0.storageid") == pool)

            _ = try await c.job("stopVirtualMachine", [("id", vm)])
            let stopped = try await c.get("findHostsForMigration", [("virtualmachineid", vm)])
            #expect(stopped.inner["errortext"]?.text == "VM is not running, cannot migrate the vm with specified id")
        }
    }
}

@testable import Simulator
import TestSupport
import Testing
import Values

/// The expunge thread: a VM destroyed without `expunge` is recoverable for expunge.delay seconds,
/// then goes as if expunged.
@Suite struct VMExpungeTests {
    @Test func aDestroyedVMIsExpungedOnceTheDelayHasPassed() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            // The default delay (a day) keeps a destroyed VM: it can be recovered.
            let kept = try #require(try await c.deploy()["jobresult.virtualmachine.id"]?.text)
            _ = try await c.job("destroyVirtualMachine", [("id", kept)])
            let listed = try await c.get("listVirtualMachines", [("id", kept)]).inner
            #expect(listed["virtualmachine.0.state"]?.text == "Destroyed")
            #expect(try await c.get("recoverVirtualMachine", [("id", kept)]).status == 200)

            _ = try await c.get("updateConfiguration", [("name", "expunge.delay"), ("value", "0")])
            let vm = try #require(try await c.deploy()["jobresult.virtualmachine.id"]?.text)
            let destroyed = try await c.job("destroyVirtualMachine", [("id", vm)])
            #expect(destroyed["jobresult.virtualmachine.state"]?.text == "Destroyed")
            // The next request finds it expunged: not listed, not recoverable.
            #expect(try await c.get("listVirtualMachines", [("id", vm)]).inner["count"] == nil)
            #expect(try await c.get("recoverVirtualMachine", [("id", vm)]).status == 431)
            // The recovered VM (destroyed before the delay changed) is left alone.
            #expect(
                try await c.get("listVirtualMachines", [("id", kept)]).inner["virtualmachine.0.state"]?.text
                    == "Stopped")
        }
    }

    @Test func theSimulatorContainersDataCenterExpungesAfterTwentySeconds() async throws {
        try await withSimulator(quickJobOptions { $0.datacenter = .cloudstackSimulator }) { sim async throws in
            let c = TestClient(sim)
            for (name, value) in [
                ("expunge.delay", "20"), ("expunge.interval", "20"), ("account.cleanup.interval", "20"),
            ] {
                let setting = try await c.get("listConfigurations", [("name", name)]).inner
                let match = setting["configuration"]?.list?.first { $0["name"]?.text == name }
                #expect(match?["value"]?.text == value, "\(name): \(setting)")
            }
        }
    }
}

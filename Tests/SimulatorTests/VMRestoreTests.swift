import Simulator
import TestSupport
import Testing
import Values

/// restoreVirtualMachine keeps the VM's state and may change its template.
@Suite struct VMRestoreTests {
    @Test func aRunningVMIsRestoredRunning() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let vm = try await c.deploy()
            let id = try #require(vm["jobresult.virtualmachine.id"]?.text)
            let restored = try await c.job("restoreVirtualMachine", [("virtualmachineid", id)])
            #expect(restored["jobresult.virtualmachine.state"]?.text == "Running")
            #expect(
                restored["jobresult.virtualmachine.templateid"]?.text == vm["jobresult.virtualmachine.templateid"]?.text
            )
            _ = try await c.job("destroyVirtualMachine", [("id", id)])
            let refused = try await c.get("restoreVirtualMachine", [("virtualmachineid", id)])
            #expect(refused.status == 530)
            #expect(
                refused.inner["errortext"]?.text?.hasSuffix("restore vm can only execute when VM in Running or Stopped")
                    == true)
        }
    }
}

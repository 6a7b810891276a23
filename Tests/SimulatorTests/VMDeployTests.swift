@testable import Simulator
import TestSupport
import Testing
import Values

/// deployVirtualMachine's group names resolve among the VM owner's groups: the project's when
/// it deploys into one (DeployVMCmd.getAffinityGroupIdList with getEntityOwnerId).
@Suite struct VMDeployTests {
    @Test func affinityGroupNamesAreTheOwnersGroups() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let project = try await c.project("web")
            let own = try #require(
                try await c.job("createAffinityGroup", [("name", "spread"), ("type", "host anti-affinity")])[
                    "jobresult.affinitygroup.id"]?.text)
            let theirs = try #require(
                try await c.job(
                    "createAffinityGroup",
                    [("name", "spread"), ("type", "host anti-affinity"), ("projectid", project)])[
                        "jobresult.affinitygroup.id"]?.text)

            let mine = try await c.deploy([("name", "a1"), ("affinitygroupnames", "spread")])
            #expect(mine["jobresult.virtualmachine.affinitygroup.0.id"]?.text == own, "\(mine)")
            let inProject = try await c.deploy([
                ("name", "p1"), ("affinitygroupnames", "spread"), ("projectid", project),
            ])
            #expect(inProject["jobresult.virtualmachine.affinitygroup.0.id"]?.text == theirs, "\(inProject)")

            let params = try await c.deployParameters()
            let missing = try await c.get("deployVirtualMachine", params + [("affinitygroupnames", "nope")])
            #expect(missing.status == 431)
            #expect(missing.inner["errortext"]?.text == "Unable to find affinity group by name nope")
            let both = try await c.get(
                "deployVirtualMachine", params + [("affinitygroupnames", "spread"), ("affinitygroupids", own)])
            #expect(
                both.inner["errortext"]?.text
                    == "affinitygroupids parameter is mutually exclusive with affinitygroupnames parameter")
        }
    }

    /// A disabled zone refuses other callers' VMs with PermissionDenied naming its internal id, and still
    /// takes the root admin's (UserVmManagerImpl.createVirtualMachine).
    @Test func aDisabledZoneTakesOnlyTheRootAdminsVMs() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim), dev = c.signed()
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            _ = try await c.get("updateZone", [("id", zone), ("allocationstate", "Disabled")])
            let params = try await dev.deployParameters()
            let refused = try await dev.get("deployVirtualMachine", params)
            #expect(refused.status == 531, "\(refused.body)")
            #expect(refused.inner["errortext"]?.text == "Cannot perform this operation, Zone is currently disabled: 1")
            let admins = try await c.deploy([("name", "in-disabled")])
            #expect(admins["jobresult.virtualmachine.state"]?.text == "Running", "\(admins)")
        }
    }
}

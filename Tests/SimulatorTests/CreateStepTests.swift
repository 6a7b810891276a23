import Simulator
import TestSupport
import Testing
import Values

/// Resources a command stores in its create step, before its job runs: a client that reads only the
/// immediate id (libcloud's createVPC and createNetworkACLList) can use it at once.
@Suite struct CreateStepTests {
    @Test func aVPCAndItsACLListExistBeforeTheirJobsEnd() async throws {
        // Jobs far longer than the test, so "before the job ends" holds on a loaded machine.
        try await withSimulator(quickJobOptions { $0.jobTime = .seconds(120) }) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let offering = try await c.value("listVPCOfferings", [("name", "Default VPC offering")], "vpcoffering.0.id")
            let vpc = try await c.value(
                "createVPC",
                [
                    ("name", "early"), ("displaytext", "early"), ("cidr", "10.40.0.0/16"), ("zoneid", zone),
                    ("vpcofferingid", offering),
                ],
                "id")
            #expect(try await c.value("listVPCs", [("id", vpc)], "vpc.0.name") == "early")
            let acl = try await c.value("createNetworkACLList", [("name", "web"), ("vpcid", vpc)], "id")
            #expect(try await c.value("listNetworkACLLists", [("id", acl)], "networkacllist.0.name") == "web")
        }
    }

    @Test func deletingAnAffinityGroupInUseTakesItOffItsVMs() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let group = try #require(
                try await c.job("createAffinityGroup", [("name", "spread"), ("type", "host anti-affinity")])[
                    "jobresult.affinitygroup.id"]?.text)
            let vm = try #require(
                try await c.deploy([("affinitygroupids", group)])["jobresult.virtualmachine.id"]?.text)
            #expect(try await c.job("deleteAffinityGroup", [("id", group)])["jobstatus"]?.text == "1")
            let listed = try await c.get("listVirtualMachines", [("id", vm)]).inner
            #expect(listed["virtualmachine.0.affinitygroup"]?.list?.isEmpty ?? true, "\(listed)")
            #expect(try await c.get("listAffinityGroups", [("id", group)]).inner["count"] == nil)
        }
    }
}

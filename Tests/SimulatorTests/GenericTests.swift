import APICatalog
import CloudClient
@testable import Simulator
import TestSupport
import Testing
import Values

/// The catalog-driven engine (Sources/Simulator/Generic) through the project's real client.
@Suite struct GenericTests {
    func keys(_ sim: Simulator) -> ClientOptions {
        var o = ClientOptions(
            url: sim.baseURL,
            credentials: .apiKey(
                key: SimulatorOptions.sandboxAPIKey,
                secret: SimulatorOptions.sandboxSecretKey))
        o.pollFirst = .milliseconds(20)
        return o
    }

    /// A VPC offering id: the seeded default when there is one, else one made through the API.
    static func vpcOffering(_ client: CloudStackClient) async throws -> String {
        // Not served (432) until the cloud is seeded with the install's default offerings.
        if let id = (try? await client.request("listVPCOfferings"))?["vpcoffering.0.id"]?.text { return id }
        let made = try await job(
            client,
            try await client.request(
                "createVPCOffering",
                [
                    ("name", "test vpc offering"), ("displaytext", "test"), ("supportedservices", "Dhcp,Dns,SourceNat"),
                ]))
        return try #require(made["vpcoffering.id"]?.text)
    }

    /// The result of the job an async call answered with.
    static func job(_ client: CloudStackClient, _ accepted: Value) async throws -> Value {
        try await client.waitForJob(try #require(accepted["jobid"]?.text))
    }

    static func zoneID(_ client: CloudStackClient) async throws -> String {
        try #require(try await client.request("listZones", [("name", "Sandbox-1")])["zone.0.id"]?.text)
    }

    @Test func vpcLifecycleStoresListsUpdatesAndDeletes() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            try await CloudStackClient.withClient(keys(sim)) { client in
                let zone = try await Self.zoneID(client), offering = try await Self.vpcOffering(client)
                let accepted = try await client.request(
                    "createVPC",
                    [
                        ("name", "vpc-a"), ("cidr", "10.10.0.0/16"),
                        ("zoneid", zone), ("vpcofferingid", offering),
                        ("networkdomain", "a.example"), ("displaytext", "A"),
                    ])
                let id = try #require(accepted["id"]?.text)  // a create job answers the new id next to the job id
                let vpc = try await Self.job(client, accepted)
                #expect(vpc["vpc.id"]?.text == id)
                #expect(vpc["vpc.name"]?.text == "vpc-a")
                #expect(vpc["vpc.displaytext"]?.text == "A")
                #expect(vpc["vpc.cidr"]?.text == "10.10.0.0/16")
                #expect(vpc["vpc.networkdomain"]?.text == "a.example")
                #expect(vpc["vpc.zonename"]?.text == "Sandbox-1")
                #expect(vpc["vpc.account"]?.text == "admin")
                #expect(vpc["vpc.state"]?.text == "Enabled")
                #expect(vpc["vpc.created"]?.text != nil)

                let listed = try await client.request("listVPCs", [("name", "vpc-a")])
                #expect(listed["count"]?.text == "1")
                #expect(listed["vpc.0.id"]?.text == id)
                #expect(try await client.request("listVPCs", [("keyword", "pc-")])["count"]?.text == "1")
                #expect(
                    try await client.request("listVPCs", [("zoneid", try await Self.otherZone(client, zone))])["count"]
                        == nil)

                let update = try await client.request("updateVPC", [("id", id), ("displaytext", "renamed")])
                let updated = try await Self.job(client, update)
                #expect(updated["vpc.displaytext"]?.text == "renamed")
                #expect(try await client.request("listVPCs", [("id", id)])["vpc.0.displaytext"]?.text == "renamed")

                let delete = try await client.request("deleteVPC", [("id", id)])
                #expect(try await Self.job(client, delete)["success"]?.bool == true)
                #expect(try await client.request("listVPCs")["count"] == nil)
            }
        }
    }

    static func otherZone(_ client: CloudStackClient, _ zone: String) async throws -> String {
        let zones = try await client.request("listZones")["zone"]?.list ?? []
        return try #require(zones.compactMap { $0[field: "id"]?.text }.first { $0 != zone })
    }

    @Test func referencesAndTargetsMustExist() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let missing = "8d2b9a7c-4b21-4c53-9b3a-0d1e2f3a4b5c"
            #expect(try await c.get("createInstanceGroup", [("name", "g")]).status == 200)
            let update = try await c.get("updateInstanceGroup", [("id", missing), ("name", "x")])
            #expect(update.status == 431)
            #expect(update.inner["errortext"]?.text?.contains("Invalid parameter id value=\(missing)") == true)
            let vpc = try await c.get(
                "createVPC",
                [
                    ("name", "v"), ("cidr", "10.0.0.0/16"), ("zoneid", missing),
                    ("vpcofferingid", missing),
                ])
            #expect(vpc.status == 431, "\(vpc.body)")
        }
    }

    @Test func projectResourcesShowOnlyWithTheirProject() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            try await CloudStackClient.withClient(keys(sim)) { client in
                let accepted = try await client.request(
                    "createProject", [("name", "web"), ("displaytext", "Web team")])
                let project = try await Self.job(client, accepted)
                let pid = try #require(project["project.id"]?.text)
                #expect(project["project.state"]?.text == "Active")
                #expect(
                    try await client.request("listProjects", [("name", "web")])["project.0.displaytext"]?.text
                        == "Web team")

                let group = try await client.request("createInstanceGroup", [("name", "g1"), ("projectid", pid)])
                #expect(group["instancegroup.project"]?.text == "web")
                #expect(group["instancegroup.projectid"]?.text == pid)
                _ = try await client.request("createInstanceGroup", [("name", "g2")])
                let plain = try await client.request("listInstanceGroups")
                #expect(plain["count"]?.text == "1")
                #expect(plain["instancegroup.0.name"]?.text == "g2")
                #expect(
                    try await client.request("listInstanceGroups", [("projectid", pid)])["instancegroup.0.name"]?.text
                        == "g1")
                #expect(try await client.request("listInstanceGroups", [("projectid", "-1")])["count"]?.text == "1")
            }
        }
    }

    @Test func vmSnapshotsUseTheServersKeysAndNamedIDParameter() async throws {
        try await withSimulator(quickJobOptions { $0.seedVMs = 1 }) { sim async throws in
            try await CloudStackClient.withClient(keys(sim)) { client in
                let vm = try #require(
                    try await client.request("listVirtualMachines", [("listall", "true")])["virtualmachine.0"])
                let vmID = try #require(vm[field: "id"]?.text)
                let accepted = try await client.request(
                    "createVMSnapshot", [("virtualmachineid", vmID), ("name", "before")])
                let snap = try await Self.job(client, accepted)
                #expect(snap["vmsnapshot.virtualmachinename"]?.text == vm[field: "name"]?.text)
                #expect(snap["vmsnapshot.state"]?.text == "Ready")
                let listed = try await client.request(
                    "listVMSnapshot", [("virtualmachineid", vmID), ("listall", "true")])
                #expect(listed["vmSnapshot.0.name"]?.text?.contains("_VS_") == true)  // the server names it
                let id = try #require(listed["vmSnapshot.0.id"]?.text)
                #expect(listed["vmSnapshot.0.displayname"]?.text == "before")
                let revert = try await client.request("revertToVMSnapshot", [("vmsnapshotid", id)])
                #expect(try await Self.job(client, revert)["virtualmachine.id"]?.text == vmID)
                let delete = try await client.request("deleteVMSnapshot", [("vmsnapshotid", id)])
                #expect(try await Self.job(client, delete)["success"]?.bool == true)
                #expect(try await client.request("listVMSnapshot", [("listall", "true")])["count"] == nil)
            }
        }
    }

    @Test func genericEntitiesTakeResourceTags() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            try await CloudStackClient.withClient(keys(sim)) { client in
                let accepted = try await client.request("createProject", [("name", "tagged"), ("displaytext", "t")])
                let pid = try #require(try await Self.job(client, accepted)["project.id"]?.text)
                let tag = try await client.request(
                    "createTags",
                    [
                        ("resourceids", pid), ("resourcetype", "Project"),
                        ("tags[0].key", "team"), ("tags[0].value", "blue"),
                    ])
                _ = try await Self.job(client, tag)
                let listed = try await client.request(
                    "listProjects", [("tags[0].key", "team"), ("tags[0].value", "blue")])
                #expect(listed["count"]?.text == "1")
                #expect(listed["project.0.tags.0.value"]?.text == "blue")
            }
        }
    }
}

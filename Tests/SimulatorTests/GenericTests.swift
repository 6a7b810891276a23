import APICatalog
import CloudClient
@testable import Simulator
import Testing
import Values

/// The catalog-driven engine (Sources/Simulator/Generic) through the project's real client.
@Suite struct GenericTests {
    func keys(_ sim: Simulator) -> ClientOptions {
        var o = ClientOptions(url: sim.baseURL, credentials: .apiKey(key: SimulatorOptions.sandboxAPIKey,
                                                                       secret: SimulatorOptions.sandboxSecretKey))
        o.pollFirst = .milliseconds(20)
        return o
    }

    /// A VPC offering id: the seeded default when there is one, else one made through the API.
    static func vpcOffering(_ client: CloudStackClient) async throws -> String {
        // Not served (432) until the cloud is seeded with the install's default offerings.
        if let id = (try? await client.request("listVPCOfferings"))?["vpcoffering.0.id"]?.text { return id }
        let made = try await job(client, try await client.request("createVPCOffering", [
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
        try await withSimulator { sim async throws in
            try await CloudStackClient.withClient(keys(sim)) { client in
                let zone = try await Self.zoneID(client), offering = try await Self.vpcOffering(client)
                let accepted = try await client.request("createVPC", [("name", "vpc-a"), ("cidr", "10.10.0.0/16"),
                                                                      ("zoneid", zone), ("vpcofferingid", offering),
                                                                      ("networkdomain", "a.example"), ("displaytext", "A")])
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
                #expect(try await client.request("listVPCs", [("zoneid", try await Self.otherZone(client, zone))])["count"] == nil)

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
        try await withSimulator { sim async throws in
            let c = TestClient(sim)
            let missing = "8d2b9a7c-4b21-4c53-9b3a-0d1e2f3a4b5c"
            #expect(try await c.get("createInstanceGroup", [("name", "g")]).status == 200)
            let update = try await c.get("updateInstanceGroup", [("id", missing), ("name", "x")])
            #expect(update.status == 431)
            #expect(update.inner["errortext"]?.text?.contains("Invalid parameter id value=\(missing)") == true)
            let vpc = try await c.get("createVPC", [("name", "v"), ("cidr", "10.0.0.0/16"), ("zoneid", missing),
                                                    ("vpcofferingid", missing)])
            #expect(vpc.status == 431, "\(vpc.body)")
        }
    }

    @Test func projectResourcesShowOnlyWithTheirProject() async throws {
        try await withSimulator { sim async throws in
            try await CloudStackClient.withClient(keys(sim)) { client in
                let accepted = try await client.request("createProject", [("name", "web"), ("displaytext", "Web team")])
                let project = try await Self.job(client, accepted)
                let pid = try #require(project["project.id"]?.text)
                #expect(project["project.state"]?.text == "Active")
                #expect(try await client.request("listProjects", [("name", "web")])["project.0.displaytext"]?.text == "Web team")

                let group = try await client.request("createInstanceGroup", [("name", "g1"), ("projectid", pid)])
                #expect(group["instancegroup.project"]?.text == "web")
                #expect(group["instancegroup.projectid"]?.text == pid)
                _ = try await client.request("createInstanceGroup", [("name", "g2")])
                let plain = try await client.request("listInstanceGroups")
                #expect(plain["count"]?.text == "1")
                #expect(plain["instancegroup.0.name"]?.text == "g2")
                #expect(try await client.request("listInstanceGroups", [("projectid", pid)])["instancegroup.0.name"]?.text == "g1")
                #expect(try await client.request("listInstanceGroups", [("projectid", "-1")])["count"]?.text == "1")
            }
        }
    }

    @Test func vmSnapshotsUseTheServersKeysAndNamedIDParameter() async throws {
        try await withSimulator(testOptions { $0.seedVMs = 1 }) { sim async throws in
            try await CloudStackClient.withClient(keys(sim)) { client in
                let vm = try #require(try await client.request("listVirtualMachines", [("listall", "true")])["virtualmachine.0"])
                let vmID = try #require(vm[field: "id"]?.text)
                let accepted = try await client.request("createVMSnapshot", [("virtualmachineid", vmID), ("name", "before")])
                let snap = try await Self.job(client, accepted)
                #expect(snap["vmsnapshot.virtualmachinename"]?.text == vm[field: "name"]?.text)
                #expect(snap["vmsnapshot.state"]?.text == "Ready")
                let listed = try await client.request("listVMSnapshot", [("virtualmachineid", vmID), ("listall", "true")])
                #expect(listed["vmSnapshot.0.name"]?.text == "before")
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

    @Test func removeFindsTheEntityByItsRequiredParameters() async throws {
        try await withSimulator { sim async throws in
            try await CloudStackClient.withClient(keys(sim)) { client in
                let add = try await client.request("addVpnUser", [("username", "alice"), ("password", "s3cret-pw")])
                let user = try await Self.job(client, add)
                #expect(user["vpnuser.username"]?.text == "alice")
                #expect(user["vpnuser.password"] == nil)  // never echoed
                #expect(try await client.request("listVpnUsers")["vpnuser.0.username"]?.text == "alice")
                let remove = try await client.request("removeVpnUser", [("username", "alice")])
                #expect(try await Self.job(client, remove)["success"]?.bool == true)
                #expect(try await client.request("listVpnUsers")["count"] == nil)
            }
        }
    }

    @Test func genericEntitiesTakeResourceTags() async throws {
        try await withSimulator { sim async throws in
            try await CloudStackClient.withClient(keys(sim)) { client in
                let accepted = try await client.request("createProject", [("name", "tagged"), ("displaytext", "t")])
                let pid = try #require(try await Self.job(client, accepted)["project.id"]?.text)
                let tag = try await client.request("createTags", [("resourceids", pid), ("resourcetype", "Project"),
                                                                 ("tags[0].key", "team"), ("tags[0].value", "blue")])
                _ = try await Self.job(client, tag)
                let listed = try await client.request("listProjects", [("tags[0].key", "team"), ("tags[0].value", "blue")])
                #expect(listed["count"]?.text == "1")
                #expect(listed["project.0.tags.0.value"]?.text == "blue")
            }
        }
    }
}

/// Families that start with a real install's rows, take the caller's id, or change state.
@Suite struct GenericFamilyTests {
    @Test func rolesAndRegionStartAsOnAFreshInstall() async throws {
        try await withSimulator { sim async throws in
            let c = TestClient(sim)
            let roles = try await c.get("listRoles").inner
            #expect(roles["count"]?.text == "4")
            #expect((roles["role"]?.list ?? []).compactMap { $0[field: "type"]?.text }.sorted() == ["Admin", "DomainAdmin", "ResourceAdmin", "User"])
            let made = try await c.get("createRole", [("name", "ops"), ("type", "DomainAdmin")]).inner
            #expect(made["role.type"]?.text == "DomainAdmin")
            #expect(made["role.description"] == nil)  // not given, not invented
            let id = try #require(made["role.id"]?.text)
            #expect(try await c.get("updateRole", [("id", id), ("description", "ops team")]).inner["role.description"]?.text == "ops team")
            let rule = try await c.get("createRolePermission", [("roleid", id), ("rule", "list*"), ("permission", "allow")]).inner
            #expect(rule["rolepermission.rolename"]?.text == "ops")
            let ruleID = try #require(rule["rolepermission.id"]?.text)
            #expect(try await c.get("updateRolePermission", [("roleid", id), ("ruleid", ruleID), ("permission", "deny")])
                .inner["success"]?.bool == true)
            #expect(try await c.get("listRolePermissions", [("roleid", id)]).inner["rolepermission.0.permission"]?.text == "deny")
            #expect(try await c.get("deleteRole", [("id", id)]).inner["success"]?.bool == true)

            #expect(try await c.get("listRegions").inner["region.0.name"]?.text == "Local")
            let region = try await c.get("addRegion", [("id", "2"), ("name", "second"), ("endpoint", "http://r2:8080/client/")]).inner
            #expect(region["region.id"]?.number?.int == 2)
            #expect(try await c.get("addRegion", [("id", "2"), ("name", "again"), ("endpoint", "http://x/")]).status == 431)
            #expect(try await c.get("removeRegion", [("id", "2")]).inner["success"]?.bool == true)
            #expect(try await c.get("listRegions").inner["count"]?.text == "1")
        }
    }

    @Test func projectsSuspendAndActivate() async throws {
        try await withSimulator { sim async throws in
            let c = TestClient(sim)
            let made = try await c.job("createProject", [("name", "p1"), ("displaytext", "P1")])
            let id = try #require(made["jobresult.project.id"]?.text)
            #expect(try await c.job("suspendProject", [("id", id)])["jobresult.project.state"]?.text == "Suspended")
            #expect(try await c.get("listProjects", [("id", id)]).inner["project.0.state"]?.text == "Suspended")
            #expect(try await c.job("activateProject", [("id", id)])["jobresult.project.state"]?.text == "Active")
            // Another account's user does not see the admin's project; its own, it does.
            let dev = c.signed()
            #expect(try await dev.get("listProjects").inner["count"] == nil)
            _ = try await dev.job("createProject", [("name", "devs"), ("displaytext", "Devs")])
            #expect(try await dev.get("listProjects").inner["project.0.name"]?.text == "devs")
            #expect(try await c.get("listProjects").inner["count"]?.text == "2")
            #expect(try await dev.get("deleteProject", [("id", id)]).status == 531)
        }
    }

    @Test func snapshotPoliciesDeleteByIDs() async throws {
        try await withSimulator(testOptions { $0.seedVMs = 1 }) { sim async throws in
            let c = TestClient(sim)
            let volume = try #require(try await c.get("listVolumes", [("listall", "true")]).inner["volume.0.id"]?.text)
            var ids: [String] = []
            for type in ["DAILY", "WEEKLY"] {
                let p = try await c.get("createSnapshotPolicy", [("volumeid", volume), ("intervaltype", type), ("maxsnaps", "3"),
                                                                 ("schedule", "00:01"), ("timezone", "UTC")]).inner
                #expect(p["snapshotpolicy.volumeid"]?.text == volume)
                #expect(p["snapshotpolicy.maxsnaps"]?.number?.int == 3)
                #expect(p["snapshotpolicy.intervaltype"]?.number?.int == (type == "DAILY" ? 1 : 2))  // answered as a code
                ids.append(try #require(p["snapshotpolicy.id"]?.text))
            }
            #expect(try await c.get("listSnapshotPolicies", [("volumeid", volume)]).inner["count"]?.text == "2")
            #expect(try await c.get("deleteSnapshotPolicies", [("ids", ids.joined(separator: ","))]).inner["success"]?.bool == true)
            #expect(try await c.get("listSnapshotPolicies", [("volumeid", volume)]).inner["count"] == nil)
            #expect(try await c.get("deleteSnapshotPolicies").status == 431)
        }
    }

    @Test func registeredTemplatesAreReadyAndListedAsTheCallersOwn() async throws {
        try await withSimulator { sim async throws in
            let c = TestClient(sim)
            let zone = try #require(try await c.get("listZones", [("name", "Sandbox-1")]).inner["zone.0.id"]?.text)
            let made = try await c.get("registerTemplate", [("name", "alpine"), ("displaytext", "Alpine"), ("format", "QCOW2"),
                                                            ("hypervisor", "Simulator"), ("url", "http://example.com/a.qcow2"),
                                                            ("zoneid", zone), ("ispublic", "true")]).inner
            // The server answers registerTemplate with a list (one entry per zone).
            #expect(made["count"]?.text == "1")
            #expect(made["template.0.zonename"]?.text == "Sandbox-1")
            #expect(made["template.0.isready"]?.bool == true)
            #expect(made["template.0.ispublic"]?.bool == true)
            let id = try #require(made["template.0.id"]?.text)
            let mine = try await c.get("listTemplates", [("templatefilter", "self"), ("name", "alpine")]).inner
            #expect(mine["template.0.id"]?.text == id)
            #expect(try await c.job("deleteTemplate", [("id", id)])["jobresult.success"]?.bool == true)
            #expect(try await c.get("listTemplates", [("templatefilter", "self"), ("name", "alpine")]).inner["count"] == nil)
        }
    }

    @Test func installFilledFamiliesAreNotServedEmpty() async throws {
        let fresh = Store(options: testOptions())
        fresh.seed(created: "2026-01-01T00:00:00+0000")
        try await withSimulator { sim async throws in
            let c = TestClient(sim)
            for table in Families.installFilled.sorted() {
                let list = try #require(Families.byNoun.values.first { $0.table == table }?.list)
                guard list.requiredParams.isEmpty else { continue }
                let r = try await c.get(list.name)
                #expect(r.status == (fresh.tables[table]?.rows.isEmpty ?? true ? 432 : 200), "\(list.name): \(r.body)")
            }
        }
    }

    @Test func userStatesKeepTheirLowerCaseSpelling() async throws {
        try await withSimulator { sim async throws in
            let c = TestClient(sim)
            let users = try await c.get("listUsers", [("username", "dev"), ("listall", "true")]).inner
            let id = try #require(users["user.0.id"]?.text)
            #expect(try await c.job("disableUser", [("id", id)])["jobresult.user.state"]?.text == "disabled")
            #expect(try await c.get("listUsers", [("id", id)]).inner["user.0.state"]?.text == "disabled")
            // A disabled user cannot call the API any more.
            #expect(try await c.signed().get("listZones").status == 401)
        }
    }

    @Test func genericEntitiesAreKeptInTheStateFile() async throws {
        let path = try StateFileTests.stateFile()
        let id = try await withSimulator(StateFileTests.options(path)) { sim async throws in
            try #require(try await TestClient(sim).get("createInstanceGroup", [("name", "kept")]).inner["instancegroup.id"]?.text)
        }
        try await withSimulator(StateFileTests.options(path)) { sim async throws in
            #expect(try await TestClient(sim).get("listInstanceGroups", [("id", id)]).inner["instancegroup.0.name"]?.text == "kept")
        }
    }
}

/// getUser: which user an API key belongs to (clients use it to find their own account).
@Suite struct GetUserTests {
    @Test func getUserFindsTheOwnerOfAKey() async throws {
        try await withSimulator { sim async throws in
            let c = TestClient(sim)
            let dev = try await c.get("getUser", [("userapikey", SimulatorOptions.defaultUsers[1].apiKey)]).inner
            #expect(dev["user.username"]?.text == "dev")
            #expect(dev["user.account"]?.text == "dev")
            #expect(try await c.get("getUser", [("userapikey", "no-such-key")]).status == 431)
        }
    }
}

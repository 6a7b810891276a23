import TestSupport
import Testing
import Values

/// No parameter the catalog lists among the response fields is dropped, hand-written handlers
/// included (Sources/Simulator/Generic/ResponseFill.swift runs after each create/update).
@Suite struct ResponseFillTests {
    @Test func handWrittenCreatesKeepEveryResponseParameter() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let disk = try await c.get(
                "createDiskOffering",
                [
                    ("name", "fast"), ("displaytext", "Fast"), ("disksize", "10"),
                    ("tags", "ssd"),
                ]
            ).inner
            #expect(disk["diskoffering.tags"]?.text == "ssd")
            #expect(
                try await c.get("listDiskOfferings", [("name", "fast")]).inner["diskoffering.0.tags"]?.text == "ssd")

            let so = try await c.get(
                "createServiceOffering",
                [
                    ("name", "tagged"), ("displaytext", "Tagged"), ("cpunumber", "1"),
                    ("cpuspeed", "1000"), ("memory", "512"), ("hosttags", "gpu"),
                    ("tags", "ssd"), ("limitcpuuse", "true"),
                ]
            ).inner
            #expect(so["serviceoffering.hosttags"]?.text == "gpu")
            #expect(so["serviceoffering.storagetags"]?.text == "ssd")
            #expect(so["serviceoffering.limitcpuuse"]?.bool == true)

            let account = try await c.get(
                "createAccount",
                [
                    ("username", "nd"), ("password", "pw"), ("firstname", "N"),
                    ("lastname", "D"), ("email", "nd@example.com"),
                    ("networkdomain", "nd.example"),
                ]
            ).inner
            #expect(account["account.networkdomain"]?.text == "nd.example")
            #expect(account["account.password"] == nil)
            let listed = try await c.get("listAccounts", [("name", "nd"), ("listall", "true")]).inner
            #expect(listed["account.0.networkdomain"]?.text == "nd.example")
        }
    }

    @Test func handWrittenUpdatesChangeWhatTheyAreGiven() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let domains = try await c.get("listDomains", [("listall", "true")]).inner
            let dev = try #require(
                domains["domain"]?.list?.first { $0[field: "name"]?.text == "dev" }?[field: "id"]?.text)
            let domain = try await c.get("updateDomain", [("id", dev), ("networkdomain", "dev.example")]).inner
            #expect(domain["domain.networkdomain"]?.text == "dev.example")

            let zone = try #require(try await c.get("listZones", [("name", "Sandbox-1")]).inner["zone.0.id"]?.text)
            let updated = try await c.get("updateZone", [("id", zone), ("localstorageenabled", "true")]).inner
            #expect(updated["zone.localstorageenabled"]?.bool == true)
            #expect(try await c.get("listZones", [("id", zone)]).inner["zone.0.localstorageenabled"]?.bool == true)
            // A handler's own spelling of a value stays (allocationstate is normalised to Enabled).
            let state = try await c.get("updateZone", [("id", zone), ("allocationstate", "enabled")]).inner
            #expect(state["zone.allocationstate"]?.text == "Enabled")
        }
    }

    @Test func securityGroupRulesForGroupsKeepTheirPorts() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let sg = try await c.get("createSecurityGroup", [("name", "app")]).inner
            let id = try #require(sg["securitygroup.id"]?.text)
            let job = try await c.get(
                "authorizeSecurityGroupIngress",
                [
                    ("securitygroupid", id), ("protocol", "tcp"), ("startport", "8080"), ("endport", "8081"),
                    ("usersecuritygrouplist[0].account", "admin"), ("usersecuritygrouplist[0].group", "default"),
                ]
            ).inner
            let result = try await c.wait(job: try #require(job["jobid"]?.text))
            let rule = try #require(result[field: "jobresult"]?["securitygroup.ingressrule.0"])
            #expect(rule[field: "securitygroupname"]?.text == "default")
            #expect(rule[field: "startport"]?.text == "8080")
            #expect(rule[field: "endport"]?.text == "8081")
        }
    }

    @Test func handWrittenCreatesBelongToTheProjectTheyName() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let project = try await c.job("createProject", [("name", "shop"), ("displaytext", "Shop")])
            let pid = try #require(project["jobresult.project.id"]?.text)
            let sg = try await c.get("createSecurityGroup", [("name", "shop-web"), ("projectid", pid)]).inner
            #expect(sg["securitygroup.projectid"]?.text == pid)
            #expect(sg["securitygroup.project"]?.text == "shop")
            #expect(sg["securitygroup.account"] == nil)
            #expect(try await c.get("listSecurityGroups", [("securitygroupname", "shop-web")]).inner["count"] == nil)
            let inProject = try await c.get(
                "listSecurityGroups", [("securitygroupname", "shop-web"), ("projectid", pid)]
            ).inner
            #expect(inProject["securitygroup.0.project"]?.text == "shop")
        }
    }
}

import Simulator
import TestSupport
import Testing
import Values

/// Autoscale policies and VM profiles: their checks and answers as the server gives them.
@Suite struct AutoScalePolicyTests {
    static func condition(_ c: TestClient, source: String, op: String = "GT") async throws -> String {
        let counter = try await c.value(
            "listCounters", [("provider", "VirtualRouter"), ("source", source)], "counter.0.id")
        return try #require(
            try await c.job(
                "createCondition", [("counterid", counter), ("relationaloperator", op), ("threshold", "70")])[
                    "jobresult.condition.id"]?.text)
    }

    @Test func aPolicyScalesUpOrDownOnConditionsOfDifferentCounters() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let cpu = try await Self.condition(c, source: "cpu")
            let memory = try await Self.condition(c, source: "memory")
            let made = try await c.job(
                "createAutoScalePolicy",
                [("name", "busy"), ("action", "scaleup"), ("duration", "60"), ("conditionids", "\(cpu),\(memory)")])
            #expect(made["jobresult.autoscalepolicy.action"]?.text == "SCALEUP")
            #expect(made["jobresult.autoscalepolicy.quiettime"]?.number?.int == 300)
            #expect(made["jobresult.autoscalepolicy.account"]?.text == "admin")
            #expect(made["jobresult.autoscalepolicy.conditions.1.id"]?.text == memory)
            #expect(made["jobresult.autoscalepolicy.conditions.0.counter.0.source"]?.text == "cpu")
            let policy = try #require(made["jobresult.autoscalepolicy.id"]?.text)

            func refused(_ params: [(String, String)]) async throws -> String? {
                let r = try await c.get("createAutoScalePolicy", params)
                #expect(r.status == 431, "\(params): \(r.body)")
                return r.inner["errortext"]?.text
            }
            #expect(
                try await refused([("action", "Sideways"), ("duration", "60"), ("conditionids", cpu)])
                    == "action is invalid. Supported actions are: [SCALEUP, SCALEDOWN]")
            #expect(
                try await refused([("action", "ScaleUp"), ("duration", "-1"), ("conditionids", cpu)])
                    == "duration is an invalid value: -1")
            let other = try await Self.condition(c, source: "cpu", op: "LT")
            #expect(
                try await refused([("action", "ScaleUp"), ("duration", "60"), ("conditionids", "\(cpu),\(other)")])?
                    .hasPrefix("at least two conditions in the conditionids have the same counter.") == true)
            let unknown = "3f2b9a4e-1c0d-4e5f-9a8b-7c6d5e4f3a2b"
            #expect(
                try await refused([("action", "ScaleUp"), ("duration", "60"), ("conditionids", unknown)])?
                    .hasPrefix("Unable to execute API command createautoscalepolicy due to invalid value.") == true)

            // Lists: by action (checked), by condition.
            #expect(try await c.get("listAutoScalePolicies", [("action", "ScaleDown")]).inner["count"] == nil)
            #expect(
                try await c.value("listAutoScalePolicies", [("conditionid", memory)], "autoscalepolicy.0.id") == policy)
            #expect(try await c.get("listAutoScalePolicies", [("action", "up")]).status == 431)
            #expect(try await c.get("listConditions", [("policyid", policy)]).inner["count"]?.number?.int == 2)

            // Outside any group a policy changes freely; a condition in a policy stays.
            let changed = try await c.job(
                "updateAutoScalePolicy", [("id", policy), ("quiettime", "60"), ("conditionids", other)])
            #expect(changed["jobresult.autoscalepolicy.quiettime"]?.number?.int == 60)
            #expect(changed["jobresult.autoscalepolicy.conditions.0.id"]?.text == other)
            let inUse = try await c.get("deleteCondition", [("id", other)])
            #expect(inUse.status == 536)
            let updated = try await c.job(
                "updateCondition", [("id", other), ("relationaloperator", "le"), ("threshold", "10")])
            #expect(updated["jobresult.success"]?.bool == true)
            #expect(try await c.value("listConditions", [("id", other)], "condition.0.relationaloperator") == "LE")
            #expect(
                try await c.get("updateCondition", [("id", other), ("relationaloperator", "LE"), ("threshold", "-1")])
                    .inner["errortext"]?.text == "The threshold -1 must be equal to or greater than 0.")
            #expect(try await c.job("deleteAutoScalePolicy", [("id", policy)])["jobresult.success"]?.bool == true)
            #expect(try await c.job("deleteCondition", [("id", other)])["jobresult.success"]?.bool == true)

            // Another account's conditions are not the caller's to use.
            let denied = try await c.signed().get(
                "createAutoScalePolicy", [("action", "ScaleUp"), ("duration", "60"), ("conditionids", cpu)])
            #expect(denied.status == 531)
        }
    }

    @Test func anAccountsAutoScaleThingsGoWithIt() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let domain = try await c.value("listDomains", [("name", "ROOT")], "domain.0.id")
            let made = try await c.get(
                "createAccount",
                [
                    ("username", "ops"), ("password", "pw-ops"), ("email", "ops@example.org"), ("firstname", "ops"),
                    ("lastname", "Test"), ("accounttype", "0"), ("domainid", domain),
                ])
            let ops = try #require(made.inner["account.id"]?.text, "\(made.body)")
            let owner = [("account", "ops"), ("domainid", domain)]
            let counter = try await c.value("listCounters", [("source", "cpu")], "counter.0.id")
            let condition = try await c.job(
                "createCondition", owner + [("counterid", counter), ("relationaloperator", "GT"), ("threshold", "1")])
            #expect(condition["jobresult.condition.account"]?.text == "ops")
            let conditionID = try #require(condition["jobresult.condition.id"]?.text)
            let policy = try await c.job(
                "createAutoScalePolicy", [("action", "ScaleUp"), ("duration", "60"), ("conditionids", conditionID)])
            #expect(policy["jobresult.autoscalepolicy.account"]?.text == "ops")
            let profile = try await c.job("createAutoScaleVmProfile", try await c.deployParameters() + owner)
            #expect(profile["jobresult.autoscalevmprofile.account"]?.text == "ops")

            _ = try await c.job("deleteAccount", [("id", ops)])
            for list in ["listConditions", "listAutoScalePolicies", "listAutoScaleVmProfiles"] {
                #expect(try await c.get(list, [("listall", "true")]).inner["count"] == nil, "\(list)")
            }
        }
    }

    @Test func aProfileKeepsWhatTheServerAcceptsForADeploy() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let deploy = try await c.deployParameters()
            let made = try await c.job(
                "createAutoScaleVmProfile",
                deploy + [
                    ("otherdeployparams[0].name", "rootdisksize"), ("otherdeployparams[0].value", "20"),
                    ("userdata", "I2Nsb3VkLWNvbmZpZw=="),
                ])
            #expect(made["jobresult.autoscalevmprofile.expungevmgraceperiod"]?.number?.int == 120)
            #expect(made["jobresult.autoscalevmprofile.otherdeployparams.rootdisksize"]?.text == "20")
            #expect(made["jobresult.autoscalevmprofile.otherdeployparamstext"] == nil)
            #expect(made["jobresult.autoscalevmprofile.fordisplay"]?.bool == true)
            let profile = try #require(made["jobresult.autoscalevmprofile.id"]?.text)
            #expect(
                try await c.value(
                    "listAutoScaleVmProfiles", [("otherdeployparams", "rootdisk")], "autoscalevmprofile.0.id")
                    == profile)
            #expect(
                try await c.get("listAutoScaleVmProfiles", [("otherdeployparams", "keypairs")]).inner["count"] == nil)

            func refused(_ params: [(String, String)]) async throws -> String? {
                let r = try await c.get("createAutoScaleVmProfile", deploy + params)
                #expect(r.status == 431, "\(params): \(r.body)")
                return r.inner["errortext"]?.text
            }
            #expect(
                try await refused([("otherdeployparams[0].name", "hostid"), ("otherdeployparams[0].value", "x")])?
                    .hasPrefix("Unsupported otherdeployparams key: hostid. Supported values are [rootdisksize,") == true
            )
            #expect(
                try await refused([("expungevmgraceperiod", "-5")]) == "Expunge Vm Grace Period cannot be less than 0.")

            let updated = try await c.job(
                "updateAutoScaleVmProfile", [("id", profile), ("expungevmgraceperiod", "30")])
            #expect(updated["jobresult.autoscalevmprofile.expungevmgraceperiod"]?.number?.int == 30)
            #expect(updated["jobresult.autoscalevmprofile.otherdeployparams.rootdisksize"]?.text == "20")
            #expect(try await c.get("updateAutoScaleVmProfile", [("id", profile), ("customid", "x")]).status == 431)
            #expect(try await c.signed().get("deleteAutoScaleVmProfile", [("id", profile)]).status == 531)
            #expect(try await c.job("deleteAutoScaleVmProfile", [("id", profile)])["jobresult.success"]?.bool == true)
            #expect(try await c.get("listAutoScaleVmProfiles", [("id", profile)]).inner["count"] == nil)
        }
    }
}

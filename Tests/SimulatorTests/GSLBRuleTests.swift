import Simulator
import TestSupport
import Testing
import Values

/// Global load balancer rules: made, listed, updated and deleted as GlobalLoadBalancingRulesServiceImpl does.
@Suite struct GSLBRuleTests {
    /// Names the cloud's DNS zone (GSLB needs it) and makes a rule for `domain`; its id.
    static func rule(_ c: TestClient, _ domain: String, _ extra: [(String, String)] = []) async throws -> String {
        _ = try await c.get("updateConfiguration", [("name", "cloud.dns.name"), ("value", "gslb.example.com")])
        let made = try await c.job(
            "createGlobalLoadBalancerRule",
            [("name", domain), ("gslbdomainname", domain), ("gslbservicetype", "http"), ("regionid", "1")] + extra)
        return try #require(made["jobresult.globalloadbalancer.id"]?.text, "\(made)")
    }

    @Test func aRuleNeedsTheCloudsDNSNameAndIsAnsweredUnderIt() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let params = [("name", "web"), ("gslbdomainname", "web"), ("gslbservicetype", "http"), ("regionid", "1")]
            // A new install has no cloud.dns.name: its region cannot serve GSLB yet.
            let early = try await c.get("createGlobalLoadBalancerRule", params)
            #expect(early.status == 431)
            #expect(early.inner["errortext"]?.text == "GSLB service is not enabled in region : Local")
            _ = try await c.get("updateConfiguration", [("name", "cloud.dns.name"), ("value", "gslb.example.com")])
            let r = try await c.get("createGlobalLoadBalancerRule", params + [("description", "the web tier")])
            let id = try #require(r.inner["id"]?.text, "\(r.body)")
            let made = try await c.wait(job: try #require(r.inner["jobid"]?.text))
            #expect(made["jobinstanceid"]?.text == id)
            #expect(made["jobresult.globalloadbalancer.id"]?.text == id)
            #expect(made["jobresult.globalloadbalancer.gslbdomainname"]?.text == "web.gslb.example.com")
            // The command's defaults, the algorithm as the enum spells it.
            #expect(made["jobresult.globalloadbalancer.gslblbmethod"]?.text == "RoundRobin")
            #expect(made["jobresult.globalloadbalancer.gslbstickysessionmethodname"]?.text == "sourceip")
            #expect(made["jobresult.globalloadbalancer.regionid"]?.number?.int == 1)
            #expect(made["jobresult.globalloadbalancer.description"]?.text == "the web tier")
            #expect(made["jobresult.globalloadbalancer.account"]?.text == "admin")
            #expect(made["jobresult.globalloadbalancer.loadbalancerrule"] == .list([]))
            #expect(made["jobresult.globalloadbalancer.state"] == nil)
        }
    }

    @Test func theServersChecksRefuseBadRules() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            _ = try await GSLBRuleTests.rule(c, "app")
            func refusal(_ change: [(String, String)]) async throws -> String? {
                var params = ["name": "x", "gslbdomainname": "x", "gslbservicetype": "tcp", "regionid": "1"]
                for (k, v) in change { params[k] = v }
                let r = try await c.get("createGlobalLoadBalancerRule", params.map { ($0.key, $0.value) })
                #expect(r.status == 431, "\(r.body)")
                return r.inner["errortext"]?.text
            }
            #expect(try await refusal([("gslblbmethod", "fastest")]) == "Invalid Algorithm: fastest")
            #expect(try await refusal([("gslbstickysessionmethodname", "none")]) == "Invalid persistence: none")
            #expect(try await refusal([("gslbservicetype", "https")]) == "Invalid service type: https")
            #expect(try await refusal([("gslbdomainname", "-app")]) == "Invalid domain name : -app")
            #expect(try await refusal([("gslbdomainname", "a..b")]) == "Invalid domain name : a..b")
            // The server's words, the missing space included.
            #expect(try await refusal([("gslbdomainname", "APP")]) == "Domain name APPis in use")
            #expect(try await refusal([("regionid", "7")]) == "Invalid region ID: 7")
            // Methods match in any case and are kept as given.
            let id = try await GSLBRuleTests.rule(
                c, "api", [("gslblbmethod", "leastconn"), ("gslbstickysessionmethodname", "SourceIP")])
            let listed = try await c.get("listGlobalLoadBalancerRules", [("id", id)]).inner
            #expect(listed["globalloadbalancerrule.0.gslblbmethod"]?.text == "leastconn")
            #expect(listed["globalloadbalancerrule.0.gslbstickysessionmethodname"]?.text == "SourceIP")
        }
    }

    @Test func theListNamesOneRuleOrTheCallersOwnInARegion() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let dev = c.signed()
            let mine = try await GSLBRuleTests.rule(c, "admin-app")
            let theirs = try await GSLBRuleTests.rule(dev, "dev-app")
            let none = try await c.get("listGlobalLoadBalancerRules")
            #expect(none.status == 431)
            #expect(
                none.inner["errortext"]?.text
                    == "Invalid arguments. At least one of region id, rule id must be specified")
            let both = try await c.get("listGlobalLoadBalancerRules", [("regionid", "1"), ("id", mine)])
            #expect(
                both.inner["errortext"]?.text == "Invalid arguments. Only one of region id, rule id must be specified")
            // A region lists the caller's own rules, even for a root admin; an id any rule it may see.
            let region = try await c.get("listGlobalLoadBalancerRules", [("regionid", "1"), ("listall", "true")]).inner
            #expect(region["count"]?.number?.int == 1)
            #expect(region["globalloadbalancerrule.0.id"]?.text == mine)
            #expect(
                try await c.value("listGlobalLoadBalancerRules", [("id", theirs)], "globalloadbalancerrule.0.name")
                    == "dev-app")
            #expect(
                try await dev.value("listGlobalLoadBalancerRules", [("regionid", "1")], "globalloadbalancerrule.0.id")
                    == theirs)
            #expect(try await dev.get("listGlobalLoadBalancerRules", [("id", mine)]).status == 531)
        }
    }

    @Test func anUpdateChangesTheMethodsAndADeleteRemovesTheRule() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let id = try await GSLBRuleTests.rule(c, "shop")
            let bad = try await c.job("updateGlobalLoadBalancerRule", [("id", id), ("gslblbmethod", "fastest")])
            #expect(bad["jobresult.errorcode"]?.number?.int == 431)
            #expect(bad["jobresult.errortext"]?.text == "Invalid Algorithm: fastest")
            let updated = try await c.job(
                "updateGlobalLoadBalancerRule",
                [("id", id), ("gslblbmethod", "proximity"), ("description", "nearest zone")])
            #expect(updated["jobresult.globalloadbalancer.gslblbmethod"]?.text == "proximity")
            #expect(updated["jobresult.globalloadbalancer.description"]?.text == "nearest zone")
            #expect(updated["jobresult.globalloadbalancer.gslbdomainname"]?.text == "shop.gslb.example.com")
            #expect(try await c.signed().get("deleteGlobalLoadBalancerRule", [("id", id)]).status == 531)
            #expect(try await c.job("deleteGlobalLoadBalancerRule", [("id", id)])["jobresult.success"]?.bool == true)
            #expect(try await c.get("listGlobalLoadBalancerRules", [("id", id)]).status == 431)
            #expect(try await c.get("listGlobalLoadBalancerRules", [("regionid", "1")]).inner["count"] == nil)
        }
    }

    /// A deletion job that cannot end during the test (a hanging-job fault): the rule is still listed while
    /// it runs (that it is gone once the job ends is the test above).
    @Test func aDeletedRuleIsListedUntilItsJobEnds() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let id = try await GSLBRuleTests.rule(c, "slow")
            let fault = try await c.get(
                "simulatorFault", [("clear", "true"), ("fault", "job-hang@deleteGlobalLoadBalancerRule:first1")])
            #expect(fault.status == 200, "\(fault.body)")
            let deleting = try await c.get("deleteGlobalLoadBalancerRule", [("id", id)])
            #expect(deleting.inner["jobid"]?.text != nil, "\(deleting.body)")
            #expect(try await c.value("listGlobalLoadBalancerRules", [("id", id)], "globalloadbalancerrule.0.id") == id)
        }
    }
}

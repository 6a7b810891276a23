import Simulator
import TestSupport
import Testing
import Values

/// Autoscale counters as a fresh 4.18 install has them, and conditions on them.
@Suite struct AutoScaleCounterTests {
    @Test func aFreshInstallHasTheRoutersCountersAndConditionsNameThem() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let all = try await c.get("listCounters").inner
            #expect(all["count"]?.number?.int == 18)
            let vr = try #require(
                try await c.get("listCounters", [("provider", "VirtualRouter")]).inner["counter"]?.list)
            #expect(
                vr.compactMap { $0[field: "source"]?.text }.sorted() == [
                    "cpu", "memory", "virtualrouter", "virtualrouter", "virtualrouter",
                ])
            let cpu = try #require(vr.first { $0[field: "value"]?.text == "vm.cpu.average.percentage" })
            let counter = try #require(cpu[field: "id"]?.text)

            let made = try await c.job(
                "createCondition", [("counterid", counter), ("relationaloperator", "ge"), ("threshold", "75")])
            #expect(made["jobresult.condition.relationaloperator"]?.text == "GE")
            #expect(made["jobresult.condition.countername"]?.text == "VM CPU - average percentage")
            #expect(made["jobresult.condition.counter.0.id"]?.text == counter)
            let condition = try #require(made["jobresult.condition.id"]?.text)
            #expect(try await c.value("listConditions", [("counterid", counter)], "condition.0.id") == condition)

            let bad = try await c.get(
                "createCondition", [("counterid", counter), ("relationaloperator", "NE"), ("threshold", "1")])
            #expect(bad.status == 431)
            #expect(bad.inner["errortext"]?.text == "The Operator NE does not exist; Unable to create Condition.")
            // A counter a condition names stays until the condition goes.
            let busy = try await c.get("deleteCounter", [("id", counter)])
            #expect(busy.status == 536)
            #expect(busy.inner["errortext"]?.text == "Counter is in use.")
            #expect(try await c.job("deleteCondition", [("id", condition)])["jobresult.success"]?.bool == true)
            #expect(try await c.job("deleteCounter", [("id", counter)])["jobresult.success"]?.bool == true)
        }
    }

    @Test func countersAreFoundAsTheServerSearchesThem() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            // name matches as LIKE, in any case: the virtual routers' and the provider-less CPU counters.
            let cpu = try await c.get("listCounters", [("name", "cpu - average")]).inner
            #expect(cpu["count"]?.number?.int == 3)
            let vpc = try await c.get("listCounters", [("provider", "vpcvirtualrouter"), ("keyword", "network")]).inner
            #expect(vpc["count"]?.number?.int == 2)
            #expect(vpc["counter.0.provider"]?.text == "VpcVirtualRouter")
            #expect(try await c.get("listCounters", [("source", "SNMP")]).inner["count"]?.number?.int == 3)
            let bad = try await c.get("listCounters", [("provider", "Acme")])
            #expect(bad.status == 431)
            #expect(bad.inner["errortext"]?.text == "The Provider Acme does not exist; Unable to list Counter")
            let page = try await c.get("listCounters", [("page", "2"), ("pagesize", "5")]).inner
            #expect(page["count"]?.number?.int == 18)
            #expect(page["counter"]?.list?.count == 5)
        }
    }

    @Test func anAdminAddsCountersOfKnownSourcesAndProviders() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let made = try await c.job(
                "createCounter",
                [("name", "Disk IOPS"), ("source", "CPU"), ("value", "disk.iops"), ("provider", "virtualrouter")])
            #expect(made["jobresult.counter.source"]?.text == "cpu")
            #expect(made["jobresult.counter.provider"]?.text == "VirtualRouter")
            let source = try await c.get(
                "createCounter", [("name", "x"), ("source", "disk"), ("value", "x"), ("provider", "VirtualRouter")])
            #expect(source.inner["errortext"]?.text == "The Source disk does not exist; Unable to create Counter")
            let provider = try await c.get(
                "createCounter", [("name", "x"), ("source", "cpu"), ("value", "x"), ("provider", "Acme")])
            #expect(provider.inner["errortext"]?.text == "The Provider Acme does not exist; Unable to create Counter")
            #expect(
                try await c.signed().get(
                    "createCounter", [("name", "x"), ("source", "cpu"), ("value", "x"), ("provider", "None")]
                ).status == 432)
        }
    }
}

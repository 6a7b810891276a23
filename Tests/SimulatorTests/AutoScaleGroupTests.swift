import Simulator
import TestSupport
import Testing
import Values

/// Autoscale VM groups on a load balancer rule: made Enabled with their minimum of VMs on the rule,
/// reshaped only while disabled, deleted with their VMs only when asked.
@Suite struct AutoScaleGroupTests {
    /// What a group needs: a load balancer rule on an isolated network, a ScaleUp and a ScaleDown policy on
    /// the virtual router's CPU counter, and a profile from the seed's template and offering.
    struct Parts {
        var rule: String
        var up: String
        var down: String
        var profile: String
        var condition: String
    }

    static func parts(_ c: TestClient, duration: String = "60") async throws -> Parts {
        let net = try await c.isolatedNetwork("as")
        let ip = try #require(
            try await c.job("associateIpAddress", [("networkid", net)])["jobresult.ipaddress.id"]?.text)
        let rule = try #require(
            try await c.job(
                "createLoadBalancerRule",
                [
                    ("name", "web"), ("publicipid", ip), ("algorithm", "roundrobin"), ("publicport", "80"),
                    ("privateport", "8080"),
                ])["jobresult.loadbalancer.id"]?.text)
        let cpu = try await c.value(
            "listCounters", [("provider", "VirtualRouter"), ("source", "cpu")], "counter.0.id")
        let high = try #require(
            try await c.job(
                "createCondition", [("counterid", cpu), ("relationaloperator", "GT"), ("threshold", "80")])[
                    "jobresult.condition.id"]?.text)
        let low = try #require(
            try await c.job(
                "createCondition", [("counterid", cpu), ("relationaloperator", "LT"), ("threshold", "20")])[
                    "jobresult.condition.id"]?.text)
        let up = try #require(
            try await c.job(
                "createAutoScalePolicy",
                [("action", "ScaleUp"), ("duration", duration), ("conditionids", high)])[
                    "jobresult.autoscalepolicy.id"]?
                .text)
        let down = try #require(
            try await c.job(
                "createAutoScalePolicy",
                [("action", "scaledown"), ("duration", duration), ("conditionids", low)])[
                    "jobresult.autoscalepolicy.id"]?.text)
        let profile = try #require(
            try await c.job("createAutoScaleVmProfile", try await c.deployParameters())[
                "jobresult.autoscalevmprofile.id"]?.text)
        return Parts(rule: rule, up: up, down: down, profile: profile, condition: high)
    }

    static func groupParams(_ p: Parts, min: String = "2") -> [(String, String)] {
        [
            ("lbruleid", p.rule), ("minmembers", min), ("maxmembers", "4"), ("scaleuppolicyids", p.up),
            ("scaledownpolicyids", p.down), ("vmprofileid", p.profile), ("name", "web"),
        ]
    }

    @Test func aGroupRunsItsMinimumOnTheRuleAndGoesWithItsVMsOnlyWhenAsked() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let p = try await Self.parts(c)
            let made = try await c.job("createAutoScaleVmGroup", Self.groupParams(p))
            #expect(made["jobresult.autoscalevmgroup.state"]?.text == "Enabled")
            #expect(made["jobresult.autoscalevmgroup.availablevirtualmachinecount"]?.number?.int == 2)
            #expect(made["jobresult.autoscalevmgroup.lbprovider"]?.text == "VirtualRouter")
            #expect(made["jobresult.autoscalevmgroup.publicport"]?.text == "80")
            #expect(made["jobresult.autoscalevmgroup.scaleuppolicies.0.id"]?.text == p.up)
            #expect(made["jobresult.autoscalevmgroup.scaledownpolicies.0.action"]?.text == "SCALEDOWN")
            #expect(made["jobresult.autoscalevmgroup.scaleuppolicies.0.conditions.0.counter.0.source"]?.text == "cpu")
            let group = try #require(made["jobresult.autoscalevmgroup.id"]?.text)

            // The group's VMs are on the rule, named after the group, and the rule is Active.
            let members = try await c.get("listLoadBalancerRuleInstances", [("id", p.rule)]).inner
            #expect(members["count"]?.number?.int == 2)
            let names = (members["loadbalancerruleinstance"]?.list ?? []).compactMap { $0[field: "name"]?.text }
            #expect(names.allSatisfy { $0.hasPrefix("autoScaleVm-web-") }, "\(names)")
            #expect(
                try await c.value("listLoadBalancerRules", [("id", p.rule)], "loadbalancerrule.0.state") == "Active")
            #expect(
                try await c.value("listAutoScaleVmGroups", [("policyid", p.down)], "autoscalevmgroup.0.id") == group)

            // The group's VMs and rule are the group's to manage while it runs.
            let member = try #require(members["loadbalancerruleinstance.0.id"]?.text)
            let listed = try await c.get("listVirtualMachines", [("autoscalevmgroupid", group)]).inner
            #expect(listed["count"]?.number?.int == 2)
            #expect(listed["virtualmachine.0.autoscalevmgroupname"]?.text == "web")
            let destroy = try await c.get("destroyVirtualMachine", [("id", member)])
            #expect(
                destroy.inner["errortext"]?.text
                    == "Cannot perform actions on VM in an AutoScale VM group, Please disable the VM group and retry.")
            let deleteRule = try await c.wait(
                job: try await c.value("deleteLoadBalancerRule", [("id", p.rule)], "jobid"))
            #expect(deleteRule["jobresult.errorcode"]?.number?.int == 530)
            #expect(
                deleteRule["jobresult.errortext"]?.text?.hasSuffix("because it is being used by 1 Autoscale VM group.")
                    == true, "\(deleteRule)")
            let assign = try await c.get("assignToLoadBalancerRule", [("id", p.rule), ("virtualmachineids", member)])
            #expect(
                assign.inner["errortext"]?.text?.hasSuffix("because it is being used by an Autoscale VM group.") == true
            )

            // While the group runs, what it is made of stays as it is.
            let condition = try await c.get(
                "updateCondition", [("id", p.condition), ("relationaloperator", "GE"), ("threshold", "90")])
            #expect(condition.status == 536)
            #expect(
                condition.inner["errortext"]?.text?.hasPrefix("Cannot update condition ") == true
                    && condition.inner["errortext"]?.text?.hasSuffix(
                        " as it is being used in 1 vm groups NOT in Disabled state.") == true
            )
            let policy = try await c.get("updateAutoScalePolicy", [("id", p.up), ("duration", "120")])
            #expect(
                policy.inner["errortext"]?.text
                    == "The AutoScale Policy can be updated only if the Vm Group it is associated with is disabled in state"
            )
            let gone = try await c.get("deleteAutoScalePolicy", [("id", p.up)])
            #expect(
                gone.inner["errortext"]?.text
                    == "Cannot delete AutoScale Policy when it is in use by one or more AutoScale Vm Groups")
            #expect(
                try await c.get("deleteAutoScaleVmProfile", [("id", p.profile)]).inner["errortext"]?.text
                    == "Cannot delete AutoScale Vm Profile when it is in use by one more vm groups")
            let reshape = try await c.get("updateAutoScaleVmGroup", [("id", group), ("minmembers", "3")])
            #expect(
                reshape.inner["errortext"]?.text
                    == "An AutoScale Vm Group can be updated with minMembers/maxMembers/Interval only when it is in disabled state"
            )
            let delete = try await c.get("deleteAutoScaleVmGroup", [("id", group)])
            #expect(delete.status == 431)
            #expect(
                delete.inner["errortext"]?.text?.hasSuffix(
                    "because it is in Enabled state. Please disable it or pass cleanup=true flag which will destroy all VMs."
                )
                    == true)

            // Disabled, it takes a new shape; enabled again, it grows to its new minimum.
            #expect(
                try await c.job("disableAutoScaleVmGroup", [("id", group)])["jobresult.autoscalevmgroup.state"]?.text
                    == "Disabled")
            let again = try await c.get("enableAutoScaleVmGroup", [("id", p.up)])
            #expect(again.status == 431)
            let grown = try await c.job("updateAutoScaleVmGroup", [("id", group), ("minmembers", "3")])
            #expect(grown["jobresult.autoscalevmgroup.minmembers"]?.number?.int == 3)
            #expect(grown["jobresult.autoscalevmgroup.availablevirtualmachinecount"]?.number?.int == 2)
            let enabled = try await c.job("enableAutoScaleVmGroup", [("id", group)])
            #expect(enabled["jobresult.autoscalevmgroup.state"]?.text == "Enabled")
            #expect(enabled["jobresult.autoscalevmgroup.availablevirtualmachinecount"]?.number?.int == 3)
            let vms = try #require(
                try await c.get("listLoadBalancerRuleInstances", [("id", p.rule)]).inner["loadbalancerruleinstance"]?
                    .list)
            let vmIDs = vms.compactMap { $0[field: "id"]?.text }
            #expect(vmIDs.count == 3)

            // cleanup=true destroys the VMs with the group; the rule has no members left.
            #expect(
                try await c.job("deleteAutoScaleVmGroup", [("id", group), ("cleanup", "true")])["jobresult.success"]?
                    .bool == true)
            for id in vmIDs {
                #expect(try await c.get("listVirtualMachines", [("id", id)]).inner["count"] == nil)
            }
            #expect(try await c.get("listLoadBalancerRuleInstances", [("id", p.rule)]).inner["count"] == nil)
            #expect(try await c.value("listLoadBalancerRules", [("id", p.rule)], "loadbalancerrule.0.state") == "Add")
            #expect(try await c.job("deleteAutoScalePolicy", [("id", p.up)])["jobresult.success"]?.bool == true)
        }
    }

    @Test func aGroupAndWhatItLinksAreThereAfterARestart() async throws {
        let path = try StateFileTests.stateFile()
        let group = try await withSimulator(StateFileTests.options(path)) { sim async throws in
            let c = TestClient(sim)
            let p = try await Self.parts(c)
            let made = try await c.job("createAutoScaleVmGroup", Self.groupParams(p))
            return try #require(made["jobresult.autoscalevmgroup.id"]?.text)
        }
        try await withSimulator(StateFileTests.options(path)) { sim async throws in
            let c = TestClient(sim)
            let listed = try await c.get("listAutoScaleVmGroups", [("id", group)]).inner
            #expect(listed["autoscalevmgroup.0.availablevirtualmachinecount"]?.number?.int == 2)
            #expect(listed["autoscalevmgroup.0.scaleuppolicies.0.conditions.0.threshold"]?.number?.int == 80)
            let vms = try await c.get("listVirtualMachines", [("autoscalevmgroupid", group)]).inner
            #expect(vms["count"]?.number?.int == 2)
        }
    }

    @Test func aGroupIsCheckedAsTheServerChecksIt() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let p = try await Self.parts(c, duration: "20")
            func refusal(_ change: [(String, String)]) async throws -> String? {
                var params = Self.groupParams(p)
                for (k, v) in change {
                    params.removeAll { $0.0 == k }
                    params.append((k, v))
                }
                let r = try await c.get("createAutoScaleVmGroup", params)
                #expect(r.status == 431, "\(change): \(r.body)")
                return r.inner["errortext"]?.text
            }
            #expect(try await refusal([("minmembers", "5")]) == "minmembers (5)cannot be greater than maxmembers (4)")
            #expect(try await refusal([("minmembers", "0")]) == "minmembers is an invalid value: 0")
            #expect(
                try await refusal([("name", "web_1")])?.hasPrefix("Invalid AutoScale VM group name.") == true)
            // The policies last 20 s, less than the default 30 s interval.
            #expect(
                try await refusal([])
                    == "duration : 20 specified in a policy cannot be less than vm group's interval : 30")
            #expect(
                try await refusal([("interval", "10"), ("scaleuppolicyids", p.down)])
                    == "Only scaleup policies can be specified in scaleuppolicyids")
            #expect(try await refusal([("vmprofileid", p.rule)])?.hasPrefix("Unable to execute API command") == true)

            // The NetScaler's SNMP counters are not ones the virtual router measures.
            let snmp = try await c.value("listCounters", [("source", "snmp")], "counter.0.id")
            let cond = try #require(
                try await c.job(
                    "createCondition", [("counterid", snmp), ("relationaloperator", "GT"), ("threshold", "1")])[
                        "jobresult.condition.id"]?.text)
            let snmpPolicy = try #require(
                try await c.job(
                    "createAutoScalePolicy", [("action", "SCALEUP"), ("duration", "60"), ("conditionids", cond)])[
                        "jobresult.autoscalepolicy.id"]?.text)
            #expect(
                try await refusal([("interval", "10"), ("scaleuppolicyids", snmpPolicy)])
                    == "AutoScale counter with source='SNMP' is not supported in the network")

            // One group a rule, and none on a rule with VMs of its own.
            let ok = try await c.job("createAutoScaleVmGroup", Self.groupParams(p) + [("interval", "10")])
            #expect(ok["jobresult.autoscalevmgroup.interval"]?.number?.int == 10)
            #expect(
                try await refusal([("interval", "10")])
                    == "an AutoScaleVmGroup is already attached to the lb rule, the existing vm group has to be first deleted"
            )
            // Another account may not use them.
            let other = try await c.signed().get("createAutoScaleVmGroup", Self.groupParams(p) + [("interval", "10")])
            #expect(other.status == 531)
        }
    }
}

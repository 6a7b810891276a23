import Simulator
import TestSupport
import Testing
import Values

/// An autoscale group made and taken down through the Python `cs` client (in ThirdPartyClientTests'
/// serialized suite: one virtualenv), which waits for each async job and prints its result.
extension ThirdPartyClientTests {
    @Test func csRunsAnAutoScaleGroupOnALoadBalancerRule() async throws {
        let cs = try await Self.csExecutable()
        try await withSimulator(quickJobOptions()) { sim async throws in
            func run(_ args: [String]) async throws -> Value { try await self.cs(cs, args, sim) }
            let zone = try #require(try await run(["listZones"])["zone.0.id"]?.text)
            let offering = try #require(
                try await run(["listNetworkOfferings", "name=DefaultIsolatedNetworkOfferingWithSourceNatService"])[
                    "networkoffering.0.id"]?.text)
            let network = try #require(
                try await run([
                    "createNetwork", "name=as", "displaytext=as", "zoneid=\(zone)", "networkofferingid=\(offering)",
                ])["network.id"]?.text)
            let ip = try #require(try await run(["associateIpAddress", "networkid=\(network)"])["ipaddress.id"]?.text)
            let rule = try #require(
                try await run([
                    "createLoadBalancerRule", "name=web", "publicipid=\(ip)", "algorithm=leastconn", "publicport=80",
                    "privateport=8080",
                ])["loadbalancer.id"]?.text)
            let counter = try #require(
                try await run(["listCounters", "provider=VirtualRouter", "source=memory"])["counter.0.id"]?.text)
            var policies: [String] = []
            for (op, action) in [("GE", "ScaleUp"), ("LE", "ScaleDown")] {
                let condition = try #require(
                    try await run([
                        "createCondition", "counterid=\(counter)", "relationaloperator=\(op)", "threshold=50",
                    ])[
                        "condition.id"]?.text)
                let policy = try await run([
                    "createAutoScalePolicy", "action=\(action)", "duration=60", "conditionids=\(condition)",
                ])
                policies.append(try #require(policy["autoscalepolicy.id"]?.text, "\(policy)"))
            }
            let (template, service) = try await self.csDeployIDs(cs, sim)
            let profile = try #require(
                try await run([
                    "createAutoScaleVmProfile", "zoneid=\(zone)", "templateid=\(template)",
                    "serviceofferingid=\(service)", "otherdeployparams[0].name=rootdisksize",
                    "otherdeployparams[0].value=12",
                ])["autoscalevmprofile.id"]?.text)
            let group = try await run([
                "createAutoScaleVmGroup", "name=web-group", "lbruleid=\(rule)", "minmembers=1", "maxmembers=3",
                "scaleuppolicyids=\(policies[0])", "scaledownpolicyids=\(policies[1])", "vmprofileid=\(profile)",
            ])
            #expect(group["autoscalevmgroup.state"]?.text == "Enabled", "\(group)")
            #expect(group["autoscalevmgroup.availablevirtualmachinecount"]?.number?.int == 1)
            let groupID = try #require(group["autoscalevmgroup.id"]?.text)
            let vms = try await run(["listVirtualMachines", "autoscalevmgroupid=\(groupID)"])
            #expect(vms["virtualmachine.0.autoscalevmgroupname"]?.text == "web-group", "\(vms)")
            let vm = try #require(vms["virtualmachine.0.id"]?.text)

            #expect(
                try await run(["disableAutoScaleVmGroup", "id=\(groupID)"])["autoscalevmgroup.state"]?.text
                    == "Disabled")
            #expect(
                try await run(["updateAutoScaleVmProfile", "id=\(profile)", "expungevmgraceperiod=0"])[
                    "autoscalevmprofile.expungevmgraceperiod"]?.number?.int == 0)
            #expect(
                try await run(["deleteAutoScaleVmGroup", "id=\(groupID)", "cleanup=true"])["success"]?.bool == true)
            // cs prints nothing for an empty list: the VM is looked for with the simulator's own client.
            #expect(try await TestClient(sim).get("listVirtualMachines", [("id", vm)]).inner["count"] == nil)
            #expect(try await run(["deleteAutoScaleVmProfile", "id=\(profile)"])["success"]?.bool == true)
        }
    }
}

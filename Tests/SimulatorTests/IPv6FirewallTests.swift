@testable import Simulator
import TestSupport
import Testing
import Values

/// IPv6 firewall rules of a guest network: checked as Ipv6ServiceImpl checks them, answered as
/// createIpv6FirewallRuleResponse builds them.
@Suite struct IPv6FirewallTests {
    @Test func rulesAreCheckedAnsweredListedUpdatedAndDeleted() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let network = try await c.isolatedNetwork("dual")
            let made = try await c.job(
                "createIpv6FirewallRule",
                [("networkid", network), ("protocol", "6"), ("startport", "22"), ("cidrlist", "2001:db8::/64")])
            let rule = try #require(made["jobresult.firewallrule"], "\(made)")
            let id = try #require(rule[field: "id"]?.text)
            #expect(rule[field: "protocol"]?.text == "tcp")
            #expect(rule[field: "endport"]?.text == "22")
            #expect(rule[field: "traffictype"]?.text == "Ingress")
            #expect(rule[field: "destcidrlist"]?.text == "::/0")
            #expect(rule[field: "account"] == nil)
            let icmp = try await c.job(
                "createIpv6FirewallRule", [("networkid", network), ("protocol", "icmp"), ("traffictype", "egress")])
            #expect(icmp["jobresult.firewallrule.icmptype"]?.text == "-1")
            #expect(icmp["jobresult.firewallrule.traffictype"]?.text == "Egress")

            let refused = { (params: [(String, String)]) async throws -> String in
                let r = try await c.get("createIpv6FirewallRule", [("networkid", network)] + params)
                #expect(r.status == 431, "\(params): \(r.body)")
                return r.inner["errortext"]?.text ?? ""
            }
            #expect(try await refused([("protocol", "all")]) == "Protocol all is not supported in zone")
            #expect(try await refused([("protocol", "47")]) == "Protocol 47 not supported")
            #expect(
                try await refused([("protocol", "tcp"), ("traffictype", "sideways")]) == "Invalid traffic type sideways"
            )
            #expect(
                try await refused([("protocol", "tcp"), ("startport", "0")]) == "publicPort is an invalid value: 0")
            #expect(
                try await refused([("protocol", "tcp"), ("startport", "30"), ("endport", "20")])
                    == "Start port can't be bigger than end port")
            #expect(
                try await refused([("protocol", "udp"), ("icmptype", "8")])
                    == "Can specify icmpCode and icmpType for ICMP protocol only")
            #expect(
                try await refused([("protocol", "icmp"), ("startport", "1")])
                    == "Can't specify start/end port when protocol is ICMP")
            #expect(try await refused([("protocol", "tcp"), ("cidrlist", "10.0.0.0/8")]).contains("IPv6 CIDR"))

            // Lists: the network's rules, by traffic type; under the firewall rule key.
            let listed = try await c.get("listIpv6FirewallRules", [("networkid", network)]).inner
            #expect(listed["count"]?.text == "2")
            #expect(
                try await c.value("listIpv6FirewallRules", [("traffictype", "EGRESS")], "firewallrule.0.protocol")
                    == "icmp")
            // Update sets the display flag only; customid is ignored as the server ignores it.
            let hidden = try await c.job(
                "updateIpv6FirewallRule", [("id", id), ("fordisplay", "false"), ("customid", "x")])
            #expect(hidden["jobresult.firewallrule.fordisplay"]?.bool == false)
            #expect(hidden["jobresult.firewallrule.id"]?.text == id)
            #expect(try await c.signed().get("deleteIpv6FirewallRule", [("id", id)]).status == 531)
            #expect(try await c.job("deleteIpv6FirewallRule", [("id", id)])["jobresult.success"]?.bool == true)
            #expect(try await c.value("listIpv6FirewallRules", [("networkid", network)], "count") == "1")

            // A VPC tier has no Firewall service (network ACLs instead): the server's own exception.
            let vpc = try await c.vpc("v6", cidr: "10.70.0.0/16")
            let tierOffering = try await c.value(
                "listNetworkOfferings", [("forvpc", "true"), ("name", "DefaultIsolatedNetworkOfferingForVpcNetworks")],
                "networkoffering.0.id")
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let tier = try await c.value(
                "createNetwork",
                [
                    ("name", "t"), ("displaytext", "t"), ("zoneid", zone), ("networkofferingid", tierOffering),
                    ("vpcid", vpc), ("gateway", "10.70.1.1"), ("netmask", "255.255.255.0"),
                ], "network.id")
            let none = try await c.get("createIpv6FirewallRule", [("networkid", tier), ("protocol", "tcp")])
            #expect(none.status == 530)
            #expect(
                none.inner["errortext"]?.text?.hasPrefix("Service Firewall is not supported in the network id=") == true
            )
        }
    }
}

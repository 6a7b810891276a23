@testable import Simulator
import TestSupport
import Testing
import Values

/// updateFirewallRule, updateEgressFirewallRule, updateVpnConnection and updateVpnGateway: jobs that set
/// `fordisplay` (and would set a new uuid, which the simulator refuses as not modelled).
@Suite struct DisplayUpdateTests {
    @Test func firewallRulesOfEitherDirectionChangeTheirDisplayFlag() async throws {
        try await withSimulator(quickJobOptions { $0.seedVMs = 1 }) { sim async throws in
            let c = TestClient(sim)
            let vm = try #require(try await c.get("listVirtualMachines").inner["virtualmachine.0"])
            let zone = try #require(vm[field: "zoneid"]?.text)
            let net = try await c.value("listNetworks", [("zoneid", zone), ("type", "Isolated")], "network.0.id")
            let ip = try await c.job("associateIpAddress", [("networkid", net)])
            let ipID = try #require(ip["jobresult.ipaddress.id"]?.text, "\(ip)")
            let ingress = try await c.job(
                "createFirewallRule", [("ipaddressid", ipID), ("protocol", "tcp"), ("startport", "22")])
            let rule = try #require(ingress["jobresult.firewallrule.id"]?.text)
            let hidden = try await c.job("updateFirewallRule", [("id", rule), ("fordisplay", "false")])
            #expect(hidden["jobresult.firewallrule.fordisplay"]?.bool == false)
            #expect(hidden["jobresult.firewallrule.startport"]?.text == "22")
            #expect(hidden["cmd"]?.text == FirewallAPIs.cmdPrefix + "UpdateFirewallRuleCmd")
            #expect(
                try await c.value(
                    "listFirewallRules", [("id", rule), ("fordisplay", "false")], "firewallrule.0.fordisplay")
                    == "false")
            // Without fordisplay nothing changes; the answer is the rule as it stands.
            #expect(
                try await c.job("updateFirewallRule", [("id", rule)])["jobresult.firewallrule.fordisplay"]?.bool
                    == false)

            // The server serves both commands with one method: any firewall rule, ingress or egress.
            let egress = try await c.job(
                "createEgressFirewallRule", [("networkid", net), ("protocol", "udp"), ("startport", "53")])
            let out = try #require(egress["jobresult.firewallrule.id"]?.text)
            let viaIngress = try await c.job("updateFirewallRule", [("id", out), ("fordisplay", "false")])
            #expect(viaIngress["jobresult.firewallrule.traffictype"]?.text == "Egress")
            let shown = try await c.job("updateEgressFirewallRule", [("id", out), ("fordisplay", "true")])
            #expect(shown["jobresult.firewallrule.fordisplay"]?.bool == true)
            #expect(try await c.value("listEgressFirewallRules", [("id", out)], "firewallrule.0.fordisplay") == "true")

            // A rule of another purpose is found but refused; a missing id is an invalid parameter.
            let pf = try await c.job(
                "createPortForwardingRule",
                [
                    ("ipaddressid", ipID), ("protocol", "tcp"), ("publicport", "80"), ("privateport", "80"),
                    ("virtualmachineid", try #require(vm[field: "id"]?.text)),
                ])
            let pfID = try #require(pf["jobresult.portforwardingrule.id"]?.text, "\(pf)")
            let wrong = try await c.get("updateFirewallRule", [("id", pfID)])
            #expect(wrong.status == 431)
            #expect(wrong.inner["errortext"]?.text?.hasSuffix("having purpose Firewall") == true)
            let missing = try await c.get("updateEgressFirewallRule", [("id", "8d2b9a7c-4b21-4c53-9b3a-0d1e2f3a4b5c")])
            #expect(missing.status == 431)
            #expect(missing.inner["errortext"]?.text?.contains("Invalid parameter id value=") == true)
            // customid would change the rule's id: not modelled, said so, and nothing changes.
            let custom = try await c.get(
                "updateFirewallRule", [("id", rule), ("customid", "mine"), ("fordisplay", "true")])
            #expect(custom.status == 431)
            #expect(custom.inner["errortext"]?.text?.contains("customid") == true)
            #expect(
                try await c.value(
                    "listFirewallRules", [("id", rule), ("fordisplay", "false")], "firewallrule.0.fordisplay")
                    == "false")
            // Another account's rule is not the caller's to change.
            #expect(
                try await c.signed().get("updateFirewallRule", [("id", rule), ("fordisplay", "true")]).status == 531)
        }
    }

    @Test func vpnConnectionsAndGatewaysChangeTheirDisplayFlag() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let vpc = try await c.vpc("vpn", cidr: "10.40.0.0/16")
            let gw = try #require(
                try await c.job("createVpnGateway", [("vpcid", vpc)])["jobresult.vpngateway.id"]?.text)
            let cg = try #require(
                try await c.job(
                    "createVpnCustomerGateway",
                    [
                        ("name", "office"), ("gateway", "192.0.2.10"), ("cidrlist", "192.168.10.0/24"),
                        ("ipsecpsk", "s3cret"), ("ikepolicy", "aes128-sha1;modp1536"), ("esppolicy", "aes128-sha1"),
                    ])["jobresult.vpncustomergateway.id"]?.text)
            let conn = try #require(
                try await c.job("createVpnConnection", [("s2svpngatewayid", gw), ("s2scustomergatewayid", cg)])[
                    "jobresult.vpnconnection.id"]?.text)

            let g = try await c.job("updateVpnGateway", [("id", gw), ("fordisplay", "false")])
            #expect(g["jobresult.vpngateway.fordisplay"]?.bool == false)
            #expect(g["jobresult.vpngateway.vpcid"]?.text == vpc)
            #expect(g["cmd"]?.text == SiteToSiteVPNAPIs.cmdPrefix + "UpdateVpnGatewayCmd")
            #expect(
                try await c.value("listVpnGateways", [("id", gw), ("fordisplay", "false")], "vpngateway.0.fordisplay")
                    == "false")

            let v = try await c.job("updateVpnConnection", [("id", conn), ("fordisplay", "false")])
            #expect(v["jobresult.vpnconnection.fordisplay"]?.bool == false)
            #expect(v["jobresult.vpnconnection.state"]?.text == "Connected")
            #expect(v["jobresult.vpnconnection.vpcid"] == nil)
            #expect(
                try await c.value(
                    "listVpnConnections", [("id", conn), ("fordisplay", "false")], "vpnconnection.0.fordisplay")
                    == "false")
            // The list filter on the flag finds it.
            #expect(try await c.get("listVpnConnections", [("fordisplay", "true")]).inner["count"] == nil)

            #expect(try await c.get("updateVpnGateway", [("id", gw), ("customid", "x")]).status == 431)
            #expect(try await c.signed().get("updateVpnConnection", [("id", conn)]).status == 531)
            // Each is logged as the server types it.
            let events = try await c.get("listEvents", [("type", "VPN.S2S.CONNECTION.UPDATE")]).inner
            #expect(events["count"] != nil)
        }
    }
}

import Simulator
import TestSupport
import Testing
import Values

/// Networking as a fresh install has it and as clients drive it: offerings, VPCs with tiers,
/// ACLs, static NAT, port forwarding, load balancing, routers, NICs.
@Suite struct NetworkingTests {
    @Test func offeringsAndACLListsAreSeededAsAFreshInstall() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let offerings = try await c.get("listNetworkOfferings").inner["networkoffering"]?.list ?? []
            let names = Set(offerings.compactMap { $0[field: "name"]?.text })
            for n in [
                "DefaultSharedNetworkOffering", "DefaultSharedNetworkOfferingWithSGService",
                "DefaultIsolatedNetworkOfferingWithSourceNatService", "DefaultIsolatedNetworkOffering",
                "DefaultIsolatedNetworkOfferingForVpcNetworks", "DefaultIsolatedNetworkOfferingForVpcNetworksNoLB",
                "DefaultSharedNetscalerEIPandELBNetworkOffering", "DefaultL2NetworkOffering",
            ] {
                #expect(names.contains(n), "missing \(n)")
            }
            #expect(offerings.allSatisfy { $0[field: "state"]?.text == "Enabled" })
            // Load balancing in a tier: by the VPC router or by an internal LB VM.
            let vpcTier = try await c.get(
                "listNetworkOfferings", [("forvpc", "true"), ("supportedservices", "Lb,NetworkACL")]
            ).inner
            #expect(vpcTier["count"]?.text == "2")
            #expect(
                vpcTier["networkoffering.0.displaytext"]?.text
                    == "Offering for Isolated Vpc networks with Source Nat service enabled")
            #expect(
                vpcTier["networkoffering.1.name"]?.text == "DefaultIsolatedNetworkOfferingForVpcNetworksWithInternalLB")
            let acl = vpcTier["networkoffering.0.service"]?.list?.first { $0[field: "name"]?.text == "NetworkACL" }
            #expect(acl?["provider.0.name"]?.text == "VpcVirtualRouter")
            let vpcOfferings =
                try await c.get("listVPCOfferings").inner["vpcoffering"]?.list?.compactMap { $0[field: "name"]?.text }
                ?? []
            #expect(vpcOfferings.contains("Default VPC offering") && vpcOfferings.contains("Redundant VPC offering"))
            let lists =
                try await c.get("listNetworkACLLists").inner["networkacllist"]?.list?.compactMap {
                    $0[field: "name"]?.text
                } ?? []
            #expect(Set(lists) == ["default_allow", "default_deny"])
            // The seeded isolated network is implemented: source NAT address and a running router.
            let net = try await c.value("listNetworks", [("name", "admin-network")], "network.0.id")
            #expect(try await c.value("listRouters", [("networkid", net)], "router.0.state") == "Running")
            #expect(
                try await c.value(
                    "listPublicIpAddresses", [("associatednetworkid", net), ("issourcenat", "true")], "count") == "1")
        }
    }

    @Test func networkOfferingsAreCreatedDisabledAndGuarded() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let created = try await c.get(
                "createNetworkOffering",
                [
                    ("name", "web"), ("displaytext", "web tier"), ("guestiptype", "Isolated"), ("traffictype", "GUEST"),
                    ("supportedservices", "dns,Dhcp,SourceNat,Lb"), ("serviceproviderlist[0].service", "Dns"),
                    ("serviceproviderlist[0].provider", "virtualrouter"), ("maxconnections", "300"),
                ]
            ).inner
            #expect(created["networkoffering.state"]?.text == "Disabled")
            #expect(created["networkoffering.maxconnections"]?.text == "300")
            let id = try #require(created["networkoffering.id"]?.text)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let refused = try await c.get(
                "createNetwork", [("name", "n"), ("zoneid", zone), ("networkofferingid", id)])
            #expect(refused.status == 431)
            #expect(refused.inner["errortext"]?.text == "Network offering with specified id is not in Enabled state")
            #expect(
                try await c.get(
                    "createNetworkOffering",
                    [
                        ("name", "x"), ("displaytext", "x"), ("guestiptype", "Isolated"),
                        ("traffictype", "Guest"), ("supportedservices", "Teleport"),
                    ]
                ).status == 431)
            let enabled = try await c.get(
                "updateNetworkOffering", [("id", id), ("state", "enabled"), ("maxconnections", "400")]
            ).inner
            #expect(enabled["networkoffering.state"]?.text == "Enabled")
            #expect(enabled["networkoffering.maxconnections"]?.text == "400")
            let n = try await c.value(
                "createNetwork", [("name", "n"), ("zoneid", zone), ("networkofferingid", id)], "network.id")
            #expect(try await c.get("deleteNetworkOffering", [("id", id)]).status == 431)  // a network uses it
            _ = try await c.job("deleteNetwork", [("id", n)])
            #expect(try await c.get("deleteNetworkOffering", [("id", id)]).inner["success"]?.bool == true)
            let l2 = try await c.value(
                "listNetworkOfferings", [("name", "DefaultL2NetworkOffering")], "networkoffering.0.id")
            let segment = try await c.get(
                "createNetwork", [("name", "l2"), ("zoneid", zone), ("networkofferingid", l2)]
            ).inner
            #expect(segment["network.type"]?.text == "L2" && segment["network.cidr"] == nil)
            let isolated = try await c.value(
                "listNetworkOfferings", [("name", "DefaultIsolatedNetworkOffering")], "networkoffering.0.id")
            #expect(
                try await c.get("deleteNetworkOffering", [("id", isolated)]).inner["errortext"]?.text
                    == "Default network offering can't be deleted")
            // VPC offerings: created by a job, Disabled, with the capabilities asked for.
            let vpcOffering = try await c.job(
                "createVPCOffering",
                [
                    ("name", "drl"), ("displaytext", "d"), ("supportedservices", "Dhcp,Dns,SourceNat,NetworkACL"),
                    ("servicecapabilitylist[0].service", "Connectivity"),
                    ("servicecapabilitylist[0].capabilitytype", "DistributedRouter"),
                    ("servicecapabilitylist[0].capabilityvalue", "true"),
                ])
            #expect(vpcOffering["jobresult.vpcoffering.state"]?.text == "Disabled")
            #expect(vpcOffering["jobresult.vpcoffering.distributedvpcrouter"]?.bool == true)
        }
    }

    @Test func vpcTiersStaticNatAndPortForwarding() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim).signed()  // as the user dev
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let offering = try await c.value("listVPCOfferings", [("name", "Default VPC offering")], "vpcoffering.0.id")
            let vpcJob = try await c.job(
                "createVPC",
                [
                    ("name", "shop"), ("displaytext", "shop"), ("cidr", "10.10.0.0/16"),
                    ("zoneid", zone), ("vpcofferingid", offering),
                ])
            let vpc = try #require(vpcJob["jobresult.vpc.id"]?.text)
            #expect(vpcJob["jobresult.vpc.state"]?.text == "Enabled")
            let admin = TestClient(sim)
            #expect(
                try await admin.value("listRouters", [("vpcid", vpc), ("listall", "true")], "router.0.state")
                    == "Running")
            #expect(
                try await c.value("listPublicIpAddresses", [("vpcid", vpc)], "publicipaddress.0.issourcenat") == "true")

            let tierOffering = try await c.value(
                "listNetworkOfferings", [("name", "DefaultIsolatedNetworkOfferingForVpcNetworks")],
                "networkoffering.0.id")
            func tier(_ name: String, _ gateway: String) async throws -> TestClient.Reply {
                try await c.get(
                    "createNetwork",
                    [
                        ("name", name), ("displaytext", name), ("zoneid", zone), ("vpcid", vpc),
                        ("networkofferingid", tierOffering), ("gateway", gateway), ("netmask", "255.255.255.0"),
                    ])
            }
            let outside = try await tier("out", "10.20.0.1")
            #expect(outside.status == 431)
            #expect(outside.inner["errortext"]?.text?.contains("is not within vpc") == true)
            let web = try #require(try await tier("web", "10.10.1.1").inner["network.id"]?.text)
            #expect(try await tier("clash", "10.10.1.1").status == 431)
            // No aclid given: the tier has no ACL list (the server sets none until replaceNetworkACLList).
            #expect(try await c.get("listNetworks", [("id", web)]).inner["network.0.aclid"] == nil)
            #expect(try await c.value("listVPCs", [("id", vpc)], "vpc.0.network.0.name") == "web")
            let deployed = try await c.deploy([("networkids", web), ("name", "web-1")])
            let vm = try #require(deployed["jobresult.virtualmachine.id"]?.text)
            // A tier's VMs take addresses of the tier's own CIDR (after its gateway).
            #expect(deployed["jobresult.virtualmachine.nic.0.ipaddress"]?.text == "10.10.1.2")

            let ipJob = try await c.job("associateIpAddress", [("vpcid", vpc)])
            let ip = try #require(ipJob["jobresult.ipaddress.id"]?.text)
            #expect(ipJob["jobresult.ipaddress.vpcid"]?.text == vpc)
            #expect(
                try await c.get("enableStaticNat", [("ipaddressid", ip), ("virtualmachineid", vm), ("networkid", web)])
                    .inner["success"]?.bool == true)
            let natted = try await c.get("listPublicIpAddresses", [("id", ip)]).inner
            #expect(natted["publicipaddress.0.isstaticnat"]?.bool == true)
            #expect(natted["publicipaddress.0.virtualmachinename"]?.text == "web-1")
            #expect(natted["publicipaddress.0.associatednetworkid"]?.text == web)
            let pf = [
                ("ipaddressid", ip), ("protocol", "tcp"), ("publicport", "80"), ("privateport", "8080"),
                ("virtualmachineid", vm), ("networkid", web),
            ]
            #expect(try await c.get("createPortForwardingRule", pf).status == 431)  // static NAT holds the address
            #expect(try await c.job("disableStaticNat", [("ipaddressid", ip)])["jobresult.success"]?.bool == true)
            let rule = try await c.job("createPortForwardingRule", pf)
            #expect(rule["jobresult.portforwardingrule.privateport"]?.text == "8080")
            #expect(
                try await c.get("deleteVPC", [("id", vpc)]).inner["errortext"]?.text
                    == "Can't delete VPC shop as its used by 1 networks")

            _ = try await admin.job("destroyVirtualMachine", [("id", vm), ("expunge", "true")])
            #expect(try await c.job("deleteNetwork", [("id", web)])["jobstatus"]?.text == "1")
            #expect(
                try await c.get("listPublicIpAddresses", [("id", ip)]).inner["publicipaddress.0.associatednetworkid"]
                    == nil)
            #expect(try await c.job("deleteVPC", [("id", vpc)])["jobstatus"]?.text == "1")
            #expect(try await admin.get("listRouters", [("vpcid", vpc), ("listall", "true")]).inner["count"] == nil)
            #expect(try await c.get("listPublicIpAddresses", [("vpcid", vpc)]).inner["count"] == nil)
        }
    }

    @Test func networkACLListsAndItems() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let offering = try await c.value(
                "listVPCOfferings", [("name", "Redundant VPC offering")], "vpcoffering.0.id")
            let vpcJob = try await c.job(
                "createVPC",
                [
                    ("name", "v"), ("displaytext", "v"), ("cidr", "10.30.0.0/16"),
                    ("zoneid", zone), ("vpcofferingid", offering),
                ])
            let vpc = try #require(vpcJob["jobresult.vpc.id"]?.text)
            #expect(vpcJob["jobresult.vpc.redundantvpcrouter"]?.bool == true)
            #expect(try await c.value("listRouters", [("vpcid", vpc)], "count") == "2")
            let acl = try #require(
                try await c.job("createNetworkACLList", [("name", "web"), ("vpcid", vpc)])[
                    "jobresult.networkacllist.id"]?.text)
            let lists = try await c.get("listNetworkACLLists", [("vpcid", vpc)]).inner
            #expect(lists["count"]?.text == "3")  // its own and the two defaults
            let first = try await c.job(
                "createNetworkACL",
                [
                    ("aclid", acl), ("protocol", "tcp"), ("startport", "80"),
                    ("cidrlist", "0.0.0.0/0"), ("action", "allow"),
                ])
            #expect(first["jobresult.networkacl.number"]?.text == "1")
            #expect(first["jobresult.networkacl.endport"]?.text == "80")
            #expect(first["jobresult.networkacl.traffictype"]?.text == "Ingress")
            #expect(first["jobresult.networkacl.action"]?.text == "Allow")
            let item = try #require(first["jobresult.networkacl.id"]?.text)
            let dup = try await c.get("createNetworkACL", [("aclid", acl), ("protocol", "udp"), ("number", "1")])
            #expect(dup.inner["errortext"]?.text == "ACL item with number 1 already exists in ACL: \(acl)")
            let updated = try await c.job(
                "updateNetworkACLItem",
                [
                    ("id", item), ("protocol", "udp"), ("startport", "81"),
                    ("traffictype", "egress"), ("action", "deny"),
                    ("cidrlist", "1.2.3.0/24,3.2.1.0/24"),
                ])
            #expect(updated["jobresult.networkacl.protocol"]?.text == "udp")
            #expect(updated["jobresult.networkacl.startport"]?.text == "81")
            #expect(updated["jobresult.networkacl.cidrlist"]?.text == "1.2.3.0/24,3.2.1.0/24")
            // A protocol number keeps its ports; ICMP takes type and code, not ports.
            let numbered = try await c.job(
                "updateNetworkACLItem", [("id", item), ("protocol", "8"), ("startport", "81")])
            #expect(
                numbered["jobresult.networkacl.protocol"]?.text == "8"
                    && numbered["jobresult.networkacl.endport"]?.text == "81")
            #expect(
                try await c.get("updateNetworkACLItem", [("id", item), ("protocol", "icmp"), ("startport", "1")]).inner[
                    "errortext"]?.text
                    == "Can't specify start/end port when protocol is ICMP")
            let allow = try await c.value("listNetworkACLLists", [("name", "default_allow")], "networkacllist.0.id")
            #expect(
                try await c.get("createNetworkACL", [("aclid", allow), ("protocol", "all")]).inner["errortext"]?.text
                    == "Default ACL cannot be modified")
            // A tier starts with the list it is given; replaceNetworkACLList swaps it; a list in use stays.
            let tierOffering = try await c.value(
                "listNetworkOfferings", [("name", "DefaultIsolatedNetworkOfferingForVpcNetworks")],
                "networkoffering.0.id")
            let tier = try await c.value(
                "createNetwork",
                [
                    ("name", "t"), ("displaytext", "t"), ("zoneid", zone), ("vpcid", vpc),
                    ("networkofferingid", tierOffering), ("gateway", "10.30.1.1"),
                    ("netmask", "255.255.255.0"), ("aclid", allow),
                ], "network.id")
            #expect(try await c.value("listNetworkACLs", [("networkid", tier)], "count") == "2")
            _ = try await c.job("replaceNetworkACLList", [("aclid", acl), ("networkid", tier)])
            #expect(try await c.value("listNetworks", [("id", tier)], "network.0.aclid") == acl)
            #expect(try await c.get("deleteNetworkACLList", [("id", acl)]).status == 431)
            #expect(try await c.job("deleteNetworkACL", [("id", item)])["jobresult.success"]?.bool == true)
            #expect(try await c.get("listNetworkACLs", [("aclid", acl)]).inner["count"] == nil)
        }
    }

    @Test func loadBalancerRulesWithInstances() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let net = try await c.isolatedNetwork("lb")
            #expect(try await c.value("listNetworks", [("id", net)], "network.0.state") == "Allocated")
            #expect(try await c.get("listRouters", [("networkid", net)]).inner["count"] == nil)
            let vm = try #require(
                try await c.deploy([("networkids", net), ("name", "lb-1")])["jobresult.virtualmachine.id"]?.text)
            #expect(try await c.value("listNetworks", [("id", net)], "network.0.state") == "Implemented")
            #expect(try await c.value("listRouters", [("networkid", net)], "router.0.guestnetworkid") == net)
            let ip = try #require(
                try await c.job("associateIpAddress", [("networkid", net)])["jobresult.ipaddress.id"]?.text)
            let created = try await c.job(
                "createLoadBalancerRule",
                [
                    ("name", "web"), ("publicipid", ip), ("algorithm", "roundrobin"),
                    ("publicport", "80"), ("privateport", "8080"),
                ])
            let rule = try #require(created["jobresult.loadbalancer.id"]?.text)
            #expect(created["jobresult.loadbalancer.state"]?.text == "Add")
            #expect(created["jobresult.loadbalancer.networkid"]?.text == net)
            let clash = try await c.get(
                "createPortForwardingRule",
                [
                    ("ipaddressid", ip), ("protocol", "tcp"), ("publicport", "80"),
                    ("privateport", "80"), ("virtualmachineid", vm),
                ])
            #expect(clash.status == 537)
            #expect(
                try await c.get(
                    "createLoadBalancerRule",
                    [
                        ("name", "x"), ("publicipid", ip), ("algorithm", "fastest"),
                        ("publicport", "81"), ("privateport", "81"),
                    ]
                ).status == 431)
            _ = try await c.job("assignToLoadBalancerRule", [("id", rule), ("virtualmachineids", vm)])
            #expect(
                try await c.value("listLoadBalancerRuleInstances", [("id", rule)], "loadbalancerruleinstance.0.name")
                    == "lb-1")
            #expect(try await c.value("listLoadBalancerRules", [("id", rule)], "loadbalancerrule.0.state") == "Active")
            #expect(try await c.value("listLoadBalancerRules", [("virtualmachineid", vm)], "count") == "1")
            let updated = try await c.job("updateLoadBalancerRule", [("id", rule), ("algorithm", "source")])
            #expect(updated["jobresult.loadbalancer.algorithm"]?.text == "source")
            _ = try await c.job("removeFromLoadBalancerRule", [("id", rule), ("virtualmachineids", vm)])
            #expect(try await c.get("listLoadBalancerRuleInstances", [("id", rule)]).inner["count"] == nil)
            #expect(try await c.job("deleteLoadBalancerRule", [("id", rule)])["jobresult.success"]?.bool == true)
        }
    }

    @Test func privateGatewaysStaticRoutesEgressAndVPCRestart() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let offering = try await c.value("listVPCOfferings", [("name", "Default VPC offering")], "vpcoffering.0.id")
            let vpc = try #require(
                try await c.job(
                    "createVPC",
                    [
                        ("name", "gw"), ("displaytext", "gw"), ("cidr", "10.60.0.0/16"),
                        ("zoneid", zone), ("vpcofferingid", offering),
                    ])["jobresult.vpc.id"]?.text)
            let gwJob = try await c.job(
                "createPrivateGateway",
                [
                    ("vpcid", vpc), ("gateway", "172.16.0.1"), ("ipaddress", "172.16.0.5"),
                    ("netmask", "255.255.255.0"), ("vlan", "200"),
                ])
            let gw = try #require(gwJob["jobresult.privategateway.id"]?.text)
            #expect(gwJob["jobresult.privategateway.aclname"]?.text == "default_deny")
            #expect(gwJob["jobresult.privategateway.vlan"]?.text == "vlan://200")
            #expect(
                try await c.get(
                    "createPrivateGateway",
                    [
                        ("vpcid", vpc), ("gateway", "10.60.9.1"), ("ipaddress", "10.60.9.5"),
                        ("netmask", "255.255.255.0"),
                    ]
                ).status == 431)  // inside the VPC
            #expect(try await c.get("createStaticRoute", [("gatewayid", gw), ("cidr", "10.60.4.0/24")]).status == 431)
            let route = try await c.job("createStaticRoute", [("gatewayid", gw), ("cidr", "192.168.50.0/24")])
            #expect(route["jobresult.staticroute.vpcid"]?.text == vpc)
            #expect(try await c.get("deletePrivateGateway", [("id", gw)]).status == 431)  // a route uses it
            _ = try await c.job("deleteStaticRoute", [("id", route["jobresult.staticroute.id"]!.text!)])
            #expect(try await c.job("deletePrivateGateway", [("id", gw)])["jobresult.success"]?.bool == true)

            // restartVPC with cleanup replaces the router; makeredundant makes a pair.
            let before = try await c.value("listRouters", [("vpcid", vpc)], "router.0.id")
            _ = try await c.job("restartVPC", [("id", vpc), ("cleanup", "true")])
            let after = try await c.value("listRouters", [("vpcid", vpc)], "router.0.id")
            #expect(after != before)
            _ = try await c.job("restartVPC", [("id", vpc), ("makeredundant", "true")])
            #expect(try await c.value("listRouters", [("vpcid", vpc)], "count") == "2")
            #expect(
                try await c.job("updateVPC", [("id", vpc), ("displaytext", "renamed")])["jobresult.vpc.displaytext"]?
                    .text == "renamed")

            // Egress rules belong to isolated networks outside VPCs.
            let net = try await c.value("listNetworks", [("name", "admin-network")], "network.0.id")
            let egress = try await c.job(
                "createEgressFirewallRule",
                [
                    ("networkid", net), ("protocol", "tcp"), ("startport", "443"),
                    ("cidrlist", "10.1.0.0/24"),
                ])
            #expect(egress["jobresult.firewallrule.traffictype"]?.text == "Egress")
            #expect(
                try await c.value("listEgressFirewallRules", [("networkid", net)], "firewallrule.0.endport") == "443")
            _ = try await c.job("deleteEgressFirewallRule", [("id", egress["jobresult.firewallrule.id"]!.text!)])
            #expect(try await c.get("listEgressFirewallRules", [("networkid", net)]).inner["count"] == nil)
        }
    }
}

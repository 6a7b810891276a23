import Simulator
import TestSupport
import Testing
import Values

/// The rest of networking: physical networks and traffic types, VLAN IP ranges, VPNs,
/// virtual router power states, NICs and secondary IPs.
@Suite struct NetworkServicesTests {
    @Test func physicalNetworksProvidersTrafficTypesAndRanges() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let pnJob = try await c.job(
                "createPhysicalNetwork",
                [
                    ("name", "net01"), ("zoneid", zone), ("isolationmethods", "vlan"),
                    ("broadcastdomainrange", "ZONE"),
                ])
            let pn = try #require(pnJob["jobresult.physicalnetwork.id"]?.text)
            #expect(pnJob["jobresult.physicalnetwork.state"]?.text == "Disabled")
            #expect(pnJob["jobresult.physicalnetwork.isolationmethods"]?.text == "VLAN")
            let tagged = try await c.job("updatePhysicalNetwork", [("id", pn), ("tags", "overlay")])
            #expect(tagged["jobresult.physicalnetwork.tags"]?.text == "overlay")
            let untagged = try await c.job("updatePhysicalNetwork", [("id", pn), ("tags", ""), ("state", "Enabled")])
            #expect(untagged["jobresult.physicalnetwork.tags"] == nil)
            #expect(untagged["jobresult.physicalnetwork.state"]?.text == "Enabled")

            // A provider is enabled only after its element is configured.
            let nsp = try await c.value(
                "listNetworkServiceProviders", [("physicalnetworkid", pn), ("name", "VirtualRouter")],
                "networkserviceprovider.0.id")
            let early = try await c.get("updateNetworkServiceProvider", [("id", nsp), ("state", "Enabled")])
            #expect(
                early.inner["errortext"]?.text
                    == "Provider is not ready, cannot Enable the provider, please configure the provider first")
            let element = try await c.value("listVirtualRouterElements", [("nspid", nsp)], "virtualrouterelement.0.id")
            let configured = try await c.job("configureVirtualRouterElement", [("id", element), ("enabled", "true")])
            #expect(configured["jobresult.virtualrouterelement.enabled"]?.bool == true)
            let enabled = try await c.job("updateNetworkServiceProvider", [("id", nsp), ("state", "Enabled")])
            #expect(enabled["jobresult.networkserviceprovider.state"]?.text == "Enabled")

            let guest = try await c.job("addTrafficType", [("physicalnetworkid", pn), ("traffictype", "Guest")])
            #expect(guest["jobresult.traffictype.traffictype"]?.text == "Guest")
            #expect(
                try await c.get("addTrafficType", [("physicalnetworkid", pn), ("traffictype", "guest")]).inner[
                    "errortext"]?.text
                    == "This physical network already supports the traffic type: Guest")
            let labelled = try await c.job(
                "updateTrafficType",
                [("id", guest["jobresult.traffictype.id"]!.text!), ("kvmnetworklabel", "cloudbr0")])
            #expect(labelled["jobresult.traffictype.kvmnetworklabel"]?.text == "cloudbr0")
            _ = try await c.job("addTrafficType", [("physicalnetworkid", pn), ("traffictype", "Public")])
            #expect(try await c.value("listTrafficTypes", [("physicalnetworkid", pn)], "count") == "2")

            // A public range lands on the physical network carrying Public traffic (the zone's seeded one,
            // listed first, carries it before net01 does); overlaps are refused.
            let carrier = try await c.value("listPhysicalNetworks", [("zoneid", zone)], "physicalnetwork.0.id")
            #expect(carrier != pn)
            let range = try await c.get(
                "createVlanIpRange",
                [
                    ("zoneid", zone), ("startip", "10.0.3.10"), ("endip", "10.0.3.250"),
                    ("gateway", "10.0.3.2"), ("netmask", "255.255.255.0"),
                    ("vlan", "untagged"), ("forvirtualnetwork", "true"),
                ]
            ).inner
            #expect(range["vlan.vlan"]?.text == "vlan://untagged")
            #expect(range["vlan.physicalnetworkid"]?.text == carrier)
            #expect(range["vlan.forsystemvms"]?.bool == false)
            let overlap = try await c.get(
                "createVlanIpRange",
                [
                    ("zoneid", zone), ("startip", "10.0.3.200"), ("endip", "10.0.3.210"),
                    ("gateway", "10.0.3.2"), ("netmask", "255.255.255.0"),
                ])
            #expect(overlap.status == 431)
            #expect(
                try await c.get(
                    "createVlanIpRange",
                    [
                        ("zoneid", zone), ("startip", "10.9.0.1"), ("gateway", "10.0.3.2"),
                        ("netmask", "255.255.255.0"),
                    ]
                ).status == 431)  // outside the subnet
            #expect(
                try await c.get("deleteVlanIpRange", [("id", range["vlan.id"]!.text!)]).inner["success"]?.bool == true)

            // A shared network with an IP range shows it as a VLAN range of the network.
            let shared = try await c.value(
                "listNetworkOfferings", [("name", "DefaultSharedNetworkOffering")], "networkoffering.0.id")
            let net = try await c.value(
                "createNetwork",
                [
                    ("name", "ipr"), ("displaytext", "ipr"), ("zoneid", zone),
                    ("networkofferingid", shared), ("vlan", "98"), ("startip", "10.2.4.2"),
                    ("endip", "10.2.4.9"), ("gateway", "10.2.4.1"), ("netmask", "255.255.255.0"),
                ],
                "network.id")
            #expect(try await c.value("listVlanIpRanges", [("networkid", net)], "vlaniprange.0.vlan") == "vlan://98")
            let sameVlan = try await c.get(
                "createNetwork",
                [
                    ("name", "ipr2"), ("displaytext", "ipr2"), ("zoneid", zone),
                    ("networkofferingid", shared), ("vlan", "98"), ("gateway", "10.2.5.1"),
                    ("netmask", "255.255.255.0"),
                ])
            #expect(
                sameVlan.inner["errortext"]?.text
                    == "Network with vlan 98 already exists or overlaps with other network vlans in zone Sandbox-1")
            #expect(
                try await c.get(
                    "createNetwork",
                    [
                        ("name", "novlan"), ("displaytext", "n"), ("zoneid", zone),
                        ("networkofferingid", shared), ("gateway", "10.2.6.1"),
                        ("netmask", "255.255.255.0"),
                    ]
                ).status == 431)
            // Its first VM brings up a router for DHCP and DNS, on an address of the range.
            // (The VM takes the range's first address, the router the next: both from the network's allocator.)
            let first = try await c.deploy([("networkids", net), ("name", "shared-1")])
            #expect(first["jobresult.virtualmachine.nic.0.ipaddress"]?.text == "10.2.4.2")
            #expect(
                try await c.value("listRouters", [("networkid", net), ("listall", "true")], "router.0.guestipaddress")
                    == "10.2.4.3")
            let vm = try await c.value("listVirtualMachines", [("name", "shared-1")], "virtualmachine.0.id")
            _ = try await c.job("destroyVirtualMachine", [("id", vm), ("expunge", "true")])
            _ = try await c.job("deleteNetwork", [("id", net)])
            #expect(try await c.get("listVlanIpRanges", [("networkid", net)]).inner["count"] == nil)

            #expect(try await c.job("deletePhysicalNetwork", [("id", pn)])["jobresult.success"]?.bool == true)
            #expect(try await c.get("listNetworkServiceProviders", [("physicalnetworkid", pn)]).inner["count"] == nil)
        }
    }

    @Test func siteToSiteAndRemoteAccessVPN() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim).signed()
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let offering = try await c.value("listVPCOfferings", [("name", "Default VPC offering")], "vpcoffering.0.id")
            let vpc = try #require(
                try await c.job(
                    "createVPC",
                    [
                        ("name", "vpn"), ("displaytext", "vpn"), ("cidr", "10.40.0.0/16"),
                        ("zoneid", zone), ("vpcofferingid", offering),
                    ])["jobresult.vpc.id"]?.text)
            let gwJob = try await c.job("createVpnGateway", [("vpcid", vpc)])
            let gw = try #require(gwJob["jobresult.vpngateway.id"]?.text)
            let nat = try await c.value(
                "listPublicIpAddresses", [("vpcid", vpc), ("issourcenat", "true")], "publicipaddress.0.ipaddress")
            #expect(gwJob["jobresult.vpngateway.publicip"]?.text == nat)
            #expect(try await c.get("createVpnGateway", [("vpcid", vpc)]).status == 431)
            let customer = [
                ("name", "office"), ("gateway", "192.0.2.10"), ("cidrlist", "192.168.10.0/24"), ("ipsecpsk", "s3cret"),
                ("ikepolicy", "aes128-sha1;modp1536"), ("esppolicy", "aes128-sha1"),
            ]
            let cgJob = try await c.job("createVpnCustomerGateway", customer)
            let cg = try #require(cgJob["jobresult.vpncustomergateway.id"]?.text)
            #expect(cgJob["jobresult.vpncustomergateway.ikelifetime"]?.text == "86400")
            #expect(try await c.get("createVpnCustomerGateway", customer).status == 431)  // same name
            #expect(
                try await c.get(
                    "createVpnCustomerGateway",
                    [
                        ("gateway", "192.0.2.11"), ("cidrlist", "192.168.11.0/24"),
                        ("ipsecpsk", "x"), ("ikepolicy", "rot13-sha1"),
                        ("esppolicy", "aes128-sha1"),
                    ]
                ).status == 431)
            let conn = try await c.job("createVpnConnection", [("s2svpngatewayid", gw), ("s2scustomergatewayid", cg)])
            let connID = try #require(conn["jobresult.vpnconnection.id"]?.text)
            #expect(conn["jobresult.vpnconnection.state"]?.text == "Connected")
            #expect(conn["jobresult.vpnconnection.gateway"]?.text == "192.0.2.10")
            #expect(try await c.get("deleteVpnCustomerGateway", [("id", cg)]).status == 431)
            #expect(try await c.get("deleteVpnGateway", [("id", gw)]).status == 431)
            #expect(try await c.value("listVpnConnections", [("id", connID)], "vpnconnection.0.publicip") == nat)
            _ = try await c.job("deleteVpnConnection", [("id", connID)])
            _ = try await c.job("deleteVpnCustomerGateway", [("id", cg)])
            _ = try await c.job("deleteVpnGateway", [("id", gw)])

            // Remote access VPN goes on the source NAT address only; VPN users per account.
            let natID = try await c.value(
                "listPublicIpAddresses", [("vpcid", vpc), ("issourcenat", "true")], "publicipaddress.0.id")
            let other = try #require(
                try await c.job("associateIpAddress", [("vpcid", vpc)])["jobresult.ipaddress.id"]?.text)
            #expect(try await c.get("createRemoteAccessVpn", [("publicipid", other)]).status == 431)
            let ra = try await c.job("createRemoteAccessVpn", [("publicipid", natID)])
            #expect(ra["jobresult.remoteaccessvpn.iprange"]?.text == "10.1.2.1-10.1.2.8")
            #expect(ra["jobresult.remoteaccessvpn.presharedkey"]?.text?.count == 24)
            let user = try await c.job("addVpnUser", [("username", "alice"), ("password", "wonderland")])
            #expect(user["jobresult.vpnuser.username"]?.text == "alice")
            #expect(try await c.get("addVpnUser", [("username", "alice"), ("password", "again")]).status == 431)
            #expect(try await c.get("addVpnUser", [("username", "1x"), ("password", "pw1")]).status == 431)
            #expect(try await c.value("listVpnUsers", [], "vpnuser.0.state") == "Active")
            _ = try await c.job("removeVpnUser", [("username", "alice")])
            #expect(try await c.get("listVpnUsers").inner["count"] == nil)
            #expect(
                try await c.job("deleteRemoteAccessVpn", [("publicipid", natID)])["jobresult.success"]?.bool == true)
        }
    }

    @Test func routersNicsAndSecondaryIPs() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let net = try await c.value("listNetworks", [("name", "admin-network")], "network.0.id")
            let router = try await c.value("listRouters", [("networkid", net)], "router.0.id")
            #expect(try await c.job("stopRouter", [("id", router)])["jobresult.router.state"]?.text == "Stopped")
            let reboot = try await c.get("rebootRouter", [("id", router)])
            #expect(reboot.inner["errortext"]?.text == "Unable to reboot domR, it is not in right state Stopped")
            #expect(try await c.job("startRouter", [("id", router)])["jobresult.router.state"]?.text == "Running")

            let vm = try #require(
                try await c.deploy([("networkids", net), ("name", "multi")])["jobresult.virtualmachine.id"]?.text)
            let offering = try await c.value(
                "listNetworkOfferings", [("name", "DefaultIsolatedNetworkOfferingWithSourceNatService")],
                "networkoffering.0.id")
            let second = try await c.value(
                "createNetwork",
                [
                    ("name", "back"), ("displaytext", "back"), ("zoneid", zone),
                    ("networkofferingid", offering),
                ], "network.id")
            let added = try await c.job("addNicToVirtualMachine", [("virtualmachineid", vm), ("networkid", second)])
            #expect(added["jobresult.virtualmachine.nic"]?.list?.count == 2)
            #expect(
                try await c.get("addNicToVirtualMachine", [("virtualmachineid", vm), ("networkid", second)]).status
                    == 431)
            #expect(try await c.value("listNetworks", [("id", second)], "network.0.state") == "Implemented")
            let nics = try await c.get("listNics", [("virtualmachineid", vm)]).inner
            #expect(nics["count"]?.text == "2")
            let firstNic = try #require(nics["nic.0.id"]?.text), secondNic = try #require(nics["nic.1.id"]?.text)
            #expect(nics["nic.1.isdefault"]?.bool == false)
            #expect(
                try await c.get("removeNicFromVirtualMachine", [("virtualmachineid", vm), ("nicid", firstNic)]).inner[
                    "errortext"]?.text
                    == "Unable to remove nic from VM multi, nic is default.")
            _ = try await c.job("updateDefaultNicForVirtualMachine", [("virtualmachineid", vm), ("nicid", secondNic)])
            let swapped = try await c.get("listNics", [("virtualmachineid", vm)]).inner
            #expect(swapped["nic.0.isdefault"]?.bool == false && swapped["nic.1.isdefault"]?.bool == true)

            let secondary = try await c.job("addIpToNic", [("nicid", firstNic)])
            let ipID = try #require(secondary["jobresult.nicsecondaryip.id"]?.text)
            let ip = try #require(secondary["jobresult.nicsecondaryip.ipaddress"]?.text)
            #expect(
                try await c.value(
                    "listNics", [("virtualmachineid", vm), ("nicid", firstNic)], "nic.0.secondaryip.0.ipaddress") == ip)
            #expect(try await c.get("addIpToNic", [("nicid", firstNic), ("ipaddress", ip)]).status == 431)
            _ = try await c.job("removeIpFromNic", [("id", ipID)])
            // The NIC keeps an empty list, as the server sets one on every NIC.
            #expect(
                try await c.get("listNics", [("virtualmachineid", vm), ("nicid", firstNic)]).inner["nic.0.secondaryip"]?
                    .list?.isEmpty == true)

            // A NIC's address changes within its network's cidr only.
            let cidr = try await c.value("listNetworks", [("id", net)], "network.0.cidr")
            let inside = cidr.split(separator: ".").prefix(3).joined(separator: ".") + ".77"
            #expect(try await c.get("updateVmNicIp", [("nicid", firstNic), ("ipaddress", "192.0.2.77")]).status == 431)
            let moved = try await c.job("updateVmNicIp", [("nicid", firstNic), ("ipaddress", inside)])
            #expect(moved["jobresult.virtualmachine.nic.0.ipaddress"]?.text == inside)

            _ = try await c.job("updateDefaultNicForVirtualMachine", [("virtualmachineid", vm), ("nicid", firstNic)])
            let removed = try await c.job(
                "removeNicFromVirtualMachine", [("virtualmachineid", vm), ("nicid", secondNic)])
            #expect(removed["jobresult.virtualmachine.nic"]?.list?.count == 1)
            // Users may not manage routers or provider elements.
            #expect(try await c.signed().get("listRouters").status == 432)
            #expect(try await c.signed().get("listVirtualRouterElements").status == 432)
        }
    }
}

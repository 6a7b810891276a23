import Simulator
import TestSupport
import Testing
import Values

/// Root admins see the full view; everyone else the restricted one, without hosts, pods, storage
/// pools, paths and the hypervisor's names (the server's ResponseView).
@Suite struct ResponseViewTests {
    @Test func aUserSeesItsVMAndVolumesWithoutWhereTheyRun() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim)
            let user = admin.signed()
            let params = try await admin.deployParameters()
            let deployed = try await user.job("deployVirtualMachine", params)
            let vmID = try #require(deployed["jobresult.virtualmachine.id"]?.text)
            // The job result is cut like the list.
            #expect(deployed["jobresult.virtualmachine.hostid"] == nil)
            #expect(deployed["jobresult.virtualmachine.zoneid"] != nil)

            let mine = try await user.get("listVirtualMachines", [("id", vmID)]).inner
            for hidden in ["instancename", "hostid", "hostname"] {
                #expect(mine["virtualmachine.0.\(hidden)"] == nil, "user sees \(hidden)")
            }
            #expect(mine["virtualmachine.0.templateid"] != nil)

            let full = try await admin.get("listVirtualMachines", [("id", vmID)]).inner
            #expect(full["virtualmachine.0.hostid"] != nil)
            let name = try #require(full["virtualmachine.0.instancename"]?.text)
            // i-<account's internal id>-<VM's internal id>-VM, as VirtualMachineName builds it.
            let parts = name.split(separator: "-")
            #expect(parts.count == 4 && parts[0] == "i" && Int(parts[1]) != nil && Int(parts[2]) != nil)
            #expect(parts.last == "VM")

            let volume = try await user.get("listVolumes", [("virtualmachineid", vmID)]).inner
            #expect(volume["volume.0.id"] != nil)
            for hidden in ["storageid", "storage", "path", "storagetype", "hypervisor", "podid", "clusterid"] {
                #expect(volume["volume.0.\(hidden)"] == nil, "user sees volume \(hidden)")
            }
            let all = try await admin.get("listVolumes", [("virtualmachineid", vmID), ("listall", "true")]).inner
            #expect(all["volume.0.storageid"] != nil)
        }
    }

    @Test func aDomainAdminSeesRoutersWithoutTheirNICsOrHosts() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim)
            let network = try await admin.isolatedNetwork("viewed")
            _ = try await admin.deploy([("networkids", network)])
            let roles = try await admin.get("listRoles", [("type", "DomainAdmin")]).inner
            let role = try #require(roles["role.0.id"]?.text)
            let domainAdmin = try await DynamicRoleTests.account(admin, "viewer", roleID: role)

            let full = try await admin.get("listRouters", [("networkid", network)]).inner
            #expect(full["router.0.hostid"] != nil && full["router.0.nic"] != nil)
            let cut = try await domainAdmin.get("listRouters", [("networkid", network), ("listall", "true")])
            #expect(cut.status == 200, "\(cut.body)")
            // The domain admin of ROOT sees the admin's router, but not where it runs or its NICs.
            #expect(cut.inner["router.0.id"]?.text == full["router.0.id"]?.text)
            #expect(full["router.0.publicnetworkid"] != nil && full["router.0.linklocalnetworkid"] != nil)
            for hidden in [
                "hostid", "podid", "nic", "publicip", "guestipaddress", "linklocalip", "publicnetworkid",
                "linklocalnetworkid",
            ] {
                #expect(cut.inner["router.0.\(hidden)"] == nil, "domain admin sees \(hidden)")
            }
        }
    }

    @Test func aPublicAddressShowsItsVLANRangeToRootAdminsOnly() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim)
            let user = admin.signed()
            let network = try await user.isolatedNetwork("addressed")
            let ip = try await user.job("associateIpAddress", [("networkid", network)])
            let id = try #require(ip["jobresult.ipaddress.id"]?.text)
            #expect(ip["jobresult.ipaddress.vlanid"] == nil && ip["jobresult.ipaddress.physicalnetworkid"] != nil)
            let full = try await admin.get("listPublicIpAddresses", [("id", id), ("listall", "true")]).inner
            let vlan = try #require(full["publicipaddress.0.vlanid"]?.text)
            #expect(
                try await admin.value("listVlanIpRanges", [("id", vlan)], "vlaniprange.0.vlan")
                    == full["publicipaddress.0.vlanname"]?.text)
            // The range now filters, as the parameter promises.
            let inRange = try await admin.get("listPublicIpAddresses", [("vlanid", vlan), ("listall", "true")]).inner
            #expect((inRange["publicipaddress"]?.list ?? []).contains { $0[field: "id"]?.text == id })
        }
    }

    @Test func noAnswerNamesTheGatewayServiceAndOnlyRootAdminsSeeANetworksVLAN() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim)
            let user = admin.signed()
            func names(_ services: Value?) -> [String] { (services?.list ?? []).compactMap { $0[field: "name"]?.text } }
            let offering = try await admin.get(
                "listNetworkOfferings", [("name", "DefaultIsolatedNetworkOfferingWithSourceNatService")]
            ).inner
            let offered = names(offering["networkoffering.0.service"])
            #expect(offered.contains("SourceNat") && !offered.contains("Gateway"))
            // The offering keeps it: a filter by the service still finds it, as on the server.
            let byGateway = try await admin.get("listNetworkOfferings", [("supportedservices", "Gateway")]).inner
            #expect(
                (byGateway["networkoffering"]?.list ?? []).contains {
                    $0[field: "id"] == offering["networkoffering.0.id"]
                })
            let vpcOffering = try await admin.get("listVPCOfferings", [("name", "Default VPC offering")]).inner
            #expect(!names(vpcOffering["vpcoffering.0.service"]).isEmpty)
            #expect(!names(vpcOffering["vpcoffering.0.service"]).contains("Gateway"))
            let supported = try await admin.get("listSupportedNetworkServices").inner
            #expect(!names(supported["networkservice"]).contains("Gateway"))
            #expect(supported["count"]?.number?.int == supported["networkservice"]?.list?.count)

            let network = try await user.isolatedNetwork("tagged-vlan")
            _ = try await user.deploy([("networkids", network)])
            let mine = try await user.get("listNetworks", [("id", network)]).inner
            #expect(!names(mine["network.0.service"]).contains("Gateway"))
            #expect(mine["network.0.broadcasturi"] == nil && mine["network.0.vlan"] == nil)
            let full = try await admin.get("listNetworks", [("id", network), ("listall", "true")]).inner
            #expect(full["network.0.broadcasturi"]?.text?.hasPrefix("vlan://") == true)
        }
    }
}

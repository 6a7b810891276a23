import Simulator
import TestSupport
import Testing
import Values

/// Network permissions, guest VLANs, migrateNetwork/migrateVPC and moveNetworkAclItem through the HTTP API.
@Suite struct NetworkPermissionTests {
    @Test func anotherAccountDeploysInANetworkOnlyWithPermission() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim), dev = admin.signed()
            let zone = try await admin.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let domain = try await admin.value(
                "listAccounts", [("name", "dev"), ("listall", "true")], "account.0.domainid")
            let offering = try await admin.value(
                "listNetworkOfferings", [("name", "DefaultIsolatedNetworkOfferingWithSourceNatService")],
                "networkoffering.0.id")
            let role = try await admin.value("listRoles", [("name", "User")], "role.0.id")
            let made = try await admin.get(
                "createAccount",
                [
                    ("username", "bob"), ("password", "pw"), ("email", "b@example.org"),
                    ("firstname", "b"), ("lastname", "b"), ("roleid", role), ("domainid", domain),
                ])
            let bobAccount = try #require(made.inner["account.id"]?.text)
            let keys = try await admin.get(
                "registerUserKeys", [("id", try #require(made.inner["account.user.0.id"]?.text))]
            ).inner
            let bob = admin.signed(
                as: try #require(keys["userkeys.apikey"]?.text), secret: try #require(keys["userkeys.secretkey"]?.text))
            let net = try await dev.value(
                "createNetwork",
                [
                    ("name", "shared-by-dev"), ("displaytext", "d"), ("zoneid", zone),
                    ("networkofferingid", offering),
                ], "network.id")

            let denied = try await bob.get(
                "deployVirtualMachine",
                [
                    ("zoneid", zone), ("networkids", net),
                    (
                        "templateid",
                        try await bob.value("listTemplates", [("templatefilter", "featured")], "template.0.id")
                    ),
                    (
                        "serviceofferingid",
                        try await bob.value(
                            "listServiceOfferings", [("name", "Small Instance")], "serviceoffering.0.id")
                    ),
                ])
            #expect(denied.status == 531)
            #expect(denied.inner["errortext"]?.text == "Unable to use network with id= \(net), permission denied")
            #expect(
                try await bob.get("createNetworkPermissions", [("networkid", net), ("accounts", "bob")]).status == 531)

            #expect(
                try await dev.get("createNetworkPermissions", [("networkid", net), ("accounts", "bob")]).inner[
                    "success"]?.bool == true)
            let listed = try await dev.get("listNetworkPermissions", [("networkid", net)]).inner
            #expect(listed["networkpermission.0.accountid"]?.text == bobAccount, "\(listed)")
            let deployed = try await bob.deploy([("networkids", net)])
            #expect(deployed["jobresult.virtualmachine.account"]?.text == "bob", "\(deployed)")

            // Implemented, the isolated network holds a guest VLAN of the zone's range.
            let vlan = try await admin.value("listNetworks", [("id", net), ("listall", "true")], "network.0.vlan")
            let guest = try await admin.get("listGuestVlans", [("zoneid", zone), ("vnet", vlan)]).inner
            #expect(guest["guestvlan.0.vlan"]?.text == vlan, "\(guest)")
            #expect(guest["guestvlan.0.allocationstate"]?.text == "Allocated")
            #expect(guest["guestvlan.0.account"]?.text == "dev")
            let all = try await admin.get("listGuestVlans", [("zoneid", zone)]).inner
            #expect(all["count"]?.number?.int == 101)  // 100-200
            #expect(try await dev.get("listGuestVlans").status == 432)

            _ = try await dev.get("removeNetworkPermissions", [("networkid", net), ("accountids", bobAccount)])
            #expect(try await dev.get("listNetworkPermissions", [("networkid", net)]).inner["count"] == nil)
            _ = try await dev.get("createNetworkPermissions", [("networkid", net), ("accountids", bobAccount)])
            #expect(try await dev.get("resetNetworkPermissions", [("networkid", net)]).inner["success"]?.bool == true)
            #expect(try await dev.get("listNetworkPermissions", [("networkid", net)]).inner["count"] == nil)
        }
    }

    @Test func networksAndVPCsMoveToOtherOfferings() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let withNat = try await c.value(
                "listNetworkOfferings", [("name", "DefaultIsolatedNetworkOfferingWithSourceNatService")],
                "networkoffering.0.id")
            let plain = try await c.value(
                "listNetworkOfferings", [("name", "DefaultIsolatedNetworkOffering")], "networkoffering.0.id")
            let net = try await c.value(
                "createNetwork",
                [
                    ("name", "m"), ("displaytext", "m"), ("zoneid", zone), ("networkofferingid", plain),
                    ("vlan", "300"),
                ], "network.id")
            let moved = try await c.job("migrateNetwork", [("networkid", net), ("networkofferingid", withNat)])
            #expect(moved["jobresult.network.networkofferingid"]?.text == withNat, "\(moved)")
            #expect(
                moved["jobresult.network.networkofferingname"]?.text
                    == "DefaultIsolatedNetworkOfferingWithSourceNatService")
            #expect(
                try await c.get("migrateNetwork", [("networkid", net), ("networkofferingid", withNat)]).status == 431)

            let vpcOffering = try await c.value(
                "listVPCOfferings", [("name", "Default VPC offering")], "vpcoffering.0.id")
            let redundant = try await c.value(
                "listVPCOfferings", [("name", "Redundant VPC offering")], "vpcoffering.0.id")
            let vpc = try #require(
                try await c.job(
                    "createVPC",
                    [
                        ("name", "v"), ("displaytext", "v"), ("cidr", "10.30.0.0/16"), ("zoneid", zone),
                        ("vpcofferingid", vpcOffering),
                    ])["jobresult.vpc.id"]?.text)
            let tierOffering = try await c.value(
                "listNetworkOfferings", [("name", "DefaultIsolatedNetworkOfferingForVpcNetworks")],
                "networkoffering.0.id")
            let tier = try await c.value(
                "createNetwork",
                [
                    ("name", "t"), ("displaytext", "t"), ("zoneid", zone), ("vpcid", vpc),
                    ("networkofferingid", tierOffering), ("gateway", "10.30.1.1"), ("netmask", "255.255.255.0"),
                ], "network.id")
            // Every tier needs its offering.
            #expect(try await c.get("migrateVPC", [("vpcid", vpc), ("vpcofferingid", redundant)]).status == 431)
            #expect(
                try await c.get("createNetworkPermissions", [("networkid", tier), ("accounts", "dev")]).inner[
                    "errortext"]?.text
                    == "VPC tiers cannot be shared")
            let migrated = try await c.job(
                "migrateVPC",
                [
                    ("vpcid", vpc), ("vpcofferingid", redundant),
                    ("tiernetworkofferings[0].networkid", tier),
                    ("tiernetworkofferings[0].networkofferingid", tierOffering),
                ])
            #expect(migrated["jobresult.vpc.vpcofferingid"]?.text == redundant, "\(migrated)")

            // ACL rules reorder: the moved rule takes the place asked for, the others follow.
            let acl = try #require(
                try await c.job("createNetworkACLList", [("name", "web"), ("vpcid", vpc)])[
                    "jobresult.networkacllist.id"]?.text)
            var ids: [String] = []
            for port in ["80", "443", "22"] {
                let r = try await c.job(
                    "createNetworkACL", [("aclid", acl), ("protocol", "tcp"), ("startport", port), ("action", "allow")])
                ids.append(try #require(r["jobresult.networkacl.id"]?.text))
            }
            let top = try await c.job("moveNetworkAclItem", [("id", ids[2]), ("nextaclruleid", ids[0])])
            #expect(top["jobresult.networkacl.number"]?.text == "1", "\(top)")
            let order = try await c.get("listNetworkACLs", [("aclid", acl)]).inner["networkacl"]?.list?.compactMap {
                $0[field: "startport"]?.text
            }
            #expect(order == ["22", "80", "443"])
            #expect(
                try await c.get("moveNetworkAclItem", [("id", ids[2])]).inner["errortext"]?.text
                    == "Both previous and next ACL rule IDs cannot be blank.")
        }
    }
}

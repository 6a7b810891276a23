@testable import Simulator
import TestSupport
import Testing
import Values

/// VPN users as 4.18 keeps them: stored (state Add) in the command's create step, made Active when the
/// account's remote access VPN takes them; without a VPN both jobs fail and the record stays behind.
@Suite struct VPNUserTests {
    @Test func withoutARemoteAccessVPNTheUserIsListedAsAddedAndTheJobFails() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let accepted = try await c.get("addVpnUser", [("username", "alice"), ("password", "Wonder1and")])
            let id = try #require(accepted.inner["id"]?.text, "\(accepted.body)")
            // Listed before the job ends: a client that does not wait already finds it.
            #expect(try await c.value("listVpnUsers", [("username", "alice")], "vpnuser.0.id") == id)
            #expect(try await c.value("listVpnUsers", [("username", "alice")], "vpnuser.0.state") == "Add")
            let job = try await c.wait(job: try #require(accepted.inner["jobid"]?.text))
            #expect(job["jobstatus"]?.text == "2")
            #expect(job["jobresult.errorcode"]?.text == "530")
            #expect(job["jobresult.errortext"]?.text == "Failed to add vpn user")
            #expect(try await c.value("listVpnUsers", [], "vpnuser.0.state") == "Add")
            #expect(try await c.get("addVpnUser", [("username", "alice"), ("password", "again")]).status == 431)

            let removed = try await c.job("removeVpnUser", [("username", "alice")])
            #expect(removed["jobresult.errortext"]?.text == "Failed to apply vpn user removal")
            #expect(try await c.get("listVpnUsers").inner["count"] == nil)  // revoked: no longer listed
        }
    }

    @Test func theServersPatternsCheckUsernameAndPassword() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let name = try await c.get("addVpnUser", [("username", "-x1"), ("password", "Wonder1and")])
            #expect(name.status == 431)
            #expect(
                name.inner["errortext"]?.text
                    == "Username [-x1] is invalid. Username has to begin with an alphabet have 3-64 characters "
                    + "including alphabets, numbers and the set '@.-_'.")
            let pw = try await c.get("addVpnUser", [("username", "bob"), ("password", "has space")])
            #expect(
                pw.inner["errortext"]?.text
                    == "Password has to be 3-32 characters including alphabets, numbers and the set '@+=.-_'")
            #expect(try await c.get("listVpnUsers").inner["count"] == nil)
        }
    }

    @Test func theAccountsVPNTakesTheUserAndLetsItGo() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let net = try await c.value("listNetworks", [("name", "admin-network")], "network.0.id")
            let nat = try await c.value(
                "listPublicIpAddresses", [("associatednetworkid", net), ("issourcenat", "true")],
                "publicipaddress.0.id")
            _ = try await c.job("createRemoteAccessVpn", [("publicipid", nat)])
            let added = try await c.job("addVpnUser", [("username", "carol"), ("password", "Wonder1and")])
            #expect(added["jobresult.vpnuser.state"]?.text == "Active")
            #expect(try await c.value("listVpnUsers", [], "vpnuser.0.state") == "Active")
            #expect(try await c.job("removeVpnUser", [("username", "carol")])["jobresult.success"]?.bool == true)
            #expect(try await c.get("listVpnUsers").inner["count"] == nil)
        }
    }
}

import Simulator
import TestSupport
import Testing
import Values

/// lockAccount, markDefaultZoneForAccount and moveUser through the HTTP API.
@Suite struct AccountStateTests {
    @Test func aLockedAccountsKeysAreRefused() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim), dev = c.signed()
            let domain = try await c.value(
                "listAccounts", [("name", "dev"), ("listall", "true")], "account.0.domainid")
            _ = try await dev.deploy()
            let locked = try await c.get("lockAccount", [("account", "dev"), ("domainid", domain)])
            #expect(locked.inner["account.state"]?.text == "locked", "\(locked.body)")
            let refused = try await dev.get("listVirtualMachines").status
            #expect(refused == 401 || refused == 531)
            // A locked account's VMs keep running.
            #expect(
                try await c.value(
                    "listVirtualMachines", [("account", "dev"), ("domainid", domain)], "virtualmachine.0.state")
                    == "Running")
            _ = try await c.get("enableAccount", [("account", "dev"), ("domainid", domain)])
            #expect(try await dev.get("listVirtualMachines").status == 200)
            #expect(try await dev.get("lockAccount", [("account", "dev"), ("domainid", domain)]).status == 432)
        }
    }

    @Test func anAccountGetsADefaultZone() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let domain = try await c.value(
                "listAccounts", [("name", "dev"), ("listall", "true")], "account.0.domainid")
            let zone = try await c.value("listZones", [("name", "Sandbox-2")], "zone.0.id")
            let marked = try await c.job(
                "markDefaultZoneForAccount", [("account", "dev"), ("domainid", domain), ("zoneid", zone)])
            #expect(marked["jobresult.account.defaultzoneid"]?.text == zone, "\(marked)")
            #expect(
                try await c.value("listAccounts", [("name", "dev"), ("listall", "true")], "account.0.defaultzoneid")
                    == zone)
            let nobody = try await c.get(
                "markDefaultZoneForAccount", [("account", "nobody"), ("domainid", domain), ("zoneid", zone)])
            #expect(nobody.inner["errortext"]?.text?.hasPrefix("Unable to find account by name nobody") == true)
        }
    }

    @Test func aUserMovesToAnotherAccountOfItsDomain() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let domain = try await c.value(
                "listAccounts", [("name", "dev"), ("listall", "true")], "account.0.domainid")
            let made = try await c.get(
                "createAccount",
                [
                    ("username", "ops"), ("password", "pw-ops"), ("email", "ops@example.org"),
                    ("firstname", "ops"), ("lastname", "Test"), ("accounttype", "0"), ("domainid", domain),
                ])
            let ops = try #require(made.inner["account.id"]?.text, "\(made.body)")
            let user = try #require(made.inner["account.user.0.id"]?.text)
            let keys = try await c.get("registerUserKeys", [("id", user)]).inner
            let asOps = c.signed(
                as: try #require(keys["userkeys.apikey"]?.text), secret: try #require(keys["userkeys.secretkey"]?.text))

            #expect(try await c.get("moveUser", [("id", user), ("accountid", ops)]).status == 431)  // already there
            let moved = try await c.get("moveUser", [("id", user), ("account", "dev")])
            #expect(moved.inner["success"]?.bool == true, "\(moved.body)")
            #expect(try await c.value("listUsers", [("id", user)], "user.0.account") == "dev")
            // The moved user now works as dev: it sees dev's resources.
            let vm = try #require(try await c.signed().deploy()["jobresult.virtualmachine.id"]?.text)
            #expect(try await asOps.value("listVirtualMachines", [("id", vm)], "virtualmachine.0.account") == "dev")
            #expect(try await asOps.get("moveUser", [("id", user), ("accountid", ops)]).status == 432)
        }
    }
}

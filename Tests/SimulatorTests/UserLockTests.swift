import Simulator
import TestSupport
import Testing
import Values

/// lockUser and enableUser as the server's account manager runs them.
@Suite struct UserLockTests {
    @Test func onlyAnEnabledUserLocksAndTheLastOneLocksItsAccount() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let id = try await c.value("listUsers", [("username", "dev"), ("listall", "true")], "user.0.id")
            let locked = try await c.get("lockUser", [("id", id)]).inner
            #expect(locked["user.state"]?.text == "locked")
            // again: no change
            #expect(try await c.get("lockUser", [("id", id)]).inner["user.state"]?.text == "locked")
            #expect(
                try await c.value("listAccounts", [("name", "dev"), ("listall", "true")], "account.0.state") == "locked"
            )
            #expect(try await c.signed().get("listZones").status == 401)
            // enableUser enables the account too.
            #expect(try await c.get("enableUser", [("id", id)]).inner["user.state"]?.text == "enabled")
            #expect(
                try await c.value("listAccounts", [("name", "dev"), ("listall", "true")], "account.0.state")
                    == "enabled")
            #expect(try await c.signed().get("listZones").status == 200)
            // A disabled user is not locked.
            _ = try await c.job("disableUser", [("id", id)])
            let refused = try await c.get("lockUser", [("id", id)])
            #expect(refused.status == 530)
            #expect(refused.inner["errortext"]?.text?.hasPrefix("Unable to lock user ") == true)
        }
    }
}

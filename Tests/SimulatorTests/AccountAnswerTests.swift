import Simulator
import TestSupport
import Testing
import Values

/// The account and user records every account and user API answers with, as real servers show them
/// (ApiResponseHelper draws them from the same account and user views as listAccounts and listUsers).
@Suite struct AccountAnswerTests {
    @Test func createAccountAnswersTheRecordListAccountsShows() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let made = try await c.get(
                "createAccount",
                [
                    ("email", "a@example.org"), ("firstname", "a"), ("lastname", "b"), ("password", "pw"),
                    ("username", "shape1"), ("accounttype", "0"),
                ]
            ).inner
            let id = try #require(made["account.id"]?.text, "\(made)")
            let listed = try await c.get("listAccounts", [("id", id)]).inner
            let createdKeys = Set(made["account"]?.record?.keys ?? [])
            let listedKeys = Set(listed["account.0"]?.record?.keys ?? [])
            #expect(createdKeys == listedKeys, "\(createdKeys.symmetricDifference(listedKeys))")
            for key in ["vmlimit", "vmtotal", "vmavailable", "cpulimit", "memorytotal", "vpcavailable"] {
                #expect(made["account.\(key)"] != nil, "createAccount lacks \(key)")
            }
            #expect(made["account.user.0.iscallerchilddomain"]?.text == "false")
            let enabled = try await c.get("enableAccount", [("id", id)]).inner
            #expect(enabled["account.primarystoragelimit"] != nil)
        }
    }

    @Test func everyUserAnswerSaysWhetherTheUserIsInAnotherDomain() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let dev = try await c.get("listAccounts", [("name", "dev"), ("listall", "true")]).inner
            let domain = try #require(dev["account.0.domainid"]?.text)
            #expect(dev["account.0.user.0.iscallerchilddomain"]?.text == "true")
            let user = try await c.get(
                "createUser",
                [
                    ("account", "dev"), ("domainid", domain), ("email", "u@example.org"), ("firstname", "u"),
                    ("lastname", "v"), ("password", "pw"), ("username", "shape2"),
                ]
            ).inner
            #expect(user["user.iscallerchilddomain"]?.text == "true", "\(user)")
            let id = try #require(user["user.id"]?.text)
            let disabled = try await c.job("disableUser", [("id", id)])
            #expect(disabled["jobresult.user.iscallerchilddomain"]?.text == "true")
            #expect(try await c.get("enableUser", [("id", id)]).inner["user.iscallerchilddomain"]?.text == "true")
            #expect(try await c.get("lockUser", [("id", id)]).inner["user.iscallerchilddomain"]?.text == "true")
            let mine = try await c.get(
                "createUser",
                [
                    ("account", "admin"), ("email", "w@example.org"), ("firstname", "w"), ("lastname", "x"),
                    ("password", "pw"), ("username", "shape3"),
                ]
            ).inner
            #expect(mine["user.iscallerchilddomain"]?.text == "false", "\(mine)")
        }
    }
}

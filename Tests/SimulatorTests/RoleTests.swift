import Simulator
import TestSupport
import Testing
import Values

/// Root admin, domain admin and user: what each may call and see.
@Suite struct RoleTests {
    /// Creates account `name` in a new domain ROOT/dev/`sub` (or ROOT/dev) with keys; a client signed as its user.
    func account(_ c: TestClient, _ name: String, type: Int, domainID: String) async throws -> TestClient {
        let made = try await c.get(
            "createAccount",
            [
                ("username", name), ("password", "pw-\(name)"), ("email", "\(name)@example.org"),
                ("firstname", name), ("lastname", "Test"), ("accounttype", "\(type)"),
                ("domainid", domainID),
            ])
        let userID = try #require(made.inner["account.user.0.id"]?.text, "\(made.body)")
        let keys = try await c.get("registerUserKeys", [("id", userID)]).inner
        return c.signed(
            as: try #require(keys["userkeys.apikey"]?.text), secret: try #require(keys["userkeys.secretkey"]?.text))
    }

    @Test func listallAccountDomainIDAndIsRecursive() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim), dev = admin.signed()
            let devDomain = try await admin.value("listDomains", [("name", "dev")], "domain.0.id")
            let sub = try await admin.get("createDomain", [("name", "team"), ("parentdomainid", devDomain)]).inner
            let subID = try #require(sub["domain.id"]?.text)
            #expect(sub["domain.path"]?.text == "ROOT/dev/team")
            let teamUser = try await account(admin, "alice", type: 0, domainID: subID)
            _ = try await admin.deploy()
            _ = try await dev.deploy()
            _ = try await teamUser.deploy(zone: "Sandbox-2")  // a new account has no network of its own in Sandbox-1

            func count(_ c: TestClient, _ p: [(String, String)]) async throws -> String? {
                let r = try await c.get("listVirtualMachines", p)
                return r.status == 200 ? (r.inner["count"]?.text ?? "0") : "error \(r.status)"
            }
            #expect(try await count(admin, []) == "1")  // an admin without listall sees its own account
            #expect(try await count(admin, [("listall", "true")]) == "3")
            #expect(try await count(admin, [("domainid", devDomain)]) == "1")
            #expect(try await count(admin, [("domainid", devDomain), ("isrecursive", "true")]) == "2")
            #expect(try await count(admin, [("account", "alice"), ("domainid", subID)]) == "1")
            // account is looked up in the caller's domain when domainid is absent.
            #expect(try await admin.get("listVirtualMachines", [("account", "alice")]).status == 431)
            #expect(try await count(dev, []) == "1")
            #expect(try await count(dev, [("listall", "true")]) == "1")  // a user sees its own, listall or not
            let other = try await dev.get("listVirtualMachines", [("account", "alice"), ("domainid", subID)])
            #expect(other.status == 531)
            #expect(other.inner["errortext"]?.text?.contains("does not have permission") == true)

            // A domain admin of ROOT/dev sees its tree with listall, not the admin's VM.
            let boss = try await account(admin, "boss", type: 2, domainID: devDomain)
            #expect(try await count(boss, [("listall", "true")]) == "2")
            let adminVM = try await admin.value("listVirtualMachines", [], "virtualmachine.0.id")
            #expect(try await boss.get("stopVirtualMachine", [("id", adminVM)]).status == 531)
            #expect(try await boss.get("listDomains").inner["count"]?.text == "2")  // dev and dev/team
            // dev, alice, boss
            #expect(try await boss.get("listAccounts", [("listall", "true")]).inner["count"]?.text == "3")
            #expect(try await boss.get("listHosts").status == 432)
            let bossAPIs = Set(
                (try await boss.get("listApis").inner["api"]?.list ?? []).compactMap { $0[field: "name"]?.text })
            #expect(
                bossAPIs.contains("createAccount") && bossAPIs.contains("listDomains")
                    && !bossAPIs.contains("createZone"))
            // A domain admin follows its accounts' jobs; a user only its own.
            let devJob = try await dev.value(
                "stopVirtualMachine", [("id", try await dev.value("listVirtualMachines", [], "virtualmachine.0.id"))],
                "jobid")
            #expect(try await boss.get("queryAsyncJobResult", [("jobid", devJob)]).status == 200)
            #expect(try await teamUser.get("queryAsyncJobResult", [("jobid", devJob)]).status == 531)
        }
    }

    @Test func usersDoNotReachAdminAPIs() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim), dev = admin.signed()
            for (cmd, params) in [
                ("listHosts", []), ("listCapacity", []),
                (
                    "createZone",
                    [
                        ("name", "x"), ("networktype", "Basic"),
                        ("dns1", "1.1.1.1"), ("internaldns1", "1.1.1.1"),
                    ]
                ), ("createServiceOffering", [("name", "x"), ("displaytext", "x")]),
                ("createAccount", [("username", "x")]), ("simulatorFault", [("clear", "true")]),
            ] as [(String, [(String, String)])] {
                let r = try await dev.get(cmd, params)
                #expect(r.status == 432, "\(cmd): \(r.body)")
                #expect(
                    r.inner["errortext"]?.text == "The given command does not exist or it is not available for user")
            }
            let userAPIs = try await dev.get("listApis").inner
            let names = Set((userAPIs["api"]?.list ?? []).compactMap { $0[field: "name"]?.text })
            #expect(names.contains("deployVirtualMachine"))
            #expect(names.contains("listZones"))
            #expect(!names.contains("listHosts"))
            #expect(!names.contains("createZone"))
            #expect(!names.contains("createAccount"))
            let all = try await admin.get("listApis").inner["count"]?.number?.int ?? 0
            #expect(userAPIs["count"]?.number?.int ?? 0 < all)
            // Someone else's network, or a shared one, is out of a user's reach.
            let adminNet = try await admin.value("listNetworks", [("name", "admin-network")], "network.0.id")
            #expect(try await dev.get("deleteNetwork", [("id", adminNet)]).status == 531)
            let shared = try await admin.value("listNetworks", [("type", "Shared")], "network.0.id")
            #expect(try await dev.get("updateNetwork", [("id", shared), ("displaytext", "x")]).status == 531)
            // A user sees its own account and user only.
            #expect(try await dev.get("listAccounts", [("listall", "true")]).inner["account.0.name"]?.text == "dev")
            #expect(try await dev.get("listUsers").inner["count"]?.text == "1")
        }
    }

    @Test func disabledAccountsKeysAreRefused() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim), dev = admin.signed()
            let vm = try await dev.deploy()
            #expect(vm["jobresult.virtualmachine.state"]?.text == "Running")
            let devAccount = try await admin.value(
                "listAccounts", [("listall", "true"), ("name", "dev")], "account.0.id")
            #expect(try await admin.get("disableAccount", [("id", devAccount)]).status == 431)  // lock is required
            let disabled = try await admin.job("disableAccount", [("id", devAccount), ("lock", "false")])
            #expect(disabled["jobresult.account.state"]?.text == "disabled")
            let refused = try await dev.get("listZones")
            #expect(refused.status == 401)
            #expect(refused.inner["errortext"]?.text == "unable to verify user credentials and/or request signature")
            #expect(
                try await admin.post("login", [("username", "dev"), ("password", "password"), ("domain", "/dev")])
                    .status == 531)
            // Disabling stopped the account's VMs.
            let id = try #require(vm["jobresult.virtualmachine.id"]?.text)
            #expect(try await admin.value("listVirtualMachines", [("id", id)], "virtualmachine.0.state") == "Stopped")
            #expect(
                try await admin.get("enableAccount", [("id", devAccount)]).inner["account.state"]?.text == "enabled")
            #expect(try await dev.get("listZones").status == 200)
        }
    }

    @Test func accountsUsersAndDomainsAreManaged() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim)
            let domain = try await admin.get("createDomain", [("name", "ops")]).inner
            let domainID = try #require(domain["domain.id"]?.text)
            #expect(try await admin.get("createDomain", [("name", "ops")]).status == 431)
            let carol = try await account(admin, "carol", type: 0, domainID: domainID)
            #expect(try await carol.get("listZones").status == 200)
            let carolUser = try await carol.value("listUsers", [], "user.0.id")
            #expect(
                try await carol.get("getUserKeys", [("id", carolUser)]).inner["userkeys.apikey"]?.text == carol.apiKey)
            #expect(try await carol.signed().get("getUserKeys", [("id", carolUser)]).status == 531)
            let carolAccount = try await admin.value("listAccounts", [("domainid", domainID)], "account.0.id")
            let user = try await admin.get(
                "createUser",
                [
                    ("username", "dave"), ("password", "pw"), ("firstname", "D"),
                    ("lastname", "V"), ("email", "d@example.org"), ("account", "carol"),
                    ("domainid", domainID),
                ]
            ).inner
            let daveID = try #require(user["user.id"]?.text)
            #expect(user["user.account"]?.text == "carol")
            let login = try await admin.post("login", [("username", "dave"), ("password", "pw"), ("domain", "/ops")])
            #expect(login.status == 200, "\(login.body)")
            #expect(
                try await admin.get("updateUser", [("id", daveID), ("email", "dave@example.org")]).inner["user.email"]?
                    .text == "dave@example.org")
            #expect(try await admin.get("deleteUser", [("id", daveID)]).inner["success"]?.bool == true)
            let renamed = try await admin.get("updateAccount", [("id", carolAccount), ("newname", "carol2")]).inner
            #expect(renamed["account.name"]?.text == "carol2")
            #expect(
                try await admin.get("updateDomain", [("id", domainID), ("name", "ops2")]).inner["domain.path"]?.text
                    == "ROOT/ops2")
            // The domain still holds an account: 536 unless cleanup=true.
            #expect(try await admin.get("deleteDomain", [("id", domainID)]).status == 536)
            #expect(try await admin.job("deleteAccount", [("id", carolAccount)])["jobstatus"]?.text == "1")
            #expect(try await carol.get("listZones").status == 401)
            #expect(try await admin.job("deleteDomain", [("id", domainID)])["jobstatus"]?.text == "1")
            #expect(try await admin.get("listDomains").inner["count"]?.text == "2")
        }
    }
}

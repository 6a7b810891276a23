import Simulator
import TestSupport
import Testing
import Values

/// Resource limits and counts per account, domain and project, enforced at deploy.
@Suite struct ResourceLimitTests {
    @Test func limitsStartAtTheSettingsAndAreEnforcedAtDeploy() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim), dev = admin.signed()
            let domain = try await admin.value("listDomains", [("name", "dev")], "domain.0.id")
            let limits = try await dev.get("listResourceLimits").inner
            #expect(limits["count"]?.text == "12")
            #expect(limits["resourcelimit.0.resourcetype"]?.text == "0")
            #expect(limits["resourcelimit.0.resourcetypename"]?.text == "user_vm")
            #expect(limits["resourcelimit.0.max"]?.number?.int == 20)
            #expect(limits["resourcelimit.0.account"]?.text == "dev")
            // The root admin is never limited.
            #expect(try await admin.value("listResourceLimits", [("resourcetype", "0")], "resourcelimit.0.max") == "-1")
            // A user cannot change its limits.
            #expect(try await dev.get("updateResourceLimit", [("resourcetype", "0"), ("max", "50")]).status == 432)

            let set = try await admin.get(
                "updateResourceLimit", [("resourcetype", "0"), ("max", "1"), ("account", "dev"), ("domainid", domain)]
            ).inner
            #expect(set["resourcelimit.max"]?.number?.int == 1)
            #expect(set["resourcelimit.account"]?.text == "dev")
            _ = try await dev.deploy()
            let over = try await dev.get(
                "deployVirtualMachine", try await dev.deployParameters())
            #expect(over.status == 535)
            #expect(over.inner["cserrorcode"]?.number?.int == 4370)
            let text = try #require(over.inner["errortext"]?.text)
            #expect(
                text.hasPrefix("Maximum amount of resources of Type = 'user_vm' for Account Name = dev in Domain Id = ")
            )
            #expect(
                text.hasSuffix(
                    " is exceeded: Account Resource Limit = 1, Current Account Resource Amount = 1, Requested Resource Amount = 1."
                ))

            // Counts come from what the account holds.
            let counts = try await admin.get("updateResourceCount", [("domainid", domain), ("account", "dev")]).inner
            let byType = Dictionary(
                uniqueKeysWithValues: (counts["resourcecount"]?.list ?? []).compactMap { r -> (String, Int)? in
                    guard let t = r[field: "resourcetypename"]?.text, let n = r[field: "resourcecount"]?.number?.int
                    else { return nil }
                    return (t, n)
                })
            #expect(byType["user_vm"] == 1)
            #expect(byType["volume"] == 1)
            #expect((byType["cpu"] ?? 0) >= 1)
            // Back to the default (-1 means unlimited for this account).
            _ = try await admin.get(
                "updateResourceLimit", [("resourcetype", "0"), ("max", "-1"), ("account", "dev"), ("domainid", domain)])
            #expect(try await dev.deploy()["jobstatus"]?.number?.int == 1)
            #expect(
                try await admin.get(
                    "updateResourceLimit",
                    [("resourcetype", "0"), ("max", "-2"), ("account", "dev"), ("domainid", domain)]
                )
                .inner["errortext"]?.text
                    == "Please specify either '-1' for an infinite limit, or a limit that is at least '0'.")
        }
    }

    @Test func anAccountAnswerShowsItsCountsAndLimits() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let dev = TestClient(sim).signed()
            let vm = try #require(try await dev.deploy()["jobresult.virtualmachine.id"]?.text)
            _ = try await dev.job("stopVirtualMachine", [("id", vm)])
            _ = try await dev.deploy()
            let a = try await dev.get("listAccounts").inner
            #expect(a["account.0.name"]?.text == "dev")
            #expect(a["account.0.vmlimit"]?.text == "20")
            #expect(a["account.0.vmtotal"]?.number?.int == 2)
            #expect(a["account.0.vmavailable"]?.text == "18")
            #expect(a["account.0.vmrunning"]?.number?.int == 1 && a["account.0.vmstopped"]?.number?.int == 1)
            #expect(a["account.0.volumetotal"]?.number?.int == 2)
            #expect(a["account.0.projectlimit"] != nil && a["account.0.projecttotal"]?.number?.int == 0)
            #expect(a["account.0.user.0.username"]?.text == "dev")
        }
    }

    @Test func domainLimitsFollowTheirParentsAndBoundTheirAccounts() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim), dev = admin.signed()
            let root = try await admin.value("listDomains", [("name", "ROOT")], "domain.0.id")
            let domain = try await admin.value("listDomains", [("name", "dev")], "domain.0.id")
            // A domain below ROOT starts at max.domain.*; ROOT is unlimited and fixed.
            #expect(
                try await admin.value(
                    "listResourceLimits", [("domainid", domain), ("resourcetype", "8")], "resourcelimit.0.max") == "80")
            #expect(
                try await admin.get("updateResourceLimit", [("domainid", root), ("resourcetype", "0"), ("max", "5")])
                    .status == 431)
            let set = try await admin.get(
                "updateResourceLimit", [("domainid", domain), ("resourcetype", "0"), ("max", "0")]
            ).inner
            #expect(set["resourcelimit.domain"]?.text == "dev")
            #expect(set["resourcelimit.account"] == nil)
            let over = try await dev.get(
                "deployVirtualMachine", try await dev.deployParameters())
            #expect(over.status == 535)
            #expect(
                over.inner["errortext"]?.text?.hasPrefix(
                    "Maximum domain resource limits of Type 'user_vm' for Domain Id = ") == true)
            // The default follows the setting.
            _ = try await admin.get("updateConfiguration", [("name", "max.account.user.vms"), ("value", "7")])
            #expect(try await dev.value("listResourceLimits", [("resourcetype", "0")], "resourcelimit.0.max") == "7")
            #expect(
                try await dev.value("listResourceLimits", [("resourcetypename", "memory")], "resourcelimit.0.max")
                    == "40960")
        }
    }
}

import Simulator
import TestSupport
import Testing
import Values

/// VM list pages come from per-owner lists (VMOwnerIndex): each path must show exactly the
/// VMs the filter would, as the owners of VMs change.
@Suite struct OwnerPagingTests {
    @Test func eachOwnershipPathShowsItsOwnVMs() async throws {
        try await withSimulator(quickJobOptions { $0.seedVMs = 30 }) { sim async throws in
            let admin = TestClient(sim), dev = admin.signed()
            let devVM = try #require(try await dev.deploy([("name", "dev-1")])["jobresult.virtualmachine.id"]?.text)
            // The admin without listall: its own 30, paged; with listall: 31; the user: its one.
            let own = try await admin.get("listVirtualMachines", [("page", "3"), ("pagesize", "12")]).inner
            #expect(own["count"]?.text == "30")
            #expect(own["virtualmachine"]?.list?.count == 6)
            #expect(own["virtualmachine.5.name"]?.text == "seed-30")
            #expect(try await admin.get("listVirtualMachines", [("listall", "true")]).inner["count"]?.text == "31")
            #expect(try await dev.get("listVirtualMachines").inner["virtualmachine.0.id"]?.text == devVM)
            let devDomain = try await admin.value("listDomains", [("name", "dev")], "domain.0.id")
            let byDomain = try await admin.get("listVirtualMachines", [("domainid", devDomain)]).inner
            #expect(byDomain["count"]?.text == "1")
            // A renamed account keeps its VMs; an expunged VM leaves every list.
            let devAccount = try await admin.value(
                "listAccounts", [("name", "dev"), ("listall", "true")], "account.0.id")
            #expect(try await admin.get("updateAccount", [("id", devAccount), ("newname", "dev2")]).status == 200)
            let renamed = try await admin.get("listVirtualMachines", [("account", "dev2"), ("domainid", devDomain)])
                .inner
            #expect(renamed["virtualmachine.0.id"]?.text == devVM)
            let seed = try await admin.value("listVirtualMachines", [("name", "seed-1")], "virtualmachine.0.id")
            let destroyed = try await admin.job("destroyVirtualMachine", [("id", seed), ("expunge", "true")])
            #expect(destroyed["jobstatus"]?.text == "1")
            let after = try await admin.get("listVirtualMachines", [("page", "1"), ("pagesize", "1")]).inner
            #expect(after["count"]?.text == "29")
            #expect(after["virtualmachine.0.name"]?.text == "seed-2")
        }
    }
}

@testable import Simulator
import TestSupport
import Testing
import Values

/// Guest OS to hypervisor name mappings: the installed ones, and those a root admin adds, changes and removes.
@Suite struct GuestOSMappingTests {
    @Test func aFreshInstallMapsItsOSTypesPerHypervisorAndVersion() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let centos = try await c.value("listOsTypes", [("description", "CentOS 7")], "ostype.0.id")
            let all = try #require(
                try await c.get("listGuestOsMapping", [("ostypeid", centos), ("pagesize", "-1")]).inner[
                    "guestosmapping"]?
                    .list)
            // Ordered by hypervisor: KVM, Simulator, VMware 7.0.3.0 and 8.0, then the upgrade scripts' `Xenserver`.
            #expect(
                all.compactMap { $0[field: "hypervisor"]?.text } == [
                    "KVM", "Simulator", "VMware", "VMware", "Xenserver",
                ])
            let names = Dictionary(
                uniqueKeysWithValues: all.compactMap { m -> (String, String)? in
                    guard let h = m[field: "hypervisor"]?.text, let v = m[field: "hypervisorversion"]?.text,
                        let n = m[field: "osnameforhypervisor"]?.text
                    else { return nil }
                    return ("\(h) \(v)", n)
                })
            #expect(names["KVM default"] == "CentOS 7")
            #expect(names["VMware 8.0"] == "centos7_64Guest")
            #expect(names["Xenserver 8.2.0"] == "CentOS 7")
            let first = try #require(all.first)
            #expect(first[field: "osdisplayname"]?.text == "CentOS 7")
            #expect(first[field: "ostypeid"]?.text == centos)
            // A string in GuestOsMappingResponse, not a boolean.
            #expect(first[field: "isuserdefined"] == .string("false"))

            // The hypervisor and its version match in any case; a version needs its hypervisor.
            let vmware = try await c.get(
                "listGuestOsMapping",
                [("hypervisor", "vmware"), ("hypervisorversion", "7.0.3.0"), ("page", "1"), ("pagesize", "3")]
            ).inner
            #expect(vmware["count"]?.number?.int == 25)
            #expect(vmware["guestosmapping"]?.list?.count == 3)
            #expect(vmware["guestosmapping.0.osnameforhypervisor"]?.text == "centos64Guest")
            let alone = try await c.get("listGuestOsMapping", [("hypervisorversion", "8.0")])
            #expect(alone.status == 431)
            #expect(
                alone.inner["errortext"]?.text
                    == "Hypervisor version parameter cannot be used without specifying a hypervisor : XenServer, KVM or VMware"
            )
            let id = try #require(first[field: "id"]?.text)
            #expect(try await c.value("listGuestOsMapping", [("id", id)], "guestosmapping.0.hypervisor") == "KVM")
            // Admins only.
            #expect(try await c.signed().get("listGuestOsMapping").status == 432)
        }
    }

    @Test func anAdminAddsChangesAndRemovesItsOwnMappings() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let debian = try await c.value(
                "listOsTypes", [("description", "Debian GNU/Linux 11 (64-bit)")], "ostype.0.id")
            // By display name, in any case; the hypervisor as HypervisorType spells it.
            let made = try await c.job(
                "addGuestOsMapping",
                [
                    ("hypervisor", "xenserver"), ("hypervisorversion", "8.2.0"),
                    ("osdisplayname", "debian gnu/linux 11 (64-bit)"), ("osnameforhypervisor", "Debian Bullseye 11"),
                ])
            #expect(made["jobresult.guestosmapping.hypervisor"]?.text == "XenServer")
            #expect(made["jobresult.guestosmapping.ostypeid"]?.text == debian)
            #expect(made["jobresult.guestosmapping.osdisplayname"]?.text == "Debian GNU/Linux 11 (64-bit)")
            #expect(made["jobresult.guestosmapping.isuserdefined"] == .string("true"))
            let id = try #require(made["jobresult.guestosmapping.id"]?.text)
            #expect(made["jobinstanceid"]?.text == id)

            let twice = try await c.get(
                "addGuestOsMapping",
                [
                    ("hypervisor", "XenServer"), ("hypervisorversion", "8.2.0"), ("ostypeid", debian),
                    ("osnameforhypervisor", "x"),
                ])
            #expect(twice.status == 431)
            #expect(
                twice.inner["errortext"]?.text
                    == "Mapping from hypervisor : XenServer, version : 8.2.0 and guest OS : Debian GNU/Linux 11 (64-bit) already exists!"
            )
            let renamed = try await c.job(
                "updateGuestOsMapping", [("id", id), ("osnameforhypervisor", "Debian Bullseye 11 (64-bit)")])
            #expect(renamed["jobresult.guestosmapping.osnameforhypervisor"]?.text == "Debian Bullseye 11 (64-bit)")
            #expect(try await c.job("removeGuestOsMapping", [("id", id)])["jobresult.success"]?.bool == true)
            #expect(try await c.get("listGuestOsMapping", [("id", id)]).status == 431)

            // The installed mappings stay as they are.
            let system = try await c.value("listGuestOsMapping", [("hypervisor", "KVM")], "guestosmapping.0.id")
            let update = try await c.job("updateGuestOsMapping", [("id", system), ("osnameforhypervisor", "x")])
            #expect(update["jobresult.errorcode"]?.number?.int == 431)
            #expect(update["jobresult.errortext"]?.text == "Unable to modify system defined Guest OS mapping")
            let remove = try await c.job("removeGuestOsMapping", [("id", system)])
            #expect(remove["jobresult.errortext"]?.text == "Unable to remove system defined Guest OS mapping")
            #expect(try await c.value("listGuestOsMapping", [("id", system)], "guestosmapping.0.id") == system)
        }
    }

    @Test func addingChecksTheHypervisorItsVersionAndTheOSType() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            func refusal(_ params: [(String, String)]) async throws -> String? {
                let r = try await c.get("addGuestOsMapping", params + [("osnameforhypervisor", "x")])
                #expect(r.status == 431, "\(r.body)")
                return r.inner["errortext"]?.text
            }
            let kvm = [("hypervisor", "KVM"), ("hypervisorversion", "default")]
            #expect(try await refusal(kvm) == "Please specify either a guest OS name or UUID")
            #expect(
                try await refusal([
                    ("hypervisor", "Simulator"), ("hypervisorversion", "default"), ("osdisplayname", "CentOS 7"),
                ])
                    == "Please specify a valid hypervisor : XenServer, KVM or VMware")
            #expect(
                try await refusal([
                    ("hypervisor", "VMware"), ("hypervisorversion", "9.0"), ("osdisplayname", "CentOS 7"),
                ])
                    == "Please specify a valid hypervisor and supported version")
            #expect(
                try await refusal(kvm + [("osdisplayname", "Plan 9")]) == "Unable to find the guest OS by name or UUID")
            // An installed mapping is no duplicate: the admin's own one overrides it.
            let added = try await c.job(
                "addGuestOsMapping", kvm + [("osdisplayname", "CentOS 7"), ("osnameforhypervisor", "centos7")])
            #expect(added["jobresult.guestosmapping.hypervisorversion"]?.text == "default")
            #expect(
                try await c.signed().get(
                    "addGuestOsMapping", kvm + [("osdisplayname", "CentOS 8"), ("osnameforhypervisor", "x")]
                ).status == 432)
        }
    }

    @Test func aCloudSavedBeforeMappingsGetsThemWhenReadBack() {
        let store = Store(options: quickJobOptions())
        store.seed(created: "2026-01-01T00:00:00+0000")
        let seeded = store.table(Store.guestOSMappingNoun).rows.count
        #expect(seeded == 122)
        for m in store.table(Store.guestOSMappingNoun).rows { store.table(Store.guestOSMappingNoun).remove(m.id) }
        for cap in store.table("hypervisorcapability").rows where cap["hypervisorversion"] != "default" {
            store.table("hypervisorcapability").remove(cap.id)
        }
        store.completeSeed("2026-01-02T00:00:00+0000")
        #expect(store.table(Store.guestOSMappingNoun).rows.count == seeded)
        #expect(store.table("hypervisorcapability").rows.count { $0["hypervisor"] == "VMware" } == 3)
        store.completeSeed("2026-01-03T00:00:00+0000")
        #expect(store.table(Store.guestOSMappingNoun).rows.count == seeded)  // not seeded twice
        #expect(store.table("hypervisorcapability").rows.count == 7)
    }
}

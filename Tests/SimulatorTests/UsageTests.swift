@testable import Simulator
import TestSupport
import Testing
import Values

/// Usage: the usage job (generateUsageRecords) meters what ran and was held, listUsageRecords shows it
/// in the 4.18 shape, removeRawUsageRecords drops old records; permissions as the server's defaults.
@Suite struct UsageTests {
    /// The hours of all records of `type` for `usageid` (a period may split over two days).
    static func hours(_ records: [Value], type: Int, id: String) -> Double {
        records.filter { $0[field: "usagetype"]?.number?.int == type && $0[field: "usageid"]?.text == id }
            .reduce(0) { $0 + (Double($1[field: "rawusage"]?.text ?? "") ?? 0) }
    }

    /// `hours` is `expected` plus at most the real time the test took (jobs end a little after they are
    /// asked for, later on a loaded machine), never less. The server's times are whole seconds, so each
    /// end of a period may round by up to one more second.
    static func about(_ hours: Double, _ expected: Double, since start: ContinuousClock.Instant) -> Bool {
        let slack = Double((ContinuousClock.now - start).components.seconds + 3) / 3600
        return hours > expected - 0.001 && hours < expected + slack
    }

    @Test func theUsageJobMetersRunningAndAllocatedTimeVolumesAndAddresses() async throws {
        let start = ContinuousClock.now
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim), dev = c.signed()
            let deployed = try await dev.deploy()
            let vm = try #require(deployed["jobresult.virtualmachine.id"]?.text)
            let network = try #require(deployed["jobresult.virtualmachine.nic.0.networkid"]?.text)
            let ip = try #require(
                try await dev.job("associateIpAddress", [("networkid", network)])["jobresult.ipaddress.id"]?.text)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let offering = try await c.value("listDiskOfferings", [("name", "Small")], "diskoffering.0.id")
            let volume = try await dev.value(
                "createVolume", [("name", "data-1"), ("zoneid", zone), ("diskofferingid", offering)], "id")
            // Two hours running, then stopped for one more hour: allocated three hours, running two.
            _ = try await c.get("simulatorFault", [("clockoffset", "7200")])
            #expect(try await dev.job("stopVirtualMachine", [("id", vm)])["jobstatus"]?.number?.int == 1)
            _ = try await c.get("simulatorFault", [("clockoffset", "10800")])
            let generated = try await c.get(
                "generateUsageRecords", [("startdate", "2000-01-01"), ("enddate", "2999-12-31")])
            #expect(generated.inner["success"]?.bool == true)
            let listed = try await c.get("listUsageRecords", [("startdate", "2000-01-01"), ("enddate", "2999-12-31")])
            let records = try #require(listed.inner["usagerecord"]?.list, "\(listed.body)")
            #expect(listed.inner["count"]?.number?.int == records.count)
            #expect(Self.about(Self.hours(records, type: 1, id: vm), 2, since: start))
            #expect(Self.about(Self.hours(records, type: 2, id: vm), 3, since: start))
            #expect(Self.about(Self.hours(records, type: 6, id: volume), 3, since: start))
            #expect(Self.about(Self.hours(records, type: 3, id: ip), 3, since: start))
            let address = try #require(records.first { $0[field: "usageid"]?.text == ip })
            #expect(address[field: "issourcenat"]?.bool == false)
            #expect(address[field: "description"]?.text?.hasPrefix("IPAddress: ") == true)
            let running = try #require(records.first { $0[field: "usagetype"]?.number?.int == 1 })
            #expect(running[field: "account"]?.text == "dev")
            #expect(running[field: "virtualmachineid"]?.text == vm)
            #expect(running[field: "type"]?.text == "Simulator")
            #expect(running[field: "usage"]?.text?.hasSuffix(" Hrs") == true)
            #expect(running[field: "description"]?.text?.hasPrefix("Running VM usage for ") == true)
            // The 4.18 server's dates carry a quoted 'T'.
            #expect(running[field: "startdate"]?.text?.contains("'T'") == true)
            #expect(running[field: "cpunumber"]?.number != nil)
            let data = try #require(records.first { $0[field: "usageid"]?.text == volume })
            #expect(data[field: "size"]?.number?.int == 5 << 30)
            #expect(data[field: "offeringid"]?.text == offering)
            #expect(data[field: "description"]?.text?.hasSuffix("and size 5.00 GB") == true)
            // oldformat: the usage server's own description.
            let old = try await c.get(
                "listUsageRecords",
                [
                    ("startdate", "2000-01-01"), ("enddate", "2999-12-31"), ("type", "2"), ("usageid", vm),
                    ("oldformat", "true"),
                ])
            #expect(old.inner["usagerecord.0.description"]?.text?.contains(" allocated (ServiceOffering: ") == true)

            // A second job starts where the first ended: nothing is counted twice.
            _ = try await c.get("generateUsageRecords", [("startdate", "2000-01-01"), ("enddate", "2999-12-31")])
            let again = try #require(
                try await c.get("listUsageRecords", [("startdate", "2000-01-01"), ("enddate", "2999-12-31")])
                    .inner["usagerecord"]?.list)
            #expect(Self.about(Self.hours(again, type: 1, id: vm), 2, since: start))

            // Filters and the server's checks.
            let typed = try await c.get(
                "listUsageRecords", [("startdate", "2000-01-01"), ("enddate", "2999-12-31"), ("type", "6")])
            #expect(typed.inner["usagerecord"]?.list?.allSatisfy { $0[field: "usagetype"]?.number?.int == 6 } == true)
            let noType = try await c.get(
                "listUsageRecords", [("startdate", "2000-01-01"), ("enddate", "2999-12-31"), ("usageid", vm)])
            #expect(noType.status == 431)
            #expect(noType.inner["errortext"]?.text == "Usageid must be specified together with usageType")
            let backwards = try await c.get(
                "listUsageRecords", [("startdate", "2024-01-02"), ("enddate", "2024-01-01")])
            #expect(
                backwards.inner["errortext"]?.text
                    == "Incorrect Date Range. Start date: Tue Jan 02 00:00:00 UTC 2024 is after end date:Mon Jan 01 23:59:59 UTC 2024"
            )
            #expect(
                try await c.get("listUsageRecords", [("startdate", "2000-01-01")]).status == 431)
            let bad = try await c.get("removeRawUsageRecords", [("interval", "0")])
            #expect(
                bad.inner["errortext"]?.text
                    == "Invalid interval value. Interval to remove cloud_usage records should be greater than 0")
            // Records end today: an interval of one day keeps them.
            #expect(try await c.get("removeRawUsageRecords", [("interval", "1")]).inner["success"]?.bool == true)
            #expect(
                try await c.get("listUsageRecords", [("startdate", "2000-01-01"), ("enddate", "2999-12-31")])
                    .inner["usagerecord"]?.list?.count == again.count)

            // Users may not list usage; generating and removing is the root admin's.
            #expect(
                try await dev.get("listUsageRecords", [("startdate", "2000-01-01"), ("enddate", "2999-12-31")]).status
                    == 432)
            #expect(
                try await dev.get("generateUsageRecords", [("startdate", "2000-01-01"), ("enddate", "2999-12-31")])
                    .status == 432)
        }
    }

    @Test func recordsOfAnAccountAndOfDeletedResources() async throws {
        let start = ContinuousClock.now
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim), dev = c.signed()
            let vm = try #require(try await dev.deploy()["jobresult.virtualmachine.id"]?.text)
            _ = try await c.get("simulatorFault", [("clockoffset", "3600")])
            _ = try await c.job("destroyVirtualMachine", [("id", vm), ("expunge", "true")])
            _ = try await c.get("simulatorFault", [("clockoffset", "7200")])
            _ = try await c.get("generateUsageRecords", [("startdate", "2000-01-01"), ("enddate", "2999-12-31")])
            let devID = try await c.value("listAccounts", [("name", "dev"), ("listall", "true")], "account.0.id")
            let mine = try #require(
                try await c.get(
                    "listUsageRecords", [("startdate", "2000-01-01"), ("enddate", "2999-12-31"), ("accountid", devID)]
                ).inner["usagerecord"]?.list)
            #expect(mine.allSatisfy { $0[field: "accountid"]?.text == devID })
            // Metered until it was destroyed: one hour, not two.
            #expect(Self.about(Self.hours(mine, type: 2, id: vm), 1, since: start))
            let both = try await c.get(
                "listUsageRecords",
                [("startdate", "2000-01-01"), ("enddate", "2999-12-31"), ("accountid", devID), ("projectid", vm)])
            #expect(both.status == 431)
        }
    }

    @Test func usageHistorySamplesWhileMachinesRun() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim), dev = c.signed()
            let deployed = try await dev.deploy()
            let vm = try #require(deployed["jobresult.virtualmachine.id"]?.text)
            // Twenty minutes later: a sample a minute for the VM, one each ten minutes for its disk.
            _ = try await c.get("simulatorFault", [("clockoffset", "1200")])
            let history = try await dev.get("listVirtualMachinesUsageHistory", [("id", vm)])
            let stats = try #require(history.inner["virtualmachine.0.stats"]?.list, "\(history.body)")
            #expect((19...20).contains(stats.count))
            #expect(stats.first?[field: "cpuused"]?.text == "0.42%")
            #expect(stats.first?[field: "memorykbs"]?.number?.int != nil)
            #expect(history.inner["virtualmachine.0.displayname"]?.text != nil)
            // The VM's own answer carries the same ten figures while it runs (UserVmJoinDaoImpl, details=stats).
            let listed = try await dev.get("listVirtualMachines", [("id", vm)]).inner
            for field in ["cpuused", "memorykbs", "memoryintfreekbs", "memorytargetkbs", "diskkbsread", "diskiowrite"] {
                #expect(listed["virtualmachine.0.\(field)"]?.text == stats.first?[field: field]?.text, "\(field)")
            }
            let root = try await dev.value("listVolumes", [("virtualmachineid", vm)], "volume.0.id")
            let disk = try await dev.get("listVolumesUsageHistory", [("id", root)])
            #expect((1...2).contains(disk.inner["volume.0.stats"]?.list?.count ?? 0))
            // Another account's VM is not the user's to see.
            let admins = try #require(try await c.deploy()["jobresult.virtualmachine.id"]?.text)
            let mine = try await dev.get("listVirtualMachinesUsageHistory").inner["virtualmachine"]?.list ?? []
            #expect(mine.map { $0[field: "id"]?.text } == [vm])
            let own = try await c.get("listVirtualMachinesUsageHistory", [("id", admins)])
            #expect(own.inner["count"]?.number?.int == 1)
            let backwards = try await dev.get(
                "listVirtualMachinesUsageHistory", [("startdate", "2024-02-01"), ("enddate", "2024-01-01")])
            #expect(backwards.inner["errortext"]?.text == "startDate cannot be after endDate.")
            // A window before the VM existed has no samples.
            let old = try await dev.get(
                "listVirtualMachinesUsageHistory", [("id", vm), ("startdate", "2000-01-01"), ("enddate", "2000-01-02")])
            #expect(old.inner["virtualmachine.0.stats"]?.list?.isEmpty == true)
            // System VMs: root admins only.
            let system = try await c.get("listSystemVmsUsageHistory")
            #expect((system.inner["systemvm"]?.list?.count ?? 0) > 0)
            #expect(try await dev.get("listSystemVmsUsageHistory").status == 432)
        }
    }

    @Test func javaFormats() {
        #expect(UsageRecords.javaDecimal(0.25) == ".25")
        #expect(UsageRecords.javaDecimal(24) == "24")
        #expect(UsageRecords.javaDecimal(1.0000004) == "1")
        #expect(UsageRecords.javaDecimal(2.5000006) == "2.500001")
        #expect(UsageRecords.readableSize(512) == "512 bytes")
        #expect(UsageRecords.readableSize(5 << 30) == "5.00 GB")
        #expect(UsageRecords.readableSize(1536 << 10) == "1.50 MB")
    }
}

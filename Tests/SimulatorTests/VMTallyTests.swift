import Testing

@testable import Simulator

/// The per-owner VM sums resource counts read must equal a recount of the live VMs after any
/// sequence of changes (they are kept by VMTable.insert/update, never recomputed).
@Suite struct VMTallyTests {
    static func vm(_ i: Int, owner: String, project: String? = nil) -> VM {
        var vm = VM(
            id: "vm-\(i)", name: "vm-\(i)", displayName: "vm-\(i)", state: "Running", zoneID: "z",
            templateID: "t", offeringID: "small", networkID: "n", nicID: "nic-\(i)", ip: "10.0.0.\(i)",
            mac: "02:00:00:00:00:\(i)", rootVolumeID: "root-\(i)", rootSize: (i + 1) << 30, created: "",
            accountID: owner, account: owner, domainID: "d", domain: "ROOT", userID: "u", username: "u")
        vm.projectID = project
        return vm
    }

    static func recount(_ table: VMTable, _ key: String) -> VMTally {
        var t = VMTally()
        for vm in table.live where VMTallies.ownerKey(vm) == key && vm.countsTowardLimits {
            t.vms += 1
            t.rootBytes += vm.rootSize
            t.perOffering[vm.offeringID, default: 0] += 1
            if vm.state == "Running" { t.running += 1 } else if vm.state == "Stopped" { t.stopped += 1 }
        }
        return t
    }

    @Test func sumsFollowEveryChange() {
        var table = VMTable()
        for i in 0..<12 {
            table.insert(Self.vm(i, owner: i % 3 == 0 ? "alice" : "bob", project: i % 4 == 0 ? "p" : nil))
        }
        table.update("vm-1") { $0.state = "Stopped" }
        table.update("vm-2") { $0.offeringID = "large" }
        table.update("vm-5") { $0.state = "Destroyed" }
        table.update("vm-7") { $0.expunged = true }
        table.update("vm-5") { $0.state = "Stopped" }  // recovered
        table.update("vm-8") { $0.projectID = nil }  // assigned out of the project
        table.update("vm-10") {
            $0.accountID = "alice"; $0.account = "alice"
        }
        table.update("vm-7") { $0.state = "Running" }  // an expunged VM stays as it was
        for key in ["alice", "bob", "p"] {
            #expect(table.tallies[owner: key] == Self.recount(table, key), "\(key)")
        }
        #expect(table.tallies[owner: "bob"].stopped == 2)
        #expect(table.tallies[owner: "nobody"] == VMTally())

        var restored = VMTable()
        restored.restore(table.rows, nextSeq: table.nextSeq)
        for key in ["alice", "bob", "p"] { #expect(restored.tallies[owner: key] == table.tallies[owner: key]) }
    }
}

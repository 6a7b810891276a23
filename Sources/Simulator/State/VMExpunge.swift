import FoundationEssentials
import OrderedCollections
import Values

/// The server's expunge thread: a VM destroyed without `expunge` stays Destroyed (recoverable) for
/// expunge.delay seconds, then goes as expungeVirtualMachine takes it. The simulator settles due
/// ones before each API request, as it settles jobs, so no timer runs between requests.
extension Store {
    /// One row per destroyed VM awaiting the thread: `due`, in seconds since 1970.
    static let expungeDueNoun = "vmexpungedue"

    /// Called when a destroy job ends without expunging. A delay that is not a whole number of
    /// seconds (or is negative) leaves the VM to an explicit expunge.
    func scheduleExpunge(vmID: String, destroyedAt: Date) {
        guard let delay = ConfigurationAPIs.globalValue("expunge.delay", self).flatMap(Int.init), delay >= 0 else {
            return
        }
        let due = Int(destroyedAt.timeIntervalSince1970) + delay
        table(Self.expungeDueNoun).put(Entity(id: vmID, fields: ["due": .string(String(due))]))
    }

    /// Expunges every VM whose delay has passed and that is still Destroyed (a recovered one is skipped).
    func expungeDueVMs(now: Date) {
        let queue = table(Self.expungeDueNoun)
        if queue.rows.isEmpty { return }
        let limit = Int(now.timeIntervalSince1970)
        for row in queue.rows where (row["due"].flatMap(Int.init) ?? Int.max) <= limit {
            queue.remove(row.id)
            if vms[id: row.id]?.state == "Destroyed" { expungeVM(row.id) }
        }
    }

    /// What expunging takes with the VM: its host place, attached volumes, networking, then the VM.
    func expungeVM(_ id: String) {
        unplace(id)
        VolumeAPIs.detachAll(from: id, store: self)
        releaseNetworking(ofVM: id, expunged: true)
        vms.update(id) {
            $0.state = "Expunging"; $0.expunged = true
        }
        table(Self.expungeDueNoun).remove(id)
        leaveGroups([id])
    }
}

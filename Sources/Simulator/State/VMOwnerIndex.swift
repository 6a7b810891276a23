/// Where the live VMs are in `VMTable.rows`: all of them, per owning account, per domain, each
/// list ascending (creation order). A list page is then a slice of the caller's list, whatever
/// the cloud's size, instead of a scan of every VM (issue: 100,000 VMs, an admin's own account).
struct VMOwnerIndex {
    struct Owner: Hashable {
        var account: String
        var domainID: String
    }

    private(set) var all: [Int] = []
    private var byOwner: [Owner: [Int]] = [:]
    private var byDomain: [String: [Int]] = [:]

    static func owner(_ vm: VM) -> Owner { Owner(account: vm.account, domainID: vm.domainID) }

    mutating func reserve(_ n: Int) { all.reserveCapacity(all.count + n) }

    mutating func add(_ position: Int, _ vm: VM) {
        all.insertSorted(position)
        byOwner[Self.owner(vm), default: []].insertSorted(position)
        byDomain[vm.domainID, default: []].insertSorted(position)
    }

    mutating func remove(_ position: Int, _ vm: VM) {
        all.removeSorted(position)
        byOwner[Self.owner(vm)]?.removeSorted(position)
        byDomain[vm.domainID]?.removeSorted(position)
    }

    /// The positions a visibility allows, ascending.
    func positions(_ visible: Visibility) -> [Int] {
        switch visible {
        case .all: return all
        case .account(let name, let domainID): return byOwner[Owner(account: name, domainID: domainID)] ?? []
        case .domains(let ids):
            if ids.count == 1, let id = ids.first { return byDomain[id] ?? [] }
            return ids.flatMap { byDomain[$0] ?? [] }.sorted()
        }
    }
}

extension Array where Element == Int {
    /// Inserts keeping the array ascending (appending, the usual case, costs no search).
    mutating func insertSorted(_ v: Int) {
        if let last, last >= v {
            var lo = 0, hi = count
            while lo < hi { let mid = (lo + hi) / 2; if self[mid] < v { lo = mid + 1 } else { hi = mid } }
            insert(v, at: lo)
        } else {
            append(v)
        }
    }

    mutating func removeSorted(_ v: Int) {
        var lo = 0, hi = count
        while lo < hi { let mid = (lo + hi) / 2; if self[mid] < v { lo = mid + 1 } else { hi = mid } }
        if lo < count, self[lo] == v { remove(at: lo) }
    }
}

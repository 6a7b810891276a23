/// What each owner's VMs add up to for resource counts (the server keeps these as counters in
/// `resource_count`): kept up to date as VMs come, change and go, so an account's counts cost the
/// same at 100,000 VMs as at ten. The owner is the project when a project owns the VM.
struct VMTally: Equatable {
    var vms = 0, rootBytes = 0, running = 0, stopped = 0
    /// Counted VMs per service offering (CPUs and memory follow from the offering).
    var perOffering: [String: Int] = [:]
}

struct VMTallies {
    private var byOwner: [String: VMTally] = [:]

    static func ownerKey(_ vm: VM) -> String { vm.projectID ?? vm.accountID }

    subscript(owner key: String) -> VMTally { byOwner[key] ?? VMTally() }

    /// Adds (`sign` 1) or takes away (-1) a VM's share; VMs that no longer count have none.
    mutating func add(_ vm: VM, sign: Int = 1) {
        guard vm.countsTowardLimits else { return }
        var t = byOwner[Self.ownerKey(vm)] ?? VMTally()
        t.vms += sign
        t.rootBytes += sign * vm.rootSize
        t.perOffering[vm.offeringID, default: 0] += sign
        if t.perOffering[vm.offeringID] == 0 { t.perOffering[vm.offeringID] = nil }
        if vm.state == "Running" { t.running += sign } else if vm.state == "Stopped" { t.stopped += sign }
        byOwner[Self.ownerKey(vm)] = t
    }
}

extension VM {
    /// A VM counts until it is destroyed (expunging or expunged ones free their share).
    var countsTowardLimits: Bool { !expunged && state != "Destroyed" && state != "Expunging" }
}

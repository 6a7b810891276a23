import FoundationEssentials
import Values
import OrderedCollections

/// Virtual machines: deploy, the power state machine, destroy/recover/expunge, changes.
enum VirtualMachineAPIs {
    static let cmdPrefix = "org.apache.cloudstack.api.command.user.vm."

    static let handlers: [Handler] = [
        Handler("deployVirtualMachine", async: true, deploy),
        Handler("listVirtualMachines", list),
        Handler("startVirtualMachine", async: true) { c throws(APIError) in
            let vm = try find(c, states: nil)
            if vm.state == "Running" {
                throw APIError.refused("The virtual machine \(vm.id) (\(vm.displayName)) is already running")
            }
            return try transition(
                c, "StartVMCmd", from: ["Stopped"], via: "Starting", to: "Running", capacity: .take(try Placement(c)))
        },
        Handler("stopVirtualMachine", async: true) { c throws(APIError) in
            // forced=true stops a VM whatever it is doing (a stuck Starting or Stopping one too).
            let from: Set<String> =
                try c.bool("forced")
                ? ["Running", "Stopped", "Starting", "Stopping", "Error"] : ["Running", "Stopped"]
            return try transition(c, "StopVMCmd", from: from, via: "Stopping", to: "Stopped", capacity: .giveBack)
        },
        Handler("rebootVirtualMachine", async: true) { c throws(APIError) in
            try transition(c, "RebootVMCmd", from: ["Running"], via: "Running", to: "Running", capacity: .keep)
        },
        Handler("destroyVirtualMachine", async: true, destroy),
        Handler("recoverVirtualMachine") { c throws(APIError) in
            let vm = try find(c, states: nil)
            guard vm.state == "Destroyed" else {
                throw APIError.refused("Vm with id \(vm.id) is not in the right state")
            }
            c.store.vms.update(vm.id) { $0.state = "Stopped" }
            return .object(["virtualmachine": c.store.render(c.store.vms[id: vm.id]!)])
        },
        Handler("expungeVirtualMachine", async: true) { c throws(APIError) in
            let vm = try find(c, states: nil)
            guard vm.state == "Destroyed" || vm.state == "Error" else {
                throw APIError.refused("Please destroy vm with id \(vm.id) before expunging it (it is \(vm.state))")
            }
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.admin.vm.ExpungeVMCmd",
                    instanceType: "VirtualMachine", instanceID: vm.id, immediateID: nil
                ) { store, _ in
                    store.expungeVM(vm.id)
                    return ["success": .bool(true)]
                })
        },
        Handler("updateVirtualMachine") { c throws(APIError) in
            let vm = try find(c, states: nil)
            if let name = c.optional("name"), name != vm.name {
                guard vm.state == "Stopped" else {
                    throw APIError.invalid("name", "the VM must be stopped to rename it")
                }
                try validateHostName(name)
            }
            let userData = try UserDataAPIs.resolve(c, template: nil)
            let ha = try c.bool("haenable", default: vm.haEnable)
            let display = try c.bool("displayvm", default: vm.displayVM ?? true)
            let details = c.params.map("details").flatMap { $0.map { VMDetail(key: $0.key, value: $0.value) } }
            if let g = c.optional("group"), !g.isEmpty {
                c.store.ensureInstanceGroup(
                    g, account: vm.account, domainID: vm.domainID, domain: vm.domain, created: c.created)
            }
            c.store.vms.update(vm.id) { v in
                if let n = c.optional("name") { v.name = n }
                if let d = c.optional("displayname") { v.displayName = d }
                if let g = c.optional("group") { v.group = g }
                if let ud = userData.text { v.userdata = ud; v.userDataID = userData.id }
                if !details.isEmpty { v.details = details }
                v.haEnable = ha
                v.displayVM = display
            }
            return .object(["virtualmachine": c.store.render(c.store.vms[id: vm.id]!)])
        },
        Handler("changeServiceForVirtualMachine") { c throws(APIError) in
            let vm = try find(c, states: nil)
            let offering = try c.entity("serviceoffering", "serviceofferingid", what: "service offering")
            guard vm.state == "Stopped" else {
                throw APIError.refused(
                    "Unable to upgrade virtual machine \(describe(vm)) in state \(vm.state); "
                        + "make sure the virtual machine is stopped")
            }
            c.store.vms.update(vm.id) { $0.offeringID = offering.id }
            return .object(["virtualmachine": c.store.render(c.store.vms[id: vm.id]!)])
        },
        Handler("scaleVirtualMachine", async: true) { c throws(APIError) in
            let vm = try find(c, states: ["Running", "Stopped"])
            let offering = try c.entity("serviceoffering", "serviceofferingid", what: "service offering")
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "ScaleVMCmd", instanceType: "VirtualMachine",
                    instanceID: vm.id, immediateID: nil
                ) { store, _ in
                    // A running VM moves to the new size on a host with room for it, or stays as it was (533).
                    let running = store.vms[id: vm.id]?.hostID != nil
                    if running { store.unplace(vm.id) }
                    let old = vm.offeringID
                    store.vms.update(vm.id) { $0.offeringID = offering.id }
                    if running {
                        do { try store.place(vm.id) } catch {
                            store.vms.update(vm.id) { $0.offeringID = old }
                            try? store.place(vm.id)
                            throw error
                        }
                    }
                    return ["virtualmachine": store.render(try store.jobVM(vm.id))]
                })
        },
        Handler("resetPasswordForVirtualMachine", async: true) { c throws(APIError) in
            let vm = try find(c, states: nil)
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "ResetVMPasswordCmd", instanceType: "VirtualMachine",
                    instanceID: vm.id, immediateID: nil
                ) { store, _ in
                    // Checked by the job, as the server's service does: the job fails with the server's text.
                    guard store.table("template").get(vm.templateID)?["passwordenabled"] == "true" else {
                        throw APIError.refused(
                            "Fail to reset password for the virtual machine, the template is not password enabled")
                    }
                    guard let now = store.vms[id: vm.id], !["Error", "Expunging"].contains(now.state) else {
                        throw APIError.refused("Vm with id \(vm.seq) is not in the right state")
                    }
                    guard now.state == "Stopped" else {
                        throw APIError.refused("Vm \(describe(now)) should be stopped to do password reset")
                    }
                    try store.newPassword(vm.id)
                    defer { store.vms.update(vm.id) { $0.password = nil } }  // shown once, like the server
                    return ["virtualmachine": store.render(try store.jobVM(vm.id))]
                })
        },
        // The checks run in the job, as in the server's service: a wrong state or key fails the job.
        Handler("resetSSHKeyForVirtualMachine", async: true) { c throws(APIError) in
            let vm = try find(c, states: nil)
            let project = c.optional("projectid") == nil ? nil : try ProjectAPIs.project(c, "projectid", admin: false)
            let projectID = project?.id
            let owner = if let project { c.store.projectOwner(project, caller: c.caller) } else { try c.owner() }
            let names = KeyPairAPIs.requestedNames(c)
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "ResetVMSSHKeyCmd", instanceType: "VirtualMachine",
                    instanceID: vm.id, immediateID: nil
                ) { store, _ in
                    guard let now = store.vms[id: vm.id], !["Error", "Expunging"].contains(now.state) else {
                        throw APIError.refused("Vm with specified id is not in the right state")
                    }
                    guard now.state == "Stopped" else {
                        throw APIError.refused("Vm \(describe(now)) should be stopped to do SSH Key reset")
                    }
                    try KeyPairAPIs.check(names, owner: owner, projectID: projectID, required: true, store)
                    // The password encrypted with the old key is dropped and none is made (since 4.16 the server
                    // leaves passwords to resetPasswordForVirtualMachine), so getVMPassword has none until a reset.
                    store.vms.update(vm.id) {
                        $0.keypair = names.joined(separator: ",")
                        $0.publicKeys = KeyPairAPIs.publicKeys(names, for: owner, projectID: projectID, store)
                        $0.encryptedPassword = nil
                    }
                    return ["virtualmachine": store.render(try store.jobVM(vm.id))]
                })
        },
    ]

    /// The VM named by `id`, checking it is visible to the caller and (optionally) in one of `states`.
    static func find(_ c: Call, states: Set<String>?) throws(APIError) -> VM {
        let id = try c.required("id")
        guard let vm = c.store.vms[id: id] else { throw APIError.notFound("virtual machine", id: id, param: "id") }
        try c.checkAccess(accountID: vm.accountID, domainID: vm.domainID, what: "virtual machine \(vm.id)")
        if let states, !states.contains(vm.state) {
            throw APIError.refused(
                "\(describe(vm)) is in state \(vm.state); this needs it \(states.sorted().joined(separator: " or "))")
        }
        return vm
    }

    /// What a power transition does with host capacity when its job completes.
    enum Capacity {
        case take(Placement)
        case giveBack
        case keep
    }

    /// How the server prints a VM in messages.
    static func describe(_ vm: VM) -> String { "VM instance {\"name\":\"\(vm.name)\",\"uuid\":\"\(vm.id)\"}" }

    static func transition(
        _ c: Call, _ cmd: String, from: Set<String>, via: String, to: String,
        capacity: Capacity
    ) throws(APIError) -> Reply {
        let vm = try find(c, states: from)
        let already = vm.state == to && via != to
        if !already { c.store.vms.update(vm.id) { $0.state = via } }
        return .job(
            JobSpec(
                cmd: cmdPrefix + cmd, instanceType: "VirtualMachine", instanceID: vm.id,
                immediateID: nil,
                work: { store, _ in
                    switch capacity {
                    case .take(let asked): try store.place(vm.id, as: asked)
                    case .giveBack: store.unplace(vm.id)
                    case .keep: break
                    }
                    store.vms.update(vm.id) { $0.state = to }
                    return ["virtualmachine": store.render(try store.jobVM(vm.id))]
                },
                onFailure: { store in
                    store.vms.update(vm.id) {
                        $0.state = vm.state; $0.pendingJobID = nil
                    }
                }))
    }

    static func destroy(_ c: Call) throws(APIError) -> Reply {
        let vm = try find(c, states: nil)
        guard ["Running", "Stopped", "Error", "Starting", "Stopping"].contains(vm.state) else {
            throw APIError.refused("Unable to destroy \(describe(vm)): it is already \(vm.state)")
        }
        try c.store.checkAutoScaleVMAction(vm.id)
        try c.store.checkKubernetesNodeDestroy(vm.id)
        let expunge = try c.bool("expunge")
        if expunge, c.caller.role == .user, !VolumeLifecycleAPIs.userMay(c, "allow.user.expunge.recover.vm") {
            throw APIError.permission(
                "Parameter expunge can be passed by Admin only. Or when the allow.user.expunge.recover.vm key is set.")
        }
        let volumes = try VolumeLifecycleAPIs.volumesDestroyedWith(c, vm: vm)
        c.store.vms.update(vm.id) { $0.state = "Stopping" }
        return .job(
            JobSpec(
                cmd: cmdPrefix + "DestroyVMCmd", instanceType: "VirtualMachine", instanceID: vm.id,
                immediateID: nil,
                work: { store, date in
                    store.unplace(vm.id)
                    VolumeAPIs.detachAll(from: vm.id, store: store)
                    VolumeLifecycleAPIs.destroy(volumes, expunge: expunge, store: store)
                    if !expunge { store.scheduleExpunge(vmID: vm.id, destroyedAt: date) }
                    store.releaseNetworking(ofVM: vm.id, expunged: expunge)
                    store.vms.update(vm.id) { $0.state = expunge ? "Expunging" : "Destroyed" }
                    let rendered = store.render(try store.jobVM(vm.id))
                    if expunge { store.vms.update(vm.id) { $0.expunged = true } }
                    return ["virtualmachine": rendered]
                },
                onFailure: { store in
                    store.vms.update(vm.id) {
                        $0.state = vm.state; $0.pendingJobID = nil
                    }
                }))
    }

    static func list(_ c: Call) throws(APIError) -> Reply {
        let p = c.params
        let id = c.optional("id"), ids = c.list("ids").map(Set.init)
        let name = c.optional("name")?.lowercased(), keyword = c.optional("keyword")?.lowercased()
        let state = c.optional("state")?.lowercased(), zone = c.optional("zoneid")
        let template = c.optional("templateid"), offering = c.optional("serviceofferingid")
        let network = c.optional("networkid"), keypair = c.optional("keypair")
        let group = c.optional("group")
        var autoScaled: Set<String>? = nil
        if c.optional("autoscalevmgroupid") != nil {
            autoScaled = Set(
                c.store.groupVMIDs(try AutoScalePolicyAPIs.known(c, "autoscalevmgroupid", Store.groupNoun).id))
        }
        let wantedTags = p.map("tags")
        let store = c.store
        let parts = try VMListDetails(c)
        // projectid: that project's VMs (the index holds them under the project's key); -1: every project's
        // the caller may see; none: no project's (only a wide visibility can hold any, and only once projects exist).
        let projectID = c.optional("projectid")
        var visible: Visibility
        var projects: Set<String>? = nil
        switch projectID {
        case "-1":
            visible = .all
            projects = Set(store.table(Store.projectNoun).rows.filter { ProjectAPIs.visible(c, $0) }.map(\.id))
        case let pid?:
            let p = try ProjectAPIs.project(c, "projectid", admin: false)
            visible = .account(name: Store.projectOwnerKey(pid), domainID: p["domainid"] ?? "")
        case nil:
            visible = try c.visibility()
        }
        var excludeProjects = false
        if projectID == nil, !store.table(Store.projectNoun).rows.isEmpty {
            if case .account = visible {} else { excludeProjects = true }
        }
        let shown = c.displayFilter()?.shown ?? true
        let noFilter =
            shown && store.vms.hiddenCount == 0 && id == nil && ids == nil && name == nil && keyword == nil
            && state == nil && zone == nil
            && template == nil && offering == nil && network == nil && keypair == nil && group == nil
            && autoScaled == nil && wantedTags.isEmpty
            && !excludeProjects && projects == nil
        // Only the VMs the caller may see are looked at (per-owner index), so a page of an account's
        // VMs costs the same in a cloud of 1,000 VMs as of 100,000; with no filter a page is a slice.
        let candidates = store.vms.owners.positions(visible)
        if noFilter {
            let range = try c.pageRange(count: candidates.count)
            return .list(
                noun: "virtualmachine",
                items: candidates[range].map { parts.shape(store.render(store.vms.rows[$0]), store.vms.rows[$0]) },
                total: candidates.count)
        }
        let matches = candidates.lazy.map { store.vms.rows[$0] }.filter { vm in
            if (vm.displayVM ?? true) != shown { return false }
            if excludeProjects, vm.projectID != nil { return false }
            if let projects, !projects.contains(vm.projectID ?? "") { return false }
            if let id, vm.id != id { return false }
            if let ids, !ids.contains(vm.id) { return false }
            if let name, vm.name.lowercased() != name { return false }
            if let keyword, !vm.name.lowercased().contains(keyword), !vm.displayName.lowercased().contains(keyword) {
                return false
            }
            if let state, vm.state.lowercased() != state { return false }
            if let zone, vm.zoneID != zone { return false }
            if let template, vm.templateID != template { return false }
            if let offering, vm.offeringID != offering { return false }
            if let network, vm.networkID != network { return false }
            if let keypair, vm.keypair?.split(separator: ",").contains(Substring(keypair)) != true { return false }
            if let group, vm.group != group { return false }
            if let autoScaled, !autoScaled.contains(vm.id) { return false }
            if !wantedTags.isEmpty, !store.hasTags(vm.id, wantedTags) { return false }
            return true
        }
        let page = Array(matches)
        let range = try c.pageRange(count: page.count)
        return .list(
            noun: "virtualmachine", items: page[range].map { parts.shape(store.render($0), $0) }, total: page.count)
    }

    static func validateHostName(_ name: String) throws(APIError) {
        let b = Array(name.utf8)
        let ok =
            !b.isEmpty && b.count <= 63 && b.first != 45 && b.last != 45 && !(b[0] >= 48 && b[0] <= 57)
            && b.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
        guard ok else {
            throw APIError.invalid(
                "name",
                "Invalid name. Vm name can contain ASCII letters 'a' through 'z', the digits "
                    + "'0' through '9', and the hyphen ('-'), must be between 1 and 63 characters long, and can't start or "
                    + "end with \"-\" and can't start with digit")
        }
    }

    static func validateUserData(_ ud: String) throws(APIError) {
        guard ud.utf8.count <= 32768 else {
            throw APIError.invalid("userdata", "User data is too long: \(ud.utf8.count) bytes, the maximum is 32768")
        }
        guard Data(base64Encoded: ud) != nil else {
            throw APIError.invalid("userdata", "User data is not base64 encoded")
        }
    }
}

import OrderedCollections
import Values

/// A stopped VM changing hands (assignVirtualMachine) or affinity groups (updateVMAffinityGroup),
/// as UserVmManagerImpl and AffinityGroupServiceImpl require: both only while the VM is stopped.
enum VMOwnershipAPIs {
    static let handlers: [Handler] = [
        Handler("updateVMAffinityGroup", async: true) { c throws(APIError) in
            let vm = try VirtualMachineAPIs.findBy(c, param: "id")
            guard vm.state == "Stopped" else {
                throw APIError.refused(
                    "Unable update affinity groups of the virtual machine \(vm.name) in state \(vm.state); "
                        + "make sure the virtual machine is stopped and not in an error state before updating.")
            }
            // Given but empty (`affinitygroupids=`), a list clears the VM's groups.
            func given(_ name: String) -> [String]? {
                c.params[name].map { $0.split(separator: ",").map { String($0).trimmingSpaces() } }
            }
            let ids = given("affinitygroupids"), names = given("affinitygroupnames")
            if ids != nil && names != nil {
                throw APIError.refused(
                    "affinityGroupNames parameter is mutually exclusive with affinityGroupIds parameter")
            }
            guard ids != nil || names != nil else {
                throw APIError.refused(
                    "Either affinitygroupids or affinitygroupnames must be given (an empty list clears the groups)")
            }
            var groups: [String] = []
            for id in ids ?? [] where !id.isEmpty {
                guard let g = c.store.table("affinitygroup").get(id) else {
                    throw APIError.refused("Unable to find affinity group by id \(id)")
                }
                try checkGroup(c, g, vm: vm)
                groups.append(g.id)
            }
            for name in names ?? [] where !name.isEmpty {
                guard
                    let g = c.store.table("affinitygroup").first(where: {
                        $0["name"] == name && $0["account"] == vm.account && $0["domainid"] == vm.domainID
                    })
                else {
                    throw APIError.refused("Unable to find affinity group by name \(name)")
                }
                groups.append(g.id)
            }
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.user.affinitygroup.UpdateVMAffinityGroupCmd",
                    instanceType: "VirtualMachine", instanceID: vm.id, immediateID: nil
                ) { store, _ in
                    _ = try store.jobVM(vm.id)
                    store.vms.update(vm.id) { $0.affinityGroupIDs = groups }
                    return ["virtualmachine": store.render(try store.jobVM(vm.id))]
                })
        },
        Handler("assignVirtualMachine") { c throws(APIError) in
            let vm = try VirtualMachineAPIs.findBy(c, param: "virtualmachineid")
            guard vm.state == "Stopped" else {
                throw APIError.refused("VM is not Stopped, unable to migrate the vm having the specified id")
            }
            let newOwner: Caller
            var project: Entity? = nil
            if c.optional("projectid") != nil {
                let p = try ProjectAPIs.project(c, "projectid", admin: true)
                project = p
                newOwner = c.store.projectOwner(p, caller: c.caller)
            } else {
                guard c.optional("account") != nil else { throw APIError.missing("account", command: c.command) }
                newOwner = try c.owner()
            }
            if newOwner.accountID == vm.accountID {
                throw APIError.refused(
                    "The new account is the same as the old account. Account id =\(c.store.table("account").get(vm.accountID)?.seq ?? 0)"
                )
            }
            let zone = try c.store.jobEntity("zone", vm.zoneID)
            var networkID = vm.networkID
            var ip = vm.ip
            if let wanted = c.list("networkids")?.first {
                guard let n = c.store.table("network").get(wanted) else {
                    throw CatalogCheck.noEntity("networkids", wanted, command: c.command)
                }
                guard n["zoneid"] == vm.zoneID else {
                    throw APIError.refused(
                        "Network \(n["name"] ?? wanted) is not in the zone of virtual machine \(vm.name)")
                }
                networkID = n.id
            } else if c.store.table("network").get(vm.networkID)?["type"] != "Shared" {
                // The old owner's isolated network stays behind: the VM joins the new owner's default network.
                let mine = c.store.table("network").first { n in
                    n["zoneid"] == vm.zoneID && n["type"] == "Isolated" && n["vpcid"] == nil
                        && (project.map { n["projectid"] == $0.id }
                            ?? (n["account"] == newOwner.account && n["domainid"] == newOwner.domainID))
                }
                if let mine {
                    networkID = mine.id
                } else {
                    networkID = try VirtualMachineAPIs.defaultNetwork(c, zone: zone, owner: newOwner).id
                }
            }
            if networkID != vm.networkID, let n = c.store.table("network").get(networkID) {
                ip = try c.store.guestIP(network: n)
            }
            let dataVolumes = c.store.table("volume").rows.filter { $0["virtualmachineid"] == vm.id }.map(\.id)
            c.store.vms.update(vm.id) { v in
                v.accountID = newOwner.accountID
                v.account = newOwner.account
                v.domainID = newOwner.domainID
                v.domain = newOwner.domain
                v.userID = newOwner.userID
                v.username = newOwner.username
                v.projectID = project?.id
                v.networkID = networkID
                v.ip = ip
                // Groups of the old owner do not follow the VM.
                v.securityGroupIDs = []
                v.affinityGroupIDs = []
                v.group = nil
            }
            var owner: Record = ["domainid": .string(newOwner.domainID), "domain": .string(newOwner.domain)]
            if let project {
                owner["projectid"] = .string(project.id)
                owner["project"] = project.fields["name"]
            } else {
                owner["account"] = .string(newOwner.account)
            }
            for id in dataVolumes {
                c.store.table("volume").update(id) { e in
                    for k in ["account", "domainid", "domain", "projectid", "project"] { e.fields[k] = owner[k] }
                }
            }
            return .object(["virtualmachine": c.store.render(try c.store.jobVM(vm.id))])
        },
    ]

    /// `customid` gives an entity a new uuid on the real server; the simulator's ids are fixed once made
    /// (tables and the state file key rows by them), so it says so rather than ignore it.
    static func refuseCustomID(_ c: Call) throws(APIError) {
        if c.optional("customid") != nil {
            throw APIError.invalid("customid", "the acsh simulator does not model changing an entity's uuid")
        }
    }

    /// A group must belong to the VM's owner.
    static func checkGroup(_ c: Call, _ g: Entity, vm: VM) throws(APIError) {
        guard g["account"] == vm.account, g["domainid"] == vm.domainID else {
            throw APIError.permission("Affinity group \(g["name"] ?? g.id) does not belong to the VM's account")
        }
    }
}

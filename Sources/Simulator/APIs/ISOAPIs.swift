import Values

/// ISOs in virtual machines: attachIso puts one in the VM's CD drive, detachIso takes it out;
/// the VM's record shows it (isoid, isoname, isodisplaytext).
enum ISOAPIs {
    static let handlers: [Handler] = [
        Handler("attachIso", async: true) { c throws(APIError) in
            let vm = try findVM(c)
            let iso = try c.entity("iso", "id", what: "ISO")
            let name = iso["name"] ?? iso.id
            let mine = iso["account"] == vm.account && iso["domainid"] == vm.domainID
            let shared = ImagePermissionAPIs.sharedWith(c.caller, store: c.store).contains(iso.id)
            if !c.caller.isAdmin, !mine, iso["ispublic"] != "true", !shared { throw c.denied("ISO \(name)") }
            guard vm.state == "Running" || vm.state == "Stopped" else {
                throw APIError.refused("\(VirtualMachineAPIs.describe(vm)) is in state \(vm.state); an ISO can be attached only when it is Running or Stopped")
            }
            if let current = vm.isoID, current != iso.id {
                throw APIError.refused("An ISO is already attached to \(VirtualMachineAPIs.describe(vm)); detach it first")
            }
            guard c.store.imageReady(iso, zoneID: vm.zoneID, now: c.now) else {
                throw APIError.invalid("id", "ISO \(name) is not ready in zone \(c.store.name(ofID: vm.zoneID) ?? vm.zoneID)")
            }
            return .job(JobSpec(cmd: "org.apache.cloudstack.api.command.user.iso.AttachIsoCmd",
                                instanceType: "VirtualMachine", instanceID: vm.id, immediateID: nil) { store, _ in
                _ = try store.jobEntity("iso", iso.id)
                store.vms.update(vm.id) { $0.isoID = iso.id }
                return ["virtualmachine": store.render(try store.jobVM(vm.id))]
            })
        },
        Handler("detachIso", async: true) { c throws(APIError) in
            let vm = try findVM(c)
            guard vm.isoID != nil else {
                throw APIError.refused("No ISO is attached to \(VirtualMachineAPIs.describe(vm))")
            }
            return .job(JobSpec(cmd: "org.apache.cloudstack.api.command.user.iso.DetachIsoCmd",
                                instanceType: "VirtualMachine", instanceID: vm.id, immediateID: nil) { store, _ in
                store.vms.update(vm.id) { $0.isoID = nil }
                return ["virtualmachine": store.render(try store.jobVM(vm.id))]
            })
        },
    ]

    static func findVM(_ c: Call) throws(APIError) -> VM {
        let id = try c.required("virtualmachineid")
        guard let vm = c.store.vms[id: id] else { throw APIError.notFound("virtual machine", id: id, param: "virtualmachineid") }
        try c.checkAccess(accountID: vm.accountID, domainID: vm.domainID, what: "virtual machine \(vm.id)")
        return vm
    }
}

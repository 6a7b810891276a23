import OrderedCollections
import Values

/// restoreVirtualMachine: the root disk made again from the VM's template (or the one given), the
/// VM keeping its state, as the server's restore does for a Running or Stopped VM.
enum VMRestoreAPIs {
    static let handlers: [Handler] = [
        Handler("restoreVirtualMachine", async: true) { c throws(APIError) in
            let id = try c.required("virtualmachineid")
            guard let vm = c.store.vms[id: id], !vm.expunged else {
                throw CatalogCheck.noEntity("virtualmachineid", id, command: c.command)
            }
            try c.checkAccess(accountID: vm.accountID, domainID: vm.domainID, what: "virtual machine \(vm.id)")
            guard vm.state == "Running" || vm.state == "Stopped" else {
                throw APIError.internalError(
                    "Vm \(vm.id) currently in \(vm.state) state, restore vm can only execute when VM in Running or Stopped"
                )
            }
            var template = c.store.table("template").get(vm.templateID)
            if c.optional("templateid") != nil { template = try c.entity("template", "templateid", what: "template") }
            let size = Int(template?["size"] ?? "") ?? vm.rootSize
            return .job(
                JobSpec(
                    cmd: VirtualMachineAPIs.cmdPrefix + "RestoreVMCmd", instanceType: "VirtualMachine",
                    instanceID: vm.id, immediateID: nil
                ) { store, _ in
                    store.vms.update(vm.id) { v in
                        if let template { v.templateID = template.id }
                        v.rootSize = size
                    }
                    return ["virtualmachine": store.render(try store.jobVM(vm.id))]
                })
        }
    ]
}

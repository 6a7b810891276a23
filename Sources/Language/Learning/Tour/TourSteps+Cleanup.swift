import Values

/// Steps 6 to 8: the end of a VM's life, one state at a time.
extension TourSteps {
    // MARK: 6 stop

    static let stop = TourStep(
        id: "stop", title: "Stop the VM",
        goal: [
            "A VM's life is a state machine: Running, Stopped, Destroyed, then gone (expunged).",
            "Stop it first: it keeps its disks and address but gives back its CPU and RAM.",
        ],
        commands: ["stop vm id:\(vmName)"],
        apis: ["stopVirtualMachine", "queryAsyncJobResult", "listVirtualMachines"]
    ) { ctx in
        let vm = try await tourVM(ctx)
        switch vm.text("state") {
        case "Stopped": break
        case "Running": throw TourHint("\(vmName) is still Running: `stop vm id:\(vmName)`")
        case "Stopping", "Starting": throw TourHint("\(vmName) is \(vm.text("state")): wait for its job: `wait`")
        case "Destroyed":
            throw TourHint(
                "\(vmName) is already Destroyed: `recover vm id:\(vmName)` brings it back Stopped (or `tour skip`)")
        case let s: throw TourHint("\(vmName) is \(s), not Stopped: `stop vm id:\(vmName)`")
        }
        return .passed(
            explanation: [
                "stopVirtualMachine is an async job; \(vmName) went Running > Stopping > Stopped.",
                "A stopped VM keeps its volumes, NIC and address (\(vm[field: "nic"]?[index: 0]?.text("ipaddress") ?? "?")) but no host (no hostid now): it uses no CPU or RAM.",
                "`start vm` brings it back; `stop vm forced:true` is pulling the power cable.",
            ], equivalent: ["stopVirtualMachine id=\(vm.text("id"))"], remember: ["vmid": vm.text("id")])
    }

    // MARK: 7 destroy

    static let destroy = TourStep(
        id: "destroy", title: "Destroy the VM",
        goal: [
            "Destroying is reversible for a while: the VM shows as Destroyed and can be recovered",
            "until it is expunged (by an admin, or by the server after its expunge delay).",
        ],
        commands: ["destroy vm id:\(vmName)", "list vms name:\(vmName)"],
        apis: ["destroyVirtualMachine", "queryAsyncJobResult", "listVirtualMachines"]
    ) { ctx in
        let vm = try await tourVM(ctx)
        switch vm.text("state") {
        case "Destroyed": break
        case "Stopped", "Running": throw TourHint("\(vmName) is \(vm.text("state")): `destroy vm id:\(vmName)`")
        case "Stopping": throw TourHint("\(vmName) is Stopping: wait for its job: `wait`")
        case let s: throw TourHint("\(vmName) is \(s), not Destroyed: `destroy vm id:\(vmName)`")
        }
        var lines = [
            "destroyVirtualMachine is an async job; \(vmName) is Destroyed but still listed: `recover vm id:\(vmName)` would bring it back Stopped."
        ]
        if let id = ctx.remembered["datavolumeid"], let data = try await ctx.record("listVolumes", id: id) {
            lines.append(
                data.text("virtualmachineid").isEmpty
                    ? "\(data.text("name")) is detached now: data volumes do not go with a destroyed VM."
                    : "\(data.text("name")) is still attached to it for now.")
        }
        lines.append("destroy vm expunge:true would have skipped the Destroyed state (admins only).")
        return .passed(
            explanation: lines, equivalent: ["destroyVirtualMachine id=\(vm.text("id"))"],
            remember: ["vmid": vm.text("id")])
    }

    // MARK: 8 expunge

    static let expunge = TourStep(
        id: "expunge", title: "Expunge the VM",
        goal: ["Expunging removes a destroyed VM for good, with its ROOT volume (admins only)."],
        commands: ["expunge vm id:\(vmName)", "list volumes name:\(volumeName)"],
        apis: ["expungeVirtualMachine", "queryAsyncJobResult", "listVirtualMachines"]
    ) { ctx in
        let remembered = ctx.remembered["vmid"]
        var vm: Value? = nil
        if let remembered { vm = try await ctx.record("listVirtualMachines", id: remembered) }
        if vm == nil { vm = try await ctx.first("listVirtualMachines", [("name", vmName)]) }
        if let vm {
            switch vm.text("state") {
            case "Destroyed": throw TourHint("\(vmName) is Destroyed, not gone yet: `expunge vm id:\(vmName)`")
            case "Expunging": throw TourHint("\(vmName) is Expunging: wait for its job: `wait`")
            case let s:
                throw TourHint(
                    "\(vmName) is \(s): destroy it first (`destroy vm id:\(vmName)`), then `expunge vm id:\(vmName)`")
            }
        }
        var lines = ["\(vmName) is gone: listVirtualMachines no longer finds it, not even as Destroyed."]
        if let root = ctx.remembered["rootvolumeid"], try await ctx.record("listVolumes", id: root) == nil {
            lines.append("Its ROOT volume went with it (listVolumes id=\(root) finds nothing).")
        }
        if let data = try await ctx.first("listVolumes", [("name", volumeName)]) {
            lines.append(
                "\(data.text("name")) is still there (\(data.text("state"))): data volumes outlive VMs; `delete volume id:\(volumeName)` removes it."
            )
        }
        lines.append("The group stays too: `delete securitygroup name:\(groupName)`.")
        return .passed(explanation: lines, equivalent: ["expungeVirtualMachine id=\(remembered ?? "VMID")"])
    }
}

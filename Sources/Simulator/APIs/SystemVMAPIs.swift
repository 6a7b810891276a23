import APICatalog
import OrderedCollections
import Values

/// System VMs (root admin): each zone's secondary storage VM and console proxy. Start, stop and
/// reboot run as jobs through Starting/Stopping; a destroyed one is replaced by a new one in its
/// zone (the server's capacity scan starts it again); migrate moves a running one to another host
/// (or a stopped one's volume to another pool); scale and changeService change its system offering.
enum SystemVMAPIs {
    static let cmdPrefix = "org.apache.cloudstack.api.command.admin.systemvm."
    static let noun = Store.systemVMNoun

    static let handlers: [Handler] = [
        Handler("listSystemVms") { c throws(APIError) in
            // The name is matched whole, as the server's LIKE without wildcards does.
            render(try c.listEntities(noun))
        },
        Handler("startSystemVm", async: true) { c throws(APIError) in
            let vm = try find(c, "id")
            guard vm["state"] == "Stopped" || vm["state"] == "Running" else { throw busy(vm, "start") }
            return job(c, vm, "StartSystemVMCmd", via: "Starting") { store, vm in try start(store, vm) }
        },
        Handler("stopSystemVm", async: true) { c throws(APIError) in
            let vm = try find(c, "id")
            let forced = try c.bool("forced")
            guard forced || vm["state"] == "Running" || vm["state"] == "Stopped" else { throw busy(vm, "stop") }
            return job(c, vm, "StopSystemVmCmd", via: "Stopping") { store, vm in stop(store, vm) }
        },
        // Rebooting a stopped system VM starts it, as the system VM managers do.
        Handler("rebootSystemVm", async: true) { c throws(APIError) in
            let vm = try find(c, "id")
            let forced = try c.bool("forced")
            guard forced || vm["state"] == "Running" || vm["state"] == "Stopped" else { throw busy(vm, "reboot") }
            return job(c, vm, "RebootSystemVmCmd", via: vm["state"] == "Running" ? "Running" : "Starting") {
                store, vm in
                try start(store, vm)
            }
        },
        Handler("destroySystemVm", async: true) { c throws(APIError) in
            let vm = try find(c, "id")
            let before = vm.fields
            return job(c, vm, "DestroySystemVmCmd", via: "Expunging") { store, vm in
                store.table(noun).remove(vm.id)
                if let zone = store.table("zone").get(vm["zoneid"] ?? "") {
                    store.addSystemVM(vm["systemvmtype"] ?? "", zone: zone, created: c.created)
                }
                // The answer is the VM as it was read before the destroy.
                return ["systemvm": filtered(before)]
            }
        },
        Handler("migrateSystemVm", async: true, migrate),
        Handler("scaleSystemVm", async: true) { c throws(APIError) in
            let (vm, offering) = try checkUpgrade(c)
            if vm["state"] == "Running" { try checkScaleUp(vm, offering, c.store) }
            return job(c, vm, "ScaleSystemVMCmd", via: vm["state"] ?? "Running") { store, vm in
                setOffering(store, vm.id, offering)
                return ["systemvm": filtered(try store.jobEntity(noun, vm.id).fields)]
            }
        },
        Handler("changeServiceForSystemVm") { c throws(APIError) in
            let (vm, offering) = try checkUpgrade(c)
            setOffering(c.store, vm.id, offering)
            return .object(["systemvm": filtered(c.store.table(noun).get(vm.id)!.fields)])
        },
        Handler("patchSystemVm", async: true) { c throws(APIError) in
            guard let id = c.optional("id") else {
                throw APIError.refused("Please provide a valid ID of a system VM to be patched")
            }
            guard let vm = c.store.table(noun).get(id) else {
                throw APIError.refused(
                    "Unable to find SystemVm with id \(id). patchSystemVm API can be used to patch CPVM / SSVM only.")
            }
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "PatchSystemVMCmd", instanceType: instanceType(vm), instanceID: vm.id,
                    immediateID: nil
                ) { store, _ in
                    let now = try store.jobEntity(noun, vm.id)
                    guard now["state"] == "Running" else {
                        throw APIError.internalError(
                            "Unable to patch SystemVM: \(describe(now)) as it is not in Running state. "
                                + "Please destroy and recreate the SystemVM.")
                    }
                    return [
                        "success": .bool(true),
                        "displaytext": .string("Successfully patched system VM \(now["name"] ?? vm.id)"),
                    ]
                })
        },
    ]

    /// The system VM a parameter names: an id of another kind of VM gets the server's "unable to find a system vm".
    static func find(_ c: Call, _ param: String) throws(APIError) -> Entity {
        let id = try c.required(param)
        if let vm = c.store.table(noun).get(id) { return vm }
        if c.store.vms[id: id] != nil || c.store.table("router").get(id) != nil {
            throw APIError.refused("unable to find a system vm with specified vmId")
        }
        throw CatalogCheck.noEntity(param, id, command: c.command)
    }

    static func busy(_ vm: Entity, _ action: String) -> APIError {
        APIError.refused(
            "Unable to \(action) \(describe(vm)): it is in state \(vm["state"] ?? ""), wait for its job to finish")
    }

    /// The way the server prints a VM instance in its messages.
    static func describe(_ vm: Entity) -> String {
        "VM instance {\"id\": \(vm.seq), \"name\": \"\(vm["name"] ?? "")\", \"uuid\": \"\(vm.id)\", \"type\": \"\(instanceType(vm))\"}"
    }

    /// The job's and event's resource type: ConsoleProxy, or SystemVm for the secondary storage VM.
    static func instanceType(_ vm: Entity) -> String {
        vm["systemvmtype"] == "consoleproxy" ? "ConsoleProxy" : "SystemVm"
    }

    /// A state change as a job: `via` at once, the work's state when the job completes.
    static func job(
        _ c: Call, _ vm: Entity, _ cmd: String, via: String,
        _ work: @escaping (Store, Entity) throws -> Record
    ) -> Reply {
        let state = vm["state"] ?? ""
        c.store.table(noun).update(vm.id) { $0.fields["state"] = .string(via) }
        return .job(
            JobSpec(
                cmd: cmdPrefix + cmd, instanceType: instanceType(vm), instanceID: vm.id, immediateID: nil,
                work: { store, _ in try work(store, try store.jobEntity(noun, vm.id)) },
                onFailure: { store in store.table(noun).update(vm.id) { $0.fields["state"] = .string(state) } },
                eventType: eventType(vm, cmd)))
    }

    /// SSVM.START or PROXY.START (and STOP, REBOOT, DESTROY): the server names the event after the kind of VM.
    static func eventType(_ vm: Entity, _ cmd: String) -> String? {
        let action = ["Start": "START", "Stop": "STOP", "Reboot": "REBOOT", "Destroy": "DESTROY"]
            .first { cmd.hasPrefix($0.key) }?.value
        return action.map { (vm["systemvmtype"] == "consoleproxy" ? "PROXY." : "SSVM.") + $0 }
    }

    static func start(_ store: Store, _ vm: Entity) throws -> Record {
        var host = store.table("host").get(vm["hostid"] ?? vm["lasthostid"] ?? "")
        if host == nil || host?["resourcestate"] != "Enabled" {
            host = store.table("host").first { $0["zoneid"] == vm["zoneid"] && $0["resourcestate"] == "Enabled" }
        }
        guard let host else {
            store.table(noun).update(vm.id) { $0.fields["state"] = .string("Stopped") }
            throw APIError.capacity("Unable to create a deployment for \(describe(vm)): no enabled host in its zone")
        }
        store.table(noun).update(vm.id) {
            $0.fields["state"] = .string("Running")
            $0.fields["agentstate"] = .string("Up")
            $0.fields["hostid"] = .string(host.id)
            $0.fields["hostname"] = host.fields["name"]
        }
        return ["systemvm": filtered(try store.jobEntity(noun, vm.id).fields)]
    }

    static func stop(_ store: Store, _ vm: Entity) -> Record {
        store.table(noun).update(vm.id) {
            $0.fields["state"] = .string("Stopped")
            $0.fields["agentstate"] = .string("Disconnected")
            // A stopped VM has no host; the server keeps it as the last host, where it starts again.
            $0.fields["lasthostid"] = $0.fields["hostid"]
            $0.fields["hostid"] = nil
            $0.fields["hostname"] = nil
            if $0.fields["activeviewersessions"] != nil { $0.fields["activeviewersessions"] = .int(0) }
        }
        return ["systemvm": filtered(store.table(noun).get(vm.id)?.fields ?? vm.fields)]
    }

    /// What listSystemVms shows: the catalog's response fields only (the offering and pool stay inside).
    static let responseFields: Set<String> = Set(Catalog.bundled.api(named: "listSystemVms")?.responseFields ?? [])

    static func filtered(_ f: Record) -> Value { .record(f.filter { responseFields.contains($0.key) }) }

    static func render(_ reply: Reply) -> Reply {
        guard case .list(let n, let items, let total) = reply else { return reply }
        return .list(noun: n, items: items.map { $0.record.map(filtered) ?? $0 }, total: total)
    }
}

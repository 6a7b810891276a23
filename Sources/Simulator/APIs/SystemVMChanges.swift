import OrderedCollections
import Values

/// Moving a system VM (migrateSystemVm) and changing its offering (scaleSystemVm, changeServiceForSystemVm),
/// checked as the server's VirtualMachineManager checks them.
extension SystemVMAPIs {
    /// A running VM to another host (`hostid`, or any other enabled one with `autoselect`), or a stopped
    /// VM's root volume to another primary storage pool of its zone (`storageid`).
    static func migrate(_ c: Call) throws(APIError) -> Reply {
        let vm = try find(c, "virtualmachineid")
        let hostGiven = c.optional("hostid") != nil, poolGiven = c.optional("storageid") != nil
        if hostGiven && poolGiven { throw APIError.refused("Only one of hostId and storageId can be specified") }
        let autoselect = try c.bool("autoselect", default: true)
        if !hostGiven && !poolGiven && !autoselect {
            throw APIError.refused("Either hostId or storageId must be specified")
        }
        if poolGiven {
            let pool = try c.entity("storagepool", "storageid", what: "storage pool")
            guard vm["state"] == "Stopped" else {
                throw APIError.refused("VM is not Stopped, unable to migrate the vm having the specified id")
            }
            guard pool["zoneid"] == vm["zoneid"] else {
                throw APIError.refused(
                    "Unable to migrate \(describe(vm)) to storage pool \(pool["name"] ?? pool.id): it is in another zone"
                )
            }
            return job(c, vm, "MigrateSystemVMCmd", via: "Migrating") { store, vm in
                store.table(noun).update(vm.id) {
                    $0.fields["storageid"] = .string(pool.id)
                    $0.fields["state"] = .string("Stopped")
                }
                return ["systemvm": filtered(try store.jobEntity(noun, vm.id).fields)]
            }
        }
        guard vm["state"] == "Running" else {
            throw APIError.refused("VM is not Running, unable to migrate the vm with specified id")
        }
        var target: Entity? = nil
        if hostGiven {
            let host = try c.entity("host", "hostid", what: "host")
            guard host["zoneid"] == vm["zoneid"], host["resourcestate"] == "Enabled" else {
                throw APIError.refused(
                    "The specified host(\(host["name"] ?? host.id)) is not suitable to migrate the VM, please specify another one"
                )
            }
            if host.id == vm["hostid"] {
                throw APIError.refused("Cannot migrate VM, destination host is same as current host")
            }
            target = host
        } else {
            target = c.store.table("host").first {
                $0["zoneid"] == vm["zoneid"] && $0["resourcestate"] == "Enabled" && $0.id != vm["hostid"]
            }
            guard target != nil else {
                throw APIError.capacity(
                    "Unable to find suitable destination to migrate \(describe(vm)): no other enabled host in its zone")
            }
        }
        let host = target!
        return job(c, vm, "MigrateSystemVMCmd", via: "Migrating") { store, vm in
            store.table(noun).update(vm.id) {
                $0.fields["state"] = .string("Running")
                $0.fields["hostid"] = .string(host.id)
                $0.fields["hostname"] = host.fields["name"]
            }
            return ["systemvm": filtered(try store.jobEntity(noun, vm.id).fields)]
        }
    }

    /// The system VM and the offering it may move to (VirtualMachineManager.checkIfCanUpgrade).
    static func checkUpgrade(_ c: Call) throws(APIError) -> (Entity, Entity) {
        let vm = try find(c, "id")
        let offering = try c.entity("serviceoffering", "serviceofferingid", what: "service offering")
        let state = vm["state"] ?? ""
        guard state == "Running" || state == "Stopped" else {
            throw APIError.refused(
                "Unable to upgrade virtual machine \(describe(vm))  in state \(state); make sure the virtual machine is stopped/running"
            )
        }
        if offering.id == vm["serviceofferingid"] {
            throw APIError.refused(
                "Not upgrading vm \(describe(vm)) since it already has the requested service offering (\(offering["name"] ?? ""))"
            )
        }
        guard offering["issystem"] == "true" else {
            throw APIError.refused(
                "isSystem property is different for current service offering and new service offering")
        }
        let current = c.store.table("serviceoffering").get(vm["serviceofferingid"] ?? "")
        if let current, current["storagetype"] != offering["storagetype"] {
            throw APIError.refused(
                "Unable to upgrade virtual machine \(describe(vm)), cannot switch between local storage and shared storage "
                    + "service offerings.  Current offering useLocalStorage=\(current["storagetype"] == "local"), target offering "
                    + "useLocalStorage=\(offering["storagetype"] == "local")")
        }
        return (vm, offering)
    }

    /// A running VM only grows (UserVmManager.upgradeRunningVirtualMachine).
    static func checkScaleUp(_ vm: Entity, _ offering: Entity, _ store: Store) throws(APIError) {
        guard let current = store.table("serviceoffering").get(vm["serviceofferingid"] ?? "") else { return }
        func n(_ e: Entity, _ k: String) -> Int { Int(e[k] ?? "") ?? 0 }
        let keys = ["cpuspeed", "cpunumber", "memory"]
        let smaller = keys.contains { n(offering, $0) < n(current, $0) }
        let larger = keys.contains { n(offering, $0) > n(current, $0) }
        guard larger && !smaller else {
            throw APIError.refused(
                "Only scaling up the vm is supported, new service offering(speed=\(n(offering, "cpuspeed")),cpu="
                    + "\(n(offering, "cpunumber")),memory=\(n(offering, "memory"))) should have at least one value(cpu/ram) greater than old "
                    + "value and no resource value less than older(speed=\(n(current, "cpuspeed")),cpu=\(n(current, "cpunumber")),memory="
                    + "\(n(current, "memory")))")
        }
    }

    static func setOffering(_ store: Store, _ id: String, _ offering: Entity) {
        store.table(noun).update(id) {
            $0.fields["serviceofferingid"] = .string(offering.id)
            $0.fields["serviceofferingname"] = offering.fields["name"]
        }
    }
}

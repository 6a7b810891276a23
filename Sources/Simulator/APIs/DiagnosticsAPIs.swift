import OrderedCollections
import Values

/// Diagnostics on system VMs and virtual routers (root admin): runDiagnostics runs ping, traceroute or
/// arping inside the VM and answers its stdout, stderr and exit code (as the VM's diagnostics script
/// prints them); getDiagnosticsData zips the VM's log and state files onto the zone's secondary storage
/// and answers a download URL. Both are jobs whose checks run in the job, as the server's do.
enum DiagnosticsAPIs {
    static let cmdPrefix = "org.apache.cloudstack.api.command.admin.diagnostics."

    static let handlers: [Handler] = [
        Handler("runDiagnostics", async: true) { c throws(APIError) in
            let vm = try target(c)
            let type = try c.required("type"), address = try c.required("ipaddress")
            let options = c.optional("params")
            return job(vm, "RunDiagnosticsCmd", suffix: "DIAGNOSTICS") { (store: Store) throws(APIError) -> Record in
                let found = try systemVM(store, vm, missing: "Unable to find a system vm with id \(vm.seq)")
                guard let command = DiagnosticsRun.Kind(rawValue: type.lowercased()) else {
                    throw APIError(530, "\(type) Is not a valid diagnostics command type. ")
                }
                try onHost(found)
                // The server passes only word characters, dashes, dots and spaces on to the VM's shell.
                if let options, !options.isEmpty,
                    options.contains(where: { !($0.isLetter || $0.isNumber || "_-. \t".contains($0)) })
                {
                    throw APIError(530, "Optional parameters contain unwanted characters: \(options)")
                }
                let run = DiagnosticsRun(
                    kind: command, address: address, options: options ?? "", from: found, known: knownAddresses(store))
                let out = run.result()
                return [
                    "diagnostics": .record([
                        "stdout": .string(out.stdout), "stderr": .string(out.stderr), "exitcode": .string(out.exitCode),
                    ])
                ]
            }
        },
        Handler("getDiagnosticsData", async: true) { c throws(APIError) in
            let vm = try target(c)
            return job(vm, "GetDiagnosticsDataCmd", suffix: "DIAGNOSTICS") {
                (store: Store) throws(APIError) -> Record in
                let found = try systemVM(
                    store, vm,
                    missing: "Diagnostics command execution failed, Unable to find vm instance with id: \(vm.seq)")
                let zone = store.table("zone").get(found["zoneid"] ?? "")
                let zoneSeq = zone?.seq ?? 0
                try onHost(found)
                guard store.table("imagestore").rows.contains(where: { $0["zoneid"] == found["zoneid"] }) else {
                    throw APIError.internalError("No Secondary storage found in Zone with Id: \(zoneSeq)")
                }
                guard
                    store.table(Store.systemVMNoun).rows.contains(where: {
                        $0["zoneid"] == found["zoneid"] && $0["systemvmtype"] == "secondarystoragevm"
                    })
                else { throw APIError.internalError("No SSVM found in zone with ID: \(zoneSeq)") }
                return ["diagnostics": .record(["url": .string(Store.extractURL(store.newID(), suffix: "zip"))])]
            }
        },
    ]

    /// The targeted VM: a system VM, a router, or (failing in the job, as the server's type check does)
    /// a user VM; anything else is not an entity the parameter may name.
    static func target(_ c: Call) throws(APIError) -> Entity {
        let id = try c.required("targetid")
        if let e = c.store.table(Store.systemVMNoun).get(id) ?? c.store.table("router").get(id) { return e }
        if let vm = c.store.vms[id: id] {
            var e = Entity(id: vm.id, fields: ["name": .string(vm.name)])
            e.seq = vm.seq
            return e
        }
        throw CatalogCheck.noEntity("targetid", id, command: c.command)
    }

    /// The target as the job finds it: still a system VM or router, else `missing`'s error.
    static func systemVM(_ store: Store, _ vm: Entity, missing: String) throws(APIError) -> Entity {
        if let e = store.table(Store.systemVMNoun).get(vm.id) ?? store.table("router").get(vm.id) { return e }
        throw missing.hasPrefix("Diagnostics") ? APIError.internalError(missing) : APIError.refused(missing)
    }

    /// A stopped VM has no host to send the command to.
    static func onHost(_ vm: Entity) throws(APIError) {
        guard vm["state"] == "Running" else {
            throw APIError.internalError("Unable to find host for virtual machine instance: \(vm["name"] ?? vm.id)")
        }
    }

    /// The job on a system VM, recorded as SSVM.DIAGNOSTICS, PROXY.DIAGNOSTICS or ROUTER.DIAGNOSTICS.
    static func job(_ vm: Entity, _ cmd: String, suffix: String, _ work: @escaping (Store) throws(APIError) -> Record)
        -> Reply
    {
        let prefix =
            switch vm["systemvmtype"] {
            case "consoleproxy": "PROXY"
            case "secondarystoragevm": "SSVM"
            default: "ROUTER"
            }
        return .job(
            JobSpec(
                cmd: cmdPrefix + cmd, instanceType: "SystemVm", instanceID: vm.id, immediateID: nil,
                work: { store, _ in try work(store) }, eventType: "\(prefix).\(suffix)"))
    }

    /// Addresses something in the cloud holds (VMs, routers, system VMs, gateways): these answer ARP.
    static func knownAddresses(_ store: Store) -> Set<String> {
        var out = Set(store.vms.rows.filter { !$0.expunged }.map(\.ip))
        let keys = ["guestipaddress", "publicip", "privateip", "linklocalip", "gateway", "ipaddress"]
        for noun in ["router", Store.systemVMNoun, "network", "publicipaddress"] {
            for r in store.table(noun).rows { for k in keys { if let v = r[k] { out.insert(v) } } }
        }
        return out
    }
}

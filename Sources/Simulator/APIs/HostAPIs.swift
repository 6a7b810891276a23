import Values
import OrderedCollections

/// Hosts (root admin): add (the simulator's agents answer any URL: the host is Up at once,
/// named SimulatedAgent.UUID), update (enable/disable, host tags), maintenance and delete.
/// Resource states as the server moves them: Enabled/Disabled, PrepareForMaintenance while the
/// job moves the running VMs to other hosts, Maintenance (or ErrorInMaintenance when no host
/// can take them); cancelling makes the host Enabled again. Only a host in maintenance is deleted.
enum HostAPIs {

    static let handlers: [Handler] = [
        Handler("addHost", addHost),
        Handler("updateHost", updateHost),
        Handler("deleteHost") { c throws(APIError) in
            let host = try c.entity("host", "id", what: "host")
            let forced = try c.bool("forced")
            let running = c.store.vms.live.contains { $0.hostID == host.id }
            if !forced, host["resourcestate"] != "Maintenance" {
                throw APIError.internalError(
                    "Host \(host.id) cannot be deleted as it is not in maintenance mode. Either put the "
                        + "host into maintenance or perform a forced deletion.")
            }
            if running { throw APIError.inUse("Unable to delete host \(host.id): virtual machines are running on it") }
            c.store.table("host").remove(host.id)
            return .object(["success": .bool(true)])
        },
        Handler("prepareHostForMaintenance", async: true) { c throws(APIError) in
            try Maintenance.prepare(c, Maintenance.host, cmd: "PrepareForMaintenanceCmd") { store, host in
                // Running VMs move to another enabled host; the host no longer takes new ones.
                for vm in store.vms.live where vm.hostID == host.id && vm.state == "Running" {
                    store.unplace(vm.id)
                    try store.place(vm.id)
                }
                store.moveSystemVMs(off: host.id)
            }
        },
        Handler("cancelHostMaintenance", async: true) { c throws(APIError) in
            try Maintenance.cancel(c, Maintenance.host, cmd: "CancelMaintenanceCmd")
        },
        Handler("migrateVirtualMachine", async: true, migrate),
    ]

    /// Moves a running VM to the host asked for (or any other enabled host of its zone with room).
    static func migrate(_ c: Call) throws(APIError) -> Reply {
        let id = try c.required("virtualmachineid")
        guard let vm = c.store.vms[id: id] else {
            throw APIError.notFound("virtual machine", id: id, param: "virtualmachineid")
        }
        guard vm.state == "Running" else {
            throw APIError.invalid(
                "virtualmachineid", "VM is not Running, unable to migrate the vm \(VirtualMachineAPIs.describe(vm))")
        }
        let target = try c.store.requestedHost(c, zoneID: vm.zoneID)
        if let target, target == vm.hostID {
            throw APIError.invalid("hostid", "Cannot migrate VM, destination host is same as current host")
        }
        let from = vm.hostID
        c.store.vms.update(vm.id) { $0.state = "Migrating" }
        return .job(
            JobSpec(
                cmd: "org.apache.cloudstack.api.command.admin.vm.MigrateVMCmd", instanceType: "VirtualMachine",
                instanceID: vm.id, immediateID: nil,
                work: { store, _ in
                    store.unplace(vm.id)
                    do {
                        try store.place(vm.id, on: target, avoiding: target == nil ? from : nil)
                    } catch {
                        try? store.place(vm.id, on: from)
                        throw error
                    }
                    store.vms.update(vm.id) { $0.state = "Running" }
                    return ["virtualmachine": store.render(try store.jobVM(vm.id))]
                },
                onFailure: { store in
                    store.vms.update(vm.id) {
                        $0.state = "Running"; $0.pendingJobID = nil
                    }
                }))
    }

    /// addHost answers a list of the hosts it added (one here), as the server does.
    static func addHost(_ c: Call) throws(APIError) -> Reply {
        let zone = try c.entity("zone", "zoneid", what: "zone")
        let pod = try c.entity("pod", "podid", what: "pod")
        guard pod["zoneid"] == zone.id else {
            throw APIError.invalid("podid", "Pod \(pod.id) does not belong to zone \(zone.id)")
        }
        let url = try c.required("url")
        _ = try c.required("hypervisor")
        let hv = try PodClusterAPIs.hypervisor(c)!
        let cluster: Entity
        if c.optional("clusterid") != nil {
            cluster = try c.entity("cluster", "clusterid", what: "cluster")
        } else if let name = c.optional("clustername") {
            cluster =
                c.store.table("cluster").first {
                    $0["podid"] == pod.id && $0["name"]?.lowercased() == name.lowercased()
                }
                ?? c.store.insert(
                    "cluster", Store.clusterFields(name: name, pod: pod, hypervisor: hv, type: "CloudManaged"))
        } else {
            throw APIError.invalid("clusterid", "Cluster id or cluster name is required to add a \(hv) host")
        }
        guard cluster["podid"] == pod.id else {
            throw APIError.invalid("clusterid", "Cluster \(cluster.id) is not in pod \(pod.id)")
        }
        guard cluster["hypervisortype"] == hv else {
            throw APIError.invalid(
                "hypervisor",
                "Cluster \(cluster["name"] ?? cluster.id) is a \(cluster["hypervisortype"] ?? "") cluster, not \(hv)")
        }
        guard url.contains("://") else { throw APIError.invalid("url", "'\(url)' is not a URL (http://HOST/...)") }
        let state = try allocation(c) ?? "Enabled"
        let ip = try nextPodAddress(c.store, pod)
        let id = c.store.newID()
        let host = c.store.insert(
            "host",
            Store.hostFields(
                name: "SimulatedAgent.\(id)", ip: ip, cluster: cluster, created: c.created,
                tags: c.optional("hosttags"), allocation: state), id: id)
        if let user = c.optional("username") { HostMaintenanceAPIs.recordUsername(c.store, host: id, user) }
        c.store.seedSystemVMs(c.created)
        return .list(noun: "host", items: [HostHAAPIs.withStates(c.store, .record(host.fields))], total: 1)
    }

    static func updateHost(_ c: Call) throws(APIError) -> Reply {
        let host = try c.entity("host", "id", what: "host")
        let state = try allocation(c)
        if state != nil, Maintenance.states.contains(host["resourcestate"] ?? "") {
            throw APIError.invalid("allocationstate", "Host \(host.id) is in maintenance; cancel the maintenance first")
        }
        if let id = c.optional("oscategoryid"), c.store.table("oscategory").get(id) == nil {
            throw APIError.notFound("OS category", id: id, param: "oscategoryid")
        }
        c.store.table("host").update(host.id) { h in
            if let state { h.fields["resourcestate"] = .string(state) }
            if let tags = c.optional("hosttags") { h.fields["hosttags"] = tags.isEmpty ? nil : .string(tags) }
            if let name = c.optional("name") { h.fields["name"] = .string(name) }
            if let id = c.optional("oscategoryid"), let cat = c.store.table("oscategory").get(id) {
                h.fields["oscategoryid"] = .string(id)
                h.fields["oscategoryname"] = cat.fields["name"]
            }
        }
        // The note becomes an admins-only annotation on the host; the host shows its latest.
        if let note = c.optional("annotation"), note.contains(where: { !$0.isWhitespace }) {
            c.store.insert(
                AnnotationAPIs.noun,
                [
                    "entitytype": .string(AnnotatedKind.host.rawValue), "entityid": .string(host.id),
                    "annotation": .string(note), "userid": .string(c.caller.userID), "adminsonly": .bool(true),
                    "created": .string(c.created), AnnotationAPIs.entityFound: .bool(true),
                ])
        }
        return .object(["host": .record(c.store.table("host").get(host.id)!.fields)])
    }

    /// allocationstate as addHost and updateHost take it: Enable or Disable.
    static func allocation(_ c: Call) throws(APIError) -> String? {
        guard let v = c.optional("allocationstate") else { return nil }
        switch v.lowercased() {
        case "enable", "enabled": return "Enabled"
        case "disable", "disabled": return "Disabled"
        default: throw APIError.invalid("allocationstate", "'\(v)' is not Enable or Disable")
        }
    }

    /// The first address of the pod's management range no host holds (the simulator's agents report one from there).
    static func nextPodAddress(_ store: Store, _ pod: Entity) throws(APIError) -> String {
        let taken = Set(
            store.table("host").rows.filter { $0["podid"] == pod.id }.compactMap { IPv4.parse($0["ipaddress"] ?? "") })
        if let s = IPv4.parse(pod.fields["startip"]?[index: 0]?.plainText ?? ""),
            let e = IPv4.parse(pod.fields["endip"]?[index: 0]?.plainText ?? ""), s <= e,
            let free = (s...e).first(where: { !taken.contains($0) })
        {
            return IPv4.text(free)
        }
        throw APIError.capacity(
            "Insufficient address capacity: pod \(pod["name"] ?? pod.id) has no free management address for a host")
    }
}

import OrderedCollections
import Values

/// Unmanaged instances (root admin): listing, importing and unmanaging VMs the hypervisor runs outside
/// CloudStack. 4.18 does it for VMware clusters only, so on the simulator's hypervisor the server's
/// refusals are the answers; a VMware cluster added to the simulator has no hypervisor behind it,
/// hence no unmanaged VMs.
enum UnmanagedInstanceAPIs {
    static let cmdPrefix = "org.apache.cloudstack.api.command.admin.vm."

    static let handlers: [Handler] = [
        Handler("listUnmanagedInstances") { c throws(APIError) in
            _ = try vmwareCluster(c, doing: "VM ingestion")
            return .list(noun: "unmanagedinstance", items: [], total: 0)
        },
        Handler("importUnmanagedInstance", async: true) { c throws(APIError) in
            let name = try c.required("name")
            _ = try c.entity("serviceoffering", "serviceofferingid", what: "service offering")
            if c.optional("domainid") != nil && c.optional("account") == nil {
                throw APIError.refused("domainid parameter must be specified with account parameter")
            }
            // The checks run in the job, as the server's do.
            let refusal: APIError?
            var clusterID = ""
            do throws(APIError) {
                clusterID = try vmwareCluster(c, doing: "VM import").id
                refusal = nil
            } catch { refusal = error }
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "ImportUnmanagedInstanceCmd", instanceType: nil, instanceID: nil, immediateID: nil
                ) { _, _ in
                    if let refusal { throw refusal }
                    throw APIError.internalError(
                        "Failed to find unmanaged vm with name: \(name) in cluster: \(clusterID)")
                })
        },
        Handler("unmanageVirtualMachine", async: true) { c throws(APIError) in
            let id = try c.required("id")
            guard let vm = c.store.vms[id: id] else {
                throw CatalogCheck.noEntity("id", id, command: c.command)
            }
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "UnmanageVMInstanceCmd", instanceType: "VirtualMachine", instanceID: vm.id,
                    immediateID: nil
                ) { store, _ in
                    guard let now = store.vms[id: id] else {
                        throw APIError.internalError(
                            "Could not find VM to unmanage, it is either removed or not existing VM")
                    }
                    guard now.state == "Running" || now.state == "Stopped" else {
                        throw APIError.internalError("VM with id = \(id) must be running or stopped to be unmanaged")
                    }
                    // Every simulated VM runs on the Simulator hypervisor.
                    throw APIError.internalError("Unmanage VM is currently allowed for VMware VMs only")
                })
        },
    ]

    /// The cluster `clusterid` names, when it is a VMware one (the only hypervisor 4.18 does this for).
    static func vmwareCluster(_ c: Call, doing what: String) throws(APIError) -> Entity {
        let cluster = try c.entity("cluster", "clusterid", what: "cluster")
        let hypervisor = cluster["hypervisortype"] ?? "Simulator"
        guard hypervisor == "VMware" else {
            throw APIError.refused("\(what) is currently not supported for hypervisor: \(hypervisor)")
        }
        return cluster
    }
}

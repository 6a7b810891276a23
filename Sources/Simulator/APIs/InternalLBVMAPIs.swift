import OrderedCollections
import Values

/// Internal LB VMs: routers of role INTERNAL_LB_VM (`b-N-VM`) kept in the router table. The server
/// deploys one per source address of a tier's internal load balancers when their rules are first
/// applied (the first member assigned) and destroys it once no load balancer uses that address.
/// listRouters leaves them out; these admin APIs list, start and stop them.
enum InternalLBVMAPIs {
    static let cmdPrefix = "org.apache.cloudstack.api.command.admin.internallb."

    static let handlers: [Handler] = [
        Handler("listInternalLoadBalancerVMs") { c throws(APIError) in
            let exact = c.exactFields(["zoneid", "vpcid", "state", "podid", "hostid"])
            let network = c.optional("networkid")
            let forVPC: Bool? = c.optional("forvpc") == nil ? nil : try c.bool("forvpc")
            return try c.listEntities("router", owned: true) { r in
                guard Store.isInternalLBVM(r) else { return false }
                if let network, r["guestnetworkid"] != network { return false }
                if let forVPC, (r["vpcid"] != nil) != forVPC { return false }
                return exact(r)
            }
        },
        Handler("startInternalLoadBalancerVM", async: true) { c throws(APIError) in
            try transition(c, "StartInternalLBVMCmd", to: "Running")
        },
        Handler("stopInternalLoadBalancerVM", async: true) { c throws(APIError) in
            _ = try c.bool("forced")
            return try transition(c, "StopInternalLBVMCmd", to: "Stopped")
        },
    ]

    /// Starting a running VM or stopping a stopped one changes nothing and succeeds, as on the server.
    static func transition(_ c: Call, _ cmd: String, to state: String) throws(APIError) -> Reply {
        let id = try c.required("id")
        guard let vm = c.store.table("router").get(id), Store.isInternalLBVM(vm) else {
            throw APIError.refused("Unable to find internal lb vm by id")
        }
        try c.checkAccess(account: vm["account"], domainID: vm["domainid"], what: "internal lb vm \(vm.id)")
        return .job(
            JobSpec(cmd: cmdPrefix + cmd, instanceType: "DomainRouter", instanceID: vm.id, immediateID: nil) {
                store, _ in
                store.table("router").update(vm.id) { $0.fields["state"] = .string(state) }
                return ["router": .record(try store.jobEntity("router", vm.id).fields)]
            })
    }
}

extension Store {
    static let internalLBVMRole = "INTERNAL_LB_VM"

    static func isInternalLBVM(_ router: Entity) -> Bool { router["role"] == internalLBVMRole }

    /// Applying an internal load balancer's rules: its source address gets its VM unless one serves it already.
    func deployInternalLBVM(for lb: Entity, created: String) {
        guard let address = lb["sourceipaddress"], let network = table("network").get(lb["networkid"] ?? ""),
            let zone = table("zone").get(network["zoneid"] ?? "")
        else { return }
        let serving = table("router").first {
            Self.isInternalLBVM($0) && $0["guestnetworkid"] == network.id && $0["guestipaddress"] == address
        }
        guard serving == nil else { return }
        addRouter(
            zone: zone, owner: Self.ownerFields(of: network.fields), created: created, network: network,
            vpc: table("vpc").get(network["vpcid"] ?? ""), publicIP: nil, internalLBAddress: address)
    }

    /// After a load balancer is deleted: the VM of its address goes when no other load balancer uses it.
    func releaseInternalLBVM(address: String, networkID: String) {
        let used = table(InternalLBAPIs.table).first {
            $0["sourceipaddress"] == address && $0["networkid"] == networkID
        }
        guard used == nil else { return }
        for r in table("router").rows
        where Self.isInternalLBVM(r) && r["guestnetworkid"] == networkID && r["guestipaddress"] == address {
            table("router").remove(r.id)
        }
    }
}

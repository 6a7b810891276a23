import Values
import OrderedCollections

/// Virtual routers (domain admins and up): one per implemented isolated network, one (or a
/// redundant pair) per started VPC. Their power states follow the VM rules.
enum RouterAPIs {
    static let cmdPrefix = "org.apache.cloudstack.api.command.admin.router."

    static let handlers: [Handler] = [
        Handler("listRouters") { c throws(APIError) in
            let exact = c.exactFields(["zoneid", "vpcid", "state", "podid", "hostid", "version"])
            let network = c.optional("networkid").flatMap { c.store.table("network").get($0) }
            if c.optional("networkid") != nil, network == nil { return .list(noun: "router", items: [], total: 0) }
            let forVPC: Bool? = c.optional("forvpc") == nil ? nil : try c.bool("forvpc")
            return try c.listEntities("router", owned: true) { r in
                if Store.isInternalLBVM(r) { return false }  // listInternalLoadBalancerVMs shows those
                if let network {
                    let servesTier = network["vpcid"] != nil && r["vpcid"] == network["vpcid"]
                    if r["guestnetworkid"] != network.id && !servesTier { return false }
                }
                if let forVPC, (r["vpcid"] != nil) != forVPC { return false }
                return exact(r)
            }
        },
        Handler("startRouter", async: true) { c throws(APIError) in
            try transition(c, "StartRouterCmd", from: ["Stopped"], to: "Running")
        },
        Handler("stopRouter", async: true) { c throws(APIError) in
            try transition(
                c, "StopRouterCmd",
                from: try c.bool("forced") ? ["Running", "Starting", "Stopping", "Stopped"] : ["Running"],
                to: "Stopped")
        },
        Handler("rebootRouter", async: true) { c throws(APIError) in
            try transition(c, "RebootRouterCmd", from: ["Running"], to: "Running")
        },
        // A stopped router takes another system offering for routers (systemvmtype domainrouter).
        Handler("changeServiceForRouter") { c throws(APIError) in
            let r = try c.entity("router", "id", what: "router")
            try c.checkAccess(account: r["account"], domainID: r["domainid"], what: "router \(r.id)")
            let offering = try c.entity("serviceoffering", "serviceofferingid", what: "service offering")
            guard offering["issystem"] == "true", offering["systemvmtype"]?.lowercased() == "domainrouter" else {
                throw APIError.refused("Cannot upgrade router vm to a non system service offering \(offering.id)")
            }
            guard r["state"] == "Stopped" else {
                throw APIError.refused(
                    "Unable to upgrade router \(r["name"] ?? r.id) in state \(r["state"] ?? ""); make sure the router "
                        + "is stopped and not in an error state before upgrading.")
            }
            c.store.table("router").update(r.id) {
                $0.fields["serviceofferingid"] = .string(offering.id)
                $0.fields["serviceofferingname"] = offering.fields["name"]
            }
            return .object(["router": .record(c.store.table("router").get(r.id)!.fields)])
        },
        Handler("destroyRouter", async: true) { c throws(APIError) in
            let r = try c.entity("router", "id", what: "router")
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "DestroyRouterCmd", instanceType: "DomainRouter", instanceID: r.id,
                    immediateID: nil
                ) { store, _ in
                    store.table("router").remove(r.id)
                    var f = r.fields
                    f["state"] = .string("Destroyed")
                    // The network keeps working on paper but needs a restart to get a router back.
                    if let n = r["guestnetworkid"] {
                        store.table("network").update(n) { $0.fields["restartrequired"] = .bool(true) }
                    }
                    if let v = r["vpcid"] {
                        store.table("vpc").update(v) { $0.fields["restartrequired"] = .bool(true) }
                    }
                    return ["router": .record(f)]
                })
        },
    ]

    static func transition(_ c: Call, _ cmd: String, from: Set<String>, to: String) throws(APIError) -> Reply {
        let r = try c.entity("router", "id", what: "router")
        // Internal LB VMs have their own start and stop (InternalLBVMAPIs).
        if Store.isInternalLBVM(r) { throw APIError.refused("Unable to find router by id") }
        try c.checkAccess(account: r["account"], domainID: r["domainid"], what: "router \(r.id)")
        let state = r["state"] ?? ""
        guard from.contains(state) else {
            if cmd == "StartRouterCmd", state == "Running" {
                throw APIError.refused("Router \(r["name"] ?? r.id) is already running")
            }
            throw APIError.refused(
                "Unable to \(cmd.hasPrefix("Reboot") ? "reboot" : cmd.hasPrefix("Stop") ? "stop" : "start") domR, "
                    + "it is not in right state \(state)")
        }
        return .job(
            JobSpec(cmd: cmdPrefix + cmd, instanceType: "DomainRouter", instanceID: r.id, immediateID: nil) {
                store, _ in
                // A stopped router has no host; starting it places it again.
                let placed =
                    to == "Running" && r["hostid"] == nil
                    ? store.placement(onHostOf: r["zoneid"] ?? "", seq: r.seq) : [:]
                store.table("router").update(r.id) {
                    $0.fields["state"] = .string(to)
                    if to == "Stopped" {
                        $0.fields["hostid"] = nil
                        $0.fields["hostname"] = nil
                    }
                    $0.fields.merge(placed, uniquingKeysWith: { $1 })
                }
                return ["router": .record(try store.jobEntity("router", r.id).fields)]
            })
    }
}

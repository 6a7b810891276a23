import Values
import OrderedCollections

/// Internal load balancers (scheme Internal): a source address inside a VPC tier whose offering
/// gives Lb to InternalLbVm, balancing to VMs of that tier. Members are assigned and removed
/// with assignToLoadBalancerRule/removeFromLoadBalancerRule, as for public rules (the `lbinstance`
/// table); the answer lists the rule and its instances.
enum InternalLBAPIs {
    static let table = "loadbalancer"

    static let handlers: [Handler] = [
        Handler("createLoadBalancer", async: true, create),
        // Without fordisplay the list shows only displayed ones (the list commands' display defaults to true).
        Handler("listLoadBalancers") { c throws(APIError) in
            let hideUndisplayed = c.optional("fordisplay") == nil
            guard
                case .list(_, let items, let total) = try c.listEntities(
                    table, owned: true, taggable: true, where: { !hideUndisplayed || $0["fordisplay"] != "false" })
            else {
                return .list(noun: table, items: [], total: 0)
            }
            return .list(noun: table, items: items.map { render($0, c.store) }, total: total)
        },
        Handler("updateLoadBalancer", async: true) { c throws(APIError) in
            let lb = try c.entity(table, "id", what: "load balancer")
            try c.checkAccess(
                account: lb["account"], domainID: lb["domainid"], what: "load balancer \(lb["name"] ?? lb.id)")
            let display = try c.optional("fordisplay").map { _ throws(APIError) in try c.bool("fordisplay") }
            try VMOwnershipAPIs.refuseCustomID(c)
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.user.loadbalancer.UpdateApplicationLoadBalancerCmd",
                    instanceType: "FirewallRule", instanceID: lb.id, immediateID: nil
                ) { store, _ in
                    store.table(table).update(lb.id) { e in
                        if let display { e.fields["fordisplay"] = .bool(display) }
                    }
                    var shown = try store.jobEntity(table, lb.id).fields
                    shown["tags"] = store.tagsValue(lb.id)
                    return [table: render(.record(shown), store)]
                })
        },
        Handler("deleteLoadBalancer", async: true) { c throws(APIError) in
            let lb = try c.entity(table, "id", what: "load balancer")
            try c.checkAccess(
                account: lb["account"], domainID: lb["domainid"], what: "load balancer \(lb["name"] ?? lb.id)")
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.user.loadbalancer.DeleteApplicationLoadBalancerCmd",
                    instanceType: "FirewallRule", instanceID: lb.id, immediateID: nil
                ) { store, _ in
                    for m in store.table("lbinstance").rows where m["ruleid"] == lb.id {
                        store.table("lbinstance").remove(m.id)
                    }
                    store.table(table).remove(lb.id)
                    store.removeTags(resourceID: lb.id) { _ in true }
                    store.releaseInternalLBVM(address: lb["sourceipaddress"] ?? "", networkID: lb["networkid"] ?? "")
                    return ["success": .bool(true)]
                })
        },
    ]

    static func create(_ c: Call) throws(APIError) -> Reply {
        guard try c.required("scheme").lowercased() == "internal" else {
            throw APIError.refused("Invalid value for scheme. Supported value is internal")
        }
        let network = try c.entity("network", "networkid", what: "network")
        let sourceNetwork = try c.entity("network", "sourceipaddressnetworkid", what: "network")
        try c.checkAccess(
            account: network["account"], domainID: network["domainid"], what: "network \(network["name"] ?? network.id)"
        )
        let offering = c.store.table("networkoffering").get(network["networkofferingid"] ?? "")?.fields ?? [:]
        guard network["vpcid"] != nil, NetworkOfferings.providers(offering, of: "Lb").contains("InternalLbVm") else {
            throw APIError.refused(
                "Scheme Internal is not supported by the network offering of network \(network["name"] ?? network.id): "
                    + "it needs a VPC tier whose offering provides Lb by InternalLbVm")
        }
        guard sourceNetwork.id == network.id else {
            throw APIError.refused(
                "The source address network must be the network of the load balancer (\(network["name"] ?? network.id))"
            )
        }
        let ports = 1...65535
        guard let sourcePort = try c.int("sourceport", in: ports),
            let instancePort = try c.int("instanceport", in: ports)
        else {
            throw APIError.missing("sourceport", command: c.command)
        }
        let algorithm = try LoadBalancerAPIs.algorithm(c, required: true) ?? "roundrobin"
        let ip: String
        if let given = c.optional("sourceipaddress") {
            guard let range = c.store.guestRange(network), let n = IPv4.parse(given), range.contains(n) else {
                throw APIError.refused(
                    "Source address \(given) is not in the range of network \(network["name"] ?? network.id)")
            }
            ip = given
        } else {
            ip = try c.store.guestIP(network: network)
        }
        if c.store.table(table).first(where: {
            $0["sourceipaddress"] == ip && $0["networkid"] == network.id && $0["sourceport"] == String(sourcePort)
        }) != nil {
            throw APIError.conflict(
                "The range specified, \(sourcePort)-\(sourcePort), conflicts with rule of the load balancer on \(ip)")
        }
        var f = try c.ownerFields()
        f.merge(
            [
                "name": .string(try c.required("name")), "networkid": .string(network.id),
                "sourceipaddressnetworkid": .string(network.id),
                "sourceipaddress": .string(ip), "algorithm": .string(algorithm), "sourceport": .int(sourcePort),
                "instanceport": .int(instancePort), "fordisplay": .bool(try c.bool("fordisplay", default: true)),
            ],
            uniquingKeysWith: { $1 })
        f["description"] = c.optional("description").map(Value.string)
        let lb = c.store.insert(table, f)
        return .job(
            JobSpec(
                cmd: "org.apache.cloudstack.api.command.user.loadbalancer.CreateApplicationLoadBalancerCmd",
                instanceType: "FirewallRule", instanceID: lb.id, immediateID: lb.id,
                work: { store, _ in
                    var shown = try store.jobEntity(table, lb.id).fields
                    shown["tags"] = store.tagsValue(lb.id)
                    return [table: render(.record(shown), store)]
                }, onFailure: { store in store.table(table).remove(lb.id) }))
    }

    /// The answer's shape: the ports as a `loadbalancerrule` list (Active once it has members)
    /// and the members as `loadbalancerinstance`.
    static func render(_ item: Value, _ store: Store) -> Value {
        guard var f = item.record, let id = f["id"]?.plainText else { return item }
        let members = store.table("lbinstance").rows.filter { $0["ruleid"] == id }
        let source = f.removeValue(forKey: "sourceport") ?? .null
        let instance = f.removeValue(forKey: "instanceport") ?? .null
        f["loadbalancerrule"] = .list([
            .record([
                "sourceport": source, "instanceport": instance,
                "state": .string(members.isEmpty ? "Add" : "Active"),
            ])
        ])
        f["loadbalancerinstance"] = .list(
            members.compactMap { m in
                store.vms[id: m["virtualmachineid"] ?? ""].map { vm in
                    .record([
                        "id": .string(vm.id), "name": .string(vm.name), "state": .string(vm.state),
                        "ipaddress": m.fields["vmip"] ?? .null,
                    ])
                }
            })
        return .record(f)
    }
}

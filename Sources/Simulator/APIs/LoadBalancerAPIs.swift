import Values
import OrderedCollections

/// Load balancer rules on a public IP and the VMs behind them. A rule is Add until it has
/// instances, then Active; its public port may not overlap a port forwarding rule (537).
enum LoadBalancerAPIs {
    static let cmdPrefix = "org.apache.cloudstack.api.command.user.loadbalancer."
    static let algorithms = ["roundrobin", "leastconn", "source"]

    static let handlers: [Handler] = [
        Handler("listLoadBalancerRules") { c throws(APIError) in
            let exact = c.exactFields(["publicipid", "networkid", "zoneid"])
            let vmID = c.optional("virtualmachineid")
            return try c.listEntities("loadbalancerrule", owned: true, taggable: true) { r in
                exact(r)
                    && (vmID == nil
                        || c.store.table("lbinstance").rows.contains {
                            $0["ruleid"] == r.id && $0["virtualmachineid"] == vmID
                        })
            }
        },
        Handler("createLoadBalancerRule", async: true) { c throws(APIError) in
            let name = try c.required("name")
            let algorithm = try algorithm(c, required: true)!
            guard c.optional("publicipid") != nil else {
                throw APIError.refused(
                    "Public load balancer rules need publicipid (internal ones are made with createLoadBalancer)")
            }
            let ip = try AddressAPIs.ownAddress(c, "publicipid")
            let proto = (c.optional("protocol") ?? "tcp").lowercased()
            guard ["tcp", "udp", "tcp-proxy"].contains(proto) else {
                throw APIError.invalid("protocol", "'\(proto)' is not tcp, udp or tcp-proxy")
            }
            let (pub, _) = try FirewallAPIs.ports(c, "publicport", "publicport")
            let (priv, _) = try FirewallAPIs.ports(c, "privateport", "privateport")
            if ip["isstaticnat"] == "true" {
                throw APIError.refused(
                    "Can't create a load balancer rule on ip address \(ip["ipaddress"] ?? ""): static nat is enabled on it"
                )
            }
            let networkID = c.optional("networkid") ?? ip["associatednetworkid"]
            guard let networkID, let network = c.store.table("network").get(networkID) else {
                throw APIError.refused(
                    "Unable to find the network of ip address \(ip["ipaddress"] ?? ""); pass networkid")
            }
            if let vpcID = ip["vpcid"], network["vpcid"] != vpcID {
                throw APIError.refused(
                    "Network \(network["name"] ?? networkID) is not a tier of the VPC of ip address \(ip["ipaddress"] ?? "")"
                )
            }
            guard NetworkOfferings.serviceNames(network.fields).contains("Lb") else {
                throw APIError.refused("Lb service is not supported in network \(network["name"] ?? networkID)")
            }
            try FirewallAPIs.checkPortConflict(c, ip: ip.id, proto: proto, pub, pub)
            var f: Record = [
                "name": .string(name), "description": .string(c.optional("description") ?? ""),
                "algorithm": .string(algorithm), "publicipid": .string(ip.id), "publicip": ip.fields["ipaddress"]!,
                "publicport": .string(String(pub)), "privateport": .string(String(priv)), "protocol": .string(proto),
                "networkid": .string(network.id), "zoneid": ip.fields["zoneid"] ?? .string(""),
                "zonename": ip.fields["zonename"] ?? .string(""), "state": .string("Add"),
                "cidrlist": .string(c.list("cidrlist")?.joined(separator: ",") ?? ""),
                "fordisplay": .bool(try c.bool("fordisplay", default: true)),
            ]
            f.merge(Store.ownerFields(of: ip.fields), uniquingKeysWith: { $1 })
            let id = c.store.newID()
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "CreateLoadBalancerRuleCmd", instanceType: "FirewallRule", instanceID: id,
                    immediateID: id
                ) { store, _ in
                    store.tieToTier(ip.id, network)
                    return ["loadbalancer": store.tagged(store.insert("loadbalancerrule", f, id: id))]
                })
        },
        Handler("updateLoadBalancerRule", async: true) { c throws(APIError) in
            let rule = try ownRule(c)
            let algorithm = try algorithm(c, required: false)
            let params = c.params
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "UpdateLoadBalancerRuleCmd", instanceType: "FirewallRule", instanceID: rule.id,
                    immediateID: nil
                ) { store, _ in
                    store.table("loadbalancerrule").update(rule.id) { e in
                        for k in ["name", "description"] { if let v = params.value(k) { e.fields[k] = .string(v) } }
                        if let algorithm { e.fields["algorithm"] = .string(algorithm) }
                        if let p = params.value("protocol") { e.fields["protocol"] = .string(p.lowercased()) }
                    }
                    return ["loadbalancer": store.tagged(try store.jobEntity("loadbalancerrule", rule.id))]
                })
        },
        Handler("deleteLoadBalancerRule", async: true) { c throws(APIError) in
            let rule = try ownRule(c)
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "DeleteLoadBalancerRuleCmd", instanceType: "FirewallRule", instanceID: rule.id,
                    immediateID: nil
                ) { store, _ in
                    // The rules manager's check, in the job: the job fails (530) while a group uses the rule.
                    if store.group(onRule: rule.id) != nil {
                        throw APIError.internalError(
                            "Cannot delete load balancer rule \(rule.seq) because it is being used by 1 Autoscale VM group."
                        )
                    }
                    for m in store.table("lbinstance").rows where m["ruleid"] == rule.id {
                        store.table("lbinstance").remove(m.id)
                    }
                    store.table("loadbalancerrule").remove(rule.id)
                    store.removePolicies(ofRule: rule.id)
                    store.untieFromTier(rule["publicipid"] ?? "")
                    return ["success": .bool(true)]
                })
        },
        Handler("assignToLoadBalancerRule", async: true) { c throws(APIError) in
            let rule = try ownRule(c)
            if c.store.group(onRule: rule.id) != nil {
                throw APIError.refused(
                    "Failed to assign to load balancer \(rule.seq) because it is being used by an Autoscale VM group.")
            }
            let members = try requestedMembers(c, rule)
            let existing = c.store.table("lbinstance").rows.filter { $0["ruleid"] == rule.id }
            for (vm, ip) in members
            where existing.contains(where: { $0["virtualmachineid"] == vm.id && $0["vmip"] == ip }) {
                throw APIError.refused(
                    "VM \(vm.name) with ip \(ip) is already assigned to load balancer rule \(rule["name"] ?? rule.id)")
            }
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "AssignToLoadBalancerRuleCmd", instanceType: "FirewallRule", instanceID: rule.id,
                    immediateID: nil
                ) { store, date in
                    if let lb = store.table(InternalLBAPIs.table).get(rule.id) {
                        store.deployInternalLBVM(for: lb, created: SimClock.cloudStackTime(date))
                    }
                    for (vm, ip) in members {
                        store.insert(
                            "lbinstance",
                            ["ruleid": .string(rule.id), "virtualmachineid": .string(vm.id), "vmip": .string(ip)])
                    }
                    store.table("loadbalancerrule").update(rule.id) { $0.fields["state"] = .string("Active") }
                    return ["success": .bool(true)]
                })
        },
        Handler("removeFromLoadBalancerRule", async: true) { c throws(APIError) in
            let rule = try ownRule(c)
            let members = try requestedMembers(c, rule)
            let existing = c.store.table("lbinstance").rows.filter { $0["ruleid"] == rule.id }
            var gone: [String] = []
            let byVM = c.params.map("vmidipmap").isEmpty  // virtualmachineids: every address of the VM goes
            for (vm, _) in members { try c.store.checkAutoScaleVMAction(vm.id) }
            for (vm, ip) in members {
                let hits = existing.filter { $0["virtualmachineid"] == vm.id && (byVM || $0["vmip"] == ip) }
                if hits.isEmpty {
                    throw APIError.refused(
                        "VM \(vm.name) is not assigned to load balancer rule \(rule["name"] ?? rule.id)")
                }
                gone += hits.map(\.id)
            }
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "RemoveFromLoadBalancerRuleCmd", instanceType: "FirewallRule", instanceID: rule.id,
                    immediateID: nil
                ) { store, _ in
                    for id in gone { store.table("lbinstance").remove(id) }
                    // Out of an autoscale rule, a VM leaves its (disabled) group too.
                    if store.group(onRule: rule.id) != nil { store.leaveGroups(members.map { $0.0.id }) }
                    if store.table("lbinstance").first(where: { $0["ruleid"] == rule.id }) == nil {
                        store.table("loadbalancerrule").update(rule.id) { $0.fields["state"] = .string("Add") }
                    }
                    return ["success": .bool(true)]
                })
        },
        Handler("listLoadBalancerRuleInstances") { c throws(APIError) in
            let rule = try c.entity("loadbalancerrule", "id", what: "load balancer rule")
            try c.checkAccess(
                account: rule["account"], domainID: rule["domainid"], what: "load balancer rule \(rule.id)")
            let members = c.store.table("lbinstance").rows.filter { $0["ruleid"] == rule.id }
            var vmIDs: [String] = []
            for m in members where !vmIDs.contains(m["virtualmachineid"] ?? "") {
                vmIDs.append(m["virtualmachineid"] ?? "")
            }
            let applied = try c.bool("applied", default: true)
            // applied=false: the VMs of the rule's network that could still be added.
            let vms: [VM] =
                applied
                ? vmIDs.compactMap { c.store.vms[id: $0] }
                : c.store.vms.live.filter { vm in !vmIDs.contains(vm.id) && vm.networkID == rule["networkid"] }
            let range = try c.pageRange(count: vms.count)
            if try c.bool("lbvmips") {
                let items: [Value] = vms[range].map { vm in
                    .record([
                        "loadbalancerruleinstance": c.store.render(vm),
                        "lbvmipaddresses": .list(
                            members.filter { $0["virtualmachineid"] == vm.id }.map { $0.fields["vmip"] ?? .null }),
                    ])
                }
                return .list(noun: "lbrulevmidip", items: items, total: vms.count)
            }
            return .list(
                noun: "loadbalancerruleinstance", items: vms[range].map { c.store.render($0) }, total: vms.count)
        },
    ]

    static func algorithm(_ c: Call, required: Bool) throws(APIError) -> String? {
        guard let a = c.optional("algorithm") else {
            if required { throw APIError.missing("algorithm", command: c.command) }
            return nil
        }
        guard algorithms.contains(a.lowercased()) else {
            throw APIError.invalid("algorithm", "Invalid algorithm \(a): use \(algorithms.joined(separator: ", "))")
        }
        return a.lowercased()
    }

    /// A public rule, or an internal load balancer (InternalLBAPIs): members are assigned alike.
    static func ownRule(_ c: Call) throws(APIError) -> Entity {
        try ownRule(c, param: "id", includingInternal: true) { .notFound("load balancer rule", id: $0, param: "id") }
    }

    /// The rule named by `param` that the caller may change; `missing` is the server's words when there
    /// is none, which differ per API (policies, certificates and members each say it their own way).
    static func ownRule(
        _ c: Call, param: String, includingInternal: Bool, missing: (String) -> APIError
    ) throws(APIError) -> Entity {
        let id = try c.required(param)
        let internalRule = includingInternal ? c.store.table(InternalLBAPIs.table).get(id) : nil
        guard let rule = c.store.table("loadbalancerrule").get(id) ?? internalRule else { throw missing(id) }
        try c.checkAccess(account: rule["account"], domainID: rule["domainid"], what: "load balancer rule \(rule.id)")
        return rule
    }

    /// virtualmachineids (each VM's IP in the rule's network) or vmidipmap[i].vmid/vmip.
    static func requestedMembers(_ c: Call, _ rule: Entity) throws(APIError) -> [(VM, String)] {
        var out: [(VM, String)] = []
        let network = rule["networkid"] ?? ""
        for id in c.list("virtualmachineids") ?? [] {
            guard let vm = c.store.vms[id: id] else {
                throw APIError.notFound("virtual machine", id: id, param: "virtualmachineids")
            }
            try c.checkAccess(accountID: vm.accountID, domainID: vm.domainID, what: "virtual machine \(vm.id)")
            out.append((vm, try guestIP(c, vm: vm, network: network)))
        }
        for pair in c.params.map("vmidipmap") {
            guard let id = pair["vmid"], let vm = c.store.vms[id: id] else {
                throw APIError.notFound("virtual machine", id: pair["vmid"] ?? "", param: "vmidipmap")
            }
            try c.checkAccess(accountID: vm.accountID, domainID: vm.domainID, what: "virtual machine \(vm.id)")
            let ip = try guestIP(c, vm: vm, network: network)
            let wanted = pair["vmip"] ?? ip
            let secondary = c.store.table("nicsecondaryip").rows.contains {
                $0["virtualmachineid"] == vm.id && $0["ipaddress"] == wanted
            }
            guard wanted == ip || secondary else {
                throw APIError.refused("VM \(vm.name) has no ip \(wanted) in the network of the rule")
            }
            out.append((vm, wanted))
        }
        if out.isEmpty { throw APIError.missing("virtualmachineids", command: c.command) }
        return out
    }

    /// The VM's address in `network` (`vmguestip` when given and the VM holds it).
    static func guestIP(_ c: Call, vm: VM, network: String) throws(APIError) -> String {
        let nicIP =
            vm.networkID == network
            ? vm.ip
            : c.store.table("nic").first { $0["virtualmachineid"] == vm.id && $0["networkid"] == network }?["ipaddress"]
        guard let nicIP else { throw APIError.refused("Virtual machine \(vm.name) has no nic in network \(network)") }
        guard let wanted = c.optional("vmguestip"), wanted != nicIP else { return nicIP }
        guard
            c.store.table("nicsecondaryip").rows.contains(where: {
                $0["virtualmachineid"] == vm.id && $0["ipaddress"] == wanted
            })
        else {
            throw APIError.refused("Virtual machine \(vm.name) does not hold the ip address \(wanted)")
        }
        return wanted
    }
}

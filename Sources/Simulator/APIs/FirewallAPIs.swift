import Values
import OrderedCollections

/// Rules on public IPs and networks: ingress firewall, egress firewall (isolated networks)
/// and port forwarding. Overlapping port ranges on one address conflict (537), as on the server.
enum FirewallAPIs {
    static let cmdPrefix = "org.apache.cloudstack.api.command.user.firewall."

    static let handlers: [Handler] = [
        Handler("listFirewallRules") { c throws(APIError) in
            let exact = c.exactFields(["ipaddressid", "networkid"])
            return try c.listEntities("firewallrule", owned: true, taggable: true) { exact($0) }
        },
        Handler("createFirewallRule", async: true) { c throws(APIError) in
            let ip = try AddressAPIs.ownAddress(c, "ipaddressid")
            if ip["vpcid"] != nil {
                throw APIError.refused(
                    "Firewall rules are not supported for VPC IP addresses; use network ACLs on the VPC's tiers")
            }
            var f = try ruleFields(c)
            for r in c.store.table("firewallrule").rows
            where r["ipaddressid"] == ip.id && r["protocol"] == f["protocol"]?.plainText
                && r["startport"] == f["startport"]?.plainText && r["endport"] == f["endport"]?.plainText
                && r["cidrlist"] == f["cidrlist"]?.plainText && r["icmptype"] == f["icmptype"]?.plainText
            {
                throw APIError.conflict(
                    "There is already a firewall rule specified for the ip address id=\(ip.id): rule \(r.id)")
            }
            f.merge(
                [
                    "ipaddressid": .string(ip.id), "ipaddress": ip.fields["ipaddress"]!, "state": .string("Active"),
                    "traffictype": .string("Ingress"),
                ], uniquingKeysWith: { $1 })
            if let n = ip["associatednetworkid"] { f["networkid"] = .string(n) }
            f.merge(Store.ownerFields(of: ip.fields), uniquingKeysWith: { $1 })
            let id = c.store.newID()
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "CreateFirewallRuleCmd", instanceType: "FirewallRule", instanceID: id,
                    immediateID: id
                ) { store, _ in
                    ["firewallrule": store.tagged(store.insert("firewallrule", f, id: id))]
                })
        },
        Handler("deleteFirewallRule", async: true) { c throws(APIError) in
            try deleteRule(c, "firewallrule", "DeleteFirewallRuleCmd")
        },
        Handler("listEgressFirewallRules") { c throws(APIError) in
            let exact = c.exactFields(["networkid"])
            // Kept apart from ingress rules, but listed under the same name as the server does.
            guard
                case .list(_, let items, let total) = try c.listEntities(
                    "egressfirewallrule", owned: true, taggable: true, where: exact)
            else { return .list(noun: "firewallrule", items: [], total: 0) }
            return .list(noun: "firewallrule", items: items, total: total)
        },
        Handler("createEgressFirewallRule", async: true) { c throws(APIError) in
            let network = try NetworkAPIs.ownNetwork(c, "networkid")
            guard network["vpcid"] == nil, network["type"] == "Isolated",
                NetworkOfferings.serviceNames(network.fields).contains("Firewall")
            else {
                throw APIError.refused(
                    "Egress firewall rules are supported only on isolated networks with the Firewall service; "
                        + "\(network["name"] ?? network.id) has none")
            }
            var f = try ruleFields(c)
            // An egress rule always answers its destinations (empty when it named none), as the server does.
            f["destcidrlist"] = .string((c.list("destcidrlist") ?? []).joined(separator: ","))
            f.merge(
                ["networkid": .string(network.id), "state": .string("Active"), "traffictype": .string("Egress")],
                uniquingKeysWith: { $1 })
            f.merge(Store.ownerFields(of: network.fields), uniquingKeysWith: { $1 })
            let id = c.store.newID()
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "CreateEgressFirewallRuleCmd", instanceType: "FirewallRule", instanceID: id,
                    immediateID: id
                ) { store, _ in
                    ["firewallrule": store.tagged(store.insert("egressfirewallrule", f, id: id))]
                })
        },
        Handler("deleteEgressFirewallRule", async: true) { c throws(APIError) in
            try deleteRule(c, "egressfirewallrule", "DeleteEgressFirewallRuleCmd")
        },
        Handler("listPortForwardingRules") { c throws(APIError) in
            let exact = c.exactFields(["ipaddressid", "networkid"])
            return try c.listEntities("portforwardingrule", owned: true, taggable: true) { exact($0) }
        },
        Handler("createPortForwardingRule", async: true) { c throws(APIError) in
            let ip = try AddressAPIs.ownAddress(c, "ipaddressid")
            let proto = try c.required("protocol").lowercased()
            guard proto == "tcp" || proto == "udp" else { throw APIError.invalid("protocol", "must be tcp or udp") }
            let vm = try VirtualMachineAPIs.findBy(c, param: "virtualmachineid")
            if ip["isstaticnat"] == "true" {
                throw APIError.refused(
                    "Can't create port forwarding rule for ip address \(ip["ipaddress"] ?? ""): static nat is enabled on it"
                )
            }
            let network = try AddressAPIs.ruleNetwork(c, ip: ip, vm: vm)
            let (lo, hi) = try ports(c, "publicport", "publicendport")
            let (plo, phi) = try ports(c, "privateport", "privateendport")
            if hi - lo != phi - plo {
                throw APIError.refused("Private port range and public port range must be of the same size")
            }
            try checkPortConflict(c, ip: ip.id, proto: proto, lo, hi)
            let guestIP = try LoadBalancerAPIs.guestIP(c, vm: vm, network: network.id)
            var f: Record = [
                "privateport": .string(String(plo)), "privateendport": .string(String(phi)), "protocol": .string(proto),
                "publicport": .string(String(lo)), "publicendport": .string(String(hi)),
                "virtualmachineid": .string(vm.id),
                "virtualmachinename": .string(vm.name), "virtualmachinedisplayname": .string(vm.displayName),
                "ipaddressid": .string(ip.id), "ipaddress": ip.fields["ipaddress"]!, "state": .string("Active"),
                "cidrlist": .string(c.list("cidrlist")?.joined(separator: ",") ?? ""), "vmguestip": .string(guestIP),
                "networkid": .string(network.id), "fordisplay": .bool(try c.bool("fordisplay", default: true)),
            ]
            f.merge(Store.ownerFields(of: ip.fields), uniquingKeysWith: { $1 })
            let id = c.store.newID()
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "CreatePortForwardingRuleCmd", instanceType: "FirewallRule", instanceID: id,
                    immediateID: id
                ) { store, _ in
                    store.tieToTier(ip.id, network)
                    return ["portforwardingrule": store.tagged(store.insert("portforwardingrule", f, id: id))]
                })
        },
        Handler("updatePortForwardingRule", async: true) { c throws(APIError) in
            let rule = try c.entity("portforwardingrule", "id", what: "port forwarding rule")
            try c.checkAccess(
                account: rule["account"], domainID: rule["domainid"], what: "port forwarding rule \(rule.id)")
            var f = rule.fields
            if c.optional("privateport") != nil {
                let (plo, phi) = try ports(c, "privateport", "privateendport")
                f["privateport"] = .string(String(plo))
                f["privateendport"] = .string(String(phi))
            }
            if c.optional("virtualmachineid") != nil {
                let vm = try VirtualMachineAPIs.findBy(c, param: "virtualmachineid")
                f["virtualmachineid"] = .string(vm.id)
                f["virtualmachinename"] = .string(vm.name)
                f["virtualmachinedisplayname"] = .string(vm.displayName)
                f["vmguestip"] = .string(
                    try LoadBalancerAPIs.guestIP(c, vm: vm, network: rule["networkid"] ?? vm.networkID))
            }
            if let g = c.optional("vmguestip") { f["vmguestip"] = .string(g) }
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "UpdatePortForwardingRuleCmd", instanceType: "FirewallRule", instanceID: rule.id,
                    immediateID: nil
                ) { [f] store, _ in
                    store.table("portforwardingrule").update(rule.id) { $0.fields = f }
                    return ["portforwardingrule": store.tagged(try store.jobEntity("portforwardingrule", rule.id))]
                })
        },
        Handler("deletePortForwardingRule", async: true) { c throws(APIError) in
            try deleteRule(c, "portforwardingrule", "DeletePortForwardingRuleCmd")
        },
    ]

    /// protocol, ports or ICMP type/code and cidrlist of a firewall rule.
    static func ruleFields(_ c: Call) throws(APIError) -> Record {
        let proto = try c.required("protocol").lowercased()
        var f: Record = ["protocol": .string(proto)]
        switch proto {
        case "tcp", "udp":
            if c.optional("startport") != nil {
                let (lo, hi) = try ports(c, "startport", "endport")
                f["startport"] = .string(String(lo))
                f["endport"] = .string(String(hi))
            }
        case "icmp":
            f["icmptype"] = .int(try c.int("icmptype") ?? -1)
            f["icmpcode"] = .int(try c.int("icmpcode") ?? -1)
        case "all":
            break
        default:
            throw APIError.invalid("protocol", "'\(proto)' is not tcp, udp, icmp or all")
        }
        let cidrs = c.list("cidrlist") ?? ["0.0.0.0/0"]
        for cidr in cidrs where IPv4.Span(cidr: cidr) == nil {
            throw APIError.invalid("cidrlist", "Invalid CIDR \(cidr)")
        }
        f["cidrlist"] = .string(cidrs.joined(separator: ","))
        f["fordisplay"] = .bool(try c.bool("fordisplay", default: true))
        return f
    }

    /// A port range from a start and an optional end parameter (1 to 65535, start <= end).
    static func ports(_ c: Call, _ startName: String, _ endName: String) throws(APIError) -> (Int, Int) {
        guard let lo = try c.int(startName) else { throw APIError.missing(startName, command: c.command) }
        let hi = try c.int(endName) ?? lo
        guard (1...65535).contains(lo), (1...65535).contains(hi) else {
            throw APIError.invalid(startName, "ports are 1 to 65535")
        }
        guard lo <= hi else { throw APIError.invalid(endName, "Start port can't be bigger than end port") }
        return (lo, hi)
    }

    /// Port forwarding, static NAT and load balancer rules of one address may not share public ports.
    static func checkPortConflict(_ c: Call, ip: String, proto: String, _ lo: Int, _ hi: Int, except: String? = nil)
        throws(APIError)
    {
        for noun in ["portforwardingrule", IPForwardingAPIs.noun] {
            for r in c.store.table(noun).rows where r["ipaddressid"] == ip && r["protocol"] == proto && r.id != except {
                if let a = Int(r["publicport"] ?? ""), let b = Int(r["publicendport"] ?? ""), a <= hi, lo <= b {
                    throw APIError.conflict(
                        "The range specified, \(lo)-\(hi), conflicts with rule \(r.id) which has \(a)-\(b)")
                }
            }
        }
        for r in c.store.table("loadbalancerrule").rows
        where r["publicipid"] == ip && r["protocol"] == proto && r.id != except {
            if let a = Int(r["publicport"] ?? ""), a >= lo, a <= hi {
                throw APIError.conflict(
                    "The range specified, \(lo)-\(hi), conflicts with rule \(r.id) which has \(a)-\(a)")
            }
        }
    }

    static func deleteRule(_ c: Call, _ noun: String, _ cmd: String) throws(APIError) -> Reply {
        let what =
            ["firewallrule": "firewall rule", "egressfirewallrule": "egress firewall rule"][noun]
            ?? "port forwarding rule"
        let r = try c.entity(noun, "id", what: what)
        try c.checkAccess(account: r["account"], domainID: r["domainid"], what: "\(what) \(r.id)")
        return .job(
            JobSpec(cmd: cmdPrefix + cmd, instanceType: "FirewallRule", instanceID: r.id, immediateID: nil) {
                store, _ in
                store.table(noun).remove(r.id)
                if let ip = r["ipaddressid"] { store.untieFromTier(ip) }
                return ["success": .bool(true)]
            })
    }
}

extension Store {
    /// A VPC address used by a rule belongs to that rule's tier from then on.
    func tieToTier(_ ipID: String, _ network: Entity) {
        guard table("publicipaddress").get(ipID)?["vpcid"] != nil else { return }
        table("publicipaddress").update(ipID) { e in
            e.fields["associatednetworkid"] = .string(network.id)
            e.fields["associatednetworkname"] = network.fields["name"]
        }
    }

    /// ...and is free again when its last rule goes.
    func untieFromTier(_ ipID: String) {
        guard let ip = table("publicipaddress").get(ipID), ip["vpcid"] != nil, ip["issourcenat"] != "true",
            ip["isstaticnat"] != "true",
            table("portforwardingrule").first(where: { $0["ipaddressid"] == ipID }) == nil,
            table("loadbalancerrule").first(where: { $0["publicipid"] == ipID }) == nil
        else { return }
        table("publicipaddress").update(ipID) { e in
            e.fields["associatednetworkid"] = nil
            e.fields["associatednetworkname"] = nil
        }
    }
}

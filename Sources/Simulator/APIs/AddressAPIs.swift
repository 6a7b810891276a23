import Values

/// Public IP addresses and the rules on them: firewall and port forwarding.
enum AddressAPIs {
    static let handlers: [Handler] = [
        Handler("listPublicIpAddresses") { c throws(APIError) in
            try c.listEntities("publicipaddress", owned: true, taggable: true)
        },
        Handler("associateIpAddress", async: true) { c throws(APIError) in
            var network: Entity?
            if let nid = c.optional("networkid") {
                network = try NetworkAPIs.ownNetwork(c.with(params: RequestParams([("id", nid)])))
            }
            let zoneID = network?["zoneid"] ?? c.optional("zoneid")
            guard let zoneID, let zone = c.store.table("zone").get(zoneID) else {
                throw APIError.missing(c.optional("zoneid") == nil ? "zoneid" : "networkid", command: c.command)
            }
            if zone["networktype"] == "Basic" {
                throw APIError.invalid("zoneid", "zone \(zone["name"] ?? zoneID) is a Basic zone: it has no public IPs to associate")
            }
            let id = c.store.newID()
            var f: Record = ["ipaddress": .string(c.store.publicIP()), "allocated": .string(c.created),
                             "zoneid": .string(zone.id), "zonename": zone.fields["name"]!, "issourcenat": .bool(false)]
            f.merge(try c.ownerFields(), uniquingKeysWith: { $1 })
            f.merge(["forvirtualnetwork": .bool(true), "isstaticnat": .bool(false), "issystem": .bool(false),
                     "state": .string("Allocated")], uniquingKeysWith: { $1 })
            if let network {
                f["associatednetworkid"] = .string(network.id)
                f["associatednetworkname"] = network.fields["name"]
                f["networkid"] = .string(network.id)
            }
            return .job(JobSpec(cmd: "org.apache.cloudstack.api.command.user.address.AssociateIPAddrCmd",
                                instanceType: "IpAddress", instanceID: id, immediateID: id) { store, _ in
                ["ipaddress": store.tagged(store.insert("publicipaddress", f, id: id))]
            })
        },
        Handler("disassociateIpAddress", async: true) { c throws(APIError) in
            let ip = try ownAddress(c, "id")
            return .job(JobSpec(cmd: "org.apache.cloudstack.api.command.user.address.DisassociateIPAddrCmd",
                                instanceType: "IpAddress", instanceID: ip.id, immediateID: nil) { store, _ in
                for noun in ["firewallrule", "portforwardingrule"] {
                    for r in store.table(noun).rows where r["ipaddressid"] == ip.id { store.table(noun).remove(r.id) }
                }
                store.table("publicipaddress").remove(ip.id)
                return ["success": .bool(true)]
            })
        },
        Handler("listFirewallRules") { c throws(APIError) in try c.listEntities("firewallrule", owned: true, taggable: true) },
        Handler("createFirewallRule", async: true) { c throws(APIError) in
            let ip = try ownAddress(c, "ipaddressid")
            let proto = try c.required("protocol").lowercased()
            var f: Record = ["protocol": .string(proto)]
            if proto == "tcp" || proto == "udp" {
                guard let start = try c.int("startport") else { throw APIError.missing("startport", command: c.command) }
                f["startport"] = .int(start)
                f["endport"] = .int(try c.int("endport") ?? start)
            } else if proto == "icmp" {
                f["icmptype"] = .int(try c.int("icmptype") ?? -1)
                f["icmpcode"] = .int(try c.int("icmpcode") ?? -1)
            }
            f.merge(["ipaddressid": .string(ip.id), "ipaddress": ip.fields["ipaddress"]!, "state": .string("Active"),
                     "cidrlist": .string(c.optional("cidrlist") ?? "0.0.0.0/0")], uniquingKeysWith: { $1 })
            f.merge(try c.ownerFields(), uniquingKeysWith: { $1 })
            let id = c.store.newID()
            return .job(JobSpec(cmd: "org.apache.cloudstack.api.command.user.firewall.CreateFirewallRuleCmd",
                                instanceType: "FirewallRule", instanceID: id, immediateID: id) { store, _ in
                ["firewallrule": store.tagged(store.insert("firewallrule", f, id: id))]
            })
        },
        Handler("deleteFirewallRule", async: true) { c throws(APIError) in try deleteRule(c, "firewallrule", "DeleteFirewallRuleCmd") },
        Handler("listPortForwardingRules") { c throws(APIError) in
            try c.listEntities("portforwardingrule", owned: true, taggable: true)
        },
        Handler("createPortForwardingRule", async: true) { c throws(APIError) in
            let ip = try ownAddress(c, "ipaddressid")
            let proto = try c.required("protocol").lowercased()
            guard proto == "tcp" || proto == "udp" else { throw APIError.invalid("protocol", "must be tcp or udp") }
            let vm = try VirtualMachineAPIs.findBy(c, param: "virtualmachineid")
            let pub = try c.required("publicport"), priv = try c.required("privateport")
            let pubEnd = c.optional("publicendport") ?? pub, privEnd = c.optional("privateendport") ?? priv
            guard let lo = Int(pub), let hi = Int(pubEnd), (1...65535).contains(lo), hi >= lo, hi <= 65535 else {
                throw APIError.invalid("publicport", "ports are 1 to 65535")
            }
            for r in c.store.table("portforwardingrule").rows where r["ipaddressid"] == ip.id && r["protocol"] == proto {
                if let a = Int(r["publicport"] ?? ""), let b = Int(r["publicendport"] ?? ""), a <= hi, lo <= b {
                    throw APIError.conflict("The range specified, \(lo)-\(hi), conflicts with rule \(r.id) which has \(a)-\(b)")
                }
            }
            let f: Record = ["privateport": .string(priv), "privateendport": .string(privEnd), "protocol": .string(proto),
                             "publicport": .string(pub), "publicendport": .string(pubEnd), "virtualmachineid": .string(vm.id),
                             "virtualmachinename": .string(vm.name), "virtualmachinedisplayname": .string(vm.displayName),
                             "ipaddressid": .string(ip.id), "ipaddress": ip.fields["ipaddress"]!, "state": .string("Active"),
                             "cidrlist": .string(c.optional("cidrlist") ?? ""), "vmguestip": .string(vm.ip),
                             "networkid": .string(vm.networkID), "account": .string(vm.account),
                             "domainid": .string(vm.domainID), "domain": .string(vm.domain)]
            let id = c.store.newID()
            return .job(JobSpec(cmd: "org.apache.cloudstack.api.command.user.firewall.CreatePortForwardingRuleCmd",
                                instanceType: "FirewallRule", instanceID: id, immediateID: id) { store, _ in
                ["portforwardingrule": store.tagged(store.insert("portforwardingrule", f, id: id))]
            })
        },
        Handler("deletePortForwardingRule", async: true) { c throws(APIError) in
            try deleteRule(c, "portforwardingrule", "DeletePortForwardingRuleCmd")
        },
    ]

    static func ownAddress(_ c: Call, _ param: String) throws(APIError) -> Entity {
        let ip = try c.entity("publicipaddress", param, what: "public IP address")
        try c.checkAccess(account: ip["account"], domainID: ip["domainid"], what: "public IP address \(ip.id)")
        return ip
    }

    static func deleteRule(_ c: Call, _ noun: String, _ cmd: String) throws(APIError) -> Reply {
        let r = try c.entity(noun, "id", what: noun == "firewallrule" ? "firewall rule" : "port forwarding rule")
        return .job(JobSpec(cmd: "org.apache.cloudstack.api.command.user.firewall." + cmd, instanceType: "FirewallRule",
                            instanceID: r.id, immediateID: nil) { store, _ in
            store.table(noun).remove(r.id)
            return ["success": .bool(true)]
        })
    }
}

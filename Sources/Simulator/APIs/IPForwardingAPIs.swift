import OrderedCollections
import Values

/// Static NAT rules (createIpForwardingRule): ports opened on an address that has static NAT
/// enabled, forwarded to the VM it is tied to. The server checks at once (the command's create
/// step), so a refusal is a direct error, not a failed job; disabling static NAT or releasing the
/// address removes them.
enum IPForwardingAPIs {
    static let noun = "ipforwardingrule"
    static let cmdPrefix = "org.apache.cloudstack.api.command.user.nat."

    static let handlers: [Handler] = [
        Handler("createIpForwardingRule", async: true) { c throws(APIError) in
            let ip = try AddressAPIs.ownAddress(c, "ipaddressid")
            guard ip["issourcenat"] != "true", ip["isstaticnat"] == "true", let vmID = ip["virtualmachineid"] else {
                throw APIError.conflict("Can't do static nat on ip address: \(ip["ipaddress"] ?? ip.id)")
            }
            let proto = try c.required("protocol").lowercased()
            guard proto == "tcp" || proto == "udp" else { throw APIError.invalid("protocol", "must be tcp or udp") }
            let (lo, hi) = try FirewallAPIs.ports(c, "startport", "endport")
            try FirewallAPIs.checkPortConflict(c, ip: ip.id, proto: proto, lo, hi)
            var f: Record = [
                "protocol": .string(proto),
                "publicport": .string(String(lo)), "publicendport": .string(String(hi)),
                "privateport": .string(String(lo)), "privateendport": .string(String(hi)),
                "ipaddressid": .string(ip.id), "ipaddress": ip.fields["ipaddress"] ?? .string(""),
                "virtualmachineid": .string(vmID),
                "virtualmachinename": ip.fields["virtualmachinename"] ?? .string(""),
                "virtualmachinedisplayname": ip.fields["virtualmachinedisplayname"] ?? .string(""),
                "vmguestip": ip.fields["vmipaddress"] ?? .string(""),
                "cidrlist": .string(c.list("cidrlist")?.joined(separator: ",") ?? ""),
                "state": .string("Active"), "fordisplay": .bool(true),
            ]
            if let network = ip["associatednetworkid"] { f["networkid"] = .string(network) }
            f.merge(Store.ownerFields(of: ip.fields), uniquingKeysWith: { $1 })
            let id = c.store.newID()
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "CreateIpForwardingRuleCmd", instanceType: "FirewallRule", instanceID: id,
                    immediateID: id
                ) { store, _ in
                    [noun: store.tagged(store.insert(noun, f, id: id))]
                })
        },
        Handler("listIpForwardingRules") { c throws(APIError) in
            let exact = c.exactFields(["ipaddressid", "virtualmachineid"])
            return try c.listEntities(noun, owned: true) { exact($0) }
        },
        Handler("deleteIpForwardingRule", async: true) { c throws(APIError) in
            let rule = try c.entity(noun, "id", what: "ip forwarding rule")
            try c.checkAccess(
                account: rule["account"], domainID: rule["domainid"], what: "ip forwarding rule \(rule.id)")
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "DeleteIpForwardingRuleCmd", instanceType: "FirewallRule", instanceID: rule.id,
                    immediateID: nil
                ) { store, _ in
                    store.table(noun).remove(rule.id)
                    return ["success": .bool(true)]
                })
        },
    ]
}

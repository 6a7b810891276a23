import APICatalog
import Values
import OrderedCollections

/// IPv6 firewall rules of a guest network (Ipv6ServiceImpl): ingress or egress, by protocol, ports or ICMP
/// type and code, source and destination IPv6 CIDRs. The rule answers as createIpv6FirewallRuleResponse
/// builds it (no owner fields), under `firewallrule`; its owner is the network's.
enum IPv6FirewallAPIs {
    static let noun = "ipv6firewallrule"
    static let cmdPrefix = "org.apache.cloudstack.api.command.user.ipv6."
    /// Kept for the owner filters of lists, never shown (the server's answer has no owner).
    static let ownerKeys = ["account", "domainid", "domain", "projectid", "project"]

    static let handlers: [Handler] = [
        Handler("createIpv6FirewallRule", async: true) { c throws(APIError) in
            let network = try NetworkAPIs.ownNetwork(c, "networkid")
            let proto = try protocolName(try c.required("protocol"))
            let traffic = try trafficType(c.optional("traffictype"))
            let start = try c.int("startport")
            let end = try c.int("endport") ?? start
            if let start, !(1...65535).contains(start) {
                throw APIError.refused("publicPort is an invalid value: \(start)")
            }
            if let end, !(1...65535).contains(end) {
                throw APIError.refused("Public port range is an invalid value: \(end)")
            }
            if let start, let end, start > end { throw APIError.refused("Start port can't be bigger than end port") }
            try checkProtocol(network, proto, traffic)
            var icmpType = try c.int("icmptype"), icmpCode = try c.int("icmpcode")
            if proto != "icmp", icmpType != nil || icmpCode != nil {
                throw APIError.refused("Can specify icmpCode and icmpType for ICMP protocol only")
            }
            if proto == "icmp" {
                if start != nil || end != nil {
                    throw APIError.refused("Can't specify start/end port when protocol is ICMP")
                }
                icmpType = icmpType ?? -1
                icmpCode = icmpCode ?? -1
            }
            let sources = try cidrs(c, "cidrlist"), destinations = try cidrs(c, "destcidrlist")
            var f: Record = [
                "protocol": .string(proto), "cidrlist": .string(sources), "destcidrlist": .string(destinations),
                "traffictype": .string(traffic), "networkid": .string(network.id),
                "fordisplay": .bool(try c.bool("fordisplay", default: true)), "state": .string("Active"),
            ]
            if let start { f["startport"] = .int(start) }
            if let end { f["endport"] = .int(end) }
            if let icmpType { f["icmptype"] = .int(icmpType) }
            if let icmpCode { f["icmpcode"] = .int(icmpCode) }
            f.merge(Store.ownerFields(of: network.fields), uniquingKeysWith: { $1 })
            // BaseAsyncCreateCmd: the rule is made before the job, which applies it and answers it.
            let rule = c.store.insert(noun, f)
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "CreateIpv6FirewallRuleCmd", instanceType: "FirewallRule", instanceID: rule.id,
                    immediateID: rule.id
                ) { store, _ in ["firewallrule": render(try store.jobEntity(noun, rule.id), store)] })
        },
        Handler("listIpv6FirewallRules") { c throws(APIError) in
            let exact = c.exactFields(["networkid", "fordisplay"])
            let traffic = try c.optional("traffictype").map { t throws(APIError) in try trafficType(t) }
            let reply = try c.without(["traffictype"]).listEntities(noun, owned: true) { r in
                exact(r) && (traffic == nil || r["traffictype"] == traffic)
            }
            guard case .list(_, let items, let total) = reply else { return reply }
            let rows = items.compactMap { $0[field: "id"]?.plainText }.compactMap { c.store.table(noun).get($0) }
            return .list(
                noun: Catalog.bundled.api(named: c.command)?.listItemKey ?? noun,
                items: rows.map { render($0, c.store) },
                total: total)
        },
        Handler("updateIpv6FirewallRule", async: true) { c throws(APIError) in
            let rule = try own(c)
            // Ipv6ServiceImpl.updateIpv6FirewallRule passes only the display flag on: customid, protocol,
            // ports and the rest are accepted and ignored, as there.
            return try DisplayUpdateAPIs.update(
                c, noun: noun, rule, cmd: cmdPrefix + "UpdateIpv6FirewallRuleCmd", instanceType: "FirewallRule",
                answer: "firewallrule", readsCustomID: false
            ) { store, e in render(e, store) }
        },
        Handler("deleteIpv6FirewallRule", async: true) { c throws(APIError) in
            let rule = try own(c)
            return AutoScaleCounterAPIs.removal(noun, rule.id, "user.ipv6.DeleteIpv6FirewallRuleCmd", "FirewallRule")
        },
    ]

    static func own(_ c: Call) throws(APIError) -> Entity {
        let rule = try c.entity(noun, "id", what: "IPv6 firewall rule")
        try c.checkAccess(account: rule["account"], domainID: rule["domainid"], what: "IPv6 firewall rule \(rule.id)")
        return rule
    }

    static func render(_ e: Entity, _ store: Store) -> Value {
        var f = e.fields
        for k in ownerKeys { f[k] = nil }
        f["tags"] = store.tagsValue(e.id)
        return .record(f)
    }

    /// The command's protocol: a name, or 1, 6 and 17 for icmp, tcp and udp.
    static func protocolName(_ given: String) throws(APIError) -> String {
        let p = given.trimmingSpaces()
        guard let n = Int(p), p.allSatisfy(\.isNumber) else { return p.lowercased() }
        switch n {
        case 1: return "icmp"
        case 6: return "tcp"
        case 17: return "udp"
        default: throw APIError.refused("Protocol \(n) not supported")
        }
    }

    static func trafficType(_ given: String?) throws(APIError) -> String {
        guard let given else { return "Ingress" }
        for t in ["Ingress", "Egress"] where t.lowercased() == given.lowercased() { return t }
        throw APIError.refused("Invalid traffic type \(given)")
    }

    /// What the network's firewall provider supports, from its Firewall service's capabilities.
    static func checkProtocol(_ network: Entity, _ proto: String, _ traffic: String) throws(APIError) {
        let firewall = (network.fields["service"]?.list ?? []).first { $0[field: "name"]?.plainText == "Firewall" }
        guard let firewall else {
            throw APIError.unhandled("Service Firewall is not supported in the network id=\(network.seq)")
        }
        var caps: [String: String] = [:]
        for cap in firewall[field: "capability"]?.list ?? [] {
            if let n = cap[field: "name"]?.plainText { caps[n] = cap[field: "value"]?.plainText.lowercased() }
        }
        guard !caps.isEmpty else { return }
        let supported = caps[traffic == "Egress" ? "SupportedEgressProtocols" : "SupportedProtocols"] ?? ""
        if !supported.contains(proto) {
            throw APIError.refused("Protocol \(proto) is not supported in zone")
        }
        if !(caps["SupportedTrafficDirection"] ?? "").contains(traffic.lowercased()) {
            throw APIError.refused(
                "Traffic Type \(traffic) is currently supported by Firewall in network \(network.seq)")
        }
    }

    /// A CIDR list parameter, each an IPv6 CIDR (`::/0`, every address, when not given).
    static func cidrs(_ c: Call, _ name: String) throws(APIError) -> String {
        let list = c.list(name) ?? ["::/0"]
        for cidr in list where IPv6.prefix(cidr) == nil {
            throw APIError.invalid(name, "\(cidr) is not an IPv6 CIDR")
        }
        return list.joined(separator: ",")
    }
}

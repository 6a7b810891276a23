import Values
import OrderedCollections

/// VLAN IP ranges (root admin): public ranges of a zone's physical network, or the guest
/// ranges of a shared network. Ranges may not overlap within their network or zone.
enum VLANAPIs {
    static let handlers: [Handler] = [
        Handler("createVlanIpRange") { c throws(APIError) in
            let start = try c.required("startip")
            let network = try c.optional("networkid").map { _ throws(APIError) in
                try c.entity("network", "networkid", what: "network")
            }
            let zone: Entity
            if let network {
                zone = try c.store.table("zone").get(network["zoneid"] ?? "").orThrow(
                    APIError.refused("The network's zone is gone"))
            } else {
                zone = try c.entity("zone", c.optional("zoneid") != nil ? "zoneid" : "podid", what: "zone")
            }
            let e = try addRange(c, network: network, zone: zone, start: start, end: c.optional("endip") ?? start)
            return .object(["vlan": .record(e.fields)])
        },
        Handler("listVlanIpRanges") { c throws(APIError) in
            let exact = c.exactFields(["zoneid", "networkid", "podid", "physicalnetworkid"])
            let vlan = c.optional("vlan").map { $0.hasPrefix("vlan://") ? $0 : "vlan://\($0)" }
            return try c.without(["vlan"]).listEntities("vlaniprange") { r in
                exact(r) && (vlan == nil || r["vlan"] == vlan)
            }
        },
        Handler("deleteVlanIpRange") { c throws(APIError) in
            let r = try c.entity("vlaniprange", "id", what: "vlan ip range")
            if let first = IPv4.parse(r["startip"] ?? ""), let last = IPv4.parse(r["endip"] ?? ""),
                let used = c.store.table("publicipaddress").first(where: { ip in
                    IPv4.parse(ip["ipaddress"] ?? "").map { (first...last).contains($0) } ?? false
                })
            {
                throw APIError.refused(
                    "The IP range can't be deleted because it has allocated public IP address \(used["ipaddress"] ?? "")"
                )
            }
            c.store.table("vlaniprange").remove(r.id)
            return .object(["success": .bool(true)])
        },
    ]

    /// Checks and stores a range (createVlanIpRange, and createNetwork's startip/endip).
    static func addRange(_ c: Call, network: Entity?, zone: Entity, start: String, end: String) throws(APIError)
        -> Entity
    {
        guard let first = IPv4.parse(start) else {
            throw APIError.invalid("startip", "\(start) is not an IPv4 address")
        }
        guard let last = IPv4.parse(end) else { throw APIError.invalid("endip", "\(end) is not an IPv4 address") }
        guard first <= last else {
            throw APIError.refused("Please specify a valid IP range: the start IP \(start) is after the end IP \(end)")
        }
        let gateway = c.optional("gateway") ?? network?["gateway"]
        let netmask = c.optional("netmask") ?? network?["netmask"]
        guard let gateway else { throw APIError.missing("gateway", command: c.command) }
        guard let netmask else { throw APIError.missing("netmask", command: c.command) }
        guard let subnet = IPv4.Span(gateway: gateway, netmask: netmask) else {
            throw APIError.invalid("netmask", "\(gateway)/\(netmask) is not a valid gateway and netmask")
        }
        guard subnet.contains(address: first), subnet.contains(address: last) else {
            throw APIError.refused(
                "The start IP \(start) and end IP \(end) must be in the subnet of gateway \(gateway) and netmask \(netmask)"
            )
        }
        let forVirtual = try c.bool("forvirtualnetwork", default: network == nil)
        let wanted = IPv4.Span(first: first, last: last)
        for r in c.store.table("vlaniprange").rows where r["zoneid"] == zone.id && r["networkid"] == network?.id {
            if let a = IPv4.parse(r["startip"] ?? ""), let b = IPv4.parse(r["endip"] ?? ""),
                IPv4.Span(first: a, last: b).overlaps(wanted)
            {
                throw APIError.refused(
                    "The IP range already has IPs that overlap with the new range \(start)-\(end). "
                        + "Please specify a different start IP/end IP.")
            }
        }
        let vlan = c.optional("vlan") ?? network?["vlan"] ?? "untagged"
        var f: Record = [
            "forvirtualnetwork": .bool(forVirtual), "zoneid": .string(zone.id),
            "vlan": .string(vlan.hasPrefix("vlan://") ? vlan : "vlan://\(vlan)"),
            "gateway": .string(gateway), "netmask": .string(netmask),
            "cidr": .string(IPv4.cidr(gateway, netmask) ?? ""),
            "startip": .string(start), "endip": .string(end),
            "description": .string("\(start)-\(end)"), "forsystemvms": .bool(try c.bool("forsystemvms")),
        ]
        for (param, field) in [
            ("startipv6", "startipv6"), ("endipv6", "endipv6"), ("ip6gateway", "ip6gateway"), ("ip6cidr", "ip6cidr"),
        ] {
            if let v = c.optional(param) { f[field] = .string(v) }
        }
        if let network {
            f["networkid"] = .string(network.id)
            f["physicalnetworkid"] = network.fields["physicalnetworkid"]
        } else if let pn = c.optional("physicalnetworkid")
            ?? PhysicalNetworkAPIs.carrier(c.store, zone: zone.id, traffic: "Public")?.id
        {
            f["physicalnetworkid"] = .string(pn)
        }
        if let pod = c.optional("podid").flatMap({ c.store.table("pod").get($0) }) {
            f["podid"] = .string(pod.id)
            f["podname"] = pod.fields["name"]
        }
        if c.optional("account") != nil {
            f.merge(try c.ownerFields(), uniquingKeysWith: { $1 })
        } else {
            f.merge(
                ["domainid": .string(c.caller.domainID), "domain": .string(c.caller.domain)], uniquingKeysWith: { $1 })
        }
        return c.store.insert("vlaniprange", f)
    }
}

extension Optional {
    func orThrow(_ e: APIError) throws(APIError) -> Wrapped {
        guard let v = self else { throw e }
        return v
    }
}

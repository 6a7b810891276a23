import Values
import OrderedCollections

/// updateVlanIpRange (root admin), as ConfigurationManagerImpl.updateVlanAndPublicIpRange checks it:
/// the IPv4 bounds, gateway and netmask of a range, its IPv6 bounds, gateway and CIDR when it has
/// IPv6, and whether it is kept for system VMs. Addresses in use (public IPs of a public range, the
/// VMs' addresses of a shared network's range) pin the gateway, the netmask and the flag, and must
/// stay inside the new bounds. The texts are the server's.
enum VLANRangeUpdateAPIs {
    static let handlers: [Handler] = [
        Handler("updateVlanIpRange") { c throws(APIError) in
            let range = try c.entity("vlaniprange", "id", what: "vlan ip range")
            let ipv6 = range["ip6gateway"] != nil
            if !ipv6, ["startipv6", "endipv6", "ip6gateway", "ip6cidr"].contains(where: { c.optional($0) != nil }) {
                throw APIError.refused("IPv6 is not support in this IP range.")
            }
            let forSystemVMs: Bool? = try c.optional("forsystemvms").map { _ throws(APIError) in
                try c.bool("forsystemvms")
            }
            let wasForSystemVMs = range["forsystemvms"] == "true"
            if let forSystemVMs, forSystemVMs != wasForSystemVMs {
                if range["forvirtualnetwork"] != "true" {
                    throw APIError.refused(
                        "forSystemVms is not available for this IP range with vlan type: DirectAttached")
                }
                if range["account"] != nil || range["projectid"] != nil {
                    throw APIError.refused("Specified Public IP range has already been dedicated to an account")
                }
                if c.store.table(DedicatedRangeAPIs.publicNoun).get(range.id) != nil {
                    throw APIError.refused("Specified Public IP range has already been dedicated to a domain")
                }
            }
            var f = range.fields
            try ipv4(c, range, forSystemVMs: forSystemVMs, into: &f)
            if ipv6 { try ipv6Fields(c, range, into: &f) }
            if let forSystemVMs { f["forsystemvms"] = .bool(forSystemVMs) }
            c.store.table("vlaniprange").update(range.id) { [f] in $0.fields = f }
            return .object(["vlan": .record(f)])
        }
    ]

    /// The addresses of the range in use, lowest first.
    static func inUse(_ store: Store, _ range: Entity) -> [UInt32] {
        guard let a = IPv4.parse(range["startip"] ?? ""), let b = IPv4.parse(range["endip"] ?? "") else { return [] }
        var used: [String]
        if let network = range["networkid"] {
            used = store.vms.live.filter { $0.networkID == network }.map(\.ip)
        } else {
            let zone = range["zoneid"] ?? ""
            used = store.table("publicipaddress").rows.filter { $0["zoneid"] == zone }.compactMap { $0["ipaddress"] }
            used += store.systemVMAddresses(zone: zone)
        }
        return Set(used.compactMap(IPv4.parse)).filter { a <= $0 && $0 <= b }.sorted()
    }

    static func ipv4(_ c: Call, _ range: Entity, forSystemVMs: Bool?, into f: inout Record) throws(APIError) {
        let used = inUse(c.store, range)
        let gateway = c.optional("gateway") ?? range["gateway"] ?? ""
        let netmask = c.optional("netmask") ?? range["netmask"] ?? ""
        if !used.isEmpty, gateway != range["gateway"] {
            throw APIError.refused("Unable to change gateway to \(gateway) because some IPs are in use")
        }
        if !used.isEmpty, netmask != range["netmask"] {
            throw APIError.refused("Unable to change netmask to \(netmask) because some IPs are in use")
        }
        let start = c.optional("startip") ?? range["startip"] ?? ""
        let end = c.optional("endip") ?? range["endip"] ?? ""
        guard let cidr = IPv4.cidr(gateway, netmask), let subnet = IPv4.hosts(cidr) else {
            throw APIError.refused("Invalid gateway (\(gateway)) or netmask (\(netmask))")
        }
        // checkIpRange, then the gateway, then the addresses in use.
        guard let s = IPv4.parse(start) else {
            throw APIError.refused("The start address of the IP range is not a valid IP address.")
        }
        guard let e = IPv4.parse(end) else {
            throw APIError.refused("The end address of the IP range is not a valid IP address.")
        }
        guard subnet.contains(s) else {
            throw APIError.refused("The start address of the IP range is not in the CIDR subnet.")
        }
        guard subnet.contains(e) else {
            throw APIError.refused("The end address of the IP range is not in the CIDR subnet.")
        }
        guard s <= e else {
            throw APIError.refused("The start IP address must have a lower value than the end IP address.")
        }
        if let g = IPv4.parse(gateway), s <= g, g <= e {
            throw APIError.refused("The gateway shouldn't overlap the new start/end ip addresses")
        }
        if let low = used.first, let high = used.last {
            if s > low || e < high {
                throw APIError.refused(
                    "The start IP address must be less than or equal to \(IPv4.text(low)) which is already in use. "
                        + "The end IP address must be greater than or equal to \(IPv4.text(high)) which is already "
                        + "in use. There are \(used.count) IPs already allocated in this range.")
            }
            if let forSystemVMs, forSystemVMs != (range["forsystemvms"] == "true") {
                throw APIError.refused("IP \(IPv4.text(low)) is in use, cannot change forSystemVms of the IP range")
            }
        }
        // The server adds the new addresses to its address table; one another range of the zone (or of
        // the network) already holds fails the insert, and the update with it.
        let wanted = IPv4.Span(first: s, last: e)
        for r in c.store.table("vlaniprange").rows
        where r.id != range.id && r["zoneid"] == range["zoneid"] && r["networkid"] == range["networkid"] {
            if let a = IPv4.parse(r["startip"] ?? ""), let b = IPv4.parse(r["endip"] ?? ""),
                IPv4.Span(first: a, last: b).overlaps(wanted)
            {
                throw APIError.internalError("Failed to edit VlanRange. Please contact Cloud Support.")
            }
        }
        f["gateway"] = .string(gateway)
        f["netmask"] = .string(netmask)
        f["cidr"] = .string(cidr)
        f["startip"] = .string(IPv4.text(s))
        f["endip"] = .string(IPv4.text(e))
        f["description"] = .string("\(IPv4.text(s))-\(IPv4.text(e))")
    }

    /// The IPv6 side, checked as NetworkModelImpl.checkIp6Parameters does (its texts).
    static func ipv6Fields(_ c: Call, _ range: Entity, into f: inout Record) throws(APIError) {
        let gateway = c.optional("ip6gateway") ?? range["ip6gateway"] ?? ""
        let cidr = c.optional("ip6cidr") ?? range["ip6cidr"] ?? ""
        let start = c.optional("startipv6") ?? range["startipv6"]
        let end = c.optional("endipv6") ?? range["endipv6"]
        if let start, IPv6.parse(start) == nil {
            throw APIError.refused("Invalid format for the startIPv6 parameter")
        }
        if let end, IPv6.parse(end) == nil { throw APIError.refused("Invalid format for the endIPv6 parameter") }
        guard IPv6.parse(gateway) != nil else { throw APIError.refused("Invalid ip6Gateway") }
        guard IPv6.prefix(cidr) != nil else { throw APIError.refused("Invalid ip6cidr") }
        for (name, v) in [("startIPv6", start), ("endIPv6", end)] {
            if let v, !IPv6.overlaps("\(v)/128", cidr) {
                throw APIError.refused("\(name) is not in ip6cidr indicated network!")
            }
        }
        if (start == nil) != (end == nil) {
            throw APIError.refused("Invalid IPv6 range \(start ?? "null")-\(end ?? "null")")
        }
        f["ip6gateway"] = .string(gateway)
        f["ip6cidr"] = .string(cidr)
        f["startipv6"] = start.map(Value.string)
        f["endipv6"] = end.map(Value.string)
    }
}

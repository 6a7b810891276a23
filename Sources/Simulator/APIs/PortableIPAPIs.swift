import Values
import OrderedCollections

/// Portable IP ranges (root admin): addresses of a region that any of its zones may hand out
/// (associateIpAddress isportable=true), as ConfigurationManagerImpl and IpAddressManagerImpl keep them.
/// Whether an address is taken is read from the public addresses (one marked `isportable` holds it),
/// so releasing the address however it goes frees it in its range too.
enum PortableIPAPIs {
    static let noun = "portableiprange"
    static let cmdPrefix = "org.apache.cloudstack.api.command.admin.region."

    static let handlers: [Handler] = [
        Handler("createPortableIpRange", async: true) { c throws(APIError) in
            let regionID = try c.int("regionid") ?? 0
            guard let region = c.store.table("region").get(String(regionID)) else {
                throw APIError.refused("Invalid region ID: \(regionID)")
            }
            let start = try c.required("startip"), end = try c.required("endip")
            let gateway = try c.required("gateway"), netmask = try c.required("netmask")
            guard let s = IPv4.parse(start), let e = IPv4.parse(end), s <= e else {
                throw APIError.refused("Invalid portable ip  range: \(start)-\(end)")
            }
            guard sameSubnet(s, gateway, netmask) else {
                throw APIError.refused(
                    "Please ensure that your start IP is in the same subnet as your portable IP range's gateway "
                        + "and as per the IP range's netmask.")
            }
            guard sameSubnet(e, gateway, netmask) else {
                throw APIError.refused(
                    "Please ensure that your end IP is in the same subnet as your portable IP range's gateway "
                        + "and as per the IP range's netmask.")
            }
            let wanted = IPv4.Span(first: s, last: e)
            for r in c.store.table(noun).rows where r["regionid"] == region.id && span(r).overlaps(wanted) {
                throw APIError.refused(
                    "Ip  range: \(start)-\(end) overlaps with a portable IP range already configured in the region \(regionID)"
                )
            }
            var vlan = "untagged"
            if let given = c.optional("vlan") {
                try checkVLAN(c.store, given, wanted)
                vlan = given
            }
            // BaseAsyncCreateCmd: the range is made before the job, which only answers it.
            let range = c.store.insert(
                noun,
                [
                    "regionid": .int(regionID), "startip": .string(start), "endip": .string(end),
                    "gateway": .string(gateway), "netmask": .string(netmask), "vlan": .string(vlan),
                ])
            // The first range switches the region's portable IP service on.
            c.store.table("region").update(region.id) { $0.fields["portableipserviceenabled"] = .bool(true) }
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "CreatePortableIpRangeCmd", instanceType: "PortableIpAddress",
                    instanceID: range.id, immediateID: range.id
                ) { store, _ in ["portableiprange": .record(try store.jobEntity(noun, range.id).fields)] })
        },
        Handler("listPortableIpRanges") { c throws(APIError) in
            // As ConfigurationManagerImpl.listPortableIpRanges: regionid wins over id; the command pages nothing.
            var rows = c.store.table(noun).rows
            if let regionID = try c.int("regionid") {
                guard c.store.table("region").get(String(regionID)) != nil else {
                    throw APIError.refused("Invalid region ID: \(regionID)")
                }
                rows = rows.filter { $0["regionid"] == String(regionID) }
            } else if let id = c.optional("id") {
                guard let r = c.store.table(noun).get(id) else {
                    throw CatalogCheck.noEntity("id", id, command: c.command)
                }
                rows = [r]
            }
            return .list(noun: "portableiprange", items: rows.map { render($0, c.store) }, total: rows.count)
        },
        Handler("deletePortableIpRange", async: true) { c throws(APIError) in
            let range = try c.entity(noun, "id", what: "portable IP range")
            if !taken(range, c.store).isEmpty {
                throw APIError.refused("Can't delete portable IP range as there are IP's assigned.")
            }
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "DeletePortableIpRangeCmd", instanceType: "PortableIpAddress",
                    instanceID: range.id, immediateID: nil
                ) { store, _ in
                    store.table(noun).remove(range.id)
                    if store.table(noun).rows.isEmpty, let region = range["regionid"] {
                        store.table("region").update(region) { $0.fields["portableipserviceenabled"] = .bool(false) }
                    }
                    return ["success": .bool(true)]
                })
        },
    ]

    static func span(_ r: Entity) -> IPv4.Span {
        IPv4.Span(first: IPv4.parse(r["startip"] ?? "") ?? 1, last: IPv4.parse(r["endip"] ?? "") ?? 0)
    }

    /// NetUtils.sameSubnet: the address and the gateway on one network under the netmask.
    static func sameSubnet(_ ip: UInt32, _ gateway: String, _ netmask: String) -> Bool {
        guard let g = IPv4.parse(gateway), IPv4.prefix(netmask) != nil, let m = IPv4.parse(netmask) else {
            return false
        }
        return ip & m == g & m
    }

    /// A VLAN given for a range: a valid id no zone uses, and (the server checks it only here) no zone's
    /// public or shared addresses inside the range.
    static func checkVLAN(_ store: Store, _ vlan: String, _ wanted: IPv4.Span) throws(APIError) {
        let bare = vlan.hasPrefix("vlan://") ? String(vlan.dropFirst(7)) : vlan
        guard let n = Int(bare), n > 0, n < 4095 else { throw APIError.refused("Invalid vlan id \(vlan)") }
        for zone in store.table("zone").rows {
            let ranges = store.table("vlaniprange").rows.filter { $0["zoneid"] == zone.id }
            if ranges.contains(where: { $0["vlan"] == "vlan://\(n)" }) {
                throw APIError.refused(
                    "Found a VLAN id \(vlan) already existing in zone \(zone.id) that conflicts with VLAN id of the "
                        + "portable ip range being configured")
            }
            for r in ranges {
                guard let a = IPv4.parse(r["startip"] ?? ""), let b = IPv4.parse(r["endip"] ?? ""), a <= b else {
                    continue
                }
                if IPv4.Span(first: a, last: b).overlaps(wanted) {
                    throw APIError.refused(
                        "The Start IP and endIP address range overlap with Public IP :\(IPv4.text(max(a, wanted.first)))"
                    )
                }
            }
        }
    }

    /// The range's addresses held by a public address, by address.
    static func taken(_ range: Entity, _ store: Store) -> [String: Entity] {
        let s = span(range)
        var held: [String: Entity] = [:]
        for ip in store.table("publicipaddress").rows where ip["isportable"] == "true" {
            if let text = ip["ipaddress"], let a = IPv4.parse(text), s.contains(address: a) { held[text] = ip }
        }
        return held
    }

    /// A range as listPortableIpRanges shows it: with each of its addresses and where it is in use.
    static func render(_ range: Entity, _ store: Store) -> Value {
        let held = taken(range, store)
        let s = span(range)
        var addresses: [Value] = []
        if s.first <= s.last {
            for a in s.first...s.last {
                let text = IPv4.text(a)
                var f: Record = ["ipaddress": .string(text), "regionid": range.fields["regionid"] ?? .int(1)]
                if let ip = held[text] {
                    f["accountid"] = ip.fields["account"] ?? ip.fields["project"]
                    f["domainid"] = ip.fields["domainid"]
                    f["allocated"] = ip.fields["allocated"]
                    f["zoneid"] = ip.fields["zoneid"]
                    f["physicalnetworkid"] = ip.fields["physicalnetworkid"]
                    f["networkid"] = ip.fields["associatednetworkid"]
                    f["vpcid"] = ip.fields["vpcid"]
                    f["state"] = .string("Allocated")
                } else {
                    f["state"] = .string("Free")
                }
                addresses.append(.record(f))
            }
        }
        var r = range.fields
        r["portableipaddress"] = .list(addresses)
        return .record(r)
    }

    /// associateIpAddress isportable=true: the region's first free portable address (IpAddressManagerImpl
    /// looks in region 1) becomes the public address `f` describes.
    static func allocate(_ c: Call, into f: inout Record) throws(APIError) {
        for range in c.store.table(noun).rows where range["regionid"] == "1" {
            let held = taken(range, c.store)
            let s = span(range)
            guard s.first <= s.last, let free = (s.first...s.last).first(where: { held[IPv4.text($0)] == nil }) else {
                continue
            }
            f["ipaddress"] = .string(IPv4.text(free))
            f["isportable"] = .bool(true)
            // The server provisions a one-address VLAN of the range's tag into the zone for it.
            f["vlanid"] = nil
            f["vlanname"] = range.fields["vlan"]
            return
        }
        throw APIError.capacity("Unable to find available portable IP addresses")
    }
}

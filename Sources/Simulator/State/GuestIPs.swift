import Values
import OrderedCollections

/// Guest addresses, allocated per network from that network's own range: its guest VLAN IP
/// range when it has one (a basic zone's shared network takes the pod's guest range), otherwise
/// its CIDR without the gateway. A cursor per network (kept in the "guestipcursor" table, so it
/// is saved with the state) hands addresses out in order; past the end, the first address no
/// live VM of the network holds is reused; none left is 533, as the server's IP allocator says.
extension Store {
    /// Locally administered MACs, like the 02:00:... ones CloudStack hands out: user VMs count from 0,
    /// added NICs from 0x1_0000, routers from `routerMACBase`.
    static func guestMAC(_ n: Int) -> String {
        let hex = Array("0123456789abcdef")
        func b(_ v: Int) -> String { String([hex[(v >> 4) & 15], hex[v & 15]]) }
        return "02:00:\(b(n >> 24)):\(b(n >> 16)):\(b(n >> 8)):\(b(n))"
    }

    func guestIP(network: Entity) throws(APIError) -> String {
        guard let range = guestRange(network) else {
            throw APIError.internalError("network \(network["name"] ?? network.id) has no usable guest address range")
        }
        let cursors = table("guestipcursor")
        var next = range.lowerBound
        if let cursor = cursors.get(network.id)?["next"].flatMap({ UInt32($0) }), range.contains(cursor) {
            next = cursor
        } else {
            // First address of the network (or past its end): the first one no live VM holds,
            // which also keeps clear of addresses handed out before the cursor existed.
            let taken = Set(vms.live.filter { $0.networkID == network.id }.compactMap { IPv4.parse($0.ip) })
            guard let free = range.first(where: { !taken.contains($0) }) else {
                throw APIError.capacity(
                    "Insufficient address capacity: network \(network["name"] ?? network.id) has no free "
                        + "address left in \(IPv4.text(range.lowerBound))-\(IPv4.text(range.upperBound))")
            }
            next = free
        }
        let record: Record = ["next": .string(String(next + 1))]
        if cursors.get(network.id) == nil {
            insert("guestipcursor", record, id: network.id)
        } else {
            cursors.update(network.id) { $0.fields.merge(record, uniquingKeysWith: { $1 }) }
        }
        return IPv4.text(next)
    }

    /// The CIDR of a new isolated network that names none: the zone's guest CIDR when it has one
    /// (every such network of the zone shares it, as on a real server), else a /24 of its own.
    func defaultGuestCIDR(zone: Entity) -> String {
        if let cidr = zone["guestcidraddress"], IPv4.hosts(cidr) != nil { return cidr }
        let n = table("network").rows.count { $0["issystem"] != "true" }
        return "10.\(3 + n / 256).\(n % 256).0/24"
    }

    /// The addresses VMs of `network` may get.
    func guestRange(_ network: Entity) -> ClosedRange<UInt32>? {
        let ranges = table("vlaniprange").rows.filter {
            $0["networkid"] == network.id && $0["forvirtualnetwork"] != "true"
        }
        if let r = ranges.first, let start = IPv4.parse(r["startip"] ?? ""), let end = IPv4.parse(r["endip"] ?? ""),
            start <= end
        {
            return start...end
        }
        guard let hosts = IPv4.hosts(network["cidr"] ?? ""), hosts.count > 1 else { return nil }
        let gateway = IPv4.parse(network["gateway"] ?? "")
        // The gateway takes the first address as a rule; start after it.
        return gateway == hosts.lowerBound ? (hosts.lowerBound + 1)...hosts.upperBound : hosts
    }
}

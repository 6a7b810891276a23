import OrderedCollections
import Values

/// The guest VLANs of physical networks (listGuestVlans): each number of a physical network's `vlan`
/// ranges, Free or Allocated to the isolated network implemented on it (Store.allocateGuestVlan).
enum GuestVlanAPIs {
    static let handlers: [Handler] = [
        Handler("listGuestVlans") { c throws(APIError) in
            let zoneID = c.optional("zoneid"), pnID = c.optional("physicalnetworkid"), vnet = c.optional("vnet")
            let allocatedOnly = try c.bool("allocatedonly")
            let wantedID = try c.int("id", in: 1...Int(Int32.max))
            let networks = c.store.table("network").rows
            var items: [Value] = []
            var seq = 0
            for pn in c.store.table("physicalnetwork").rows {
                let zone = c.store.table("zone").get(pn["zoneid"] ?? "")
                for tag in Store.vlanNumbers(pn["vlan"]) {
                    seq += 1
                    guard zoneID.map({ pn["zoneid"] == $0 }) ?? true, pnID.map({ pn.id == $0 }) ?? true,
                        vnet.map({ $0 == String(tag) }) ?? true, wantedID.map({ $0 == seq }) ?? true
                    else { continue }
                    let users = networks.filter {
                        $0["zoneid"] == pn["zoneid"] && $0["vlan"] == String(tag) && $0["type"] != "Shared"
                    }
                    if allocatedOnly, users.isEmpty { continue }
                    var f: Record = [
                        "id": .int(seq), "vlan": .string(String(tag)),
                        "allocationstate": .string(users.isEmpty ? "Free" : "Allocated"),
                        "zoneid": .string(pn["zoneid"] ?? ""), "zonename": zone?.fields["name"] ?? .null,
                        "physicalnetworkid": .string(pn.id), "physicalnetworkname": pn.fields["name"] ?? .null,
                        "isdedicated": .bool(false),
                    ]
                    if let n = users.first {
                        f["taken"] = n.fields["created"]
                        for k in ["account", "domainid", "domain", "projectid", "project"] { f[k] = n.fields[k] }
                        f["network"] = .list(
                            users.map { .record(["id": .string($0.id), "name": $0.fields["name"] ?? .null]) })
                    }
                    items.append(.record(f))
                }
            }
            let range = try c.pageRange(count: items.count)
            return .list(noun: "guestvlan", items: Array(items[range]), total: items.count)
        }
    ]
}

extension Store {
    /// The numbers of a `vlan` range text ("100-200", "100-110,300-305").
    static func vlanNumbers(_ text: String?) -> [Int] {
        guard let text else { return [] }
        return text.split(separator: ",").flatMap { part -> [Int] in
            let ends = part.split(separator: "-").compactMap { Int($0.trimmingSpaces()) }
            guard let a = ends.first, let b = ends.last, a <= b, b - a < 4096 else { return [] }
            return Array(a...b)
        }
    }

    /// An isolated network being implemented takes the first free guest VLAN of its zone's physical
    /// network (a network made with `vlan` keeps that one); none when the zone has no ranges.
    /// A NIC on a VLAN network names the VLAN twice, as NicResponse does: where it broadcasts and what
    /// isolates it.
    static func vlanURIs(_ network: Entity?) -> Record {
        guard let uri = network?.fields["broadcasturi"] else { return [:] }
        return ["broadcasturi": uri, "isolationuri": uri]
    }

    func allocateGuestVlan(_ networkID: String) {
        guard let n = table("network").get(networkID), n["vlan"] == nil, n["type"] == "Isolated" else { return }
        let used = Set(table("network").rows.filter { $0["zoneid"] == n["zoneid"] }.compactMap { $0["vlan"] })
        for pn in table("physicalnetwork").rows where pn["zoneid"] == n["zoneid"] {
            guard let tag = Self.vlanNumbers(pn["vlan"]).first(where: { !used.contains(String($0)) }) else { continue }
            table("network").update(networkID) { e in
                e.fields["vlan"] = .string(String(tag))
                e.fields["broadcasturi"] = .string("vlan://\(tag)")
            }
            return
        }
    }
}

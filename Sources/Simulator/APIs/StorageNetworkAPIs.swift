import Values
import OrderedCollections

/// Storage network IP ranges (root admin): addresses of a pod on its zone's storage network, as
/// StorageNetworkManagerImpl keeps them. Create, update and delete are jobs that check when they run,
/// as the server's do; lists page nothing (the commands answer every range they find).
enum StorageNetworkAPIs {
    static let noun = "storagenetworkiprange"
    static let cmdPrefix = "org.apache.cloudstack.api.command.admin.network."

    static let handlers: [Handler] = [
        Handler("createStorageNetworkIpRange", async: true) { c throws(APIError) in
            let pod = try c.entity("pod", "podid", what: "pod")
            let start = try address(c, "startip", required: true)!
            let end = try address(c, "endip") ?? start
            let netmask = try c.required("netmask"), gateway = try c.required("gateway")
            let vlan = try c.int("vlan")
            let id = c.store.newID()
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "CreateStorageNetworkIpRangeCmd", instanceType: nil, instanceID: id,
                    immediateID: id
                ) {
                    store, _ in
                    try checkNetmask(netmask)
                    let zone = store.table("zone").get(pod["zoneid"] ?? "")
                    guard let network = store.systemNetwork(zone: zone?.id ?? "", traffic: "Storage") else {
                        throw APIError.internalError("Cannot find storage network in zone \(zone?.seq ?? 0)")
                    }
                    try checkOverlaps(store, podID: pod.id, start, end, except: nil)
                    var f: Record = [
                        "startip": .string(IPv4.text(start)), "endip": .string(IPv4.text(end)),
                        "gateway": .string(gateway), "netmask": .string(netmask),
                        "podid": .string(pod.id), "zoneid": .string(zone?.id ?? ""), "networkid": .string(network.id),
                    ]
                    if let vlan { f["vlan"] = .int(vlan) }
                    return [noun: .record(store.insert(noun, f, id: id).fields)]
                })
        },
        Handler("listStorageNetworkIpRange") { c throws(APIError) in
            // The first of id, podid and zoneid given decides, as listIpRange reads them.
            let rows = c.store.table(noun).rows
            let found: [Entity]
            if let id = c.optional("id") {
                found = rows.filter { $0.id == id }
            } else if let pod = c.optional("podid") {
                found = rows.filter { $0["podid"] == pod }
            } else if let zone = c.optional("zoneid") {
                found = rows.filter { $0["zoneid"] == zone }
            } else {
                found = rows
            }
            return .list(noun: noun, items: found.map { .record($0.fields) }, total: found.count)
        },
        Handler("updateStorageNetworkIpRange", async: true) { c throws(APIError) in
            let range = try c.entity(noun, "id", what: "storage network IP range")
            let start = try address(c, "startip"), end = try address(c, "endip")
            let netmask = c.optional("netmask")
            let vlan = try c.int("vlan")
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "UpdateStorageNetworkIpRangeCmd", instanceType: nil, instanceID: range.id,
                    immediateID: nil
                ) { store, _ in
                    if let netmask { try checkNetmask(netmask) }
                    let now = try store.jobEntity(noun, range.id)
                    var f = now.fields
                    if start != nil || end != nil {
                        let s = start ?? IPv4.parse(now["startip"] ?? "") ?? 0
                        let e = end ?? IPv4.parse(now["endip"] ?? "") ?? 0
                        try checkOverlaps(store, podID: now["podid"] ?? "", s, e, except: now.id)
                        f["startip"] = .string(IPv4.text(s))
                        f["endip"] = .string(IPv4.text(e))
                    }
                    if let netmask { f["netmask"] = .string(netmask) }
                    if let vlan { f["vlan"] = .int(vlan) }
                    store.table(noun).update(now.id) { [f] in $0.fields = f }
                    return [noun: .record(f)]
                })
        },
        Handler("deleteStorageNetworkIpRange", async: true) { c throws(APIError) in
            let range = try c.entity(noun, "id", what: "storage network IP range")
            // No system VM takes a storage network address here, so none is ever in use.
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "DeleteStorageNetworkIpRangeCmd", instanceType: nil, instanceID: range.id,
                    immediateID: nil
                ) { store, _ in
                    _ = try store.jobEntity(noun, range.id)
                    store.table(noun).remove(range.id)
                    return ["success": .bool(true)]
                })
        },
    ]

    /// An address parameter (nil when absent); the server would fail on a malformed one deep inside.
    static func address(_ c: Call, _ name: String, required: Bool = false) throws(APIError) -> UInt32? {
        guard let v = required ? try c.required(name) : c.optional(name) else { return nil }
        guard let a = IPv4.parse(v) else { throw APIError.invalid(name, "\(v) is not an IPv4 address") }
        return a
    }

    static func checkNetmask(_ netmask: String) throws(APIError) {
        guard IPv4.prefix(netmask) != nil else { throw APIError.internalError("Invalid netmask:\(netmask)") }
    }

    /// A storage range may not overlap the pod's management range (its first, which the pod's description
    /// names) nor the pod's other storage ranges; the server's texts say "private IP" for both.
    static func checkOverlaps(_ store: Store, podID: String, _ s: UInt32, _ e: UInt32, except: String?) throws(APIError)
    {
        let wanted = IPv4.Span(first: min(s, e), last: max(s, e))
        if let pod = store.table("pod").get(podID), let first = PodIPRanges.records(pod).first {
            let (a, b) = PodIPRanges.bounds(first)
            if a <= b, IPv4.Span(first: a, last: b).overlaps(wanted) {
                throw APIError.refused(
                    "The Storage network Start IP and endIP address range overlap with private IP :\(IPv4.text(a)):\(IPv4.text(b))"
                )
            }
        }
        for r in store.table(noun).rows where r["podid"] == podID && r.id != except {
            guard let a = IPv4.parse(r["startip"] ?? ""), let b = IPv4.parse(r["endip"] ?? "") else { continue }
            if IPv4.Span(first: a, last: b).overlaps(wanted) {
                throw APIError.refused(
                    "The Storage network Start IP and endIP address range overlap with private IP :\(IPv4.text(a)) - \(IPv4.text(b))"
                )
            }
        }
    }
}

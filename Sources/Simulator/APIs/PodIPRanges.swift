import OrderedCollections
import Values

/// A pod's management IP ranges (since 4.11 a pod may have several, each with its own gateway and
/// VLAN, some kept for the system VMs): added, removed when none of their addresses is in use, and
/// moved at either end as long as the addresses in use stay inside. All are jobs answering at once.
enum PodIPRanges {
    static func create(_ c: Call) throws(APIError) -> Reply {
        let pod = try c.entity("pod", "podid", what: "pod")
        let gateway = try c.required("gateway"), netmask = try c.required("netmask"), start = try c.required("startip")
        guard let s = IPv4.parse(start) else {
            throw APIError.refused("The start address of the IP range is not a valid IP address.")
        }
        if let end = c.optional("endip"), IPv4.parse(end) == nil {
            throw APIError.refused("The end address of the IP range is not a valid IP address.")
        }
        guard IPv4.parse(gateway) != nil else {
            throw APIError.refused("The gateway IP address is not a valid IP address.")
        }
        guard let cidr = IPv4.cidr(gateway, netmask), let hosts = IPv4.hosts(cidr) else {
            throw APIError.refused("The netmask IP address is not a valid IP address.")
        }
        guard hosts.contains(s) else {
            throw APIError.refused("The start address of the IP range is not in the CIDR subnet.")
        }
        let e = c.optional("endip").flatMap(IPv4.parse) ?? hosts.upperBound
        guard hosts.contains(e) else {
            throw APIError.refused("The end address of the IP range is not in the CIDR subnet.")
        }
        guard s <= e else {
            throw APIError.refused("The start IP address must have a lower value than the end IP address.")
        }
        let ranges = records(pod)
        for r in ranges {
            let (rs, re) = bounds(r)
            if rs <= e && s <= re {
                throw APIError.refused(
                    "The Start IP and endIP address range overlap with private IP :\(IPv4.text(rs)):\(IPv4.text(re))")
            }
        }
        let vlan = c.optional("vlan").map { "vlan://\($0)" } ?? "vlan://untagged"
        let range: Record = [
            "gateway": .string(gateway), "cidr": .string(cidr), "startip": .string(start),
            "endip": .string(IPv4.text(e)),
            "forsystemvms": .string(try c.bool("forsystemvms") ? "1" : "0"), "vlanid": .string(vlan),
        ]
        return job(c, pod, "CreateManagementNetworkIpRangeCmd", answer: "pod") { (store: Store) throws(APIError) in
            let now = try store.jobEntity("pod", pod.id)
            set(store, now, records(now) + [range])
        }
    }

    static func delete(_ c: Call) throws(APIError) -> Reply {
        let pod = try c.entity("pod", "podid", what: "pod")
        let start = try c.required("startip"), end = try c.required("endip"), vlan = try c.required("vlan")
        let ranges = records(pod)
        guard let i = ranges.firstIndex(where: { $0["startip"]?.plainText == start && $0["endip"]?.plainText == end })
        else { throw APIError.refused("Unable to find IP range with given start IP and end IP") }
        guard ranges[i]["vlanid"]?.plainText.hasSuffix(vlan) == true else {
            throw APIError.refused("Unable to find IP range with given start IP, end IP and vlan id")
        }
        let (s, e) = bounds(ranges[i])
        if PodIPAPIs.usedAddresses(c.store, pod: pod).contains(where: { $0 >= s && $0 <= e }) {
            throw APIError.refused("Some IPs of the range has been allocated, so it cannot be deleted.")
        }
        return job(c, pod, "DeleteManagementNetworkIpRangeCmd", answer: nil) { (store: Store) throws(APIError) in
            var now = records(try store.jobEntity("pod", pod.id))
            now.removeAll { $0["startip"]?.plainText == start && $0["endip"]?.plainText == end }
            set(store, try store.jobEntity("pod", pod.id), now)
        }
    }

    static func update(_ c: Call) throws(APIError) -> Reply {
        let pod = try c.entity("pod", "podid", what: "pod")
        let start = try c.required("currentstartip"), end = try c.required("currentendip")
        let newStart = c.optional("newstartip"), newEnd = c.optional("newendip")
        guard newStart != nil || newEnd != nil else {
            throw APIError.refused("Either new start IP or new end IP has to be provided")
        }
        let ranges = records(pod)
        guard let i = ranges.firstIndex(where: { $0["startip"]?.plainText == start && $0["endip"]?.plainText == end })
        else { throw APIError.refused("Unable to find IP range with given start IP and end IP") }
        guard let s = IPv4.parse(newStart ?? start), let e = IPv4.parse(newEnd ?? end) else {
            throw APIError.refused("The new start or end address is not a valid IP address.")
        }
        guard let hosts = IPv4.hosts(ranges[i]["cidr"]?.plainText ?? ""), hosts.contains(s), hosts.contains(e) else {
            throw APIError.refused("The new range is not in the CIDR subnet of the range.")
        }
        guard s <= e else {
            throw APIError.refused("The start IP address must have a lower value than the end IP address.")
        }
        for (j, r) in ranges.enumerated() where j != i {
            let (rs, re) = bounds(r)
            if rs <= e && s <= re {
                throw APIError.refused(
                    "The Start IP and endIP address range overlap with private IP :\(IPv4.text(rs)):\(IPv4.text(re))")
            }
        }
        let (os, oe) = bounds(ranges[i])
        let stranded = PodIPAPIs.usedAddresses(c.store, pod: pod).filter { $0 >= os && $0 <= oe && ($0 < s || $0 > e) }
        if let ip = stranded.min() {
            throw APIError.refused(
                "The IP range cannot be updated: the address \(IPv4.text(ip)) is in use and would fall outside it.")
        }
        return job(c, pod, "UpdatePodManagementNetworkIpRangeCmd", answer: nil) { (store: Store) throws(APIError) in
            var now = records(try store.jobEntity("pod", pod.id))
            if let k = now.firstIndex(where: { $0["startip"]?.plainText == start && $0["endip"]?.plainText == end }) {
                now[k]["startip"] = .string(IPv4.text(s))
                now[k]["endip"] = .string(IPv4.text(e))
            }
            set(store, try store.jobEntity("pod", pod.id), now)
        }
    }

    /// A job changing the pod's ranges; it answers the pod, or success.
    static func job(
        _ c: Call, _ pod: Entity, _ cmd: String, answer: String?, _ change: @escaping (Store) throws(APIError) -> Void
    )
        -> Reply
    {
        .job(
            JobSpec(cmd: PodIPAPIs.cmdPrefix + cmd, instanceType: nil, instanceID: nil, immediateID: nil) { store, _ in
                try change(store)
                guard let answer else { return ["success": .bool(true)] }
                return [answer: .record(try store.jobEntity("pod", pod.id).fields)]
            })
    }

    static func records(_ pod: Entity) -> [Record] { (pod.fields["ipranges"]?.list ?? []).compactMap(\.record) }

    static func bounds(_ r: Record) -> (UInt32, UInt32) {
        (IPv4.parse(r["startip"]?.plainText ?? "") ?? 1, IPv4.parse(r["endip"]?.plainText ?? "") ?? 0)
    }

    /// Stores the ranges and the per-range lists the pod answer repeats them in.
    static func set(_ store: Store, _ pod: Entity, _ ranges: [Record]) {
        store.table("pod").update(pod.id) { p in
            p.fields["ipranges"] = .list(ranges.map(Value.record))
            for key in ["startip", "endip", "forsystemvms", "vlanid"] {
                p.fields[key] = .list(ranges.map { $0[key] ?? .string("") })
            }
        }
    }
}

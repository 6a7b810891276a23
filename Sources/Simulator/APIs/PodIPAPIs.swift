import OrderedCollections
import Values

/// A pod's management (private) addresses (root admin): the ranges they come from, and single
/// addresses taken by hand. Every address of every range is numbered in pod and range order (the
/// server's op_dc_ip_address_alloc ids); hosts, system VMs and acquired addresses use them up, and a
/// range with any in use cannot shrink past them or go.
enum PodIPAPIs {
    /// Addresses taken by acquirePodIpAddress, by their number.
    static let acquiredTable = "podipaddress"
    static let cmdPrefix = "org.apache.cloudstack.api.command.admin.network."

    static let handlers: [Handler] = [
        Handler("acquirePodIpAddress", answer: "acquirepodipaddress") { c throws(APIError) in
            guard let zone = c.store.table("zone").get(try c.required("zoneid")) else {
                throw APIError.refused("Invalid zone Id ")
            }
            guard let podID = c.optional("podid") else {
                throw APIError(535, "Please do not provide NULL podId", cs: 4370)
            }
            guard let pod = c.store.table("pod").get(podID), pod["zoneid"] == zone.id else {
                throw APIError(535, "No sush pod exists", cs: 4370)
            }
            let used = usedAddresses(c.store, pod: pod)
            guard let free = numbered(c.store).first(where: { $0.pod.id == pod.id && !used.contains($0.address) })
            else {
                throw APIError(535, "Unable to allocate IP from this Pod", cs: 4370)
            }
            let range = free.range
            c.store.table(acquiredTable).put(
                Entity(
                    id: acquiredKey(pod.id, free.address),
                    fields: ["ipaddress": .string(IPv4.text(free.address)), "podid": .string(pod.id)]))
            let network = IPv4.parse(range["cidr"]?.plainText.split(separator: "/").first.map(String.init) ?? "")
            return .object([
                "acquirepodipaddress": .record([
                    "cidr": .string(network.map(IPv4.text) ?? ""), "gateway": range["gateway"] ?? .string(""),
                    "ipaddress": .string(IPv4.text(free.address)), "hostmac": .int(free.number),
                    "podid": .int(pod.seq), "id": .int(free.number),
                ])
            ])
        },
        Handler("releasePodIpAddress", answer: "releasepodipresponse") { c throws(APIError) in
            let id = try c.int("id", in: 0...Int(Int64.max)) ?? 0
            guard let ip = numbered(c.store).first(where: { $0.number == id }) else {
                throw APIError.internalError("Unable to find ip address by id:\(id)")
            }
            let key = acquiredKey(ip.pod.id, ip.address)
            guard c.store.table(acquiredTable).get(key) != nil else {
                throw APIError.internalError("Ip Address  with id= \(id) is not allocated, so do nothing.")
            }
            c.store.table(acquiredTable).remove(key)
            return .object(["success": .bool(true), "displaytext": .string("IP is released successfully")])
        },
        Handler("createManagementNetworkIpRange", async: true, PodIPRanges.create),
        Handler("deleteManagementNetworkIpRange", async: true, PodIPRanges.delete),
        Handler("updatePodManagementNetworkIpRange", async: true, PodIPRanges.update),
    ]

    static func acquiredKey(_ pod: String, _ address: UInt32) -> String { "\(pod)/\(IPv4.text(address))" }

    /// One management address: its number, pod, the range it is in.
    struct Numbered {
        var number: Int
        var pod: Entity
        var range: Record
        var address: UInt32
    }

    /// Every management address of every pod, numbered from 1 in pod and range order.
    static func numbered(_ store: Store) -> [Numbered] {
        var out: [Numbered] = []
        for pod in store.table("pod").rows {
            for case .record(let r) in pod.fields["ipranges"]?.list ?? [] {
                guard let s = IPv4.parse(r["startip"]?.plainText ?? ""),
                    let e = IPv4.parse(r["endip"]?.plainText ?? ""),
                    s <= e
                else { continue }
                for a in s...e { out.append(Numbered(number: out.count + 1, pod: pod, range: r, address: a)) }
            }
        }
        return out
    }

    /// Addresses of the pod in use: hosts' and system VMs' management addresses, acquired ones.
    static func usedAddresses(_ store: Store, pod: Entity) -> Set<UInt32> {
        var out = Set<UInt32>()
        for h in store.table("host").rows where h["podid"] == pod.id {
            IPv4.parse(h["ipaddress"] ?? "").map { out.insert($0) }
        }
        for v in store.table(Store.systemVMNoun).rows where v["podid"] == pod.id {
            IPv4.parse(v["privateip"] ?? "").map { out.insert($0) }
        }
        for a in store.table(acquiredTable).rows where a["podid"] == pod.id {
            IPv4.parse(a["ipaddress"] ?? "").map { out.insert($0) }
        }
        return out
    }
}

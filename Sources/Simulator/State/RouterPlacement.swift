import Values
import OrderedCollections

/// Where a virtual router runs and the guest NICs it has, as DomainRouterJoinDaoImpl shows them to
/// a root admin: its host and pod, and one NIC per guest network it serves (an isolated network's
/// router has one; a VPC's router gains one as each tier comes up and loses it with the tier).
extension Store {
    /// Router MACs start here, clear of the user VMs' (VMDeploy.macAddress) and the system VMs'.
    static let routerMACBase = 0x0100_0000

    /// The host, pod and hypervisor of a running router numbered `seq` in `zone`.
    func placement(onHostOf zone: String, seq: Int) -> Record {
        guard let host = systemVMHost(zone: zone, seq: seq) else { return [:] }
        var f: Record = ["hostid": .string(host.id), "hostname": host.fields["name"] ?? .string("")]
        if let pod = table("pod").get(host["podid"] ?? "") {
            f["podid"] = .string(pod.id)
            f["podname"] = pod.fields["name"]
        }
        return f
    }

    static func routerNIC(id: String, network: Entity, ip: String, mac: String) -> Value {
        var nic: Record = [
            "id": .string(id), "networkid": .string(network.id), "networkname": network.fields["name"] ?? .string(""),
            "netmask": network.fields["netmask"] ?? .string(""), "gateway": network.fields["gateway"] ?? .string(""),
            "ipaddress": .string(ip), "traffictype": .string("Guest"),
            "type": network.fields["type"] ?? .string("Isolated"), "isdefault": .bool(false),
            "macaddress": .string(mac),
        ]
        nic.merge(vlanURIs(network), uniquingKeysWith: { $1 })
        return .record(nic)
    }

    /// A VPC tier coming up: each of the VPC's routers gets a NIC on it, the tier's gateway.
    func addTierNIC(_ tier: Entity) {
        guard let vpcID = tier["vpcid"], let gateway = tier["gateway"] else { return }
        for r in table("router").rows where r["vpcid"] == vpcID && !Store.isInternalLBVM(r) {
            var nics = r.fields["nic"]?.list ?? []
            guard !nics.contains(where: { $0[field: "networkid"]?.string == tier.id }) else { continue }
            let mac = Store.guestMAC(Self.routerMACBase + r.seq + 0x10000 * (nics.count + 1))
            nics.append(Self.routerNIC(id: newID(), network: tier, ip: gateway, mac: mac))
            table("router").update(r.id) { $0.fields["nic"] = .list(nics) }
        }
    }

    /// A tier going away takes its NIC off the VPC's routers.
    func removeTierNICs(networkID: String) {
        for r in table("router").rows {
            guard let nics = r.fields["nic"]?.list,
                nics.contains(where: { $0[field: "networkid"]?.string == networkID })
            else { continue }
            let left = nics.filter { $0[field: "networkid"]?.string != networkID }
            table("router").update(r.id) { $0.fields["nic"] = left.isEmpty ? nil : .list(left) }
        }
    }
}

import Values
import OrderedCollections

/// Where a virtual router runs and the NICs it has, as DomainRouterJoinDaoImpl shows them to a root
/// admin: its host and pod, its control and public NICs, and one NIC per guest network it serves (an
/// isolated network's router has one; a VPC's router gains one as each tier comes up and loses it with
/// the tier).
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

    /// A guest NIC; it is the router's default one when the router has no public NIC.
    static func routerNIC(id: String, network: Entity, ip: String, mac: String, isDefault: Bool = false) -> Value {
        var nic: Record = [
            "id": .string(id), "networkid": .string(network.id), "networkname": network.fields["name"] ?? .string(""),
            "netmask": network.fields["netmask"] ?? .string(""), "gateway": network.fields["gateway"] ?? .string(""),
            "ipaddress": .string(ip), "traffictype": .string("Guest"),
            "type": network.fields["type"] ?? .string("Isolated"), "isdefault": .bool(isDefault),
            "macaddress": .string(mac),
        ]
        nic.merge(vlanURIs(network), uniquingKeysWith: { $1 })
        return .record(nic)
    }

    /// The router's NICs on the zone's system networks, after its guest NIC as NetworkHelperImpl orders
    /// them: the control (link-local) NIC, and with a public address the public NIC, the default one, on
    /// the address's VLAN range (whose gateway is the router's). Sets the fields DomainRouterResponse
    /// draws from them (linklocalnetworkid, publicnetworkid, publicnetmask, gateway).
    func systemNICs(_ f: inout Record, zone: Entity) -> [Value] {
        var nics: [Value] = []
        if let control = systemNetwork(zone: zone.id, traffic: "Control"), let ip = f["linklocalip"] {
            f["linklocalnetworkid"] = .string(control.id)
            nics.append(
                .record([
                    "id": .string(newID()), "networkid": .string(control.id),
                    "netmask": .string(SystemNetworks.controlNetmask),
                    "gateway": .string(SystemNetworks.controlGateway),
                    "ipaddress": ip, "traffictype": .string("Control"), "isdefault": .bool(false),
                    "macaddress": f["linklocalmacaddress"] ?? .string(""),
                ]))
        }
        guard let ip = f["publicip"]?.plainText else { return nics }
        let address = table("publicipaddress").first { $0["zoneid"] == zone.id && $0["ipaddress"] == ip }
        let range = address.flatMap { table("vlaniprange").get($0["vlanid"] ?? "") }
        let gateway = range?["gateway"] ?? ip.split(separator: ".").prefix(3).joined(separator: ".") + ".1"
        let netmask = range?["netmask"] ?? "255.255.255.0"
        f["publicnetmask"] = .string(netmask)
        f["gateway"] = .string(gateway)
        guard let pub = systemNetwork(zone: zone.id, traffic: "Public") else { return nics }
        f["publicnetworkid"] = .string(pub.id)
        var nic: Record = [
            "id": .string(newID()), "networkid": .string(pub.id), "netmask": .string(netmask),
            "gateway": .string(gateway), "ipaddress": .string(ip), "traffictype": .string("Public"),
            "isdefault": .bool(true), "macaddress": f["publicmacaddress"] ?? .string(""),
        ]
        if let vlan = range?.fields["vlan"] {
            nic["broadcasturi"] = vlan
            nic["isolationuri"] = vlan
        }
        nics.append(.record(nic))
        return nics
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

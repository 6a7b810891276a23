import OrderedCollections
import Values

/// The system VMs a zone runs once it has hosts and secondary storage: a secondary storage VM
/// (`s-N-VM`) and a console proxy (`v-N-VM`), on the system offerings a fresh install creates.
/// They hold no host capacity here (the sandbox's hosts keep their round figures for user VMs).
extension Store {
    static let systemVMNoun = "systemvm"

    /// The system offerings of a fresh install (ConfigurationManager's defaults): name, type, MHz, MB.
    static let systemOfferings: [(name: String, type: String, speed: Int, memory: Int)] = [
        ("System Offering For Software Router", "domainrouter", 500, 256),
        ("System Offering For Console Proxy", "consoleproxy", 500, 1024),
        ("System Offering For Secondary Storage VM", "secondarystoragevm", 500, 512),
        ("System Offering For Elastic LB VM", "elasticloadbalancervm", 128, 128),
        ("System Offering For Internal LB VM", "internalloadbalancervm", 256, 256),
    ]

    func seedSystemOfferings(_ created: String) {
        for o in Self.systemOfferings {
            var f = OfferingAPIs.serviceOffering(
                name: o.name, displayText: o.name, cpus: 1, speed: o.speed, memory: o.memory,
                ha: false, created: created)
            f["issystem"] = .bool(true)
            f["systemvmtype"] = .string(o.type)
            f["defaultuse"] = .bool(true)
            insert("serviceoffering", f)
        }
    }

    /// A cloud saved before system VMs (and their offerings), autoscale counters, system networks or guest OS
    /// mappings were seeded gets them when read back.
    func completeSeed(_ created: String) {
        if table("serviceoffering").first(where: { $0["issystem"] == "true" }) == nil { seedSystemOfferings(created) }
        seedSystemVMs(created)
        seedCounters()
        seedGuestOSMappings()
        addMissingSystemNetworks(created)
    }

    /// Every enabled zone with a host and an image store gets its two system VMs, as the server starts them
    /// once a zone can run them (a cloud saved before they were modelled gets them when it is read back).
    func seedSystemVMs(_ created: String) {
        for zone in table("zone").rows
        where zone["allocationstate"] != "Disabled"
            && !table(Self.systemVMNoun).rows.contains(where: { $0["zoneid"] == zone.id })
        {
            guard table("imagestore").first(where: { $0["zoneid"] == zone.id }) != nil else { continue }
            for type in ["secondarystoragevm", "consoleproxy"] { _ = addSystemVM(type, zone: zone, created: created) }
        }
    }

    /// A new running system VM of `type` in `zone` (also the replacement the server starts after a destroy);
    /// nil when the zone has no enabled host.
    @discardableResult
    func addSystemVM(_ type: String, zone: Entity, created: String) -> Entity? {
        let table = table(Self.systemVMNoun)
        let seq = table.nextSeq
        guard let host = systemVMHost(zone: zone.id, seq: seq) else { return nil }
        let pod = self.table("pod").get(host["podid"] ?? "")
        let offering = self.table("serviceoffering").first { $0["issystem"] == "true" && $0["systemvmtype"] == type }
        let template = self.table("template").first { $0["templatetype"] == "SYSTEM" }
        var f: Record = [
            "name": .string("\(type == "consoleproxy" ? "v" : "s")-\(seq)-VM"), "systemvmtype": .string(type),
            "zoneid": .string(zone.id), "zonename": zone.fields["name"] ?? .string(""),
            "dns1": zone.fields["dns1"] ?? .string(""), "dns2": zone.fields["dns2"] ?? .string(""),
            "state": .string("Running"), "agentstate": .string("Up"), "hostid": .string(host.id),
            "hostname": host.fields["name"] ?? .string(""), "hypervisor": .string("Simulator"),
            "created": .string(created),
            "isdynamicallyscalable": .bool(false), "hasannotations": .bool(false), "version": .string("4.18.0"),
            "linklocalip": .string("169.254.\(seq / 254 % 254).\(seq % 254 + 1)"),
            "linklocalnetmask": .string("255.255.0.0"),
            "linklocalmacaddress": .string(Self.systemMAC(0x0e, seq)),
            "privatemacaddress": .string(Self.systemMAC(0x1e, seq)),
            "publicmacaddress": .string(Self.systemMAC(0x1f, seq)),
        ]
        if type == "consoleproxy" { f["activeviewersessions"] = .int(0) }
        if let pod {
            f["podid"] = .string(pod.id)
            f["podname"] = pod.fields["name"]
            f["privatenetmask"] = pod.fields["netmask"]
            f["privateip"] = systemAddress(from: pod["startip"], to: pod["endip"], field: "privateip").map(Value.string)
        }
        // Its root volume lies on primary storage of its host's cluster (what listSystemVms storageid matches).
        let pools = self.table("storagepool").rows.filter { $0["zoneid"] == zone.id }
        if let pool = pools.first(where: { $0["clusterid"] == host["clusterid"] }) ?? pools.first {
            f["storageid"] = .string(pool.id)
        }
        if let offering {
            f["serviceofferingid"] = .string(offering.id)
            f["serviceofferingname"] = offering.fields["name"]
        }
        if let template {
            f["templateid"] = .string(template.id)
            f["templatename"] = template.fields["name"]
        }
        // The public side: the zone's public range in an advanced zone, the pod's guest range in a basic one.
        let range = self.table("vlaniprange").rows.first {
            $0["zoneid"] == zone.id
                && ($0["forvirtualnetwork"] == "true" ? $0["networkid"] == nil : $0["podid"] == pod?.id)
        }
        if let range {
            f["publicip"] = systemAddress(from: range["startip"], to: range["endip"], field: "publicip").map(
                Value.string)
            f["publicnetmask"] = range.fields["netmask"]
            f["gateway"] = range.fields["gateway"]
            if let vlan = range["vlan"] { f["publicvlan"] = .list([.string(vlan)]) }
        } else if let shared = self.table("network").first(where: { $0["zoneid"] == zone.id && $0["type"] == "Shared" }
        ),
            let r = guestRange(shared)
        {
            // A basic zone whose shared network has no range of its own: the end of the network's CIDR.
            f["publicip"] = systemAddress(from: IPv4.text(r.lowerBound), to: IPv4.text(r.upperBound), field: "publicip")
                .map(Value.string)
            f["publicnetmask"] = shared.fields["netmask"]
            f["gateway"] = shared.fields["gateway"]
        } else if let pod {
            f["gateway"] = pod.fields["gateway"]
        }
        return insert(Self.systemVMNoun, f)
    }

    /// The enabled host of `zone` that the system VM numbered `seq` runs on: they go round the hosts.
    func systemVMHost(zone: String, seq: Int) -> Entity? {
        let hosts = table("host").rows.filter { $0["zoneid"] == zone && $0["resourcestate"] == "Enabled" }
        return hosts.isEmpty ? nil : hosts[(seq - 1) % hosts.count]
    }

    /// A host going into maintenance: its system VMs and routers move to another enabled host of the
    /// zone, or stop when there is none.
    func moveSystemVMs(off hostID: String) {
        for noun in [Self.systemVMNoun, "router"] { moveSystemVMs(in: noun, off: hostID) }
    }

    private func moveSystemVMs(in noun: String, off hostID: String) {
        let table = table(noun)
        for vm in table.rows where vm["hostid"] == hostID {
            let other = self.table("host").first {
                $0["zoneid"] == vm["zoneid"] && $0["resourcestate"] == "Enabled" && $0.id != hostID
            }
            table.update(vm.id) {
                if let other {
                    $0.fields["hostid"] = .string(other.id)
                    $0.fields["hostname"] = other.fields["name"]
                } else {
                    $0.fields["state"] = .string("Stopped")
                    if noun == Self.systemVMNoun {
                        $0.fields["agentstate"] = .string("Disconnected")
                        $0.fields["lasthostid"] = $0.fields["hostid"]
                    }
                    $0.fields["hostid"] = nil
                    $0.fields["hostname"] = nil
                }
            }
        }
    }

    /// The last address of a range that no other system VM holds (in `field`), so the addresses handed out
    /// from its start (hosts, user VMs, public IPs) meet them last; `publicIP(zone:)` skips those in use.
    private func systemAddress(from start: String?, to end: String?, field: String) -> String? {
        guard let a = IPv4.parse(start ?? ""), let b = IPv4.parse(end ?? ""), a <= b else { return nil }
        let used = Set(table(Self.systemVMNoun).rows.compactMap { $0[field] })
        return (a...b).reversed().lazy.map(IPv4.text).first { !used.contains($0) }
    }

    /// The public addresses system VMs of `zone` hold.
    func systemVMAddresses(zone: String) -> Set<String> {
        Set(table(Self.systemVMNoun).rows.filter { $0["zoneid"] == zone }.compactMap { $0["publicip"] })
    }

    static func systemMAC(_ first: Int, _ seq: Int) -> String {
        let bytes = [first, 0, 0xa9, (seq >> 16) & 0xff, (seq >> 8) & 0xff, seq & 0xff]
        return bytes.map { b in
            let h = String(b, radix: 16); return h.count == 1 ? "0" + h : h
        }.joined(separator: ":")
    }
}

import Values
import OrderedCollections

/// Builds a zone of a DataCenterPlan: the zone, its physical networks (with their traffic types;
/// the network service providers come with the physical network family), pods, clusters, hosts, primary storage, secondary storage and IP ranges,
/// as deployDataCenter leaves them on a real install.
extension Store {
    func seedZone(_ plan: ZonePlan, _ created: String) -> Entity {
        var f = Self.zoneFields(
            name: plan.name, type: plan.networkType, sg: plan.securityGroups, description: plan.description,
            token: newID())
        f["dns1"] = .string(plan.dns1)
        f["internaldns1"] = .string(plan.internalDNS1)
        if let cidr = plan.guestCIDR { f["guestcidraddress"] = .string(cidr) }
        let zone = insert("zone", f)
        addSystemNetworks(zone: zone, created: created)
        for pn in plan.physicalNetworks { seedPhysicalNetwork(pn, zone) }
        var hostNumber = 0
        for podPlan in plan.pods {
            let pod = insert(
                "pod",
                Self.podFields(
                    name: podPlan.name, zone: zone, gateway: podPlan.gateway,
                    netmask: podPlan.netmask, start: podPlan.start, end: podPlan.end))
            var nextHostIP = IPv4.parse(podPlan.start) ?? 0
            for c in podPlan.clusters {
                let cluster = insert(
                    "cluster", Self.clusterFields(name: c.name, pod: pod, hypervisor: "Simulator", type: "CloudManaged")
                )
                for (i, _) in c.hosts.enumerated() {
                    hostNumber += 1
                    let id = newID()
                    let name = c.hostNames?[i] ?? "SimulatedAgent.\(id)"
                    insert(
                        "host",
                        Self.hostFields(name: name, ip: IPv4.text(nextHostIP), cluster: cluster, created: created),
                        id: id)
                    nextHostIP += 1
                }
                for ps in c.primaryStorage {
                    guard let url = StorageURL(ps.url) else { continue }
                    insert(
                        "storagepool",
                        Self.storagePoolFields(
                            name: ps.name, url: url, zone: zone, pod: pod, cluster: cluster,
                            provider: "DefaultPrimary", created: created))
                }
            }
        }
        for url in plan.secondaryStorage {
            insert("imagestore", Self.imageStoreFields(name: url, url: url, provider: "NFS", zone: zone))
        }
        for r in plan.publicRanges {
            insert("vlaniprange", vlanRangeFields(r, zone: zone, networkID: nil, podID: nil, public: true))
        }
        return zone
    }

    private func seedPhysicalNetwork(_ plan: PhysicalNetworkPlan, _ zone: Entity) {
        var f: Record = [
            "name": .string(plan.name), "zoneid": .string(zone.id), "zonename": zone.fields["name"] ?? .string(""),
            "state": .string("Enabled"), "broadcastdomainrange": .string("ZONE"),
            "isolationmethods": .string(plan.isolationMethods.joined(separator: ",")),
        ]
        if let vlan = plan.vlan { f["vlan"] = .string(vlan) }
        let pn = insert("physicalnetwork", f)
        for t in plan.trafficTypes {
            insert("traffictype", ["physicalnetworkid": .string(pn.id), "traffictype": .string(t)])
        }
        ensureProviders(pn)
    }

    /// A VLAN IP range: public addresses of an advanced zone, or the guest range of a basic zone's network.
    func vlanRangeFields(_ r: IPRangePlan, zone: Entity, networkID: String?, podID: String?, public: Bool) -> Record {
        var f: Record = [
            "zoneid": .string(zone.id),
            "vlan": .string(
                r.vlan.map { $0 == "untagged" ? "vlan://untagged" : "vlan://\($0)" }
                    ?? "vlan://untagged"),
            "forvirtualnetwork": .bool(`public`), "gateway": .string(r.gateway), "netmask": .string(r.netmask),
            "cidr": .string(IPv4.cidr(r.gateway, r.netmask) ?? ""), "startip": .string(r.start),
            "endip": .string(r.end),
            "forsystemvms": .bool(false), "domain": .string("ROOT"),
        ]
        if let root = table("domain").first(where: { $0["path"] == "ROOT" }) { f["domainid"] = .string(root.id) }
        if let pn = table("physicalnetwork").first(where: { $0["zoneid"] == zone.id }) {
            f["physicalnetworkid"] = .string(pn.id)
        }
        if let networkID { f["networkid"] = .string(networkID) }
        if let podID, let pod = table("pod").get(podID) {
            f["podid"] = .string(podID)
            f["podname"] = pod.fields["name"]
        }
        return f
    }
}

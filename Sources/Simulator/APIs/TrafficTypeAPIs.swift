import Values
import OrderedCollections

/// Traffic types of a physical network (Guest, Public, Management, Storage), one of each
/// at most, with the hypervisors' network labels.
enum TrafficTypeAPIs {
    static let cmdPrefix = "org.apache.cloudstack.api.command.admin.usage."
    static let labels = [
        "kvmnetworklabel", "xennetworklabel", "vmwarenetworklabel", "hypervnetworklabel", "ovm3networklabel",
    ]

    /// The core server's network gurus and the traffic types each implements (vendor plugins' gurus,
    /// which stay unmodelled, are left out).
    static let gurus: [(String, [String])] = [
        ("StorageNetworkGuru", ["Storage"]), ("ExternalGuestNetworkGuru", ["Guest"]), ("PublicNetworkGuru", ["Public"]),
        ("PodBasedNetworkGuru", ["Management"]), ("DirectPodBasedNetworkGuru", ["Guest"]),
        ("ControlNetworkGuru", ["Control"]), ("DirectNetworkGuru", ["Guest"]), ("OvsGuestNetworkGuru", ["Guest"]),
        ("PrivateNetworkGuru", ["Guest"]), ("VxlanGuestNetworkGuru", ["Guest"]),
    ]

    static let handlers: [Handler] = [
        // An unknown traffic type reads as None, which no guru implements: an empty list.
        Handler("listTrafficTypeImplementors") { c throws(APIError) in
            let wanted = c.optional("traffictype")?.lowercased()
            var items: [Value] = []
            for (guru, types) in gurus {
                for t in types where wanted == nil || t.lowercased() == wanted {
                    items.append(.record(["traffictype": .string(t), "traffictypeimplementor": .string(guru)]))
                }
            }
            let range = try c.pageRange(count: items.count)
            return .list(noun: "traffictypeimplementorresponse", items: Array(items[range]), total: items.count)
        },
        Handler("listTrafficTypes") { c throws(APIError) in
            let pn = try c.entity("physicalnetwork", "physicalnetworkid", what: "physical network")
            return try c.listEntities("traffictype") { $0["physicalnetworkid"] == pn.id }
        },
        Handler("addTrafficType", async: true) { c throws(APIError) in
            let pn = try c.entity("physicalnetwork", "physicalnetworkid", what: "physical network")
            let type = try NetworkOfferingAPIs.choice(
                c, "traffictype", ["Guest", "Public", "Management", "Storage"], required: true)!
            if c.store.table("traffictype").first(where: {
                $0["physicalnetworkid"] == pn.id && $0["traffictype"] == type
            }) != nil {
                throw APIError.refused("This physical network already supports the traffic type: \(type)")
            }
            var f: Record = ["traffictype": .string(type), "physicalnetworkid": .string(pn.id)]
            for l in labels { if let v = c.optional(l) { f[l] = .string(v) } }
            if let v = c.optional("isolationmethod") { f["isolationmethod"] = .string(v) }
            if let v = c.optional("vlan") { f["vlan"] = .string(v) }
            let id = c.store.newID()
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "AddTrafficTypeCmd", instanceType: "TrafficType", instanceID: id, immediateID: id
                ) { store, _ in
                    ["traffictype": .record(store.insert("traffictype", f, id: id).fields)]
                })
        },
        Handler("updateTrafficType", async: true) { c throws(APIError) in
            let t = try c.entity("traffictype", "id", what: "traffic type")
            let params = c.params
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "UpdateTrafficTypeCmd", instanceType: "TrafficType", instanceID: t.id,
                    immediateID: nil
                ) { store, _ in
                    store.table("traffictype").update(t.id) { e in
                        for l in labels { if let v = params[l] { e.fields[l] = v.isEmpty ? nil : .string(v) } }
                    }
                    return ["traffictype": .record(try store.jobEntity("traffictype", t.id).fields)]
                })
        },
        Handler("deleteTrafficType", async: true) { c throws(APIError) in
            let t = try c.entity("traffictype", "id", what: "traffic type")
            if t["traffictype"] == "Guest",
                c.store.table("network").first(where: { $0["physicalnetworkid"] == t["physicalnetworkid"] }) != nil
            {
                throw APIError.refused(
                    "The traffic type is not deletable because there are guest networks on its physical network")
            }
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "DeleteTrafficTypeCmd", instanceType: "TrafficType", instanceID: t.id,
                    immediateID: nil
                ) { store, _ in
                    store.table("traffictype").remove(t.id)
                    return ["success": .bool(true)]
                })
        },
    ]
}

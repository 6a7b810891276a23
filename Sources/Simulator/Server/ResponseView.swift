import Values
import OrderedCollections

/// What a caller is shown of the records a handler built. The real server answers a root admin
/// with the full view (its `...CmdByAdmin` commands) and everyone else, domain admins included,
/// with the restricted one, which leaves out where a resource runs (host, pod, cluster, storage
/// pool and path), the hypervisor's names for it and a network's VLAN (UserVmJoinDaoImpl,
/// VolumeJoinDaoImpl, DomainRouterJoinDaoImpl, createNetworkResponse). And no answer names the
/// Gateway service, which offerings keep in their service map (createNetworkOfferingResponse,
/// createNetworkResponse, createVpcOfferingResponse skip it). Job results are cut the same way.
/// Resources whose API answers `hasannotations` (the catalog says which) say whether the caller
/// may see an annotation on them.
enum ResponseView {
    /// Fields of the full view only, by the answer's object name.
    static let fullViewOnly: [String: Set<String>] = [
        "virtualmachine": ["instancename", "hostid", "hostname"],
        "volume": [
            "path", "storagetype", "hypervisor", "storage", "storageid", "clusterid", "clustername", "podid",
            "podname",
        ],
        "network": ["broadcasturi", "vlan"],
        // A public address's VLAN range (createIPAddressResponse).
        "ipaddress": ["vlanid", "vlanname"],
        "publicipaddress": ["vlanid", "vlanname"],
        // A router's NICs and placement show to root admins only (the whole NIC block of the join).
        "router": [
            "hostid", "hostname", "hypervisor", "podid", "podname", "nic", "publicip", "publicmacaddress",
            "publicnetmask", "publicnetworkid", "gateway", "linklocalip", "linklocalmacaddress", "linklocalnetmask",
            "linklocalnetworkid", "guestipaddress", "guestmacaddress", "guestnetmask", "guestnetworkid",
            "guestnetworkname",
        ],
    ]

    /// Records whose `service` list is shown without the Gateway service (a VPC's tiers too).
    static let serviceHolders: Set<String> = ["networkoffering", "network", "vpcoffering", "vpc"]
    static let unshownService = "Gateway"

    static func apply(_ caller: Caller, _ reply: Reply, _ store: Store, annotatable: Bool) -> Reply {
        let full = caller.role == .rootAdmin
        let notes = AnnotationIndex(store, admin: full, annotatable: annotatable)
        switch reply {
        case .object(let r):
            return .object(shown(answer: r, full: full, notes))
        case .objectSettingCookies(let r, let cookies):
            return .objectSettingCookies(shown(answer: r, full: full, notes), cookies: cookies)
        case .list(let noun, let items, let total):
            guard fullViewOnly[noun] != nil || serviceHolders.contains(noun) || notes != nil else { return reply }
            return .list(noun: noun, items: items.map { shown($0, as: noun, full: full, notes) }, total: total)
        case .job(var spec):
            let work = spec.work
            spec.work = { store, date in
                shown(
                    answer: try work(store, date), full: full,
                    AnnotationIndex(store, admin: full, annotatable: annotatable))
            }
            return .job(spec)
        }
    }

    /// `{"virtualmachine": {...}}` is shown as its kind is; other answers stay as they are.
    private static func shown(answer: Record, full: Bool, _ notes: AnnotationIndex?) -> Record {
        guard answer.count == 1, let key = answer.keys.first, let inner = answer[key] else { return answer }
        return [key: shown(inner, as: key, full: full, notes)]
    }

    private static func shown(_ value: Value, as noun: String, full: Bool, _ notes: AnnotationIndex?) -> Value {
        guard case .record(var r) = value else { return value }
        if !full, let hidden = fullViewOnly[noun] {
            for name in hidden { r.removeValue(forKey: name) }
        }
        notes?.mark(&r, as: noun)
        if serviceHolders.contains(noun) {
            if let services = r["service"]?.list {
                r["service"] = .list(services.filter { $0[field: "name"]?.string != unshownService })
            }
            if noun == "vpc", let tiers = r["network"]?.list {
                r["network"] = .list(tiers.map { shown($0, as: "network", full: full, notes) })
            }
        }
        return .record(r)
    }
}

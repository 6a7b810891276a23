import Values
import OrderedCollections

/// The real server answers a root admin with the full view (its `...CmdByAdmin` commands) and
/// everyone else, domain admins included, with the restricted one: that leaves out where a
/// resource runs (host, pod, cluster, storage pool and path) and the hypervisor's name for it
/// (UserVmJoinDaoImpl, VolumeJoinDaoImpl, DomainRouterJoinDaoImpl). Handlers build the full
/// record; this stage cuts it to the caller's view, job results included.
enum ResponseView {
    /// Fields of the full view only, by the answer's object name.
    static let fullViewOnly: [String: Set<String>] = [
        "virtualmachine": ["instancename", "hostid", "hostname"],
        "volume": [
            "path", "storagetype", "hypervisor", "storage", "storageid", "clusterid", "clustername", "podid",
            "podname",
        ],
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

    static func apply(_ caller: Caller, _ reply: Reply) -> Reply {
        guard caller.role != .rootAdmin else { return reply }
        switch reply {
        case .object(let r):
            return .object(restricted(answer: r))
        case .objectSettingCookies(let r, let cookies):
            return .objectSettingCookies(restricted(answer: r), cookies: cookies)
        case .list(let noun, let items, let total):
            guard let hidden = fullViewOnly[noun] else { return reply }
            return .list(noun: noun, items: items.map { without(hidden, $0) }, total: total)
        case .job(var spec):
            let work = spec.work
            spec.work = { store, date in restricted(answer: try work(store, date)) }
            return .job(spec)
        }
    }

    /// `{"virtualmachine": {...}}` loses the full view's fields; other answers stay as they are.
    private static func restricted(answer: Record) -> Record {
        guard answer.count == 1, let key = answer.keys.first, let hidden = fullViewOnly[key], let inner = answer[key]
        else { return answer }
        return [key: without(hidden, inner)]
    }

    private static func without(_ hidden: Set<String>, _ value: Value) -> Value {
        guard case .record(var r) = value else { return value }
        for name in hidden { r.removeValue(forKey: name) }
        return .record(r)
    }
}

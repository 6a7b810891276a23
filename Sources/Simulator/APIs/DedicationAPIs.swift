import OrderedCollections
import Values

/// Dedicating zones, pods, clusters and hosts to a domain or an account (root admin), as the
/// dedicated-resources plugin does: one dedication per resource, none inside a container dedicated
/// to someone else, dedications inside it to the same owner folded into it, never over running VMs
/// of another owner; each owner's dedications share an ExplicitDedication affinity group.
enum DedicationAPIs {
    static let cmdPrefix = "org.apache.cloudstack.api.commands."

    static let handlers: [Handler] = DedicationKind.all.flatMap { k in
        [
            Handler("dedicate\(k.title)", async: true) { c throws(APIError) in try dedicate(c, k) },
            Handler("listDedicated\(k.title)s") { c throws(APIError) in
                let accountID = try c.optional("account").map { name throws(APIError) in try account(c, name).id }
                return try c.listEntities(k.key) { d in accountID == nil || d["accountid"] == accountID }
            },
            Handler("releaseDedicated\(k.title)", async: true) { c throws(APIError) in
                let e = try target(c, k)
                guard let d = c.store.table(k.key).first(where: { $0[k.param] == e.id }) else {
                    throw APIError.refused("No Dedicated Resource available to release")
                }
                return .job(
                    JobSpec(
                        cmd: cmdPrefix + "ReleaseDedicated\(k.title)Cmd", instanceType: nil, instanceID: nil,
                        immediateID: nil
                    ) { store, _ in
                        release(store, k, d)
                        return ["success": .bool(true)]
                    })
            },
        ]
    }

    /// The entity a dedicate or release call names; an unknown id is the dispatcher's error.
    static func target(_ c: Call, _ k: DedicationKind) throws(APIError) -> Entity {
        let id = try c.required(k.param)
        guard let e = c.store.table(k.noun).get(id) else {
            throw CatalogCheck.noEntity(k.param, id, command: c.command)
        }
        return e
    }

    static func account(_ c: Call, _ name: String) throws(APIError) -> Entity {
        let domainID = c.optional("domainid") ?? c.caller.domainID
        guard let a = c.store.table("account").first(where: { $0["name"] == name && $0["domainid"] == domainID }) else {
            throw APIError.refused("Unable to find account by name \(name) and domainId \(domainID)")
        }
        return a
    }

    static func dedicate(_ c: Call, _ k: DedicationKind) throws(APIError) -> Reply {
        let e = try target(c, k)
        let domainID = try c.required("domainid")
        guard let domain = c.store.table("domain").get(domainID) else {
            throw CatalogCheck.noEntity("domainid", domainID, command: c.command)
        }
        let owner = try c.optional("account").map { name throws(APIError) in try account(c, name) }
        let name = e["name"] ?? e.id
        if c.store.table(k.key).first(where: { $0[k.param] == e.id }) != nil {
            throw APIError.internalError("\(k.title) \(name) is already dedicated")
        }
        // A container dedicated to a parent domain may be split further; any other owner's container may not.
        let tree = Set(c.store.domainTree(domainID))
        for p in k.parents {
            guard let pid = e[p.param], let d = c.store.table(p.key).first(where: { $0[p.param] == pid }) else {
                continue
            }
            let parentTree = c.store.domainTree(d["domainid"] ?? "")
            if d["accountid"] != nil || !parentTree.contains(domainID) {
                throw APIError.internalError(
                    "\(k.title)'s \(p.title) \(c.store.table(p.noun).get(pid)?["name"] ?? pid) is already dedicated")
            }
        }
        // Dedications inside it: the same owner's are folded in, another's forbid it.
        var folded: [(DedicationKind, Entity)] = []
        for ch in k.children {
            for d in c.store.table(ch.key).rows {
                guard let child = c.store.table(ch.noun).get(d[ch.param] ?? ""), child[k.param] == e.id else {
                    continue
                }
                let same = owner.map { d["accountid"] == $0.id } ?? (d["accountid"] == nil && d["domainid"] == domainID)
                let inside = owner == nil && tree.contains(d["domainid"] ?? "")
                if same {
                    folded.append((ch, d))
                } else if !inside {
                    throw APIError.internalError(
                        "\(ch.title) \(child["name"] ?? child.id) under this \(k.title) \(name) is dedicated to "
                            + "different account/domain")
                }
            }
        }
        // No running VM of another owner on its hosts.
        let hosts = k.noun == "host" ? [e] : c.store.table("host").rows.filter { $0[k.param] == e.id }
        for h in hosts {
            let others = c.store.vms.live.contains { vm in
                vm.hostID == h.id && (owner.map { vm.accountID != $0.id } ?? !tree.contains(vm.domainID))
            }
            if others {
                throw APIError.internalError(
                    "Host \(h.seq) found to be unsuitable for explicit dedication as it is running instances of "
                        + "another \(owner == nil ? "domain" : "account")")
            }
        }
        return .job(
            JobSpec(cmd: cmdPrefix + "Dedicate\(k.title)Cmd", instanceType: nil, instanceID: nil, immediateID: nil) {
                store, _ in
                for (ch, d) in folded { release(store, ch, d, keepGroup: true) }
                let group = dedicationGroup(store, domain: domain, account: owner)
                var f: Record = [
                    k.param: .string(e.id), "\(k.noun)name": e.fields["name"] ?? .string(""),
                    "domainid": .string(domainID), "affinitygroupid": .string(group.id),
                ]
                if let owner { f["accountid"] = .string(owner.id) }
                return [k.key: .record(store.insert(k.key, f).fields)]
            })
    }

    /// The owner's ExplicitDedication group, made with its first dedication.
    static func dedicationGroup(_ store: Store, domain: Entity, account: Entity?) -> Entity {
        let name = account.map { "DedicatedGrp-\($0["name"] ?? "")" } ?? "DedicatedGrp-domain-\(domain["name"] ?? "")"
        if let g = store.table("affinitygroup").first(where: {
            $0["name"] == name && $0["type"] == "ExplicitDedication"
        }) {
            return g
        }
        var f: Record = [
            "name": .string(name), "description": .string("dedicated resources group"),
            "type": .string("ExplicitDedication"), "domainid": .string(domain.id),
            "domain": domain.fields["name"] ?? .string(""), "virtualmachineIds": .list([]),
        ]
        if let account { f["account"] = account.fields["name"] }
        return store.insert("affinitygroup", f)
    }

    /// Ends a dedication; the owner's group goes with its last one.
    static func release(_ store: Store, _ k: DedicationKind, _ d: Entity, keepGroup: Bool = false) {
        store.table(k.key).remove(d.id)
        guard !keepGroup, let group = d["affinitygroupid"] else { return }
        let used = DedicationKind.all.contains { kind in
            store.table(kind.key).rows.contains { $0["affinitygroupid"] == group }
        }
        if !used { store.table("affinitygroup").remove(group) }
    }
}

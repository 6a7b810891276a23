import Values

/// Explicit dedication: a zone, pod, cluster or host set aside for one domain (and its sub-domains)
/// or one account. The deployment planner keeps other owners' VMs off what is dedicated.
struct DedicationKind: Sendable {
    /// `Zone`, as the server's messages name it.
    var title: String
    /// The entity's table and id parameter: zone, zoneid.
    var noun: String
    var param: String { noun + "id" }
    /// The dedicated record's table and answer key: dedicatedzone.
    var key: String { "dedicated" + noun }
    /// The entity's fields naming its containers, outermost first (a host: zone, pod, cluster).
    var parents: [DedicationKind] {
        Array(Self.all.prefix { $0.noun != noun })
    }
    var children: [DedicationKind] { Array(Self.all.drop { $0.noun != noun }.dropFirst()) }

    static let zone = DedicationKind(title: "Zone", noun: "zone")
    static let pod = DedicationKind(title: "Pod", noun: "pod")
    static let cluster = DedicationKind(title: "Cluster", noun: "cluster")
    static let host = DedicationKind(title: "Host", noun: "host")
    static let all = [zone, pod, cluster, host]
}

extension Store {
    /// The dedication that covers an entity of `kind` (its own, or its zone's, pod's or cluster's).
    func dedication(of e: Entity, _ kind: DedicationKind) -> Entity? {
        for k in kind.parents.reversed() + [kind] {
            let id = k.noun == kind.noun ? e.id : e[k.param]
            if let id, let d = table(k.key).first(where: { $0[k.param] == id }) { return d }
        }
        return nil
    }

    /// May a VM of this account (in this domain) run on `host`? Not when the host is dedicated to
    /// another account, or to a domain outside whose tree the account is.
    func mayUse(host: Entity, accountID: String, domainID: String) -> Bool {
        guard DedicationKind.all.contains(where: { tables[$0.key]?.rows.isEmpty == false }),
              let d = dedication(of: host, .host) else { return true }
        if let owner = d["accountid"] { return owner == accountID }
        return isDomain(domainID, within: d["domainid"] ?? "")
    }
}

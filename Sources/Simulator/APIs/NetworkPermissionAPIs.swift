import OrderedCollections
import Values

/// Network permissions (4.17): the owner of an isolated network lets other accounts (or projects)
/// of its domain deploy VMs in it, as NetworkPermissionServiceImpl keeps them. deployVirtualMachine
/// refuses a network of another account without one (Store.mayUse).
enum NetworkPermissionAPIs {
    static let table = "networkpermission"

    static let handlers: [Handler] = [
        Handler("createNetworkPermissions") { c throws(APIError) in
            let network = try permittable(c)
            let owner = network["account"]
            for a in try accounts(c, network: network) where !(a.project == nil && a.entity["name"] == owner) {
                let key = "\(network.id)/\(a.entity.id)"
                guard c.store.table(table).get(key) == nil else { continue }
                var f: Record = [
                    "networkid": .string(network.id), "domainid": network.fields["domainid"] ?? .null,
                    "domain": network.fields["domain"] ?? .null,
                ]
                if let p = a.project {
                    f["projectid"] = .string(p.id)
                    f["project"] = p.fields["name"]
                } else {
                    f["accountid"] = .string(a.entity.id)
                    f["account"] = a.entity.fields["name"]
                }
                c.store.table(table).insert(Entity(id: key, fields: f))
            }
            return .object(["success": .bool(true)])
        },
        Handler("listNetworkPermissions") { c throws(APIError) in
            let id = try c.required("networkid")
            guard let network = c.store.table("network").get(id) else {
                throw APIError.refused("unable to find network with id \(id)")
            }
            _ = try NetworkAPIs.ownNetwork(c, "networkid")
            let rows = c.store.table(table).rows.filter { $0["networkid"] == network.id }
            return .list(noun: "networkpermission", items: rows.map { .record($0.fields) }, total: rows.count)
        },
        Handler("removeNetworkPermissions") { c throws(APIError) in
            let network = try permittable(c)
            for a in try accounts(c, network: network) { c.store.table(table).remove("\(network.id)/\(a.entity.id)") }
            return .object(["success": .bool(true)])
        },
        Handler("resetNetworkPermissions") { c throws(APIError) in
            let network = try permittable(c)
            for r in c.store.table(table).rows where r["networkid"] == network.id { c.store.table(table).remove(r.id) }
            return .object(["success": .bool(true)])
        },
    ]

    /// The network whose permissions the caller may change: an account's isolated network, by its owner or an admin.
    static func permittable(_ c: Call) throws(APIError) -> Entity {
        let id = try c.required("networkid")
        guard let network = c.store.table("network").get(id) else {
            throw APIError.refused("unable to find network with id \(id)")
        }
        if network["acltype"] == "Domain" { throw APIError.refused("network is already shared in domain") }
        if network["vpcid"] != nil { throw APIError.refused("VPC tiers cannot be shared") }
        if network["projectid"] != nil {
            throw APIError.refused(
                "Update network permissions is an invalid operation on network \(network["name"] ?? id). "
                    + "Project owned networks cannot be shared outside network.")
        }
        _ = try NetworkAPIs.ownNetwork(c, "networkid")
        if c.caller.role == .user, network["account"] != c.caller.account {
            throw APIError.refused(
                "Unable to grant permission to account \(c.caller.account) as it is neither admin nor owner or the network"
            )
        }
        return network
    }

    /// accountids, accounts (names in the network's domain) and projectids, each active and in that domain.
    static func accounts(_ c: Call, network: Entity) throws(APIError) -> [(entity: Entity, project: Entity?)] {
        let domainID = network["domainid"] ?? ""
        var out: [(Entity, Entity?)] = []
        for id in c.list("accountids") ?? [] {
            guard let a = c.store.table("account").get(id), a["domainid"] == domainID, a["state"] == "enabled" else {
                throw APIError.refused(
                    "Unable to find account \(id) in domain id=\(domainID). No permissions is removed")
            }
            out.append((a, nil))
        }
        for name in c.list("accounts") ?? [] {
            guard
                let a = c.store.table("account").first(where: {
                    $0["name"] == name && $0["domainid"] == domainID && $0["state"] == "enabled"
                })
            else {
                throw APIError.refused("Unable to find account by name \(name)")
            }
            out.append((a, nil))
        }
        for id in c.list("projectids") ?? [] {
            guard let p = c.store.table(Store.projectNoun).get(id) else {
                throw APIError.refused("Unable to find project by id \(id)")
            }
            guard ProjectAPIs.visible(c, p) else {
                throw APIError.refused("Account \(c.caller.account) can't access project id=\(p.id)")
            }
            out.append((p, p))
        }
        return out
    }
}

extension Store {
    /// May VMs of `owner` (an account, or a project by its id) use this network? Shared networks and the
    /// owner's own yes; another account's isolated network only with a network permission.
    func mayUse(_ network: Entity, ownerAccountID: String, ownerName: String, projectID: String?) -> Bool {
        if network["acltype"] == "Domain" || network["type"] == "Shared" { return true }
        if let projectID {
            return network["projectid"] == projectID
                || table(NetworkPermissionAPIs.table).get("\(network.id)/\(projectID)") != nil
        }
        if network["projectid"] == nil, network["account"] == ownerName,
            table("account").get(ownerAccountID)?["domainid"] == network["domainid"]
        {
            return true
        }
        return table(NetworkPermissionAPIs.table).get("\(network.id)/\(ownerAccountID)") != nil
    }
}

import Values

/// Guest networks: list (shared ones visible to all), create, update, restart, delete.
enum NetworkAPIs {
    static let cmdPrefix = "org.apache.cloudstack.api.command.user.network."

    static let handlers: [Handler] = [
        Handler("listNetworks") { c throws(APIError) in
            let visible = try c.visibility()
            return try c.listEntities("network", taggable: true) { n in
                n["type"] == "Shared" || visible.allows(account: n["account"], domainID: n["domainid"])
            }
        },
        Handler("createNetwork") { c throws(APIError) in
            let name = try c.required("name")
            let zone = try c.entity("zone", "zoneid", what: "zone")
            let offering = try c.entity("networkoffering", "networkofferingid", what: "network offering")
            let type = offering["guestiptype"] ?? "Isolated"
            let cidr: String
            if let gw = c.optional("gateway"), let mask = c.optional("netmask") {
                guard mask == "255.255.255.0" else { throw APIError.invalid("netmask", "the sandbox supports /24 networks only") }
                cidr = gw.split(separator: ".").prefix(3).joined(separator: ".") + ".0/24"
            } else {
                cidr = c.store.defaultGuestCIDR(zone: zone)
            }
            let e = c.store.insertNetwork(name: name, zone: zone, offering: offering, type: type, cidr: cidr,
                                          owner: c.caller, c.created, displayText: c.optional("displaytext"))
            return .object(["network": c.render(e, taggable: true)])
        },
        Handler("updateNetwork", async: true) { c throws(APIError) in
            let n = try ownNetwork(c)
            return .job(JobSpec(cmd: cmdPrefix + "UpdateNetworkCmd", instanceType: "Network", instanceID: n.id,
                                immediateID: nil) { [params = c.params] store, _ in
                store.table("network").update(n.id) { e in
                    if let v = params.value("name") { e.fields["name"] = .string(v) }
                    if let v = params.value("displaytext") { e.fields["displaytext"] = .string(v) }
                }
                return ["network": store.tagged(try store.jobEntity("network", n.id))]
            })
        },
        Handler("restartNetwork", async: true) { c throws(APIError) in
            let n = try ownNetwork(c)
            return .job(JobSpec(cmd: cmdPrefix + "RestartNetworkCmd", instanceType: "Network", instanceID: n.id,
                                immediateID: nil) { _, _ in ["success": .bool(true)] })
        },
        Handler("deleteNetwork", async: true) { c throws(APIError) in
            let n = try ownNetwork(c)
            let users = c.store.vms.live.filter { $0.networkID == n.id }.count
            if users > 0 {
                throw APIError.inUse("Unable to delete network \(n["name"] ?? n.id): \(users) VM(s) still use it; destroy or move them first")
            }
            return .job(JobSpec(cmd: cmdPrefix + "DeleteNetworkCmd", instanceType: "Network", instanceID: n.id,
                                immediateID: nil) { store, _ in
                store.table("network").remove(n.id)
                return ["success": .bool(true)]
            })
        },
    ]

    static func ownNetwork(_ c: Call) throws(APIError) -> Entity {
        let n = try c.entity("network", "id", what: "network")
        // Shared networks have no owning account: only admins change them.
        if n["account"] == nil {
            if c.caller.role == .user { throw c.denied("network \(n.id)") }
            try c.checkDomainAccess(n["domainid"] ?? "")
        } else {
            try c.checkAccess(account: n["account"], domainID: n["domainid"], what: "network \(n.id)")
        }
        return n
    }
}

import Values
import OrderedCollections

/// Guest networks: list (shared ones visible to all), create (isolated, shared with an IP
/// range, or a VPC tier), update, restart, delete. An isolated network stays Allocated until
/// its first VM or public IP implements it (source NAT address and virtual router).
enum NetworkAPIs {
    static let cmdPrefix = "org.apache.cloudstack.api.command.user.network."

    static let handlers: [Handler] = [
        Handler("listNetworks") { c throws(APIError) in
            let visible = try c.visibility()
            let wanted = try NetworkOfferingAPIs.services(c, "supportedservices")
            let exact = c.exactFields(["vpcid", "aclid", "zoneid", "physicalnetworkid", "networkofferingid"])
            let forVPC: Bool? = c.optional("forvpc") == nil ? nil : try c.bool("forvpc")
            // System networks show only to admins asking issystem=true (a user's issystem is ignored),
            // and then alone, whoever owns what (NetworkServiceImpl.searchForNetworks).
            let system = try c.bool("issystem") && c.caller.role != .user
            if system, c.optional("account") != nil || c.optional("domainid") != nil {
                throw APIError.refused(
                    "System network belongs to system, account and domainId parameters can't be specified")
            }
            return try c.without(["issystem"]).listEntities("network", taggable: true) { n in
                guard (n["issystem"] == "true") == system else { return false }
                guard system || n["type"] == "Shared" || visible.allows(account: n["account"], domainID: n["domainid"])
                else {
                    return false
                }
                if let forVPC, (n["vpcid"] != nil) != forVPC { return false }
                return exact(n) && wanted.allSatisfy(NetworkOfferings.serviceNames(n.fields).contains)
            }
        },
        Handler("createNetwork", create),
        Handler("updateNetwork", async: true) { c throws(APIError) in
            let n = try ownNetwork(c)
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "UpdateNetworkCmd", instanceType: "Network", instanceID: n.id,
                    immediateID: nil
                ) { [params = c.params] store, _ in
                    store.table("network").update(n.id) { e in
                        for k in ["name", "displaytext", "networkdomain"] {
                            if let v = params.value(k) { e.fields[k] = .string(v) }
                        }
                        if let v = params.value("displaynetwork") { e.fields["displaynetwork"] = .bool(v == "true") }
                    }
                    return ["network": store.tagged(try store.jobEntity("network", n.id))]
                })
        },
        Handler("restartNetwork", async: true) { c throws(APIError) in
            let n = try ownNetwork(c)
            let cleanup = try c.bool("cleanup")
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "RestartNetworkCmd", instanceType: "Network", instanceID: n.id,
                    immediateID: nil
                ) { store, date in
                    // cleanup: the old router goes and a new one takes its place.
                    if cleanup,
                        let old = store.table("router").first(where: {
                            $0["guestnetworkid"] == n.id && !Store.isInternalLBVM($0)
                        }),
                        let zone = store.table("zone").get(n["zoneid"] ?? "")
                    {
                        store.table("router").remove(old.id)
                        store.addRouter(
                            zone: zone, owner: Store.ownerFields(of: n.fields), created: SimClock.cloudStackTime(date),
                            network: n, vpc: nil, publicIP: old["publicip"])
                    }
                    store.table("network").update(n.id) { $0.fields["restartrequired"] = .bool(false) }
                    return ["success": .bool(true)]
                })
        },
        Handler("deleteNetwork", async: true) { c throws(APIError) in
            let n = try ownNetwork(c)
            let users =
                c.store.vms.live.filter { $0.networkID == n.id }.count
                + c.store.table("nic").rows.filter { $0["networkid"] == n.id }.count
            if users > 0 {
                throw APIError.inUse(
                    "Unable to delete network \(n["name"] ?? n.id): \(users) VM(s) still use it; destroy or move them first"
                )
            }
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "DeleteNetworkCmd", instanceType: "Network", instanceID: n.id,
                    immediateID: nil
                ) { store, _ in
                    store.removeNetworkDependents(networkID: n.id)
                    store.table("network").remove(n.id)
                    return ["success": .bool(true)]
                })
        },
    ]

    static func create(_ c: Call) throws(APIError) -> Reply {
        let name = try c.required("name")
        let zone = try c.entity("zone", "zoneid", what: "zone")
        let offering = try c.entity("networkoffering", "networkofferingid", what: "network offering")
        guard offering["state"] == "Enabled" else {
            throw APIError.refused("Network offering with specified id is not in Enabled state")
        }
        let type = offering["guestiptype"] ?? "Isolated"
        let vpc = try c.optional("vpcid").map { _ throws(APIError) in try VPCAPIs.ownVPC(c, "vpcid") }
        if vpc != nil, offering["forvpc"] != "true" {
            throw APIError.refused("Network offering \(offering["name"] ?? offering.id) can't be used for VPC networks")
        }
        if vpc == nil, offering["forvpc"] == "true" {
            throw APIError.refused(
                "Network offering \(offering["name"] ?? offering.id) can be used for VPC networks only: pass vpcid")
        }
        // An offering with specifyvlan needs the VLAN, which no other network of the zone may use.
        if let v = c.optional("vlan") {
            let uri = v.hasPrefix("vlan://") ? v : "vlan://\(v)"
            if c.store.table("network").first(where: { $0["zoneid"] == zone.id && $0["broadcasturi"] == uri }) != nil {
                throw APIError.refused(
                    "Network with vlan \(v) already exists or overlaps with other network vlans in zone \(zone["name"] ?? zone.id)"
                )
            }
        } else if offering["specifyvlan"] == "true" {
            throw APIError.refused(
                "Network offering \(offering["name"] ?? offering.id) has specifyvlan=true: pass vlan")
        }
        let range: IPv4.Span
        if let gw = c.optional("gateway") {
            let mask = try c.required("netmask")
            guard let r = IPv4.Span(gateway: gw, netmask: mask), r.last > r.first + 1 else {
                throw APIError.invalid("netmask", "\(gw)/\(mask) is not a valid gateway and netmask")
            }
            range = r
        } else if vpc != nil {
            throw APIError.refused("Gateway and netmask are required when creating a network in a VPC")
        } else {
            guard let r = IPv4.Span(cidr: c.store.defaultGuestCIDR(zone: zone)) else {
                throw APIError.internalError("zone \(zone["name"] ?? zone.id) has no usable guest CIDR")
            }
            range = r
        }
        var acl: Entity?
        if let vpc {
            guard let outer = IPv4.Span(cidr: vpc["cidr"] ?? ""), outer.contains(range) else {
                throw APIError.refused(
                    "Network cidr \(range.cidr) is not within vpc \(vpc["name"] ?? vpc.id) cidr \(vpc["cidr"] ?? "")")
            }
            for t in c.store.table("network").rows where t["vpcid"] == vpc.id {
                if let other = IPv4.Span(cidr: t["cidr"] ?? ""), other.overlaps(range) {
                    throw APIError.refused(
                        "Network cidr \(range.cidr) crosses other network cidr \(t["name"] ?? t.id) "
                            + "belonging to the same vpc \(vpc["name"] ?? vpc.id)")
                }
            }
            // A tier made without aclid has no ACL list until replaceNetworkACLList gives it one (the server sets none).
            acl = try c.optional("aclid").map { _ throws(APIError) in
                try NetworkACLAPIs.usableACL(c, "aclid", vpcID: vpc.id)
            }
        }
        let owner: Caller? = type == "Shared" && c.optional("account") == nil ? c.caller : try c.owner()
        var e = c.store.insertNetwork(
            name: name, zone: zone, offering: offering, type: type, cidr: range.cidr,
            owner: owner, c.created, displayText: c.optional("displaytext"))
        c.store.table("network").update(e.id) { n in
            n.fields["gateway"] = .string(c.optional("gateway") ?? IPv4.text(range.first + 1))
            n.fields["netmask"] = .string(c.optional("netmask") ?? IPv4.netmask(range.cidr) ?? "255.255.255.0")
            if let d = c.optional("networkdomain") { n.fields["networkdomain"] = .string(d) }
            if let d = c.optional("displaynetwork") { n.fields["displaynetwork"] = .bool(d == "true") }
            if let v = c.optional("vlan") {
                n.fields["vlan"] = .string(v)
                n.fields["broadcasturi"] = .string(v.hasPrefix("vlan://") ? v : "vlan://\(v)")
            }
            if let vpc {
                n.fields["egressdefaultpolicy"] = nil
                n.fields["vpcid"] = .string(vpc.id)
                n.fields["vpcname"] = vpc.fields["name"]
            }
            if let acl {
                n.fields["aclid"] = .string(acl.id)
                n.fields["aclname"] = acl.fields["name"]
            }
        }
        if type == "L2" {  // a plain layer-2 segment: the guest brings its own addressing
            c.store.table("network").update(e.id) { n in for k in ["gateway", "netmask", "cidr"] { n.fields[k] = nil } }
        }
        e = c.store.table("network").get(e.id)!
        if type == "Shared", let start = c.optional("startip") {
            _ = try VLANAPIs.addRange(c, network: e, zone: zone, start: start, end: c.optional("endip") ?? start)
        }
        // A tier of a running VPC is plugged into its router at once.
        if let vpc, c.store.table("router").first(where: { $0["vpcid"] == vpc.id && !Store.isInternalLBVM($0) }) != nil
        {
            c.store.table("network").update(e.id) { $0.fields["state"] = .string("Implemented") }
            c.store.allocateGuestVlan(e.id)
            c.store.addTierNIC(c.store.table("network").get(e.id)!)
        }
        return .object(["network": c.render(c.store.table("network").get(e.id)!, taggable: true)])
    }

    static func ownNetwork(_ c: Call, _ param: String = "id") throws(APIError) -> Entity {
        let n = try c.entity("network", param, what: "network")
        // The zone's system networks are the server's own (NetworkServiceImpl refuses them by these words).
        if n["issystem"] == "true" {
            if c.command.lowercased() == "deletenetwork" {
                throw APIError.refused("Network \(n.id) is system and can't be removed")
            }
            throw APIError.refused("Can't allow networks which traffic type is not Guest")
        }
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

extension Call {
    /// The same call without some parameters (ones a list handler filters on itself).
    func without(_ names: Set<String>) -> Call {
        with(params: RequestParams(params.pairs.filter { !names.contains($0.0.lowercased()) }))
    }

    /// Filters on fields that must match exactly when given, even when no row has the field
    /// (the shared list filter skips parameters that name no field).
    func exactFields(_ names: [String]) -> (Entity) -> Bool {
        let wanted = names.compactMap { n in optional(n).map { (n, $0.lowercased()) } }
        return { e in wanted.allSatisfy { e[$0.0]?.lowercased() == $0.1 } }
    }
}

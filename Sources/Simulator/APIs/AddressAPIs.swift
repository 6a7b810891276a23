import Values
import OrderedCollections

/// Public IP addresses (for an isolated network or a VPC) and static NAT on them.
enum AddressAPIs {
    static let handlers: [Handler] = [
        Handler("listPublicIpAddresses") { c throws(APIError) in
            let exact = c.exactFields([
                "vpcid", "associatednetworkid", "ipaddress", "zoneid", "issourcenat", "isstaticnat",
                "forvirtualnetwork", "physicalnetworkid", "vlanid", "state",
            ])
            let network = c.optional("networkid")
            if try !c.bool("allocatedonly", default: true), c.optional("projectid") == nil {
                // The free addresses too (what reserveIpAddress takes), next to the visible allocated ones.
                c.store.syncFreeAddresses()
                let visible = try c.visibility()
                let rows =
                    c.store.table("publicipaddress").rows.filter {
                        $0["projectid"] == nil && visible.allows(account: $0["account"], domainID: $0["domainid"])
                    }
                    + c.store.table(PublicIPReserveAPIs.freeNoun).rows
                return try c.without(["networkid", "allocatedonly", "listall", "isrecursive"]).listEntities(
                    "publicipaddress", rows: rows, taggable: true
                ) { ip in
                    exact(ip) && (network == nil || ip["associatednetworkid"] == network || ip["networkid"] == network)
                }
            }
            return try c.without(["networkid"]).listEntities("publicipaddress", owned: true, taggable: true) { ip in
                exact(ip) && (network == nil || ip["associatednetworkid"] == network || ip["networkid"] == network)
            }
        },
        Handler("associateIpAddress", async: true) { c throws(APIError) in
            var network = try c.optional("networkid").map { _ throws(APIError) in
                try NetworkAPIs.ownNetwork(c, "networkid")
            }
            let vpc = try c.optional("vpcid").map { _ throws(APIError) in try VPCAPIs.ownVPC(c, "vpcid") }
            if let network, network["vpcid"] != nil, vpc == nil {
                throw APIError.refused(
                    "Network \(network["name"] ?? network.id) is a VPC tier: associate the address with its VPC (vpcid)"
                )
            }
            let zoneID = network?["zoneid"] ?? vpc?["zoneid"] ?? c.optional("zoneid")
            guard let zoneID, let zone = c.store.table("zone").get(zoneID) else {
                throw APIError.missing(c.optional("zoneid") == nil ? "zoneid" : "networkid", command: c.command)
            }
            if zone["networktype"] == "Basic" {
                throw APIError.invalid(
                    "zoneid", "zone \(zone["name"] ?? zoneID) is a Basic zone: it has no public IPs to associate")
            }
            if network == nil, vpc == nil { network = try soleIsolatedNetwork(c, zone: zone) }
            if let network, network["type"] == "Shared" {
                throw APIError.refused(
                    "Can't associate a public IP address with shared network \(network["name"] ?? network.id)")
            }
            let owner: Record
            if let holder = network ?? vpc {
                owner = Store.ownerFields(of: holder.fields)
            } else {
                owner = try c.ownerFields()
            }
            var id = c.store.newID()
            // In a VPC the address belongs to the VPC; a rule later ties it to one tier.
            var f = c.store.publicIPRecord(
                zone: zone, owner: owner, created: c.created, network: vpc == nil ? network : nil, vpc: vpc)
            // A portable address of the region (`ipaddress` is not read then); else `ipaddress`: the owner's
            // reserved address, or a free one of the zone.
            var reserved: Entity?
            if try c.bool("isportable") {
                try PortableIPAPIs.allocate(c, into: &f)
            } else if let wanted = c.optional("ipaddress") {
                c.store.syncFreeAddresses()
                if let r = c.store.table("publicipaddress").first(where: {
                    $0["zoneid"] == zone.id && $0["ipaddress"] == wanted
                }) {
                    guard r["state"] == "Reserved", r["account"] == owner["account"]?.plainText,
                        r["projectid"] == owner["projectid"]?.plainText
                    else {
                        throw APIError.refused(
                            "IP address \(wanted) is not available to \(owner["account"]?.plainText ?? "this owner")")
                    }
                    reserved = r
                    id = r.id
                    f["allocated"] = r.fields["allocated"]
                } else if let free = c.store.table(PublicIPReserveAPIs.freeNoun).first(where: {
                    $0["zoneid"] == zone.id && $0["ipaddress"] == wanted
                }) {
                    c.store.table(PublicIPReserveAPIs.freeNoun).remove(free.id)
                    id = free.id
                } else {
                    throw APIError.refused(
                        "IP address \(wanted) is not a free public address of zone \(zone["name"] ?? zone.id)")
                }
                f["ipaddress"] = .string(wanted)
            }
            let (ipID, fromReserved, fields) = (id, reserved != nil, f)
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.user.address.AssociateIPAddrCmd",
                    instanceType: "IpAddress", instanceID: ipID, immediateID: ipID
                ) { store, date in
                    if let network, vpc == nil {
                        store.implementNetwork(network.id, created: SimClock.cloudStackTime(date))
                    }
                    if fromReserved {
                        store.table("publicipaddress").update(ipID) {
                            $0.fields.merge(fields, uniquingKeysWith: { $1 })
                        }
                        return ["ipaddress": store.tagged(try store.jobEntity("publicipaddress", ipID))]
                    }
                    return ["ipaddress": store.tagged(store.insert("publicipaddress", fields, id: ipID))]
                })
        },
        Handler("disassociateIpAddress", async: true) { c throws(APIError) in
            let ip = try ownAddress(c, "id")
            if ip["issourcenat"] == "true" {
                throw APIError.refused(
                    "IP address \(ip["ipaddress"] ?? ip.id) is used for source nat purposes and can not be disassociated."
                )
            }
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.user.address.DisassociateIPAddrCmd",
                    instanceType: "IpAddress", instanceID: ip.id, immediateID: nil
                ) { store, _ in
                    store.releaseAddress(ip.id)
                    return ["success": .bool(true)]
                })
        },
        Handler("updateIpAddress", async: true) { c throws(APIError) in
            let ip = try ownAddress(c, "id")
            let display = try c.optional("fordisplay").map { _ throws(APIError) in try c.bool("fordisplay") }
            try VMOwnershipAPIs.refuseCustomID(c)
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.user.address.UpdateIPAddrCmd", instanceType: "IpAddress",
                    instanceID: ip.id, immediateID: nil
                ) { store, _ in
                    _ = try store.jobEntity("publicipaddress", ip.id)
                    store.table("publicipaddress").update(ip.id) { e in
                        if let display { e.fields["fordisplay"] = .bool(display) }
                    }
                    return ["ipaddress": store.tagged(try store.jobEntity("publicipaddress", ip.id))]
                })
        },
        Handler("enableStaticNat") { c throws(APIError) in
            let ip = try ownAddress(c, "ipaddressid")
            let vm = try VirtualMachineAPIs.findBy(c, param: "virtualmachineid")
            if ip["issourcenat"] == "true" {
                throw APIError.refused("Can't enable static nat on the source nat ip address \(ip["ipaddress"] ?? "")")
            }
            let network = try ruleNetwork(c, ip: ip, vm: vm)
            if ip["isstaticnat"] == "true" {
                if ip["virtualmachineid"] == vm.id {
                    throw APIError.refused("Static nat is already enabled for ip address \(ip["ipaddress"] ?? "")")
                }
                throw APIError.refused(
                    "Failed to enable static nat for the ip address id=\(ip.id) as vm id=\(ip["virtualmachineid"] ?? "") "
                        + "is already associated with ip id=\(ip.id)")
            }
            if let other = c.store.table("publicipaddress").first(where: {
                $0["virtualmachineid"] == vm.id && $0["isstaticnat"] == "true"
            }) {
                throw APIError.refused(
                    "Failed to enable static nat for the ip address id=\(ip.id) as vm id=\(vm.id) is already associated "
                        + "with ip id=\(other.id)")
            }
            if c.store.table("portforwardingrule").first(where: { $0["ipaddressid"] == ip.id }) != nil
                || c.store.table("loadbalancerrule").first(where: { $0["publicipid"] == ip.id }) != nil
            {
                throw APIError.refused(
                    "Can't enable static nat for ip address \(ip["ipaddress"] ?? ""): it has port forwarding or load balancing rules"
                )
            }
            let guestIP = try LoadBalancerAPIs.guestIP(c, vm: vm, network: network.id)
            c.store.table("publicipaddress").update(ip.id) { e in
                e.fields["isstaticnat"] = .bool(true)
                e.fields["virtualmachineid"] = .string(vm.id)
                e.fields["virtualmachinename"] = .string(vm.name)
                e.fields["virtualmachinedisplayname"] = .string(vm.displayName)
                e.fields["vmipaddress"] = .string(guestIP)
                e.fields["associatednetworkid"] = .string(network.id)
                e.fields["associatednetworkname"] = network.fields["name"]
            }
            return .object(["success": .bool(true)])
        },
        Handler("disableStaticNat", async: true) { c throws(APIError) in
            let ip = try ownAddress(c, "ipaddressid")
            guard ip["isstaticnat"] == "true" else {
                throw APIError.refused("Specified IP address id is not associated with any vm Id")
            }
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.user.nat.DisableStaticNatCmd", instanceType: "IpAddress",
                    instanceID: ip.id, immediateID: nil
                ) { store, _ in
                    store.clearStaticNat(ip.id)
                    return ["success": .bool(true)]
                })
        },
    ]

    /// With only a zone, the address goes to the owner's one isolated network there (the project's,
    /// given `projectid`), as the server's AssociateIPAddrCmd picks it; none or several is an error in
    /// the server's words, which name the caller's (or `account`'s) account and domain either way.
    static func soleIsolatedNetwork(_ c: Call, zone: Entity) throws(APIError) -> Entity {
        let owner = try c.ownerFields()
        let account = owner["account"]?.plainText, domainID = owner["domainid"]?.plainText
        let projectID = try c.optional("projectid").map { _ throws(APIError) in
            try ProjectAPIs.project(c, "projectid", admin: false).id
        }
        let networks = c.store.table("network").rows.filter {
            guard $0["zoneid"] == zone.id, $0["type"] == "Isolated" else { return false }
            if let projectID { return $0["projectid"] == projectID }
            return $0["account"] == account && $0["domainid"] == domainID && $0["projectid"] == nil
        }
        guard networks.count == 1, let only = networks.first else {
            if networks.isEmpty {
                let domain = owner["domain"]?.plainText ?? ""
                throw APIError.refused(
                    "Account name=\(account ?? "") domain=\(domain) doesn't have virtual networks in zone=\(zone["name"] ?? zone.id)"
                )
            }
            throw APIError.refused("Account has more than one isolated network in the zone")
        }
        return only
    }

    static func ownAddress(_ c: Call, _ param: String) throws(APIError) -> Entity {
        let ip = try c.entity("publicipaddress", param, what: "public IP address")
        try c.checkAccess(account: ip["account"], domainID: ip["domainid"], what: "public IP address \(ip.id)")
        return ip
    }

    /// The guest network a rule on `ip` reaches `vm` through: the IP's network, or for a VPC
    /// address the tier given by `networkid` (or the VM's tier in that VPC).
    static func ruleNetwork(_ c: Call, ip: Entity, vm: VM) throws(APIError) -> Entity {
        let vmNetworks =
            [vm.networkID]
            + c.store.table("nic").rows.filter { $0["virtualmachineid"] == vm.id }.compactMap { $0["networkid"] }
        var id = c.optional("networkid") ?? ip["associatednetworkid"]
        if id == nil, let vpcID = ip["vpcid"] {
            id = vmNetworks.first { c.store.table("network").get($0)?["vpcid"] == vpcID }
        }
        guard let id, let network = c.store.table("network").get(id) else {
            throw APIError.refused(
                "Unable to find the network of virtual machine \(vm.name) for IP address \(ip["ipaddress"] ?? ""); pass networkid"
            )
        }
        if let vpcID = ip["vpcid"], network["vpcid"] != vpcID {
            throw APIError.refused(
                "Network \(network["name"] ?? id) is not a tier of the VPC of IP address \(ip["ipaddress"] ?? "")")
        }
        if ip["vpcid"] == nil, let own = ip["associatednetworkid"], own != id {
            throw APIError.refused(
                "IP address \(ip["ipaddress"] ?? "") belongs to another network than \(network["name"] ?? id)")
        }
        guard vmNetworks.contains(id) else {
            throw APIError.refused("Virtual machine \(vm.name) has no nic in network \(network["name"] ?? id)")
        }
        return network
    }
}

extension Store {
    /// Releases a public IP with the rules and VPN on it.
    func releaseAddress(_ id: String) {
        for noun in ["firewallrule", "portforwardingrule", "remoteaccessvpn", IPForwardingAPIs.noun] {
            for r in table(noun).rows where r["ipaddressid"] == id || r["publicipid"] == id { table(noun).remove(r.id) }
        }
        for r in table("loadbalancerrule").rows where r["publicipid"] == id {
            table("loadbalancerrule").remove(r.id)
            removePolicies(ofRule: r.id)
        }
        table("publicipaddress").remove(id)
    }

    /// Disabling static NAT also revokes the address's static NAT rules (IPForwardingAPIs).
    func clearStaticNat(_ id: String) {
        for r in table(IPForwardingAPIs.noun).rows where r["ipaddressid"] == id {
            table(IPForwardingAPIs.noun).remove(r.id)
        }
        table("publicipaddress").update(id) { e in
            for k in ["virtualmachineid", "virtualmachinename", "virtualmachinedisplayname", "vmipaddress"] {
                e.fields[k] = nil
            }
            e.fields["isstaticnat"] = .bool(false)
            if e.fields["vpcid"] != nil, e.fields["issourcenat"]?.plainText != "true" {
                e.fields["associatednetworkid"] = nil
                e.fields["associatednetworkname"] = nil
            }
        }
    }
}

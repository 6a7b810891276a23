import Values
import OrderedCollections

extension Store {
    /// The owner fields of a record, to copy onto what is made for it (routers, IPs, rules).
    static func ownerFields(of e: Record) -> Record {
        var r: Record = [:]
        for k in ["account", "domainid", "domain", "projectid", "project"] { if let v = e[k] { r[k] = v } }
        return r
    }

    /// The first free address of the zone's public VLAN ranges, as the server allocates them;
    /// a zone without any (or with all taken) falls back to the documentation range.
    func publicIP(zone: Entity) -> String { publicIPAndRange(zone: zone).ip }

    /// The address and the VLAN range it comes from (nil for the documentation-range fallback).
    func publicIPAndRange(zone: Entity) -> (ip: String, range: Entity?) {
        let used = Set(table("publicipaddress").rows.filter { $0["zoneid"] == zone.id }.compactMap { $0["ipaddress"] })
            .union(systemVMAddresses(zone: zone.id))
        for r in table("vlaniprange").rows
        where r["zoneid"] == zone.id && r["forvirtualnetwork"] == "true" && r["networkid"] == nil {
            guard let a = IPv4.parse(r["startip"] ?? ""), let b = IPv4.parse(r["endip"] ?? ""), a <= b else { continue }
            if let free = (a...b).first(where: { !used.contains(IPv4.text($0)) }) { return (IPv4.text(free), r) }
        }
        return (publicIP(), nil)
    }

    /// A public IP taken for `owner` in `zone` (for a network or a VPC); not yet saved.
    func publicIPRecord(
        zone: Entity, owner: Record, created: String, sourceNat: Bool = false,
        network: Entity? = nil, vpc: Entity? = nil
    ) -> Record {
        let (ip, range) = publicIPAndRange(zone: zone)
        var f: Record = [
            "ipaddress": .string(ip), "allocated": .string(created), "zoneid": .string(zone.id),
            "zonename": zone.fields["name"] ?? .string(""), "issourcenat": .bool(sourceNat),
        ]
        if let range {  // the range's VLAN shows to root admins only (ResponseView)
            f["vlanid"] = .string(range.id)
            f["vlanname"] = range.fields["vlan"]
            f["physicalnetworkid"] = range.fields["physicalnetworkid"]
        }
        f.merge(owner, uniquingKeysWith: { $1 })
        f.merge(
            [
                "forvirtualnetwork": .bool(true), "isstaticnat": .bool(false), "issystem": .bool(false),
                "state": .string("Allocated"), "fordisplay": .bool(true),
            ], uniquingKeysWith: { $1 })
        // The network an address comes from is the zone's public one (IPAddressResponse's networkid).
        if let pub = systemNetwork(zone: zone.id, traffic: "Public") { f["networkid"] = .string(pub.id) }
        if let network {
            f["associatednetworkid"] = .string(network.id)
            f["associatednetworkname"] = network.fields["name"]
        }
        if let vpc {
            f["vpcid"] = .string(vpc.id)
            f["vpcname"] = vpc.fields["name"]
        }
        return f
    }

    /// A running virtual router for an isolated network or a VPC (redundant ones come in pairs), or,
    /// given `internalLBAddress`, the internal LB VM (`b-N-VM`) serving that address of a VPC tier.
    @discardableResult
    func addRouter(
        zone: Entity, owner: Record, created: String, network: Entity?, vpc: Entity?, publicIP: String?,
        redundantState: String? = nil, internalLBAddress: String? = nil
    ) -> Entity {
        let seq = table("router").nextSeq
        let internalLB = internalLBAddress != nil
        // system VMs 1 and 2 are the SSVM and console proxy
        let name = "\(internalLB ? "b" : "r")-\(seq + 2)-VM"
        let offering = table("serviceoffering").first {
            $0["issystem"] == "true" && $0["systemvmtype"] == (internalLB ? "internalloadbalancervm" : "domainrouter")
        }
        var f: Record = [
            "name": .string(name), "zoneid": .string(zone.id), "zonename": zone.fields["name"] ?? .string(""),
            "dns1": zone.fields["dns1"] ?? .string("192.0.2.53"), "dns2": zone.fields["dns2"] ?? .string("192.0.2.54"),
            "state": .string("Running"), "role": .string(internalLB ? Self.internalLBVMRole : "VIRTUAL_ROUTER"),
            "created": .string(created),
            "hypervisor": .string("Simulator"), "version": .string("4.18.0"), "softwareversion": .string("4.18.0"),
            "requiresupgrade": .bool(false), "isredundantrouter": .bool(redundantState != nil),
            "redundantstate": .string(redundantState ?? "UNKNOWN"), "healthchecksfailed": .bool(false),
            "serviceofferingname": .string(
                internalLB ? "System Offering For Internal LB VM" : "System Offering For Software Router"),
            "linklocalip": .string("169.254.\(seq / 254 % 254).\(seq % 254 + 1)"),
        ]
        if let offering { f["serviceofferingid"] = .string(offering.id) }
        if let template = table("template").first(where: { $0["templatetype"] == "SYSTEM" }) {
            f["templateid"] = .string(template.id)
            f["templatename"] = template.fields["name"]
        }
        // Routers follow the system VMs round the zone's hosts; their MACs keep apart from those.
        let macSeq = Self.routerMACBase + seq
        f.merge(placement(onHostOf: zone.id, seq: seq), uniquingKeysWith: { $1 })
        f["linklocalnetmask"] = .string(SystemNetworks.controlNetmask)
        f["linklocalmacaddress"] = .string(Self.systemMAC(0x0e, macSeq))
        f.merge(owner, uniquingKeysWith: { $1 })
        if f["account"] == nil { f["account"] = .string("system") }  // a shared network's router is the system's
        var nics: [Value] = []
        if let publicIP {
            f["publicip"] = .string(publicIP)
            f["publicmacaddress"] = .string(Self.systemMAC(0x06, macSeq))
        }
        if let network {
            f["guestnetworkid"] = .string(network.id)
            f["guestnetworkname"] = network.fields["name"]
            // An isolated network's router is its gateway; a shared one's takes the next address of the range.
            let shared = network["type"] == "Shared" ? try? guestIP(network: network) : nil
            f["guestipaddress"] =
                internalLBAddress.map(Value.string) ?? shared.map(Value.string) ?? network.fields["gateway"]
            f["guestnetmask"] = network.fields["netmask"]
            f["guestmacaddress"] = .string(Store.guestMAC(macSeq))
            f["networkdomain"] = network.fields["networkdomain"]
            // (an internal LB VM's guest NIC holds the address it balances, its default NIC)
            if let ip = f["guestipaddress"]?.plainText {
                nics.append(
                    Self.routerNIC(
                        id: newID(), network: network, ip: ip, mac: Store.guestMAC(macSeq), isDefault: publicIP == nil))
            }
        }
        nics += systemNICs(&f, zone: zone)
        if let vpc {
            f["vpcid"] = .string(vpc.id)
            f["vpcname"] = vpc.fields["name"]
            f["networkdomain"] = vpc.fields["networkdomain"]
        }
        if !nics.isEmpty { f["nic"] = .list(nics) }
        let router = insert("router", f)
        if let vpc, !internalLB {
            for tier in table("network").rows where tier["vpcid"] == vpc.id && tier["state"] == "Implemented" {
                addTierNIC(tier)
            }
        }
        return table("router").get(router.id) ?? router
    }

    /// Brings up a network for its first VM (or, isolated, its first public IP) as the server does:
    /// an Allocated isolated network becomes Implemented with its source NAT address; a network
    /// whose services a virtual router provides gets that router (VPC tiers use the VPC's).
    func implementNetwork(_ id: String, created: String) {
        guard var n = table("network").get(id), n["state"] == "Allocated" || n["type"] == "Shared" else { return }
        if n["state"] == "Allocated" {  // its VLAN first: the router's guest NIC is on it
            allocateGuestVlan(id)
            n = table("network").get(id) ?? n
        }
        if let vpcID = n["vpcid"] {
            startVPC(vpcID, created: created)
        } else if table("router").first(where: { $0["guestnetworkid"] == id }) == nil,
            let zone = table("zone").get(n["zoneid"] ?? "")
        {
            let offering = table("networkoffering").get(n["networkofferingid"] ?? "")?.fields ?? [:]
            let services = NetworkOfferings.serviceNames(offering)
            let routed = services.contains { NetworkOfferings.providers(offering, of: $0).contains("VirtualRouter") }
            let owner = Store.ownerFields(of: n.fields)
            var publicIP: String?
            if services.contains("SourceNat") {
                publicIP =
                    insert(
                        "publicipaddress",
                        publicIPRecord(zone: zone, owner: owner, created: created, sourceNat: true, network: n))[
                        "ipaddress"]
            }
            if routed {
                addRouter(zone: zone, owner: owner, created: created, network: n, vpc: nil, publicIP: publicIP)
            }
        }
        if n["state"] == "Allocated" {
            table("network").update(id) { $0.fields["state"] = .string("Implemented") }
            if n["vpcid"] != nil, let tier = table("network").get(id) { addTierNIC(tier) }
        }
    }

    /// Everything that lives on a network or VPC, removed with it.
    func removeNetworkDependents(networkID: String? = nil, vpcID: String? = nil) {
        func belongs(_ e: Entity) -> Bool {
            (networkID != nil
                && (e["guestnetworkid"] == networkID || e["associatednetworkid"] == networkID
                    || e["networkid"] == networkID))
                || (vpcID != nil && e["vpcid"] == vpcID)
        }
        let ips = table("publicipaddress").rows.filter { e in
            belongs(e) && (vpcID != nil || e["vpcid"] == nil)
        }.map(\.id)
        for ipID in ips {
            for noun in ["firewallrule", "portforwardingrule", "loadbalancerrule", "remoteaccessvpn"] {
                for r in table(noun).rows where r["ipaddressid"] == ipID || r["publicipid"] == ipID {
                    table(noun).remove(r.id)
                }
            }
            table("publicipaddress").remove(ipID)
        }
        // Internal load balancers (InternalLBAPIs.table) are revoked with their tier, as the server does.
        for noun in [
            "router", "egressfirewallrule", "loadbalancerrule", InternalLBAPIs.table, "portforwardingrule",
            "vlaniprange",
        ] {
            for r in table(noun).rows where belongs(r) {
                table(noun).remove(r.id)
                if noun == InternalLBAPIs.table {
                    for m in table("lbinstance").rows where m["ruleid"] == r.id { table("lbinstance").remove(m.id) }
                }
            }
        }
        // VPC addresses used by a deleted tier go back to the VPC.
        if let networkID {
            removeTierNICs(networkID: networkID)
            for ip in table("publicipaddress").rows where ip["vpcid"] != nil && ip["associatednetworkid"] == networkID {
                clearStaticNat(ip.id)
                untieFromTier(ip.id)
            }
        }
    }

    /// A destroyed VM loses its port forwarding rules, static NAT and load balancer places (as
    /// the server cleans up on destroy); an expunged one its added NICs and secondary IPs too.
    func releaseNetworking(ofVM id: String, expunged: Bool) {
        for r in table("portforwardingrule").rows where r["virtualmachineid"] == id {
            table("portforwardingrule").remove(r.id)
            if let ip = r["ipaddressid"] { untieFromTier(ip) }
        }
        for ip in table("publicipaddress").rows where ip["virtualmachineid"] == id && ip["isstaticnat"] == "true" {
            clearStaticNat(ip.id)
        }
        for m in table("lbinstance").rows where m["virtualmachineid"] == id {
            table("lbinstance").remove(m.id)
            if let rule = m["ruleid"], table("lbinstance").first(where: { $0["ruleid"] == rule }) == nil {
                table("loadbalancerrule").update(rule) { $0.fields["state"] = .string("Add") }
            }
        }
        guard expunged else { return }
        for noun in ["nicsecondaryip", "nic"] {
            for r in table(noun).rows where r["virtualmachineid"] == id { table(noun).remove(r.id) }
        }
    }

    /// default_allow and default_deny: the two ACL lists every install has (no VPC, not editable).
    func seedDefaultACLs() {
        for (name, action) in [("default_allow", "Allow"), ("default_deny", "Deny")] {
            let acl = insert(
                "networkacllist",
                [
                    "name": .string(name),
                    "description": .string("\(name == "default_allow" ? "Allow" : "Deny") all traffic"),
                    "fordisplay": .bool(true),
                ])
            for (n, traffic) in [(1, "Ingress"), (2, "Egress")] {
                insert(
                    "networkacl",
                    [
                        "aclid": .string(acl.id), "aclname": .string(name), "number": .int(n),
                        "protocol": .string("all"), "cidrlist": .string("0.0.0.0/0"), "traffictype": .string(traffic),
                        "action": .string(action), "state": .string("Active"), "fordisplay": .bool(true),
                    ])
            }
        }
    }
}

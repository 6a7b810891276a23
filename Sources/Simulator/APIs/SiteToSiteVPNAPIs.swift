import Values
import OrderedCollections

/// Site-to-site VPN: one VPN gateway per VPC (on its source NAT address), customer gateways
/// (the other end) and the connections between them. Things in use cannot be deleted.
enum SiteToSiteVPNAPIs {
    static let cmdPrefix = "org.apache.cloudstack.api.command.user.vpn."

    static let handlers: [Handler] = [
        Handler("createVpnGateway", async: true) { c throws(APIError) in
            let vpc = try VPCAPIs.ownVPC(c, "vpcid")
            if c.store.table("vpngateway").first(where: { $0["vpcid"] == vpc.id }) != nil {
                throw APIError.refused("The VPN gateway of VPC \(vpc["name"] ?? vpc.id) already exists!")
            }
            let id = c.store.newID()
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "CreateVpnGatewayCmd", instanceType: "Site2SiteVpnGateway", instanceID: id,
                    immediateID: id
                ) { store, date in
                    store.startVPC(vpc.id, created: SimClock.cloudStackTime(date))
                    let nat = store.table("publicipaddress").first {
                        $0["vpcid"] == vpc.id && $0["issourcenat"] == "true"
                    }
                    var f: Record = [
                        "publicip": nat?.fields["ipaddress"] ?? .string(""), "vpcid": .string(vpc.id),
                        "vpcname": vpc.fields["name"] ?? .string(""), "fordisplay": .bool(true),
                    ]
                    f.merge(Store.ownerFields(of: vpc.fields), uniquingKeysWith: { $1 })
                    return ["vpngateway": .record(store.insert("vpngateway", f, id: id).fields)]
                })
        },
        Handler("listVpnGateways") { c throws(APIError) in
            let exact = c.exactFields(["vpcid"])
            return try c.listEntities("vpngateway", owned: true) { exact($0) }
        },
        Handler("deleteVpnGateway", async: true) { c throws(APIError) in
            let gw = try own(c, "vpngateway", "VPN gateway")
            if c.store.table("vpnconnection").first(where: { $0["s2svpngatewayid"] == gw.id }) != nil {
                throw APIError.refused(
                    "Unable to delete VPN gateway \(gw.id) because there is still related VPN connections!")
            }
            return remove(c, "vpngateway", gw, "DeleteVpnGatewayCmd")
        },
        Handler("createVpnCustomerGateway", async: true) { c throws(APIError) in
            let f = try customerGateway(c, base: try c.ownerFields())
            if let name = f["name"]?.plainText,
                c.store.table("vpncustomergateway").first(where: {
                    $0["name"] == name && $0["account"] == f["account"]?.plainText
                        && $0["domainid"] == f["domainid"]?.plainText
                }) != nil
            {
                throw APIError.refused("The customer gateway with name \(name) already existed!")
            }
            let id = c.store.newID()
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "CreateVpnCustomerGatewayCmd", instanceType: "Site2SiteCustomerGateway",
                    instanceID: id, immediateID: id
                ) { store, _ in
                    ["vpncustomergateway": .record(store.insert("vpncustomergateway", f, id: id).fields)]
                })
        },
        Handler("updateVpnCustomerGateway", async: true) { c throws(APIError) in
            let gw = try own(c, "vpncustomergateway", "VPN customer gateway")
            if c.store.table("vpnconnection").first(where: {
                $0["s2scustomergatewayid"] == gw.id && $0["state"] != "Error"
            }) != nil {
                throw APIError.refused(
                    "Unable to update customer gateway \(gw.id) as it is used by a VPN connection; delete the connection first"
                )
            }
            let f = try customerGateway(c, base: gw.fields)
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "UpdateVpnCustomerGatewayCmd", instanceType: "Site2SiteCustomerGateway",
                    instanceID: gw.id, immediateID: nil
                ) { store, _ in
                    store.table("vpncustomergateway").update(gw.id) { $0.fields = f }
                    return ["vpncustomergateway": .record(try store.jobEntity("vpncustomergateway", gw.id).fields)]
                })
        },
        Handler("listVpnCustomerGateways") { c throws(APIError) in try c.listEntities("vpncustomergateway", owned: true)
        },
        Handler("deleteVpnCustomerGateway", async: true) { c throws(APIError) in
            let gw = try own(c, "vpncustomergateway", "VPN customer gateway")
            if c.store.table("vpnconnection").first(where: { $0["s2scustomergatewayid"] == gw.id }) != nil {
                throw APIError.refused(
                    "Unable to delete VPN customer gateway with id \(gw.id) because there is still related VPN connections!"
                )
            }
            return remove(c, "vpncustomergateway", gw, "DeleteVpnCustomerGatewayCmd")
        },
        Handler("createVpnConnection", async: true) { c throws(APIError) in
            let gw = try c.entity("vpngateway", "s2svpngatewayid", what: "VPN gateway")
            try c.checkAccess(account: gw["account"], domainID: gw["domainid"], what: "VPN gateway \(gw.id)")
            let customer = try c.entity("vpncustomergateway", "s2scustomergatewayid", what: "VPN customer gateway")
            try c.checkAccess(
                account: customer["account"], domainID: customer["domainid"],
                what: "VPN customer gateway \(customer.id)")
            if c.store.table("vpnconnection").first(where: {
                $0["s2svpngatewayid"] == gw.id && $0["s2scustomergatewayid"] == customer.id
            }) != nil {
                throw APIError.refused(
                    "The vpn connection with customer gateway id \(customer.id) and vpn gateway id \(gw.id) already existed!"
                )
            }
            // The customer's networks may not overlap the VPC's.
            if let vpc = c.store.table("vpc").get(gw["vpcid"] ?? ""), let inner = IPv4.Span(cidr: vpc["cidr"] ?? "") {
                for cidr in (customer["cidrlist"] ?? "").split(separator: ",") {
                    if let r = IPv4.Span(cidr: String(cidr)), r.overlaps(inner) {
                        throw APIError.refused(
                            "The subnet of customer gateway \(customer.id)'s subnet \(cidr) is overlapped with VPC cidr \(vpc["cidr"] ?? "")!"
                        )
                    }
                }
            }
            let passive = try c.bool("passive")
            var f: Record = [
                "s2svpngatewayid": .string(gw.id), "publicip": gw.fields["publicip"] ?? .string(""),
                "s2scustomergatewayid": .string(customer.id), "passive": .bool(passive),
                "state": .string(passive ? "Pending" : "Connected"), "created": .string(c.created),
                "fordisplay": .bool(try c.bool("fordisplay", default: true)),
            ]
            for k in [
                "gateway", "cidrlist", "ipsecpsk", "ikepolicy", "esppolicy", "ikelifetime", "esplifetime", "dpd",
                "forceencap",
                "ikeversion", "splitconnections",
            ] {
                if let v = customer.fields[k] { f[k] = v }
            }
            f.merge(Store.ownerFields(of: gw.fields), uniquingKeysWith: { $1 })
            f["vpcid"] = gw.fields["vpcid"]  // not shown by the server, used to tidy up with the VPC
            let id = c.store.newID()
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "CreateVpnConnectionCmd", instanceType: "Site2SiteVpnConnection", instanceID: id,
                    immediateID: id
                ) { store, _ in
                    ["vpnconnection": connection(store.insert("vpnconnection", f, id: id))]
                })
        },
        Handler("listVpnConnections") { c throws(APIError) in
            let exact = c.exactFields(["vpcid"])
            let reply = try c.listEntities("vpnconnection", owned: true) { exact($0) }
            return c.store.rerender(reply) { _, e in connection(e) }
        },
        Handler("resetVpnConnection", async: true) { c throws(APIError) in
            let conn = try own(c, "vpnconnection", "VPN connection")
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "ResetVpnConnectionCmd", instanceType: "Site2SiteVpnConnection",
                    instanceID: conn.id,
                    immediateID: nil
                ) { store, _ in
                    store.table("vpnconnection").update(conn.id) { e in
                        e.fields["state"] = .string(e["passive"] == "true" ? "Pending" : "Connected")
                    }
                    return ["vpnconnection": connection(try store.jobEntity("vpnconnection", conn.id))]
                })
        },
        Handler("deleteVpnConnection", async: true) { c throws(APIError) in
            let conn = try own(c, "vpnconnection", "VPN connection")
            return remove(c, "vpnconnection", conn, "DeleteVpnConnectionCmd")
        },
    ]

    static func connection(_ e: Entity) -> Value {
        var f = e.fields
        f["vpcid"] = nil
        return .record(f)
    }

    static func own(_ c: Call, _ noun: String, _ what: String) throws(APIError) -> Entity {
        let e = try c.entity(noun, "id", what: what)
        try c.checkAccess(account: e["account"], domainID: e["domainid"], what: "\(what) \(e.id)")
        return e
    }

    static func remove(_ c: Call, _ noun: String, _ e: Entity, _ cmd: String) -> Reply {
        .job(
            JobSpec(cmd: cmdPrefix + cmd, instanceType: nil, instanceID: e.id, immediateID: nil) { store, _ in
                store.table(noun).remove(e.id)
                return ["success": .bool(true)]
            })
    }

    /// The customer gateway fields over `base`, checked: gateway an IPv4 address, cidrlist CIDRs,
    /// IKE/ESP policies like `aes128-sha1;modp1536`, lifetimes within the server's limits.
    static func customerGateway(_ c: Call, base: Record) throws(APIError) -> Record {
        var f = base
        if let name = c.optional("name") { f["name"] = .string(name) }
        let gateway = try c.required("gateway")
        guard IPv4.parse(gateway) != nil else {
            throw APIError.invalid("gateway", "The customer gateway ip \(gateway) is invalid!")
        }
        let cidrs = try c.required("cidrlist").split(separator: ",").map { String($0).trimmingSpaces() }
        for cidr in cidrs where IPv4.Span(cidr: cidr) == nil {
            throw APIError.invalid("cidrlist", "The customer gateway peer cidr \(cidr) is invalid!")
        }
        for k in ["ikepolicy", "esppolicy"] {
            let v = try c.required(k)
            let parts = v.split(separator: ";")[0].split(separator: "-")
            guard parts.count == 2, ["aes128", "aes192", "aes256", "3des"].contains(parts[0].lowercased()),
                ["sha1", "sha256", "sha384", "sha512", "md5"].contains(parts[1].lowercased())
            else {
                throw APIError.invalid(
                    k, "The customer gateway \(k.hasPrefix("ike") ? "IKE" : "ESP") policy \(v) is invalid!")
            }
            f[k] = .string(v)
        }
        let ike = try c.int("ikelifetime") ?? base["ikelifetime"].flatMap { Int($0.plainText) } ?? 86400
        let esp = try c.int("esplifetime") ?? base["esplifetime"].flatMap { Int($0.plainText) } ?? 3600
        guard (0...86400).contains(ike) else {
            throw APIError.invalid("ikelifetime", "The IKE lifetime \(ike) of vpn connection is invalid!")
        }
        guard (0...86400).contains(esp) else {
            throw APIError.invalid("esplifetime", "The ESP lifetime \(esp) of vpn connection is invalid!")
        }
        let version = (c.optional("ikeversion") ?? base["ikeversion"]?.plainText ?? "ike").lowercased()
        guard ["ike", "ikev1", "ikev2"].contains(version) else {
            throw APIError.invalid("ikeversion", "'\(version)' is not ike, ikev1 or ikev2")
        }
        f.merge(
            [
                "gateway": .string(gateway), "cidrlist": .string(cidrs.joined(separator: ",")),
                "ipsecpsk": .string(try c.required("ipsecpsk")), "ikelifetime": .int(ike), "esplifetime": .int(esp),
                "dpd": .bool(try c.bool("dpd", default: base["dpd"]?.plainText == "true")),
                "forceencap": .bool(try c.bool("forceencap", default: base["forceencap"]?.plainText == "true")),
                "splitconnections": .bool(
                    try c.bool("splitconnections", default: base["splitconnections"]?.plainText == "true")),
                "ikeversion": .string(version), "ipaddress": .string(gateway),
            ], uniquingKeysWith: { $1 })
        if f["name"] == nil { f["name"] = .string(gateway) }
        return f
    }
}

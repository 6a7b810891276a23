import Values
import OrderedCollections

/// Private gateways of a VPC (a leg into another network, with its ACL) and the static
/// routes sent through them. A gateway with routes cannot be deleted.
enum VPCGatewayAPIs {
    static let cmdPrefix = "org.apache.cloudstack.api.command.user.vpc."

    static let handlers: [Handler] = [
        Handler("createPrivateGateway", async: true) { c throws(APIError) in
            let vpc = try VPCAPIs.ownVPC(c, "vpcid")
            let gateway = try c.required("gateway"), ip = try c.required("ipaddress"),
                netmask = try c.required("netmask")
            guard let subnet = IPv4.Span(gateway: gateway, netmask: netmask) else {
                throw APIError.invalid("netmask", "\(gateway)/\(netmask) is not a valid gateway and netmask")
            }
            guard let addr = IPv4.parse(ip), subnet.contains(address: addr) else {
                throw APIError.invalid(
                    "ipaddress", "\(ip) is not in the subnet of gateway \(gateway) and netmask \(netmask)")
            }
            if let inner = IPv4.Span(cidr: vpc["cidr"] ?? ""), inner.overlaps(subnet) {
                throw APIError.refused(
                    "The private gateway's subnet \(subnet.cidr) overlaps the VPC's cidr \(vpc["cidr"] ?? "")")
            }
            let vlan = c.optional("vlan") ?? "untagged"
            if c.store.table("privategateway").first(where: { $0["ipaddress"] == ip && $0["vlan"] == "vlan://\(vlan)" })
                != nil
            {
                throw APIError.refused("Private ip address \(ip) already used for private gateway on vlan \(vlan)")
            }
            let acl =
                try c.optional("aclid").map { _ throws(APIError) in
                    try NetworkACLAPIs.usableACL(c, "aclid", vpcID: vpc.id)
                }
                ?? c.store.table("networkacllist").first { $0["name"] == "default_deny" && $0["vpcid"] == nil }
            var f: Record = [
                "gateway": .string(gateway), "ipaddress": .string(ip), "netmask": .string(netmask),
                "vlan": .string("vlan://\(vlan)"), "vpcid": .string(vpc.id),
                "vpcname": vpc.fields["name"] ?? .string(""),
                "zoneid": vpc.fields["zoneid"] ?? .string(""), "zonename": vpc.fields["zonename"] ?? .string(""),
                "sourcenatsupported": .bool(try c.bool("sourcenatsupported")), "state": .string("Ready"),
                "hasannotations": .bool(false),
            ]
            if let acl {
                f["aclid"] = .string(acl.id)
                f["aclname"] = acl.fields["name"]
            }
            if let pn = c.optional("physicalnetworkid")
                ?? PhysicalNetworkAPIs.carrier(c.store, zone: vpc["zoneid"] ?? "", traffic: "Guest")?.id
            {
                f["physicalnetworkid"] = .string(pn)
            }
            f.merge(Store.ownerFields(of: vpc.fields), uniquingKeysWith: { $1 })
            let id = c.store.newID()
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "CreatePrivateGatewayCmd", instanceType: "PrivateGateway", instanceID: id,
                    immediateID: id
                ) { store, _ in
                    ["privategateway": .record(store.insert("privategateway", f, id: id).fields)]
                })
        },
        Handler("listPrivateGateways") { c throws(APIError) in
            let exact = c.exactFields(["vpcid", "ipaddress", "state"])
            let vlan = c.optional("vlan").map { $0.hasPrefix("vlan://") ? $0 : "vlan://\($0)" }
            return try c.without(["vlan"]).listEntities("privategateway", owned: true) { g in
                exact(g) && (vlan == nil || g["vlan"] == vlan)
            }
        },
        Handler("deletePrivateGateway", async: true) { c throws(APIError) in
            let gw = try SiteToSiteVPNAPIs.own(c, "privategateway", "private gateway")
            if c.store.table("staticroute").first(where: { $0["gatewayid"] == gw.id }) != nil {
                throw APIError.refused(
                    "Can't delete private gateway \(gw.id) as it has static routes applied; delete them first")
            }
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "DeletePrivateGatewayCmd", instanceType: "PrivateGateway", instanceID: gw.id,
                    immediateID: nil
                ) { store, _ in
                    store.table("privategateway").remove(gw.id)
                    return ["success": .bool(true)]
                })
        },
        Handler("createStaticRoute", async: true) { c throws(APIError) in
            let gw = try c.entity("privategateway", "gatewayid", what: "private gateway")
            try c.checkAccess(account: gw["account"], domainID: gw["domainid"], what: "private gateway \(gw.id)")
            let cidr = try c.required("cidr")
            guard let range = IPv4.Span(cidr: cidr) else { throw APIError.invalid("cidr", "Invalid CIDR \(cidr)") }
            if let vpc = c.store.table("vpc").get(gw["vpcid"] ?? ""), let inner = IPv4.Span(cidr: vpc["cidr"] ?? ""),
                inner.overlaps(range)
            {
                throw APIError.refused("CIDR \(cidr) should be outside of VPC cidr \(vpc["cidr"] ?? "")")
            }
            if c.store.table("staticroute").first(where: { $0["vpcid"] == gw["vpcid"] && $0["cidr"] == cidr }) != nil {
                throw APIError.refused("A static route for cidr \(cidr) already exists in the VPC")
            }
            var f: Record = [
                "cidr": .string(cidr), "gatewayid": .string(gw.id), "vpcid": gw.fields["vpcid"] ?? .string(""),
                "state": .string("Active"),
            ]
            f.merge(Store.ownerFields(of: gw.fields), uniquingKeysWith: { $1 })
            let id = c.store.newID()
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "CreateStaticRouteCmd", instanceType: "StaticRoute", instanceID: id,
                    immediateID: id
                ) { store, _ in
                    ["staticroute": store.tagged(store.insert("staticroute", f, id: id))]
                })
        },
        Handler("listStaticRoutes") { c throws(APIError) in
            let exact = c.exactFields(["vpcid", "gatewayid", "state"])
            return try c.listEntities("staticroute", owned: true, taggable: true) { exact($0) }
        },
        Handler("deleteStaticRoute", async: true) { c throws(APIError) in
            let r = try SiteToSiteVPNAPIs.own(c, "staticroute", "static route")
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "DeleteStaticRouteCmd", instanceType: "StaticRoute", instanceID: r.id,
                    immediateID: nil
                ) { store, _ in
                    store.table("staticroute").remove(r.id)
                    return ["success": .bool(true)]
                })
        },
    ]
}

import Values
import OrderedCollections

/// Network ACL lists of a VPC and their rules (items). default_allow and default_deny
/// belong to no VPC, are offered to every VPC and cannot be changed or deleted.
enum NetworkACLAPIs {
    static let cmdPrefix = "org.apache.cloudstack.api.command.user.network."

    static let handlers: [Handler] = [
        Handler("listNetworkACLLists") { c throws(APIError) in
            let vpcID = c.optional("vpcid"), networkID = c.optional("networkid")
            let networkACL = try networkID.map { _ throws(APIError) in
                try c.entity("network", "networkid", what: "network")["aclid"]
            }
            let visible = try c.visibility()
            // vpcid also admits the default lists, which belong to no VPC: not a plain field match.
            return try c.without(["vpcid", "networkid"]).listEntities("networkacllist") { acl in
                if let vpcID, acl["vpcid"] != nil && acl["vpcid"] != vpcID { return false }
                if let networkACL, acl.id != networkACL { return false }
                // the defaults
                guard let owner = acl["vpcid"].flatMap({ c.store.table("vpc").get($0) }) else { return true }
                return visible.allows(account: owner["account"], domainID: owner["domainid"])
                    || c.optional("id") == acl.id
            }
        },
        Handler("createNetworkACLList", async: true) { c throws(APIError) in
            let name = try c.required("name")
            let vpc = try VPCAPIs.ownVPC(c, "vpcid")
            if c.store.table("networkacllist").first(where: { $0["vpcid"] == vpc.id && $0["name"] == name }) != nil {
                throw APIError.refused("An ACL list named \(name) already exists in VPC \(vpc["name"] ?? vpc.id)")
            }
            let f: Record = [
                "name": .string(name), "description": .string(c.optional("description") ?? name),
                "vpcid": .string(vpc.id), "vpcname": vpc.fields["name"] ?? .string(""),
                "fordisplay": .bool(try c.bool("fordisplay", default: true)),
            ]
            // Stored by the command's create step, before its job (as createVPC): usable by its id at once.
            let id = c.store.insert("networkacllist", f).id
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "CreateNetworkACLListCmd", instanceType: "NetworkAclList", instanceID: id,
                    immediateID: id
                ) { store, _ in
                    ["networkacllist": .record(try store.jobEntity("networkacllist", id).fields)]
                })
        },
        Handler("updateNetworkACLList", async: true) { c throws(APIError) in
            let acl = try editableACL(c, "id")
            let params = c.params
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "UpdateNetworkACLListCmd", instanceType: "NetworkAclList", instanceID: acl.id,
                    immediateID: nil
                ) { store, _ in
                    store.table("networkacllist").update(acl.id) { e in
                        for k in ["name", "description"] { if let v = params.value(k) { e.fields[k] = .string(v) } }
                    }
                    return ["success": .bool(true)]
                })
        },
        Handler("deleteNetworkACLList", async: true) { c throws(APIError) in
            let acl = try editableACL(c, "id")
            if let n = c.store.table("network").first(where: { $0["aclid"] == acl.id }) {
                throw APIError.refused(
                    "ACL list \(acl["name"] ?? acl.id) is still associated with network \(n["name"] ?? n.id)")
            }
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "DeleteNetworkACLListCmd", instanceType: "NetworkAclList", instanceID: acl.id,
                    immediateID: nil
                ) { store, _ in
                    for r in store.table("networkacl").rows where r["aclid"] == acl.id {
                        store.table("networkacl").remove(r.id)
                    }
                    store.table("networkacllist").remove(acl.id)
                    return ["success": .bool(true)]
                })
        },
        Handler("replaceNetworkACLList", async: true) { c throws(APIError) in
            let network = try NetworkAPIs.ownNetwork(c, "networkid")
            guard let vpcID = network["vpcid"] else {
                throw APIError.refused("Network \(network["name"] ?? network.id) is not a VPC tier")
            }
            let acl = try usableACL(c, "aclid", vpcID: vpcID)
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "ReplaceNetworkACLListCmd", instanceType: "Network", instanceID: network.id,
                    immediateID: nil
                ) { store, _ in
                    store.table("network").update(network.id) { e in
                        e.fields["aclid"] = .string(acl.id)
                        e.fields["aclname"] = acl.fields["name"]
                    }
                    return ["success": .bool(true)]
                })
        },
        Handler("listNetworkACLs") { c throws(APIError) in
            var aclID = c.optional("aclid")
            if c.optional("networkid") != nil {
                aclID = try c.entity("network", "networkid", what: "network")["aclid"] ?? "-"
            }
            let visible = try c.visibility()
            let exact = c.exactFields(["traffictype", "protocol", "action"])
            let rows = c.store.table("networkacl").rows.sorted {
                (Int($0["number"] ?? "") ?? 0) < (Int($1["number"] ?? "") ?? 0)
            }
            return try c.listEntities("networkacl", rows: rows, taggable: true) { r in
                if let aclID, r["aclid"] != aclID { return false }
                guard exact(r) else { return false }
                guard
                    let vpc = c.store.table("networkacllist").get(r["aclid"] ?? "")?["vpcid"].flatMap({
                        c.store.table("vpc").get($0)
                    })
                else {
                    return true
                }
                return visible.allows(account: vpc["account"], domainID: vpc["domainid"]) || c.optional("id") == r.id
            }
        },
        Handler("createNetworkACL", async: true) { c throws(APIError) in
            let acl: Entity
            if c.optional("aclid") != nil {
                acl = try editableACL(c, "aclid")
            } else if c.optional("networkid") != nil {
                let n = try NetworkAPIs.ownNetwork(c, "networkid")
                guard let id = n["aclid"], let a = c.store.table("networkacllist").get(id) else {
                    throw APIError.refused("Network \(n["name"] ?? n.id) has no ACL list; pass aclid")
                }
                if a["vpcid"] == nil { throw APIError.refused("Default ACL cannot be modified") }
                acl = a
            } else {
                throw APIError.missing("aclid", command: c.command)
            }
            var f = try ruleFields(c, base: [:])
            let number =
                try c.int("number")
                ?? (c.store.table("networkacl").rows.filter { $0["aclid"] == acl.id }
                    .compactMap { Int($0["number"] ?? "") }.max() ?? 0) + 1
            try checkNumber(c, acl: acl.id, number: number, except: nil)
            f["number"] = .int(number)
            f["aclid"] = .string(acl.id)
            f["aclname"] = acl.fields["name"]
            f["state"] = .string("Active")
            let id = c.store.newID()
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "CreateNetworkACLCmd", instanceType: "NetworkACL", instanceID: id,
                    immediateID: id
                ) { store, _ in
                    ["networkacl": store.tagged(store.insert("networkacl", f, id: id))]
                })
        },
        Handler("updateNetworkACLItem", async: true) { c throws(APIError) in
            let rule = try c.entity("networkacl", "id", what: "network ACL item")
            let acl = try editableACL(c, rule["aclid"] ?? "", given: true)
            let f = try ruleFields(c, base: rule.fields)
            let number = try c.int("number")
            if let number { try checkNumber(c, acl: acl.id, number: number, except: rule.id) }
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "UpdateNetworkACLItemCmd", instanceType: "NetworkACL", instanceID: rule.id,
                    immediateID: nil
                ) { store, _ in
                    store.table("networkacl").update(rule.id) { e in
                        e.fields = f
                        if let number { e.fields["number"] = .int(number) }
                    }
                    return ["networkacl": store.tagged(try store.jobEntity("networkacl", rule.id))]
                })
        },
        Handler("deleteNetworkACL", async: true) { c throws(APIError) in
            let rule = try c.entity("networkacl", "id", what: "network ACL item")
            _ = try editableACL(c, rule["aclid"] ?? "", given: true)
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "DeleteNetworkACLCmd", instanceType: "NetworkACL", instanceID: rule.id,
                    immediateID: nil
                ) { store, _ in
                    store.table("networkacl").remove(rule.id)
                    return ["success": .bool(true)]
                })
        },
    ]

    /// An ACL list a tier of `vpcID` may use: one of the VPC's own or a default one.
    static func usableACL(_ c: Call, _ param: String, vpcID: String) throws(APIError) -> Entity {
        let acl = try c.entity("networkacllist", param, what: "network ACL list")
        if let v = acl["vpcid"], v != vpcID {
            throw APIError.refused("ACL list \(acl["name"] ?? acl.id) does not belong to the network's VPC")
        }
        return acl
    }

    /// An ACL list (named by parameter, or by id when `given`) the caller may change: not a default one.
    static func editableACL(_ c: Call, _ paramOrID: String, given: Bool = false) throws(APIError) -> Entity {
        let acl: Entity
        if given {
            guard let a = c.store.table("networkacllist").get(paramOrID) else {
                throw APIError.notFound("network ACL list", id: paramOrID, param: "aclid")
            }
            acl = a
        } else {
            acl = try c.entity("networkacllist", paramOrID, what: "network ACL list")
        }
        guard let vpcID = acl["vpcid"] else { throw APIError.refused("Default ACL cannot be modified") }
        if let vpc = c.store.table("vpc").get(vpcID) {
            try c.checkAccess(account: vpc["account"], domainID: vpc["domainid"], what: "network ACL list \(acl.id)")
        }
        return acl
    }

    static func checkNumber(_ c: Call, acl: String, number: Int, except: String?) throws(APIError) {
        guard number >= 1 else { throw APIError.invalid("number", "must be 1 or more") }
        if c.store.table("networkacl").first(where: {
            $0["aclid"] == acl && $0["number"] == String(number) && $0.id != except
        }) != nil {
            throw APIError.refused("ACL item with number \(number) already exists in ACL: \(acl)")
        }
    }

    /// protocol, ports, ICMP, cidrlist, action, traffictype and reason over `base`, checked as the server does.
    static func ruleFields(_ c: Call, base: Record) throws(APIError) -> Record {
        var f = base
        let proto = (c.optional("protocol") ?? base["protocol"]?.plainText).map { $0.lowercased() }
        guard let proto else { throw APIError.missing("protocol", command: c.command) }
        if let n = Int(proto) {
            guard (0...255).contains(n) else { throw APIError.invalid("protocol", "Invalid protocol number \(n)") }
        } else if !["tcp", "udp", "icmp", "all"].contains(proto) {
            throw APIError.invalid(
                "protocol", "Invalid protocol \(proto): use tcp, udp, icmp, all or a protocol number")
        }
        if proto != base["protocol"]?.plainText {
            for k in ["startport", "endport", "icmptype", "icmpcode"] { f[k] = nil }
        }
        f["protocol"] = .string(proto)
        // Ports go with any protocol but ICMP, type and code with ICMP only (as the server checks).
        if proto == "icmp" {
            if c.optional("startport") != nil || c.optional("endport") != nil {
                throw APIError.refused("Can't specify start/end port when protocol is ICMP")
            }
            f["icmptype"] = .int(try c.int("icmptype") ?? base["icmptype"].flatMap { Int($0.plainText) } ?? -1)
            f["icmpcode"] = .int(try c.int("icmpcode") ?? base["icmpcode"].flatMap { Int($0.plainText) } ?? -1)
        } else {
            if c.optional("icmptype") != nil || c.optional("icmpcode") != nil {
                throw APIError.refused("Can specify icmpCode and icmpType for ICMP protocol only")
            }
            let start = try c.int("startport") ?? base["startport"].flatMap { Int($0.plainText) }
            let end =
                try c.int("endport")
                ?? (c.optional("startport") != nil ? start : base["endport"].flatMap { Int($0.plainText) })
            if let start, let end {
                guard (0...65535).contains(start), (0...65535).contains(end), start <= end else {
                    throw APIError.invalid(
                        "startport", "Start port can't be bigger than end port, and ports are 0 to 65535")
                }
                f["startport"] = .string(String(start))
                f["endport"] = .string(String(end))
            }
        }
        if let cidrs = c.list("cidrlist") {
            for cidr in cidrs where IPv4.Span(cidr: cidr) == nil {
                throw APIError.invalid("cidrlist", "Invalid CIDR \(cidr)")
            }
            f["cidrlist"] = .string(cidrs.joined(separator: ","))
        } else if f["cidrlist"] == nil {
            f["cidrlist"] = .string("0.0.0.0/0")
        }
        if let a = try NetworkOfferingAPIs.choice(c, "action", ["Allow", "Deny"]) { f["action"] = .string(a) }
        if f["action"] == nil { f["action"] = .string("Allow") }
        if let t = try NetworkOfferingAPIs.choice(c, "traffictype", ["Ingress", "Egress"]) {
            f["traffictype"] = .string(t)
        }
        if f["traffictype"] == nil { f["traffictype"] = .string("Ingress") }
        if let r = c.optional("reason") { f["reason"] = .string(r) }
        if f["fordisplay"] == nil { f["fordisplay"] = .bool(try c.bool("fordisplay", default: true)) }
        return f
    }
}

import Values
import OrderedCollections

/// Security groups and their ingress/egress rules.
enum SecurityGroupAPIs {
    static let cmdPrefix = "org.apache.cloudstack.api.command.user.securitygroup."

    static let handlers: [Handler] = [
        Handler("listSecurityGroups") { c throws(APIError) in
            let name = c.optional("securitygroupname")?.lowercased()
            return try c.listEntities("securitygroup", owned: true, taggable: true) {
                name == nil || $0["name"]?.lowercased() == name
            }
        },
        Handler("createSecurityGroup") { c throws(APIError) in
            let name = try c.required("name")
            if c.store.table("securitygroup").first(where: {
                $0["name"]?.lowercased() == name.lowercased()
                    && c.ownedByCaller(account: $0["account"], domainID: $0["domainid"])
            }) != nil {
                throw APIError.invalid(
                    "name", "Unable to create security group, a group with name \(name) already exists.")
            }
            var f: Record = ["name": .string(name), "description": .string(c.optional("description") ?? "")]
            f.merge(try c.ownerFields(), uniquingKeysWith: { $1 })
            f["ingressrule"] = .list([])
            f["egressrule"] = .list([])
            return .object(["securitygroup": c.render(c.store.insert("securitygroup", f), taggable: true)])
        },
        Handler("deleteSecurityGroup") { c throws(APIError) in
            let sg = try find(c, idParam: "id", nameParam: "name")
            if sg["name"]?.lowercased() == "default" { throw APIError.refused("The network group default is reserved") }
            // Another group's rule naming this one (usersecuritygrouplist) keeps it, as VMs in it do.
            let allowing = c.store.table("securitygroup").rows.contains { other in
                ["ingressrule", "egressrule"].contains { side in
                    other.fields[side]?.list?.contains {
                        $0[field: "securitygroupname"]?.plainText == sg["name"]
                            && $0[field: "account"]?.plainText == sg["account"]
                    } == true
                }
            }
            if allowing {
                throw APIError.inUse("Cannot delete group when there are security rules that allow this group")
            }
            if c.store.vms.live.contains(where: { $0.securityGroupIDs.contains(sg.id) }) {
                throw APIError.inUse("Cannot delete group when it's in use by virtual machines")
            }
            c.store.table("securitygroup").remove(sg.id)
            return .object(["success": .bool(true)])
        },
        // Only the name changes, and never to or from "default" (SecurityGroupManagerImpl).
        Handler("updateSecurityGroup") { c throws(APIError) in
            let id = try c.required("id")
            guard let sg = c.store.table("securitygroup").get(id) else {
                throw APIError.refused("Unable to find security group: \(id); failed to update security group.")
            }
            try VMOwnershipAPIs.refuseCustomID(c)
            if let name = c.optional("name") {
                guard name.contains(where: { !$0.isWhitespace }) else {
                    throw APIError.refused("Security group name cannot be empty")
                }
                try c.checkAccess(account: sg["account"], domainID: sg["domainid"], what: "security group \(id)")
                if name != sg["name"] {
                    if name.lowercased() == "default" {
                        throw APIError.refused("The security group name default is reserved")
                    }
                    if sg["name"]?.lowercased() == "default" {
                        throw APIError.refused("The default security group cannot be renamed")
                    }
                    c.store.table("securitygroup").update(id) { $0.fields["name"] = .string(name) }
                }
            }
            return .object(["securitygroup": .record(c.store.table("securitygroup").get(id)!.fields)])
        },
        Handler("authorizeSecurityGroupIngress", async: true) { c throws(APIError) in
            try authorize(c, "ingressrule", "AuthorizeSecurityGroupIngressCmd")
        },
        Handler("authorizeSecurityGroupEgress", async: true) { c throws(APIError) in
            try authorize(c, "egressrule", "AuthorizeSecurityGroupEgressCmd")
        },
        Handler("revokeSecurityGroupIngress", async: true) { c throws(APIError) in
            try revoke(c, "ingressrule", "RevokeSecurityGroupIngressCmd")
        },
        Handler("revokeSecurityGroupEgress", async: true) { c throws(APIError) in
            try revoke(c, "egressrule", "RevokeSecurityGroupEgressCmd")
        },
    ]

    static func find(_ c: Call, idParam: String, nameParam: String) throws(APIError) -> Entity {
        if let id = c.optional(idParam) {
            guard let sg = c.store.table("securitygroup").get(id) else {
                throw APIError.notFound("security group", id: id, param: idParam)
            }
            try c.checkAccess(account: sg["account"], domainID: sg["domainid"], what: "security group \(id)")
            return sg
        }
        guard let name = c.optional(nameParam) else { throw APIError.missing(idParam, command: c.command) }
        // getSecurityGroupId(name, getEntityOwnerId()): the group of the owner the command names.
        let owner = try c.namedOwner()
        guard let sg = c.store.table("securitygroup").first(where: { $0["name"] == name && owner.owns($0) }) else {
            if c.command == "deleteSecurityGroup" {
                throw APIError.refused("Unable to find security group by name \(name) for the account id=\(owner.seq)")
            }
            throw APIError.invalid(nameParam, "Unable to find security group \(name)")
        }
        return sg
    }

    static func authorize(_ c: Call, _ field: String, _ cmd: String) throws(APIError) -> Reply {
        let sg = try find(c, idParam: "securitygroupid", nameParam: "securitygroupname")
        let proto = (c.optional("protocol") ?? "tcp").lowercased()
        guard ["tcp", "udp", "icmp", "all"].contains(proto) || Int(proto) != nil else {
            throw APIError.invalid("protocol", "Invalid protocol \(proto)")
        }
        // Ports (or ICMP type/code) belong to every rule made, whether it opens to a CIDR or a group.
        var ports: Record = [:]
        if proto == "icmp" {
            ports["icmptype"] = .int(try c.int("icmptype") ?? -1)
            ports["icmpcode"] = .int(try c.int("icmpcode") ?? -1)
        } else if proto != "all" {
            guard let start = try c.int("startport") else { throw APIError.missing("startport", command: c.command) }
            ports["startport"] = .int(start)
            ports["endport"] = .int(try c.int("endport") ?? start)
        }
        var rules: [Value] = []
        let cidrs = c.list("cidrlist") ?? (c.params.map("usersecuritygrouplist").isEmpty ? ["0.0.0.0/0"] : [])
        for cidr in cidrs {
            var r: Record = ["ruleid": .string(c.store.newID()), "protocol": .string(proto)]
            r.merge(ports, uniquingKeysWith: { $1 })
            r["cidr"] = .string(cidr)
            r["tags"] = .list([])
            rules.append(.record(r))
        }
        for group in c.params.map("usersecuritygrouplist") {
            var r: Record = ["ruleid": .string(c.store.newID()), "protocol": .string(proto)]
            r.merge(ports, uniquingKeysWith: { $1 })
            r["securitygroupname"] = .string(group["group"] ?? "")
            r["account"] = .string(group["account"] ?? c.caller.account)
            r["tags"] = .list([])
            rules.append(.record(r))
        }
        return .job(
            JobSpec(cmd: cmdPrefix + cmd, instanceType: "SecurityGroup", instanceID: sg.id, immediateID: nil) {
                store, _ in
                store.table("securitygroup").update(sg.id) { e in
                    e.fields[field] = .list((e.fields[field]?.list ?? []) + rules)
                }
                // The server answers the group with the rules this call made, not all of them (clients read
                // the new rule as the first one: Ansible's security group rule module does).
                var answer = try store.jobEntity("securitygroup", sg.id)
                answer.fields[field] = .list(rules)
                answer.fields[field == "ingressrule" ? "egressrule" : "ingressrule"] = .list([])
                return ["securitygroup": store.tagged(answer)]
            })
    }

    static func revoke(_ c: Call, _ field: String, _ cmd: String) throws(APIError) -> Reply {
        let ruleID = try c.required("id")
        guard
            let sg = c.store.table("securitygroup").first(where: { e in
                (e.fields[field]?.list ?? []).contains { $0[field: "ruleid"]?.string == ruleID }
            })
        else { throw APIError.notFound("security group rule", id: ruleID, param: "id") }
        return .job(
            JobSpec(cmd: cmdPrefix + cmd, instanceType: "SecurityGroup", instanceID: sg.id, immediateID: nil) {
                store, _ in
                store.table("securitygroup").update(sg.id) { e in
                    e.fields[field] = .list(
                        (e.fields[field]?.list ?? []).filter { $0[field: "ruleid"]?.string != ruleID })
                }
                return ["success": .bool(true)]
            })
    }
}

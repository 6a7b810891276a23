import Crypto
import OrderedCollections
import Values

/// A network or VPC moved to another offering (migrateNetwork, migrateVPC: the admin's way to change
/// what a network is made of), and an ACL rule moved between two others (moveNetworkAclItem).
enum NetworkMigrationAPIs {
    static let handlers: [Handler] = [
        Handler("migrateNetwork", async: true) { c throws(APIError) in
            let network = try c.entity("network", "networkid", what: "network")
            let offering = try usableOffering(c, "networkofferingid")
            if network["vpcid"] != nil {
                throw APIError.refused("Cannot migrate a VPC tier alone: migrate its VPC with migrateVPC")
            }
            guard network["type"] == "Isolated" else {
                throw APIError.refused(
                    "Network offering migration is only supported for Isolated networks, not \(network["type"] ?? "")")
            }
            guard offering["guestiptype"] == "Isolated", offering["forvpc"] != "true" else {
                throw APIError.refused(
                    "Can't migrate network \(network["name"] ?? network.id) to network offering "
                        + "\(offering["name"] ?? offering.id): it is not an isolated network offering outside VPCs")
            }
            if network["networkofferingid"] == offering.id, try !c.bool("resume") {
                throw APIError.refused(
                    "Network \(network["name"] ?? network.id) already uses network offering \(offering["name"] ?? offering.id)"
                )
            }
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.admin.network.MigrateNetworkCmd", instanceType: "Network",
                    instanceID: network.id, immediateID: nil
                ) { store, _ in
                    store.applyOffering(offering, toNetwork: network.id)
                    return ["network": store.tagged(try store.jobEntity("network", network.id))]
                })
        },
        Handler("migrateVPC", async: true) { c throws(APIError) in
            let vpc = try c.entity("vpc", "vpcid", what: "VPC")
            let offering = try c.entity("vpcoffering", "vpcofferingid", what: "VPC offering")
            guard offering["state"] == "Enabled" else {
                throw APIError.refused(
                    "VPC offering \(offering["name"] ?? offering.id) is not in Enabled state, can't migrate to it")
            }
            let tiers = c.store.table("network").rows.filter { $0["vpcid"] == vpc.id }
            var plan: [(String, Entity)] = []
            for m in c.params.map("tiernetworkofferings") {
                guard let nid = m["networkid"], let oid = m["networkofferingid"] else {
                    throw APIError.invalid("tiernetworkofferings", "each entry needs networkid and networkofferingid")
                }
                guard tiers.contains(where: { $0.id == nid }) else {
                    throw APIError.refused("Network \(nid) is not a tier of VPC \(vpc["name"] ?? vpc.id)")
                }
                guard let o = c.store.table("networkoffering").get(oid), o["forvpc"] == "true", o["state"] == "Enabled"
                else {
                    throw APIError.refused("Network offering \(oid) is not an enabled offering for VPC tiers")
                }
                plan.append((nid, o))
            }
            let missing = tiers.filter { t in !plan.contains { $0.0 == t.id } }
            if !missing.isEmpty {
                throw APIError.refused(
                    "Give a network offering for every tier of the VPC (tiernetworkofferings): missing "
                        + missing.compactMap { $0["name"] }.joined(separator: ", "))
            }
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.admin.vpc.MigrateVPCCmd", instanceType: "Vpc",
                    instanceID: vpc.id, immediateID: nil
                ) { store, _ in
                    store.table("vpc").update(vpc.id) { v in
                        v.fields["vpcofferingid"] = .string(offering.id)
                        v.fields["vpcofferingname"] = offering.fields["name"]
                    }
                    for (nid, o) in plan { store.applyOffering(o, toNetwork: nid) }
                    return ["vpc": store.tagged(try store.jobEntity("vpc", vpc.id))]
                })
        },
        Handler("moveNetworkAclItem", async: true) { c throws(APIError) in
            let id = try c.required("id")
            guard let rule = c.store.table("networkacl").get(id) else {
                throw APIError.refused("Could not find a rule with ID[\(id)]")
            }
            let acl = try NetworkACLAPIs.editableACL(c, rule["aclid"] ?? "", given: true)
            try VMOwnershipAPIs.refuseCustomID(c)
            let previous = c.optional("previousaclruleid"), next = c.optional("nextaclruleid")
            if previous == nil && next == nil {
                throw APIError.refused("Both previous and next ACL rule IDs cannot be blank.")
            }
            var rules = c.store.table("networkacl").rows.filter { $0["aclid"] == acl.id }
                .sorted { (Int($0["number"] ?? "") ?? 0) < (Int($1["number"] ?? "") ?? 0) }
            for other in [previous, next].compactMap({ $0 }) where !rules.contains(where: { $0.id == other }) {
                throw APIError.refused("Could not find a rule with ID[\(other)]")
            }
            if let hash = c.optional("aclconsistencyhash"), hash != consistencyHash(rules) {
                throw APIError.refused(
                    "It seems that the access control list in the database is not in the state that you used to apply the changed. "
                        + "Could you try it again?")
            }
            rules.removeAll { $0.id == id }
            let at =
                previous.flatMap { p in rules.firstIndex { $0.id == p }.map { $0 + 1 } } ?? next.flatMap { n in
                    rules.firstIndex { $0.id == n }
                } ?? 0
            rules.insert(rule, at: at)
            // Numbers before the moved rule stay; it and those after take the next free numbers up from there.
            var numbers: [String: Int] = [:]
            var last = 0
            for (i, r) in rules.enumerated() {
                let current = Int(r["number"] ?? "") ?? 0
                let n: Int
                if i < at {
                    n = current
                } else if r.id == id {
                    // At the top: just below the first rule's number (1 when that is 1, the others move down).
                    n = i == 0 ? max(1, (rules.count > 1 ? Int(rules[1]["number"] ?? "") ?? 2 : 2) - 1) : last + 1
                } else {
                    n = max(current, last + 1)
                }
                numbers[r.id] = n
                last = n
            }
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.user.network.MoveNetworkAclItemCmd",
                    instanceType: "NetworkACL",
                    instanceID: id, immediateID: nil
                ) { store, _ in
                    for (rid, n) in numbers where store.table("networkacl").get(rid)?["number"] != String(n) {
                        store.table("networkacl").update(rid) { $0.fields["number"] = .int(n) }
                    }
                    return ["networkacl": store.tagged(try store.jobEntity("networkacl", id))]
                })
        },
    ]

    static func usableOffering(_ c: Call, _ param: String) throws(APIError) -> Entity {
        let o = try c.entity("networkoffering", param, what: "network offering")
        guard o["state"] == "Enabled" else {
            throw APIError.refused("Network offering \(o["name"] ?? o.id) is not in Enabled state, can't upgrade to it")
        }
        return o
    }

    /// What the UI sends as aclconsistencyhash: the rules' ids in order, joined, as MD5 hex.
    static func consistencyHash(_ rules: [Entity]) -> String {
        Insecure.MD5.hash(data: Array(rules.map(\.id).joined().utf8)).map { b in
            let h = String(b, radix: 16)
            return h.count == 1 ? "0" + h : h
        }.joined()
    }
}

extension Store {
    /// A network now made of `offering`: its offering fields and services.
    func applyOffering(_ offering: Entity, toNetwork id: String) {
        table("network").update(id) { n in
            n.fields["networkofferingid"] = .string(offering.id)
            n.fields["networkofferingname"] = offering.fields["name"]
            n.fields["networkofferingdisplaytext"] = offering.fields["displaytext"]
            n.fields["networkofferingavailability"] = offering.fields["availability"]
            n.fields["networkofferingconservemode"] = offering.fields["conservemode"] ?? .bool(false)
            n.fields["service"] = offering.fields["service"].map(ServiceCapabilities.networkServices)
        }
    }
}

import Values
import OrderedCollections

/// VPCs: create (with its router(s) and source NAT address), list (tiers included), update,
/// restart, delete (refused while tiers remain). Tiers are networks made with `vpcid`.
enum VPCAPIs {
    static let cmdPrefix = "org.apache.cloudstack.api.command.user.vpc."

    static let handlers: [Handler] = [
        Handler("createVPC", async: true) { c throws(APIError) in
            let name = try c.required("name"), text = c.optional("displaytext") ?? name
            let zone = try c.entity("zone", "zoneid", what: "zone")
            if zone["networktype"] == "Basic" {
                throw APIError.refused("Can't create a VPC in zone \(zone["name"] ?? zone.id): it is a Basic zone")
            }
            let offering = try c.entity("vpcoffering", "vpcofferingid", what: "VPC offering")
            guard offering["state"] == "Enabled" else {
                throw APIError.refused(
                    "Can't use VPC offering \(offering["name"] ?? offering.id) as it is not in Enabled state")
            }
            let cidr = try c.required("cidr")
            guard IPv4.Span(cidr: cidr) != nil else { throw APIError.invalid("cidr", "Invalid CIDR specified \(cidr)") }
            let owner = try c.ownerFields()
            let redundant = NetworkOfferings.capability(offering.fields, "SourceNat", "RedundantRouter") == "true"
            var f: Record = [
                "name": .string(name), "displaytext": .string(text), "cidr": .string(cidr),
                "zoneid": .string(zone.id), "zonename": zone.fields["name"] ?? .string(""),
                "vpcofferingid": .string(offering.id), "vpcofferingname": offering.fields["name"] ?? .string(""),
                "state": .string("Enabled"), "restartrequired": .bool(false),
                "networkdomain": .string(c.optional("networkdomain") ?? "cs\(zone.seq)sandbox.internal"),
                "redundantvpcrouter": .bool(redundant),
                "distributedvpcrouter": offering.fields["distributedvpcrouter"] ?? .bool(false),
                "regionlevelvpc": offering.fields["supportsregionLevelvpc"] ?? .bool(false),
                "service": offering.fields["service"] ?? .list([]),
                "fordisplay": .bool(try c.bool("fordisplay", default: true)),
                "created": .string(c.created), "hasannotations": .bool(false),
            ]
            for k in ["dns1", "dns2", "ip6dns1", "ip6dns2"] { if let v = c.optional(k) { f[k] = .string(v) } }
            if let mtu = try c.int("publicmtu") { f["publicmtu"] = .int(mtu) }
            f.merge(owner, uniquingKeysWith: { $1 })
            let start = try c.bool("start", default: true)
            // The command's create step stores the VPC before the job runs (clients that read only the
            // immediate id, such as libcloud, use it at once); the job starts its router.
            let vpc = c.store.insert("vpc", f)
            let id = vpc.id
            return .job(
                JobSpec(cmd: cmdPrefix + "CreateVPCCmd", instanceType: "Vpc", instanceID: id, immediateID: id) {
                    store, date in
                    if start { store.startVPC(id, created: SimClock.cloudStackTime(date)) }
                    return ["vpc": store.renderVPC(try store.jobEntity("vpc", id))]
                })
        },
        Handler("listVPCs") { c throws(APIError) in
            let wanted = try NetworkOfferingAPIs.services(c, "supportedservices")
            let reply = try c.listEntities("vpc", owned: true, taggable: true) { v in
                wanted.allSatisfy(NetworkOfferings.serviceNames(v.fields).contains)
            }
            return c.store.rerender(reply) { store, e in store.renderVPC(e) }
        },
        Handler("updateVPC", async: true) { c throws(APIError) in
            let vpc = try ownVPC(c, "id")
            let params = c.params
            let mtu = try c.int("publicmtu")
            return .job(
                JobSpec(cmd: cmdPrefix + "UpdateVPCCmd", instanceType: "Vpc", instanceID: vpc.id, immediateID: nil) {
                    store, _ in
                    store.table("vpc").update(vpc.id) { e in
                        if let v = params.value("name") { e.fields["name"] = .string(v) }
                        if let v = params.value("displaytext") { e.fields["displaytext"] = .string(v) }
                        if let v = params.value("fordisplay") {
                            e.fields["fordisplay"] = .bool(v.lowercased() == "true")
                        }
                        if let mtu { e.fields["publicmtu"] = .int(mtu) }
                    }
                    return ["vpc": store.renderVPC(try store.jobEntity("vpc", vpc.id))]
                })
        },
        Handler("restartVPC", async: true) { c throws(APIError) in
            let vpc = try ownVPC(c, "id")
            let cleanup = try c.bool("cleanup"), redundant = try c.bool("makeredundant")
            return .job(
                JobSpec(cmd: cmdPrefix + "RestartVPCCmd", instanceType: "Vpc", instanceID: vpc.id, immediateID: nil) {
                    store, date in
                    // cleanup: new routers replace the old ones; makeredundant: a pair from now on.
                    if cleanup || redundant {
                        for r in store.table("router").rows where r["vpcid"] == vpc.id && !Store.isInternalLBVM(r) {
                            store.table("router").remove(r.id)
                        }
                    }
                    store.table("vpc").update(vpc.id) { e in
                        e.fields["restartrequired"] = .bool(false)
                        if redundant { e.fields["redundantvpcrouter"] = .bool(true) }
                    }
                    store.startVPC(vpc.id, created: SimClock.cloudStackTime(date))
                    return ["success": .bool(true)]
                })
        },
        Handler("deleteVPC", async: true) { c throws(APIError) in
            let vpc = try ownVPC(c, "id")
            let tiers = c.store.table("network").rows.filter { $0["vpcid"] == vpc.id }.count
            if tiers > 0 {
                throw APIError.refused("Can't delete VPC \(vpc["name"] ?? vpc.id) as its used by \(tiers) networks")
            }
            return .job(
                JobSpec(cmd: cmdPrefix + "DeleteVPCCmd", instanceType: "Vpc", instanceID: vpc.id, immediateID: nil) {
                    store, _ in
                    store.removeNetworkDependents(vpcID: vpc.id)
                    for noun in ["vpngateway", "vpnconnection", "privategateway", "staticroute"] {
                        for r in store.table(noun).rows where r["vpcid"] == vpc.id { store.table(noun).remove(r.id) }
                    }
                    for acl in store.table("networkacllist").rows where acl["vpcid"] == vpc.id {
                        for rule in store.table("networkacl").rows where rule["aclid"] == acl.id {
                            store.table("networkacl").remove(rule.id)
                        }
                        store.table("networkacllist").remove(acl.id)
                    }
                    store.table("vpc").remove(vpc.id)
                    return ["success": .bool(true)]
                })
        },
    ]

    /// A VPC named by `param` that the caller may change.
    static func ownVPC(_ c: Call, _ param: String) throws(APIError) -> Entity {
        let vpc = try c.entity("vpc", param, what: "VPC")
        try c.checkAccess(account: vpc["account"], domainID: vpc["domainid"], what: "VPC \(vpc.id)")
        return vpc
    }
}

extension Store {
    /// A started VPC has its source NAT address and its router(s) (two for a redundant VPC).
    func startVPC(_ id: String, created: String) {
        guard let vpc = table("vpc").get(id), let zone = table("zone").get(vpc["zoneid"] ?? "") else { return }
        let owner = Store.ownerFields(of: vpc.fields)
        let sourceNat =
            table("publicipaddress").first { $0["vpcid"] == id && $0["issourcenat"] == "true" }
            ?? insert(
                "publicipaddress", publicIPRecord(zone: zone, owner: owner, created: created, sourceNat: true, vpc: vpc)
            )
        guard table("router").first(where: { $0["vpcid"] == id && !Self.isInternalLBVM($0) }) == nil else { return }
        let states: [String?] = vpc["redundantvpcrouter"] == "true" ? ["PRIMARY", "BACKUP"] : [nil]
        for s in states {
            addRouter(
                zone: zone, owner: owner, created: created, network: nil, vpc: vpc, publicIP: sourceNat["ipaddress"],
                redundantState: s)
        }
    }

    /// The vpc record as the API shows it: its tiers (networks) and tags included.
    func renderVPC(_ e: Entity) -> Value {
        var f = e.fields
        f["network"] = .list(table("network").rows.filter { $0["vpcid"] == e.id }.map { .record($0.fields) })
        f["tags"] = tagsValue(e.id)
        return .record(f)
    }

    /// A list reply with each item drawn again by `draw` (for records with live parts).
    func rerender(_ reply: Reply, _ draw: (Store, Entity) -> Value) -> Reply {
        guard case .list(let noun, let items, let total) = reply else { return reply }
        let drawn = items.map { item -> Value in
            guard let id = item[field: "id"]?.plainText, let e = table(noun).get(id) else { return item }
            return draw(self, e)
        }
        return .list(noun: noun, items: drawn, total: total)
    }
}

import OrderedCollections
import Values

/// Guest VLAN ranges of a physical network and public IP ranges dedicated to an account (or a
/// project; a public range also to a domain), as NetworkService and ConfigurationManager check them.
enum DedicatedRangeAPIs {
    static let vlanNoun = "dedicatedguestvlanrange"
    /// Who a public range is dedicated to, by range id (the range's own record stays as listVlanIpRanges shows it).
    static let publicNoun = "dedicatedpublicrange"

    static let handlers: [Handler] = [
        Handler("dedicateGuestVlanRange") { c throws(APIError) in
            let owner = try rangeOwner(c)
            guard let owner else {
                throw APIError.refused("Unable to find account by name \(c.optional("account") ?? "null")")
            }
            let pnID = try c.required("physicalnetworkid")
            guard let pn = c.store.table("physicalnetwork").get(pnID) else {
                throw CatalogCheck.noEntity("physicalnetworkid", pnID, command: c.command)
            }
            if let methods = pn["isolationmethods"], !methods.isEmpty, !methods.uppercased().contains("VLAN") {
                throw APIError.refused(
                    "Cannot dedicate guest vlan range. Physical isolation type of network \(pn.seq) is not VLAN")
            }
            let vlan = try c.required("vlanrange")
            let (start, end) = try bounds(vlan)
            let inNetwork = (pn["vlan"] ?? "").split(separator: ",").contains { r in
                guard let (a, b) = try? bounds(String(r)) else { return false }
                return start >= a && end <= b
            }
            guard inNetwork else { throw APIError.refused("Unable to find guest vlan by range \(vlan)") }
            for d in c.store.table(vlanNoun).rows where d["physicalnetworkuuid"] == pn.id {
                guard let (a, b) = try? bounds(d["guestvlanrange"] ?? "") else { continue }
                if (start < a && end >= a) || (start >= a && start <= b) {
                    throw APIError.refused("Vlan range is already dedicated. Cannot dedicate guest vlan range \(vlan)")
                }
            }
            let zone = c.store.table("zone").get(pn["zoneid"] ?? "")
            var f = owner
            f.merge(
                [
                    "guestvlanrange": .string(vlan), "physicalnetworkid": .int(pn.seq), "zoneid": .int(zone?.seq ?? 0),
                    "physicalnetworkuuid": .string(pn.id),
                ], uniquingKeysWith: { $1 })
            return .object(["dedicatedguestvlanrange": render(c.store.insert(vlanNoun, f))])
        },
        Handler("listDedicatedGuestVlanRanges") { c throws(APIError) in
            // physicalnetworkid and zoneid are given as UUIDs but answered as the internal ids.
            let pn = c.optional("physicalnetworkid"), zone = c.optional("zoneid")
            let zoneSeq = zone.flatMap { c.store.table("zone").get($0)?.seq }
            let project = c.optional("projectid")
            let plain = c.with(
                params: RequestParams(
                    c.params.pairs.filter { !["physicalnetworkid", "zoneid"].contains($0.0.lowercased()) }))
            let reply = try plain.listEntities(vlanNoun) { d in
                if let project, d["projectid"] != project { return false }
                if let pn, d["physicalnetworkuuid"] != pn { return false }
                if zone != nil, d["zoneid"] != zoneSeq.map(String.init) { return false }
                if let r = c.optional("guestvlanrange"), d["guestvlanrange"] != r { return false }
                return true
            }
            guard case .list(let n, let items, let total) = reply else { return reply }
            return .list(
                noun: n,
                items: items.map {
                    $0.record.map { Value.record($0.filter { $0.key != "physicalnetworkuuid" }) } ?? $0
                },
                total: total)
        },
        Handler("releaseDedicatedGuestVlanRange", async: true) { c throws(APIError) in
            let id = try c.required("id")
            guard let d = c.store.table(vlanNoun).get(id) else {
                throw CatalogCheck.noEntity("id", id, command: c.command)
            }
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.admin.network.ReleaseDedicatedGuestVlanRangeCmd",
                    instanceType: nil, instanceID: nil, immediateID: nil
                ) { store, _ in
                    store.table(vlanNoun).remove(d.id)
                    return ["success": .bool(true)]
                })
        },
        Handler("dedicatePublicIpRange") { c throws(APIError) in
            let range = try publicRange(c)
            if c.store.table(publicNoun).get(range.id) != nil {
                throw APIError.refused("Specified Public IP range has already been dedicated")
            }
            if c.store.table("zone").get(range["zoneid"] ?? "")?["networktype"] == "Basic" {
                throw APIError.refused(
                    "Public IP range can be dedicated to an account only in the zone of type Advanced")
            }
            let domainID = try c.required("domainid")
            guard let domain = c.store.table("domain").get(domainID) else {
                throw CatalogCheck.noEntity("domainid", domainID, command: c.command)
            }
            let owner =
                try rangeOwner(c) ?? ["domainid": .string(domain.id), "domain": domain.fields["name"] ?? .string("")]
            let ownerName = owner["account"]?.plainText ?? owner["project"]?.plainText
            for ip in c.store.table("publicipaddress").rows where inRange(ip["ipaddress"], range) {
                if let holder = ip["account"] ?? ip["project"], ownerName != nil, holder != ownerName {
                    throw APIError.refused(
                        "\(ip["ipaddress"] ?? "") Public IP address in range is allocated to another account ")
                }
            }
            c.store.insert(publicNoun, owner, id: range.id)
            c.store.table("vlaniprange").update(range.id) { $0.fields.merge(owner, uniquingKeysWith: { $1 }) }
            return .object(["vlan": .record(c.store.table("vlaniprange").get(range.id)!.fields)])
        },
        Handler("releasePublicIpRange") { c throws(APIError) in
            let range = try publicRange(c)
            guard c.store.table(publicNoun).get(range.id) != nil else {
                throw APIError.refused(
                    "Can't release Public IP range \(range.seq) as it not dedicated to any domain and any account")
            }
            c.store.table(publicNoun).remove(range.id)
            let root = c.store.table("domain").first { $0["path"] == "ROOT" }
            c.store.table("vlaniprange").update(range.id) {
                for k in ["account", "project", "projectid"] { $0.fields[k] = nil }
                $0.fields["domainid"] = root.map { .string($0.id) }
                $0.fields["domain"] = .string("ROOT")
            }
            return .object(["success": .bool(true)])
        },
    ]

    /// The account (`account` in `domainid`) or project (`projectid`) a range goes to, as owner fields; nil when neither.
    static func rangeOwner(_ c: Call) throws(APIError) -> Record? {
        if let p = c.optional("projectid") {
            guard let project = c.store.table(Store.projectNoun).get(p) else {
                throw CatalogCheck.noEntity("projectid", p, command: c.command)
            }
            return Store.projectOwnerFields(project)
        }
        guard let name = c.optional("account"), let domainID = c.optional("domainid") else { return nil }
        guard let a = c.store.table("account").first(where: { $0["name"] == name && $0["domainid"] == domainID }) else {
            throw APIError.refused("Unable to find account by name \(name)")
        }
        return ["account": .string(name), "domainid": .string(domainID), "domain": a.fields["domain"] ?? .string("")]
    }

    static func publicRange(_ c: Call) throws(APIError) -> Entity {
        let id = try c.required("id")
        guard let r = c.store.table("vlaniprange").get(id), r["forvirtualnetwork"] == "true" else {
            throw CatalogCheck.noEntity("id", id, command: c.command)
        }
        return r
    }

    static func inRange(_ ip: String?, _ r: Entity) -> Bool {
        guard let a = IPv4.parse(r["startip"] ?? ""), let b = IPv4.parse(r["endip"] ?? ""), let x = IPv4.parse(ip ?? "")
        else { return false }
        return a <= x && x <= b
    }

    /// `start-end` of a VLAN range, in the server's words when it is not one.
    static func bounds(_ vlan: String) throws(APIError) -> (Int, Int) {
        let parts = vlan.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw APIError.refused(
                "Invalid format for parameter value vlan \(vlan) .Vlan should be specified as 'startvlan-endvlan'")
        }
        guard let a = Int(parts[0].trimmingSpaces()), let b = Int(parts[1].trimmingSpaces()) else {
            throw APIError.refused("Please provide valid integer value for parameter vlan")
        }
        return (a, b)
    }

    static func render(_ e: Entity) -> Value { .record(e.fields.filter { $0.key != "physicalnetworkuuid" }) }
}

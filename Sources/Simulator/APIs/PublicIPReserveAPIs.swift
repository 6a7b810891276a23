import OrderedCollections
import Values

/// Reserving a free public IP for an account and releasing it (4.17's reserveIpAddress and
/// releaseIpAddress), as IpAddressManagerImpl does: the free addresses of the zones' public VLAN
/// ranges are listed with `allocatedonly=false` (each with a lasting id, kept in `freeNoun`), a
/// reserved one is the account's (it counts against its public IP limit) until associated
/// (`associateIpAddress ipaddress=`) or released.
enum PublicIPReserveAPIs {
    static let freeNoun = "publicipfree"

    static let handlers: [Handler] = [
        Handler("reserveIpAddress") { c throws(APIError) in
            let id = try c.required("id")
            c.store.syncFreeAddresses()
            let owner: Record
            if let project = try VolumeTransferAPIs.projectOwner(c) {
                owner = project
            } else {
                owner = try c.ownerFields()
            }
            let ownerEntity = Entity(id: "", fields: owner)
            if let ip = c.store.table("publicipaddress").get(id) {
                if ip["state"] == "Reserved" {
                    if ip["account"] == ownerEntity["account"], ip["projectid"] == ownerEntity["projectid"],
                        ip["domainid"] == ownerEntity["domainid"]
                    {
                        return .object(["ipaddress": c.store.tagged(ip)])  // already this account's
                    }
                    throw APIError.refused(
                        "Unable to reserve a IP because it has already been reserved for another account.")
                }
                throw APIError.refused("Unable to reserve a IP in \(ip["state"] ?? "") state.")
            }
            guard let free = c.store.table(freeNoun).get(id) else {
                throw APIError.refused("Unable to find IP address by ID=\(id)")
            }
            if let limited = c.store.limitOwner(of: ownerEntity) {
                do throws(APIError) { try c.store.checkLimit(limited, 1, 1) } catch {
                    throw APIError(
                        532,
                        "Maximum number of public IP addresses for account: \(ownerEntity["account"] ?? ownerEntity["project"] ?? "") has been exceeded.",
                        cs: 4370)
                }
            }
            var f = free.fields
            f.merge(owner, uniquingKeysWith: { $1 })
            f["state"] = .string("Reserved")
            f["allocated"] = .string(c.created)
            if let display = try c.optional("fordisplay").map({ _ throws(APIError) in try c.bool("fordisplay") }) {
                f["fordisplay"] = .bool(display)
            }
            c.store.table(freeNoun).remove(id)
            return .object(["ipaddress": c.store.tagged(c.store.insert("publicipaddress", f, id: id))])
        },
        Handler("releaseIpAddress") { c throws(APIError) in
            let id = try c.required("id")
            guard let ip = c.store.table("publicipaddress").get(id) else {
                // Not allocated: nothing to do.
                if c.store.table(freeNoun).get(id) != nil { return .object(["success": .bool(true)]) }
                throw APIError.refused("Unable to find IP address by ID=\(id)")
            }
            if ip["state"] == "Allocated" {
                throw APIError.refused(
                    "Unable to release a public IP in Allocated state, please use disassociateIpAddress instead")
            }
            try c.checkAccess(account: ip["account"], domainID: ip["domainid"], what: "public IP address \(id)")
            c.store.table("publicipaddress").remove(id)
            c.store.removeTags(resourceID: id) { _ in true }
            c.store.insert(freeNoun, Store.freeAddressFields(ip.fields), id: id)
            return .object(["success": .bool(true)])
        },
    ]
}

extension Store {
    /// The fields a free address shows: where it is, not whose.
    static func freeAddressFields(_ f: Record) -> Record {
        var r: Record = [
            "state": .string("Free"), "forvirtualnetwork": .bool(true), "issourcenat": .bool(false),
            "isstaticnat": .bool(false), "issystem": .bool(false), "isportable": .bool(false),
            "fordisplay": .bool(true),
        ]
        for k in ["ipaddress", "zoneid", "zonename", "vlanid", "vlanname", "physicalnetworkid", "networkid"] {
            r[k] = f[k]
        }
        return r
    }

    /// Every address of the zones' public ranges that nobody holds has a free row (and only those).
    func syncFreeAddresses() {
        let taken = Set(
            table("publicipaddress").rows.compactMap { e in e["ipaddress"].map { "\(e["zoneid"] ?? "")/\($0)" } })
        let free = table(PublicIPReserveAPIs.freeNoun)
        for e in free.rows where taken.contains("\(e["zoneid"] ?? "")/\(e["ipaddress"] ?? "")") { free.remove(e.id) }
        let listed = Set(free.rows.compactMap { e in e["ipaddress"].map { "\(e["zoneid"] ?? "")/\($0)" } })
        for r in table("vlaniprange").rows where r["forvirtualnetwork"] == "true" && r["networkid"] == nil {
            guard let a = IPv4.parse(r["startip"] ?? ""), let b = IPv4.parse(r["endip"] ?? ""), a <= b, b - a < 65536
            else { continue }
            let zone = table("zone").get(r["zoneid"] ?? "")
            for n in a...b {
                let text = IPv4.text(n), key = "\(r["zoneid"] ?? "")/\(text)"
                guard !taken.contains(key), !listed.contains(key) else { continue }
                insert(
                    PublicIPReserveAPIs.freeNoun,
                    Self.freeAddressFields([
                        "ipaddress": .string(text), "zoneid": r.fields["zoneid"] ?? .null,
                        "zonename": zone?.fields["name"] ?? .null,
                        "vlanid": .string(r.id), "vlanname": r.fields["vlan"] ?? .null,
                        "physicalnetworkid": r.fields["physicalnetworkid"] ?? .null,
                        "networkid": systemNetwork(zone: r["zoneid"] ?? "", traffic: "Public").map { .string($0.id) }
                            ?? .null,
                    ]))
            }
        }
    }
}

import OrderedCollections
import Values

/// A zone's guest IPv6 prefixes (root admin): the blocks guest networks take /64 subnets from.
/// A prefix is /64 or shorter and overlaps no other prefix of its zone; it goes only while none of
/// its subnets is in use (no network here takes one yet, so every subnet stays available).
enum GuestIPv6PrefixAPIs {
    static let noun = "guestnetworkipv6prefix"
    static let cmdPrefix = "org.apache.cloudstack.api.command.admin.network."

    static let handlers: [Handler] = [
        Handler("createGuestNetworkIpv6Prefix", async: true) { c throws(APIError) in
            let zone = try c.entity("zone", "zoneid", what: "zone")
            let prefix = try c.required("prefix")
            let created = c.created
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "CreateGuestNetworkIpv6PrefixCmd", instanceType: nil, instanceID: nil,
                    immediateID: nil
                ) { store, _ in
                    guard let net = IPv6.prefix(prefix) else {
                        throw APIError.internalError("Invalid IPv6 prefix: \(prefix)")
                    }
                    guard net.length <= 64 else { throw APIError.refused("IPv6 prefix must be /64 or less") }
                    for other in store.table(noun).rows where other["zoneid"] == zone.id {
                        let existing = other["prefix"] ?? ""
                        if IPv6.overlaps(existing, prefix) {
                            throw APIError.refused(
                                "IPv6 prefix \(prefix) overlaps with the existing IPv6 prefix \(existing)")
                        }
                    }
                    // A /0 counts as 2^63 subnets: 2^64 is past Java's long.
                    let total = 1 << (64 - max(net.length, 1))
                    let e = store.insert(
                        noun,
                        [
                            "prefix": .string(prefix), "zoneid": .string(zone.id), "created": .string(created),
                            "usedsubnets": .int(0), "availablesubnets": .int(total), "totalsubnets": .int(total),
                        ])
                    return [noun: .record(e.fields)]
                })
        },
        Handler("listGuestNetworkIpv6Prefixes") { c throws(APIError) in try c.listEntities(noun) },
        Handler("deleteGuestNetworkIpv6Prefix", async: true) { c throws(APIError) in
            let prefix = try c.entity(noun, "id", what: "guest network IPv6 prefix")
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "DeleteGuestNetworkIpv6PrefixCmd", instanceType: nil, instanceID: nil,
                    immediateID: nil
                ) { store, _ in
                    let p = try store.jobEntity(noun, prefix.id)
                    if (Int(p["usedsubnets"] ?? "0") ?? 0) > 0 {
                        throw APIError.internalError(
                            "Unable to delete guest network IPv6 prefix ID: \(p.seq). Prefix subnets are in use.")
                    }
                    store.table(noun).remove(p.id)
                    return ["success": .bool(true)]
                })
        },
    ]
}

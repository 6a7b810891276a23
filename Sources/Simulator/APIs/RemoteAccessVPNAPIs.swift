import Values
import OrderedCollections

/// Remote access VPN on the source NAT address of an isolated network or VPC, and the VPN
/// users of an account (their passwords are checked and never stored or shown).
enum RemoteAccessVPNAPIs {
    static let cmdPrefix = "org.apache.cloudstack.api.command.user.vpn."
    /// `remote.access.vpn.client.iprange`'s default.
    static let defaultRange = "10.1.2.1-10.1.2.8"

    static let handlers: [Handler] = [
        Handler("createRemoteAccessVpn", async: true) { c throws(APIError) in
            let ip = try AddressAPIs.ownAddress(c, "publicipid")
            guard ip["issourcenat"] == "true" else {
                throw APIError.refused(
                    "Remote access VPN can be enabled only on the source NAT IP address of a network or VPC, "
                        + "not on \(ip["ipaddress"] ?? ip.id)")
            }
            if c.store.table("remoteaccessvpn").first(where: { $0["publicipid"] == ip.id }) != nil {
                throw APIError.refused(
                    "A Remote Access VPN already exists for the public IP address \(ip["ipaddress"] ?? "")")
            }
            let range = c.optional("iprange") ?? defaultRange
            let ends = range.split(separator: "-").map(String.init)
            guard ends.count == 2, let a = IPv4.parse(ends[0]), let b = IPv4.parse(ends[1]), a <= b else {
                throw APIError.invalid("iprange", "Invalid ip range \(range): use first-last, e.g. \(defaultRange)")
            }
            let guest =
                ip["vpcid"].flatMap { c.store.table("vpc").get($0)?["cidr"] }
                ?? ip["associatednetworkid"].flatMap { c.store.table("network").get($0)?["cidr"] }
            if let guest, let g = IPv4.Span(cidr: guest), g.overlaps(IPv4.Span(first: a, last: b)) {
                throw APIError.refused("Invalid ip range: \(range) overlaps with guest ip range \(guest)")
            }
            var f: Record = [
                "publicipid": .string(ip.id), "publicip": ip.fields["ipaddress"] ?? .string(""),
                "iprange": .string(range),
                "presharedkey": .string(String(c.store.newID().filter { $0 != "-" }.prefix(24))),
                "state": .string("Running"), "fordisplay": .bool(try c.bool("fordisplay", default: true)),
            ]
            f.merge(Store.ownerFields(of: ip.fields), uniquingKeysWith: { $1 })
            if let n = ip["associatednetworkid"] { f["networkid"] = .string(n) }
            let id = c.store.newID()
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "CreateRemoteAccessVpnCmd", instanceType: "RemoteAccessVpn", instanceID: id,
                    immediateID: id
                ) { store, _ in
                    ["remoteaccessvpn": vpn(store.insert("remoteaccessvpn", f, id: id))]
                })
        },
        Handler("listRemoteAccessVpns") { c throws(APIError) in
            let exact = c.exactFields(["publicipid", "networkid"])
            return c.store.rerender(try c.listEntities("remoteaccessvpn", owned: true) { exact($0) }) { _, e in vpn(e) }
        },
        Handler("updateRemoteAccessVpn", async: true) { c throws(APIError) in
            let v = try SiteToSiteVPNAPIs.own(c, "remoteaccessvpn", "remote access VPN")
            let display = try c.bool("fordisplay", default: v["fordisplay"] != "false")
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "UpdateRemoteAccessVpnCmd", instanceType: "RemoteAccessVpn", instanceID: v.id,
                    immediateID: nil
                ) { store, _ in
                    store.table("remoteaccessvpn").update(v.id) { $0.fields["fordisplay"] = .bool(display) }
                    return ["remoteaccessvpn": vpn(try store.jobEntity("remoteaccessvpn", v.id))]
                })
        },
        Handler("deleteRemoteAccessVpn", async: true) { c throws(APIError) in
            let ip = try AddressAPIs.ownAddress(c, "publicipid")
            guard let v = c.store.table("remoteaccessvpn").first(where: { $0["publicipid"] == ip.id }) else {
                throw APIError.refused("There is no remote access VPN on public IP address \(ip["ipaddress"] ?? ip.id)")
            }
            return SiteToSiteVPNAPIs.remove(c, "remoteaccessvpn", v, "DeleteRemoteAccessVpnCmd")
        },
        Handler("addVpnUser", async: true) { c throws(APIError) in
            let username = try c.required("username"), password = try c.required("password")
            // RemoteAccessVpnManagerImpl.addVpnUser's two patterns and words.
            guard matches(username, first: alnum, rest: alnum.union("@._-"), 3...64) else {
                throw APIError.refused(
                    "Username [\(username)] is invalid. Username has to begin with an alphabet have 3-64 characters "
                        + "including alphabets, numbers and the set '@.-_'.")
            }
            guard matches(password, first: alnum, rest: alnum.union("@+=._-"), 3...32) else {
                throw APIError.refused(
                    "Password has to be 3-32 characters including alphabets, numbers and the set '@+=.-_'")
            }
            var f = try c.ownerFields()
            if c.store.table("vpnuser").first(where: { sameOwner($0.fields, f) && $0["username"] == username }) != nil {
                throw APIError.refused(
                    "VPN User with name \(username) is already added for account \(f["account"]?.plainText ?? "")")
            }
            // AddVpnUserCmd is a create command: the user is stored (state Add) before the job runs,
            // so a client that does not wait for the job already lists it.
            f["username"] = .string(username)
            f["state"] = .string("Add")
            let user = c.store.insert("vpnuser", f, id: c.store.newID())
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "AddVpnUserCmd", instanceType: "VpnUser", instanceID: user.id,
                    immediateID: user.id
                ) { store, _ in
                    // applyVpnUsers answers false when the owner has no remote access VPN: the job fails
                    // and the user stays in state Add (4.18 does not roll it back).
                    guard hasVPN(store, owner: f) else { throw APIError.internalError("Failed to add vpn user") }
                    store.table("vpnuser").update(user.id) { $0.fields["state"] = .string("Active") }
                    return ["vpnuser": .record(try store.jobEntity("vpnuser", user.id).fields)]
                })
        },
        Handler("listVpnUsers") { c throws(APIError) in
            let exact = c.exactFields(["username"])
            // searchForVpnUsers lists states Active and Add only: a revoked user is gone from the list.
            return try c.listEntities("vpnuser", owned: true) { exact($0) && $0["state"] != "Revoke" }
        },
        Handler("removeVpnUser", async: true) { c throws(APIError) in
            let username = try c.required("username")
            let owner = try c.ownerFields()
            guard
                let u = c.store.table("vpnuser").first(where: {
                    sameOwner($0.fields, owner) && $0["username"] == username
                })
            else {
                throw APIError.refused(
                    "Unable to find VPN user \(username) of account \(owner["account"]?.plainText ?? "")")
            }
            return .job(
                JobSpec(cmd: cmdPrefix + "RemoveVpnUserCmd", instanceType: nil, instanceID: u.id, immediateID: nil) {
                    store, _ in
                    // Revoked first; applyVpnUsers then deletes it, or fails without a remote access VPN.
                    store.table("vpnuser").update(u.id) { $0.fields["state"] = .string("Revoke") }
                    guard hasVPN(store, owner: owner) else {
                        throw APIError.internalError("Failed to apply vpn user removal")
                    }
                    store.table("vpnuser").remove(u.id)
                    return ["success": .bool(true)]
                })
        },
    ]

    static let alnum = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

    /// `^[first][rest]{n-1}$` with the length in `count`, as the server's regular expressions read.
    static func matches(_ s: String, first: Set<Character>, rest: Set<Character>, _ count: ClosedRange<Int>) -> Bool {
        guard let c = s.first, first.contains(c), count.contains(s.count) else { return false }
        return s.dropFirst().allSatisfy(rest.contains)
    }

    static func sameOwner(_ a: Record, _ b: Record) -> Bool {
        a["account"]?.plainText == b["account"]?.plainText && a["domainid"]?.plainText == b["domainid"]?.plainText
    }

    /// Whether the account has a remote access VPN to apply its users to.
    static func hasVPN(_ store: Store, owner: Record) -> Bool {
        store.table("remoteaccessvpn").first(where: { sameOwner($0.fields, owner) }) != nil
    }

    static func vpn(_ e: Entity) -> Value {
        var f = e.fields
        f["networkid"] = nil  // kept to tidy up with the network; not part of the server's answer
        return .record(f)
    }
}

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
            let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@.-_")
            guard let first = username.first, first.isLetter, (3...64).contains(username.count),
                username.allSatisfy(allowed.contains)
            else {
                throw APIError.invalid(
                    "username",
                    "Username has to begin with a letter and have 3-64 characters: letters, digits and '@.-_'")
            }
            guard (3...255).contains(password.count),
                !password.contains(where: { $0 == "\"" || $0 == "\\" || $0 == " " })
            else {
                throw APIError.invalid(
                    "password", "Password has to be 3-255 characters, without quotes, backslashes or spaces")
            }
            var f = try c.ownerFields()
            if c.store.table("vpnuser").first(where: {
                $0["username"] == username && $0["account"] == f["account"]?.plainText
                    && $0["domainid"] == f["domainid"]?.plainText
            }) != nil {
                throw APIError.refused(
                    "VPN User with name \(username) is already added for account \(f["account"]?.plainText ?? "")")
            }
            f["username"] = .string(username)
            f["state"] = .string("Active")
            let id = c.store.newID()
            return .job(
                JobSpec(cmd: cmdPrefix + "AddVpnUserCmd", instanceType: "VpnUser", instanceID: id, immediateID: id) {
                    store, _ in
                    ["vpnuser": .record(store.insert("vpnuser", f, id: id).fields)]
                })
        },
        Handler("listVpnUsers") { c throws(APIError) in
            let exact = c.exactFields(["username"])
            return try c.listEntities("vpnuser", owned: true) { exact($0) }
        },
        Handler("removeVpnUser", async: true) { c throws(APIError) in
            let username = try c.required("username")
            let owner = try c.ownerFields()
            guard
                let u = c.store.table("vpnuser").first(where: {
                    $0["username"] == username && $0["account"] == owner["account"]?.plainText
                        && $0["domainid"] == owner["domainid"]?.plainText
                })
            else {
                throw APIError.refused(
                    "Unable to find VPN user \(username) of account \(owner["account"]?.plainText ?? "")")
            }
            return SiteToSiteVPNAPIs.remove(c, "vpnuser", u, "RemoveVpnUserCmd")
        },
    ]

    static func vpn(_ e: Entity) -> Value {
        var f = e.fields
        f["networkid"] = nil  // kept to tidy up with the network; not part of the server's answer
        return .record(f)
    }
}

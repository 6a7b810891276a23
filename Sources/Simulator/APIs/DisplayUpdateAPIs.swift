import Values
import OrderedCollections

/// The updates that change only how a resource is shown (`fordisplay`) or its uuid (`customid`):
/// firewall rules, ingress and egress alike (FirewallManagerImpl.updateFirewallRule serves both
/// commands and finds any rule whose purpose is Firewall), and site-to-site VPN connections and
/// gateways (Site2SiteVpnManagerImpl). All are jobs answering the updated resource.
enum DisplayUpdateAPIs {
    static let handlers: [Handler] = [
        Handler("updateFirewallRule", async: true) { c throws(APIError) in
            try updateRule(c, cmd: "UpdateFirewallRuleCmd")
        },
        Handler("updateEgressFirewallRule", async: true) { c throws(APIError) in
            try updateRule(c, cmd: "UpdateEgressFirewallRuleCmd")
        },
        Handler("updateVpnConnection", async: true) { c throws(APIError) in
            let conn = try SiteToSiteVPNAPIs.own(c, "vpnconnection", "VPN connection")
            return try update(
                c, noun: "vpnconnection", conn, cmd: SiteToSiteVPNAPIs.cmdPrefix + "UpdateVpnConnectionCmd",
                instanceType: "Site2SiteVpnConnection"
            ) { _, e in SiteToSiteVPNAPIs.connection(e) }
        },
        Handler("updateVpnGateway", async: true) { c throws(APIError) in
            let gw = try SiteToSiteVPNAPIs.own(c, "vpngateway", "VPN gateway")
            return try update(
                c, noun: "vpngateway", gw, cmd: SiteToSiteVPNAPIs.cmdPrefix + "UpdateVpnGatewayCmd",
                instanceType: "Site2SiteVpnGateway"
            ) { _, e in .record(e.fields) }
        },
    ]

    /// Firewall rules live in two tables here (ingress, egress); the server keeps every rule in one,
    /// so an id of another purpose (port forwarding, static NAT, load balancing) is found but refused.
    static let firewallNouns = ["firewallrule", "egressfirewallrule"]
    static let otherRuleNouns = ["portforwardingrule", IPForwardingAPIs.noun, "loadbalancerrule"]

    static func updateRule(_ c: Call, cmd: String) throws(APIError) -> Reply {
        let id = try c.required("id")
        guard let (noun, rule) = firewallNouns.lazy.compactMap({ n in c.store.table(n).get(id).map { (n, $0) } }).first
        else {
            if let other = otherRuleNouns.lazy.compactMap({ c.store.table($0).get(id) }).first {
                throw APIError.refused("Unable to find \(other.seq) having purpose Firewall")
            }
            throw CatalogCheck.noEntity("id", id, command: c.command)
        }
        try c.checkAccess(account: rule["account"], domainID: rule["domainid"], what: "firewall rule \(rule.id)")
        return try update(
            c, noun: noun, rule, cmd: FirewallAPIs.cmdPrefix + cmd, instanceType: "FirewallRule", answer: "firewallrule"
        ) { store, e in store.tagged(e) }
    }

    /// Sets `fordisplay` when given, in a job answering the resource under `answer` (default: its noun).
    /// `customid` would give the resource a new uuid, which the simulator does not model: refused.
    static func update(
        _ c: Call, noun: String, _ e: Entity, cmd: String, instanceType: String, answer: String? = nil,
        render: @escaping (Store, Entity) -> Value
    ) throws(APIError) -> Reply {
        try VMOwnershipAPIs.refuseCustomID(c)
        let display: Bool? = try c.optional("fordisplay").map { _ throws(APIError) in try c.bool("fordisplay") }
        return .job(
            JobSpec(cmd: cmd, instanceType: instanceType, instanceID: e.id, immediateID: nil) { store, _ in
                if let display { store.table(noun).update(e.id) { $0.fields["fordisplay"] = .bool(display) } }
                return [answer ?? noun: render(store, try store.jobEntity(noun, e.id))]
            })
    }
}

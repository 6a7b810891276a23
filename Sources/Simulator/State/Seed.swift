import FoundationEssentials
import Values
import OrderedCollections

/// A login-capable user with the identity calls made with its keys or session get.
struct Principal {
    var user: SimulatorOptions.User
    var caller: Caller
}

/// A new cloud: the domain tree and accounts, then the data center of `options.datacenter`
/// (zones and their infrastructure, OS types, templates ready in every zone, offerings,
/// networks and security groups).
extension Store {
    func seed(created: String) {
        let plan = DataCenterPlan.plan(options.datacenter)
        insert(Self.cloudNoun, ["datacenter": .string(options.datacenter.rawValue)], id: "cloud")
        seedRoles()
        let domains = seedDomains(created)
        seedAccounts(domains, created)
        let os = seedOSTypes()
        seedPlatform()
        let zones = plan.zones.map { seedZone($0, created) }
        seedTemplates(plan.templates, os, zones[0], created)
        if !plan.templates.contains(where: { $0.type == "SYSTEM" }) {
            seedTemplates([DataCenterPlan.systemVMTemplate], os, zones[0], created)
        }
        seedOfferings(plan, created)
        // before the networks: their routers run the system template on the router offering
        seedSystemOfferings(created)
        seedNetworks(plan, zones, created)
        seedSystemVMs(created)
        seedCounters()
        // Last, so the ids of everything above stay those of clouds seeded before the mappings existed.
        seedGuestOSMappings()
        for (name, value) in plan.globalSettings {
            table(ConfigurationAPIs.noun).put(
                Entity(id: ConfigurationAPIs.key(name, nil), fields: ["value": .string(value)]))
        }
    }

    /// Facts about the cloud as a whole (which data center it was seeded with), saved with it.
    static let cloudNoun = "cloud"

    /// A state file keeps the data center it was seeded with; asking for another is refused, not
    /// silently ignored (files from before this was recorded hold the sandbox).
    func checkDataCenter(_ path: String) throws(SimulatorError) {
        let saved = table(Self.cloudNoun).get("cloud")?["datacenter"] ?? DataCenter.sandbox.rawValue
        guard saved != options.datacenter.rawValue else { return }
        throw SimulatorError(
            message: "simulator state file \(path) holds the \(saved) data center, not "
                + "\(options.datacenter.rawValue); use --datacenter \(saved), or --fresh to start it over as \(options.datacenter.rawValue)"
        )
    }

    @discardableResult
    func insert(_ noun: String, _ fields: Record, id: String? = nil, seq: Int = 0) -> Entity {
        let id = id ?? newID()
        var f: Record = ["id": .string(id)]
        f.merge(fields, uniquingKeysWith: { $1 })
        let e = Entity(id: id, fields: f, seq: seq)
        table(noun).insert(e)
        return e
    }

    private func seedDomains(_ created: String) -> [String: Entity] {
        let paths = Set(options.seededUsers.map { $0.domainPath == "" ? "/" : $0.domainPath }).union(["/"])
        var byPath: [String: Entity] = [:]
        for path in paths.sorted() {
            let parts = path.split(separator: "/").map(String.init)
            let parent = parts.isEmpty ? nil : byPath["/" + parts.dropLast().joined(separator: "/")]
            byPath[path] = addDomain(name: parts.last ?? "ROOT", parent: parent, created: created)
        }
        return byPath
    }

    private func seedAccounts(_ domains: [String: Entity], _ created: String) {
        for u in options.seededUsers {
            let domain = domains[u.domainPath == "" ? "/" : u.domainPath]!
            let account =
                table("account").first { $0["name"] == u.account && $0["domainid"] == domain.id }
                ?? addAccount(name: u.account, role: u.isAdmin ? .rootAdmin : .user, domain: domain, created: created)
            addUser(
                u, firstName: u.username, lastName: "Sandbox", email: "\(u.username)@sandbox.invalid", account: account,
                created: created)
        }
    }

    /// Cross-zone templates, ready in every zone (listTemplates shows one record per zone).
    private func seedTemplates(_ plans: [TemplatePlan], _ os: [String: Entity], _ zone: Entity, _ created: String) {
        let admin = principals.first { $0.caller.isAdmin }?.caller
        for t in plans {
            let o = os[t.osType]!
            insert(
                "template",
                [
                    "name": .string(t.name), "displaytext": .string(t.displayText), "ispublic": .bool(t.isPublic),
                    "created": .string(created), "isready": .bool(true), "passwordenabled": .bool(t.passwordEnabled),
                    "format": .string(t.format), "isfeatured": .bool(t.featured), "crossZones": .bool(true),
                    "ostypeid": .string(o.id), "ostypename": o.fields["description"]!,
                    "account": .string(t.system ? "system" : admin?.account ?? "admin"),
                    "zoneid": .string(zone.id), "zonename": zone.fields["name"]!,
                    "status": .string("Download Complete"),
                    "size": .int(t.size), "templatetype": .string(t.type), "hypervisor": .string("Simulator"),
                    "domain": .string(admin?.domain ?? "ROOT"), "domainid": .string(admin?.domainID ?? ""),
                    "isextractable": .bool(false), "sshkeyenabled": .bool(false),
                    "isdynamicallyscalable": .bool(!t.system),
                    "bits": .int(64), "directdownload": .bool(false), "deployasis": .bool(false),
                    "requireshvm": .bool(t.system == false),
                ])
        }
    }

    private func seedOfferings(_ plan: DataCenterPlan, _ created: String) {
        for o in plan.serviceOfferings {
            insert(
                "serviceoffering",
                OfferingAPIs.serviceOffering(
                    name: o.name, displayText: o.displayText, cpus: o.cpus,
                    speed: o.speed, memory: o.memory, ha: o.ha, created: created))
        }
        for d in plan.diskOfferings {
            insert(
                "diskoffering",
                OfferingAPIs.diskOffering(name: d.name, displayText: d.displayText, gb: d.gb, created: created))
        }
    }

    private func seedNetworks(_ plan: DataCenterPlan, _ zones: [Entity], _ created: String) {
        let offerings = seedNetworkOfferings(created)
        let isolated = offerings["DefaultIsolatedNetworkOfferingWithSourceNatService"]!
        let shared = offerings["DefaultSharedNetworkOfferingWithSGService"]!
        if plan.accountNetworks, let advanced = zones.first(where: { $0["networktype"] == "Advanced" }) {
            for (i, p) in principals.enumerated() {
                let n = insertNetwork(
                    name: "\(p.caller.account)-network", zone: advanced, offering: isolated, type: "Isolated",
                    cidr: "10.1.\(i).0/24", owner: p.caller, created)
                implementNetwork(n.id, created: created)
            }
        }
        // Each basic zone has one shared guest network; its VMs take addresses from the pod's guest range.
        for (zone, zonePlan) in zip(zones, plan.zones) where zonePlan.networkType == "Basic" {
            let podPlan = zonePlan.pods.first { $0.guestRange != nil }
            let range = podPlan?.guestRange
            let network = insertNetwork(
                name: "guestNetworkForBasicZone", zone: zone, offering: shared, type: "Shared",
                cidr: range.flatMap { IPv4.cidr($0.gateway, $0.netmask) } ?? "10.2.0.0/16",
                owner: principals.first { $0.caller.isAdmin }?.caller, created)
            if let range, let podPlan,
                let pod = table("pod").first(where: { $0["name"] == podPlan.name && $0["zoneid"] == zone.id })
            {
                insert(
                    "vlaniprange",
                    vlanRangeFields(range, zone: zone, networkID: network.id, podID: pod.id, public: false))
            }
        }
    }

    @discardableResult
    func insertNetwork(
        name: String, zone: Entity, offering: Entity, type: String, cidr: String, owner: Caller?,
        _ created: String, displayText: String? = nil
    ) -> Entity {
        let gateway = cidr.split(separator: "/")[0].split(separator: ".").prefix(3).joined(separator: ".") + ".1"
        var f: Record = [
            "name": .string(name), "displaytext": .string(displayText ?? name), "broadcastdomaintype": .string("Vlan"),
            "traffictype": .string("Guest"), "gateway": .string(gateway),
            "netmask": .string(IPv4.netmask(cidr) ?? "255.255.255.0"),
            "cidr": .string(cidr), "zoneid": .string(zone.id), "zonename": zone.fields["name"]!,
            "networkofferingid": .string(offering.id), "networkofferingname": offering.fields["name"]!,
            "networkofferingdisplaytext": offering.fields["displaytext"]!,
            "networkofferingavailability": offering.fields["availability"]!,
            "networkofferingconservemode": offering.fields["conservemode"] ?? .bool(false), "issystem": .bool(false),
            "displaynetwork": .bool(true), "strechedl2subnet": .bool(false),
            "redundantrouter": .bool(
                NetworkOfferings.capability(offering.fields, "SourceNat", "RedundantRouter") == "true"),
            "receivedbytes": .int(0), "sentbytes": .int(0),
            "state": .string(type == "Shared" ? "Setup" : "Allocated"), "related": .string(""),
            "dns1": .string("192.0.2.53"), "dns2": .string("192.0.2.54"), "type": .string(type),
            "acltype": .string(type == "Shared" ? "Domain" : "Account"),
            "subdomainaccess": .bool(type == "Shared"),
            "networkdomain": .string("cs\(zone.id.prefix(4))sandbox.internal"),
            "physicalnetworkid": .string(
                PhysicalNetworkAPIs.carrier(self, zone: zone.id, traffic: "Guest")?.id ?? zone.id),
            "restartrequired": .bool(false), "specifyipranges": .bool(type == "Shared"),
            "canusefordeploy": .bool(true), "ispersistent": .bool(false),
            "service": ServiceCapabilities.networkServices(offering.fields["service"]!),
            "created": .string(created),
        ]
        // An isolated network outside a VPC shows its offering's egress default (createNetwork drops it for tiers).
        if type == "Isolated" { f["egressdefaultpolicy"] = offering.fields["egressdefaultpolicy"] ?? .bool(false) }
        if let owner {
            if type != "Shared" { f["account"] = .string(owner.account) }
            f["domainid"] = .string(owner.domainID)
            f["domain"] = .string(owner.domain)
        }
        let id = newID()
        f["related"] = .string(id)
        return insert("network", f, id: id)
    }

    /// Seeds `n` Running VMs owned by the admin, spread over the zones' networks, quickly.
    func seedVMs(_ n: Int, created: String) {
        guard n > 0, let admin = principals.first(where: { $0.caller.isAdmin })?.caller else { return }
        let networks = table("network").rows.filter { $0["type"] == "Shared" || $0["account"] == admin.account }
        let templates = table("template").rows, offerings = table("serviceoffering").rows.prefix(3)
        guard !networks.isEmpty, !templates.isEmpty, !offerings.isEmpty else { return }
        vms.reserve(n)
        for i in 0..<n {
            let net = networks[i % networks.count]
            let id = newID()
            let name = "seed-\(i + 1)"
            vms.insert(
                VM(
                    id: id, name: name, displayName: name, state: "Running", zoneID: net["zoneid"]!,
                    templateID: templates[i % templates.count].id,
                    offeringID: offerings[offerings.startIndex + i % offerings.count].id,
                    networkID: net.id, nicID: newID(), ip: IPv4.text(0x0A40_0000 + UInt32(i)),
                    mac: Store.guestMAC(i), rootVolumeID: newID(), rootSize: 8 << 30, created: created,
                    accountID: admin.accountID, account: admin.account, domainID: admin.domainID,
                    domain: admin.domain, userID: admin.userID, username: admin.username))
        }
    }
}

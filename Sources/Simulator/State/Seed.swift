import FoundationEssentials
import Values

/// A login-capable user with the identity calls made with its keys or session get.
struct Principal {
    var user: SimulatorOptions.User
    var caller: Caller
}

/// The small believable cloud every simulator starts with: two zones, a domain tree,
/// accounts, templates, offerings, networks and security groups.
extension Store {
    func seed(created: String) {
        let domains = seedDomains(created)
        seedAccounts(domains, created)
        let os = seedOSTypes()
        let zones = [
            seedZone("Sandbox-1", "Advanced", sg: false, "Advanced zone: isolated networks, public IPs, port forwarding", created),
            seedZone("Sandbox-2", "Basic", sg: true, "Basic zone: one shared network with security groups", created),
        ]
        for (i, zone) in zones.enumerated() { seedPod(zone, number: i + 1, created) }
        seedTemplates(os, zones[0], created)
        seedOfferings(created)
        seedNetworks(zones, created)
    }

    @discardableResult
    func insert(_ noun: String, _ fields: Record, id: String? = nil) -> Entity {
        let id = id ?? newID()
        var f: Record = ["id": .string(id)]
        f.merge(fields, uniquingKeysWith: { $1 })
        let e = Entity(id: id, fields: f)
        table(noun).insert(e)
        return e
    }

    private func seedDomains(_ created: String) -> [String: Entity] {
        let paths = Set(options.users.map { $0.domainPath == "" ? "/" : $0.domainPath }).union(["/"])
        var byPath: [String: Entity] = [:]
        for path in paths.sorted() {
            let parts = path.split(separator: "/").map(String.init)
            let parent = parts.isEmpty ? nil : byPath["/" + parts.dropLast().joined(separator: "/")]
            byPath[path] = addDomain(name: parts.last ?? "ROOT", parent: parent, created: created)
        }
        return byPath
    }

    private func seedAccounts(_ domains: [String: Entity], _ created: String) {
        for u in options.users {
            let domain = domains[u.domainPath == "" ? "/" : u.domainPath]!
            let account = table("account").first { $0["name"] == u.account && $0["domainid"] == domain.id }
                ?? addAccount(name: u.account, role: u.isAdmin ? .rootAdmin : .user, domain: domain, created: created)
            addUser(u, firstName: u.username, lastName: "Sandbox", email: "\(u.username)@sandbox.invalid", account: account,
                    created: created)
        }
    }

    private func seedOSTypes() -> [String: Entity] {
        let linux = newID(), windows = newID()
        var out: [String: Entity] = [:]
        for (d, cat) in [("Ubuntu 22.04 LTS", linux), ("Debian GNU/Linux 12 (64-bit)", linux), ("CentOS 7", linux),
                         ("Rocky Linux 9", linux), ("Other Linux (64-bit)", linux), ("Windows Server 2022 (64-bit)", windows)] {
            out[d] = insert("ostype", ["oscategoryid": .string(cat), "description": .string(d), "isuserdefined": .bool(false)])
        }
        return out
    }

    private func seedTemplates(_ os: [String: Entity], _ zone: Entity, _ created: String) {
        let admin = principals.first { $0.caller.isAdmin }?.caller
        let list: [(String, String, String, Int, Bool)] = [
            ("Ubuntu 22.04 LTS", "Ubuntu 22.04 LTS", "QCOW2", 2_361_393_152, true),
            ("Debian 12", "Debian GNU/Linux 12 (64-bit)", "QCOW2", 2_147_483_648, true),
            ("Rocky Linux 9", "Rocky Linux 9", "QCOW2", 10_737_418_240, false),
            ("CentOS 7.9", "CentOS 7", "QCOW2", 8_589_934_592, false),
            ("Windows Server 2022", "Windows Server 2022 (64-bit)", "QCOW2", 42_949_672_960, true),
        ]
        for (name, osName, format, size, password) in list {
            let o = os[osName]!
            insert("template", [
                "name": .string(name), "displaytext": .string("\(name) (sandbox)"), "ispublic": .bool(true),
                "created": .string(created), "isready": .bool(true), "passwordenabled": .bool(password),
                "format": .string(format), "isfeatured": .bool(true), "crossZones": .bool(true),
                "ostypeid": .string(o.id), "ostypename": o.fields["description"]!, "account": .string(admin?.account ?? "admin"),
                "zoneid": .string(zone.id), "zonename": zone.fields["name"]!, "status": .string("Download Complete"),
                "size": .int(size), "templatetype": .string("USER"), "hypervisor": .string("Simulator"),
                "domain": .string(admin?.domain ?? "ROOT"), "domainid": .string(admin?.domainID ?? ""),
                "isextractable": .bool(false), "sshkeyenabled": .bool(false), "isdynamicallyscalable": .bool(true),
            ])
        }
    }

    private func seedOfferings(_ created: String) {
        for (name, cpus, speed, mem, ha) in [("Small Instance", 1, 1000, 512, false), ("Medium Instance", 2, 2000, 2048, false),
                                               ("Large Instance", 4, 2000, 8192, true),
                                               ("Huge Instance", 64, 2400, 262_144, true)] {
            insert("serviceoffering", OfferingAPIs.serviceOffering(
                name: name, displayText: "\(cpus) vCPU, \(mem) MB RAM" + (mem > 131_072 ? " (bigger than any sandbox host: deploys fail with 533)" : ""),
                cpus: cpus, speed: speed, memory: mem, ha: ha, created: created))
        }
        // Five, so the classic `diskofferingid=5` names a fixed-size one (Extra Large).
        for (name, gb) in [("Small", 5), ("Medium", 20), ("Large", 100), ("Custom", 0), ("Extra Large", 500)] {
            insert("diskoffering", OfferingAPIs.diskOffering(name: name, displayText: gb == 0 ? "Custom size" : "\(gb) GB",
                                                             gb: gb, created: created))
        }
    }

    private func seedNetworks(_ zones: [Entity], _ created: String) {
        let offerings = seedNetworkOfferings(created)
        let isolated = offerings["DefaultIsolatedNetworkOfferingWithSourceNatService"]!
        let shared = offerings["DefaultSharedNetworkOfferingWithSGService"]!
        for (i, p) in principals.enumerated() {
            let n = insertNetwork(name: "\(p.caller.account)-network", zone: zones[0], offering: isolated, type: "Isolated",
                                  cidr: "10.1.\(i).0/24", owner: p.caller, created)
            implementNetwork(n.id, created: created)
        }
        insertNetwork(name: "guestNetworkForBasicZone", zone: zones[1], offering: shared, type: "Shared",
                      cidr: "10.2.0.0/16", owner: principals.first { $0.caller.isAdmin }?.caller, created)
    }

    @discardableResult
    func insertNetwork(name: String, zone: Entity, offering: Entity, type: String, cidr: String, owner: Caller?,
                       _ created: String, displayText: String? = nil) -> Entity {
        let gateway = cidr.split(separator: "/")[0].split(separator: ".").prefix(3).joined(separator: ".") + ".1"
        var f: Record = [
            "name": .string(name), "displaytext": .string(displayText ?? name), "broadcastdomaintype": .string("Vlan"),
            "traffictype": .string("Guest"), "gateway": .string(gateway), "netmask": .string("255.255.255.0"),
            "cidr": .string(cidr), "zoneid": .string(zone.id), "zonename": zone.fields["name"]!,
            "networkofferingid": .string(offering.id), "networkofferingname": offering.fields["name"]!,
            "networkofferingdisplaytext": offering.fields["displaytext"]!,
            "networkofferingavailability": offering.fields["availability"]!, "issystem": .bool(false),
            "state": .string(type == "Shared" ? "Setup" : "Allocated"), "related": .string(""),
            "dns1": .string("192.0.2.53"), "dns2": .string("192.0.2.54"), "type": .string(type), "acltype": .string(type == "Shared" ? "Domain" : "Account"),
            "subdomainaccess": .bool(type == "Shared"), "networkdomain": .string("cs\(zone.id.prefix(4))sandbox.internal"),
            "physicalnetworkid": .string(PhysicalNetworkAPIs.carrier(self, zone: zone.id, traffic: "Guest")?.id ?? zone.id),
            "restartrequired": .bool(false), "specifyipranges": .bool(type == "Shared"),
            "canusefordeploy": .bool(true), "ispersistent": .bool(false), "service": offering.fields["service"]!,
            "created": .string(created),
        ]
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
            vms.insert(VM(id: id, name: name, displayName: name, state: "Running", zoneID: net["zoneid"]!,
                          templateID: templates[i % templates.count].id, offeringID: offerings[offerings.startIndex + i % offerings.count].id,
                          networkID: net.id, nicID: newID(), ip: Self.dotted(0x0A40_0000 + UInt32(i)),
                          mac: VirtualMachineAPIs.macAddress(i), rootVolumeID: newID(), rootSize: 8 << 30, created: created,
                          accountID: admin.accountID, account: admin.account, domainID: admin.domainID,
                          domain: admin.domain, userID: admin.userID, username: admin.username))
        }
    }
}

import Values
import OrderedCollections

/// The system networks of a zone, as ConfigurationManagerImpl.createDefaultSystemNetworks makes them
/// when the zone is created: one per system network offering (Management, Control, Storage, and Public
/// in an advanced zone without security groups or a basic zone), owned by the system account, with no
/// name, no physical network and no services. listNetworks shows them to admins asking issystem=true;
/// their offerings are systemOnly, so listNetworkOfferings never lists them.
enum SystemNetworks {
    /// The system offerings live apart from the guest ones: no list or create API reaches them.
    static let offeringNoun = "systemnetworkoffering"

    struct Kind {
        var traffic: String
        var broadcast: String
        var specifyIPRanges: Bool
        var name: String { "System-\(traffic)-Network" }
    }

    /// In the order the server creates the offerings (NetworkOffering.SystemPublicNetwork and friends).
    static let kinds = [
        Kind(traffic: "Public", broadcast: "Vlan", specifyIPRanges: true),
        Kind(traffic: "Management", broadcast: "Native", specifyIPRanges: false),
        Kind(traffic: "Control", broadcast: "LinkLocal", specifyIPRanges: false),
        Kind(traffic: "Storage", broadcast: "Native", specifyIPRanges: true),
    ]

    /// ControlNetworkGuru's link-local network (control.cidr, control.gateway).
    static let controlCIDR = "169.254.0.0/16", controlGateway = "169.254.0.1", controlNetmask = "255.255.0.0"

    /// A system offering record: systemOnly, default, Required, no guest type, rate 0 shown as -1 (unlimited).
    static func offeringRecord(_ k: Kind, created: String) -> Record {
        [
            "name": .string(k.name), "displaytext": .string("System Offering for \(k.name)"),
            "traffictype": .string(k.traffic), "isdefault": .bool(true), "specifyvlan": .bool(false),
            "conservemode": .bool(true), "specifyipranges": .bool(k.specifyIPRanges),
            "availability": .string("Required"), "networkrate": .int(-1), "state": .string("Enabled"),
            "issystem": .bool(true), "service": .list([]), "forvpc": .bool(false), "ispersistent": .bool(false),
            "egressdefaultpolicy": .bool(false), "created": .string(created),
        ]
    }

    /// Whether a zone has this kind of system network (a Public one only where it has public addresses).
    static func applies(_ k: Kind, to zone: Entity) -> Bool {
        k.traffic != "Public" || zone["networktype"] == "Basic" || zone["securitygroupsenabled"] != "true"
    }
}

extension Store {
    func seedSystemNetworkOfferings(_ created: String) {
        for k in SystemNetworks.kinds
        where table(SystemNetworks.offeringNoun).first(where: { $0["name"] == k.name }) == nil {
            insert(SystemNetworks.offeringNoun, SystemNetworks.offeringRecord(k, created: created))
        }
    }

    /// The zone's system networks, made as the zone is (seeded or by createZone).
    func addSystemNetworks(zone: Entity, created: String) {
        seedSystemNetworkOfferings(created)
        let root = table("domain").first { $0["path"] == "ROOT" }
        for k in SystemNetworks.kinds where SystemNetworks.applies(k, to: zone) {
            guard systemNetwork(zone: zone.id, traffic: k.traffic) == nil,
                let offering = table(SystemNetworks.offeringNoun).first(where: { $0["name"] == k.name })
            else { continue }
            let id = newID()
            var f: Record = [
                "broadcastdomaintype": .string(k.broadcast), "traffictype": .string(k.traffic),
                "zoneid": .string(zone.id), "zonename": zone.fields["name"] ?? .string(""),
                "networkofferingid": .string(offering.id), "networkofferingname": .string(k.name),
                "networkofferingdisplaytext": offering.fields["displaytext"] ?? .string(""),
                "networkofferingconservemode": .bool(true), "networkofferingavailability": .string("Required"),
                "issystem": .bool(true), "ispersistent": .bool(false), "state": .string("Setup"),
                "related": .string(id), "displaynetwork": .bool(true), "restartrequired": .bool(false),
                "specifyipranges": .bool(k.specifyIPRanges), "canusefordeploy": .bool(false),
                "redundantrouter": .bool(false), "strechedl2subnet": .bool(false), "service": .list([]),
                "account": .string("system"), "domain": .string("ROOT"), "hasannotations": .bool(false),
                "created": .string(created),
            ]
            if let root { f["domainid"] = .string(root.id) }
            if k.traffic == "Control" {
                f["cidr"] = .string(SystemNetworks.controlCIDR)
                f["gateway"] = .string(SystemNetworks.controlGateway)
                f["netmask"] = .string(SystemNetworks.controlNetmask)
            }
            insert("network", f, id: id)
        }
    }

    func systemNetwork(zone: String, traffic: String) -> Entity? {
        table("network").first { $0["zoneid"] == zone && $0["issystem"] == "true" && $0["traffictype"] == traffic }
    }

    /// A cloud saved before system networks were modelled gets them (and its network offerings their
    /// router offering) when read back.
    func addMissingSystemNetworks(_ created: String) {
        for zone in table("zone").rows { addSystemNetworks(zone: zone, created: created) }
        let router = defaultRouterOfferingID()
        for o in table("networkoffering").rows where o["serviceofferingid"] == nil {
            table("networkoffering").update(o.id) { $0.fields["serviceofferingid"] = router.map(Value.string) }
        }
    }

    /// The system offering routers take unless their network offering names another
    /// (ApiDBUtils.findDefaultRouterServiceOffering).
    func defaultRouterOfferingID() -> String? {
        table("serviceoffering").first {
            $0["issystem"] == "true" && $0["systemvmtype"] == "domainrouter" && $0["defaultuse"] == "true"
        }?.id
    }
}

import Values
import OrderedCollections

/// The network and VPC offerings a fresh CloudStack 4.18 install creates, with their
/// services and providers, all Enabled (system-only offerings are not listed by the API).
enum NetworkOfferings {
    typealias Services = [(service: String, providers: [String])]

    /// `service` as the API renders it: `[{name, provider: [{name}]}]`.
    static func servicesValue(_ services: Services) -> Value {
        .list(
            services.map { s in
                .record([
                    "name": .string(s.service), "provider": .list(s.providers.map { .record(["name": .string($0)]) }),
                ])
            })
    }

    /// The service names of an offering or network record.
    static func serviceNames(_ fields: Record) -> Set<String> {
        Set((fields["service"]?.list ?? []).compactMap { $0[field: "name"]?.plainText })
    }

    /// Adds a capability to one service (how the server marks e.g. redundant routers or distributed VPCs).
    static func withCapability(_ services: Value, _ service: String, _ name: String, _ value: String) -> Value {
        .list(
            (services.list ?? []).map { s in
                guard var r = s.record, r["name"]?.plainText == service else { return s }
                var caps = r["capability"]?.list ?? []
                caps.append(
                    .record(["name": .string(name), "value": .string(value), "canchooseservicecapability": .bool(true)])
                )
                r["capability"] = .list(caps)
                return .record(r)
            })
    }

    static func capability(_ fields: Record, _ service: String, _ name: String) -> String? {
        let s = (fields["service"]?.list ?? []).first { $0[field: "name"]?.plainText == service }
        let c = (s?[field: "capability"]?.list ?? []).first { $0[field: "name"]?.plainText == name }
        return c?[field: "value"]?.plainText
    }

    static func providers(_ fields: Record, of service: String) -> [String] {
        let s = (fields["service"]?.list ?? []).first { $0[field: "name"]?.plainText == service }
        return (s?[field: "provider"]?.list ?? []).compactMap { $0[field: "name"]?.plainText }
    }

    private static func vr(_ names: String...) -> Services { names.map { ($0, ["VirtualRouter"]) } }
    private static func vpcVR(_ names: String...) -> Services { names.map { ($0, ["VpcVirtualRouter"]) } }

    struct Seed {
        var name: String
        var displayText: String
        var guestIPType: String
        var services: Services
        var specifyVlan = false
        var specifyIPRanges = false
        var availability = "Optional"
        var conserveMode = true
        var forVPC = false
        var isDefault = true
        var flags = ServiceCapabilities.Flags()
    }

    static let defaults: [Seed] = [
        Seed(
            name: "DefaultSharedNetworkOfferingWithSGService",
            displayText: "Offering for Shared Security group enabled networks",
            guestIPType: "Shared",
            services: vr("Dhcp", "Dns", "UserData") + [("SecurityGroup", ["SecurityGroupProvider"])],
            specifyVlan: true, specifyIPRanges: true),
        Seed(
            name: "DefaultSharedNetworkOffering", displayText: "Offering for Shared networks", guestIPType: "Shared",
            services: vr("Dhcp", "Dns", "UserData"), specifyVlan: true, specifyIPRanges: true),
        Seed(
            name: "DefaultIsolatedNetworkOfferingWithSourceNatService",
            displayText: "Offering for Isolated networks with Source Nat service enabled", guestIPType: "Isolated",
            services: vr(
                "Dhcp", "Dns", "UserData", "Firewall", "Gateway", "Lb", "SourceNat", "StaticNat", "PortForwarding",
                "Vpn"),
            availability: "Required"),
        Seed(
            name: "DefaultIsolatedNetworkOffering",
            displayText: "Offering for Isolated networks with no Source Nat service",
            guestIPType: "Isolated", services: vr("Dhcp", "Dns", "UserData"), specifyVlan: true, specifyIPRanges: true),
        Seed(
            name: "DefaultSharedNetscalerEIPandELBNetworkOffering",
            displayText: "Offering for Shared networks with Elastic IP and Elastic LB capabilities",
            guestIPType: "Shared",
            services: vr("Dhcp", "Dns", "UserData") + [
                ("SecurityGroup", ["SecurityGroupProvider"]), ("StaticNat", ["Netscaler"]),
                ("Lb", ["Netscaler"]),
            ],
            specifyVlan: true, specifyIPRanges: true,
            flags: ServiceCapabilities.Flags(elasticLB: true, elasticIP: true, associatePublicIP: true)),
        Seed(
            name: "DefaultIsolatedNetworkOfferingForVpcNetworks",
            displayText: "Offering for Isolated Vpc networks with Source Nat service enabled", guestIPType: "Isolated",
            services: vpcVR(
                "Dhcp", "Dns", "UserData", "NetworkACL", "Gateway", "Lb", "SourceNat", "StaticNat", "PortForwarding",
                "Vpn"),
            conserveMode: false, forVPC: true),
        Seed(
            name: "DefaultIsolatedNetworkOfferingForVpcNetworksNoLB",
            displayText: "Offering for Isolated Vpc networks with Source Nat service enabled and LB service Disabled",
            guestIPType: "Isolated",
            services: vpcVR(
                "Dhcp", "Dns", "UserData", "NetworkACL", "Gateway", "SourceNat", "StaticNat", "PortForwarding", "Vpn"),
            conserveMode: false, forVPC: true),
        Seed(
            name: "DefaultIsolatedNetworkOfferingForVpcNetworksWithInternalLB",
            displayText: "Offering for Isolated Vpc networks with Internal LB support", guestIPType: "Isolated",
            services: vpcVR("Dhcp", "Dns", "UserData", "NetworkACL", "Gateway", "SourceNat") + [
                ("Lb", ["InternalLbVm"])
            ],
            conserveMode: false, forVPC: true),
        Seed(
            name: "DefaultL2NetworkOffering", displayText: "Offering for L2 networks", guestIPType: "L2", services: [],
            conserveMode: false),
        Seed(
            name: "DefaultL2NetworkOfferingVlan", displayText: "Offering for L2 networks VLAN", guestIPType: "L2",
            services: [],
            specifyVlan: true, conserveMode: false),
        Seed(
            name: "DefaultL2NetworkOfferingConfigDrive",
            displayText: "Offering for L2 networks with config drive user data",
            guestIPType: "L2", services: [("UserData", ["ConfigDrive"])], conserveMode: false),
        Seed(
            name: "DefaultL2NetworkOfferingConfigDriveVlan",
            displayText: "Offering for L2 networks with config drive user data VLAN",
            guestIPType: "L2", services: [("UserData", ["ConfigDrive"])], specifyVlan: true, conserveMode: false),
        Seed(
            name: "QuickCloudNoServices", displayText: "Offering for QuickCloud with no services",
            guestIPType: "Shared",
            services: [], specifyVlan: true, specifyIPRanges: true, isDefault: false),
    ]

    /// A network offering record; `state` is Disabled for created ones until enabled. Routers of its
    /// networks run on `routerOffering` (the default router offering unless createNetworkOffering names one).
    static func record(_ s: Seed, state: String, created: String, routerOffering: String?) -> Record {
        var r: Record = [
            "name": .string(s.name), "displaytext": .string(s.displayText), "traffictype": .string("Guest"),
            "isdefault": .bool(s.isDefault), "specifyvlan": .bool(s.specifyVlan), "conservemode": .bool(s.conserveMode),
            "specifyipranges": .bool(s.specifyIPRanges), "availability": .string(s.availability),
            "networkrate": .int(200), "state": .string(state), "guestiptype": .string(s.guestIPType),
            "service": ServiceCapabilities.offeringServices(s.services, s.flags), "forvpc": .bool(s.forVPC),
            "ispersistent": .bool(false),
            "egressdefaultpolicy": .bool(false), "supportsstrechedl2subnet": .bool(false),
            "supportspublicaccess": .bool(false), "internetprotocol": .string("IPv4"), "created": .string(created),
            "hasannotations": .bool(false), "fortungsten": .bool(false),
        ]
        if let routerOffering { r["serviceofferingid"] = .string(routerOffering) }
        return r
    }

    struct VPCSeed {
        var name: String
        var displayText: String
        var lbProviders: [String]
        var redundant = false
    }

    static let vpcDefaults: [VPCSeed] = [
        VPCSeed(name: "Default VPC offering", displayText: "Default VPC offering", lbProviders: ["VpcVirtualRouter"]),
        VPCSeed(
            name: "Default VPC  offering with Netscaler", displayText: "Default VPC  offering with Netscaler",
            lbProviders: ["Netscaler", "InternalLbVm"]),
        VPCSeed(
            name: "Redundant VPC offering", displayText: "Redundant VPC offering", lbProviders: ["VpcVirtualRouter"],
            redundant: true),
    ]

    static func vpcRecord(_ s: VPCSeed, created: String) -> Record {
        var services = vpcVR(
            "Dhcp", "Dns", "UserData", "NetworkACL", "Gateway", "SourceNat", "StaticNat", "PortForwarding", "Vpn")
        services.append(("Lb", s.lbProviders))
        var service = servicesValue(services)
        if s.redundant { service = withCapability(service, "SourceNat", "RedundantRouter", "true") }
        return [
            "name": .string(s.name), "displaytext": .string(s.displayText), "isdefault": .bool(true),
            "state": .string("Enabled"), "service": service, "distributedvpcrouter": .bool(false),
            "supportsregionLevelvpc": .bool(false),
            "internetprotocol": .string("IPv4"), "created": .string(created),
        ]
    }
}

extension Store {
    /// Seeds the offerings; the defaults by name (the sandbox networks use two of them).
    @discardableResult
    func seedNetworkOfferings(_ created: String) -> [String: Entity] {
        var byName: [String: Entity] = [:]
        let router = defaultRouterOfferingID()
        for s in NetworkOfferings.defaults {
            byName[s.name] = insert(
                "networkoffering",
                NetworkOfferings.record(s, state: "Enabled", created: created, routerOffering: router))
        }
        for s in NetworkOfferings.vpcDefaults { insert("vpcoffering", NetworkOfferings.vpcRecord(s, created: created)) }
        seedDefaultACLs()
        return byName
    }
}

import Values
import OrderedCollections

/// The capabilities a `service` list shows. An offering shows what it was made with, for Lb,
/// SourceNat and StaticNat only (ApiResponseHelper.createNetworkOfferingResponse); a network shows
/// what the element providing each service can do (NetworkModel.getNetworkCapabilities, from
/// VirtualRouterElement and VpcVirtualRouterElement.setCapabilities). Neither is choosable afterwards
/// (canchooseservicecapability false).
enum ServiceCapabilities {
    /// An offering's choices; createNetworkOffering's servicecapabilitylist sets them.
    struct Flags {
        var dedicatedLB = true, elasticLB = false, inline = false
        var sharedSourceNat = false, redundantRouter = false
        var elasticIP = false, associatePublicIP = false

        /// (service, capability name, value) as the offering answers them.
        func shown(for service: String) -> [(String, String)] {
            switch service {
            case "Lb":
                [
                    ("SupportedLBIsolation", dedicatedLB ? "dedicated" : "shared"), ("ElasticLb", "\(elasticLB)"),
                    ("InlineMode", "\(inline)"),
                ]
            case "SourceNat":
                [
                    ("SupportedSourceNatTypes", sharedSourceNat ? "perzone" : "peraccount"),
                    ("RedundantRouter", "\(redundantRouter)"),
                ]
            case "StaticNat": [("ElasticIp", "\(elasticIP)"), ("AssociatePublicIP", "\(associatePublicIP)")]
            default: []
            }
        }
    }

    static func capabilityList(_ pairs: [(String, String)]) -> Value {
        .list(
            pairs.map { name, value in
                .record([
                    "name": .string(name), "value": .string(value), "canchooseservicecapability": .bool(false),
                ])
            })
    }

    /// An offering's `service` list: each service, its providers and (Lb, SourceNat, StaticNat) its capabilities.
    static func offeringServices(_ services: NetworkOfferings.Services, _ flags: Flags) -> Value {
        .list(
            services.map { s in
                var r: Record = [
                    "name": .string(s.service), "provider": .list(s.providers.map { .record(["name": .string($0)]) }),
                ]
                let caps = flags.shown(for: s.service)
                if !caps.isEmpty { r["capability"] = capabilityList(caps) }
                return .record(r)
            })
    }

    /// The capabilities each service has (Network.Service), which listSupportedNetworkServices names; of
    /// them an offering may choose the LB isolation, the source NAT type and a redundant router.
    static let ofService: [String: [String]] = [
        "Vpn": ["SupportedVpnTypes", "VpnTypes"], "Dhcp": ["ExtraDhcpOptions"], "Dns": ["AllowDnsSuffixModification"],
        "Firewall": [
            "SupportedProtocols", "MultipleIps", "TrafficStatistics", "SupportedTrafficDirection",
            "SupportedEgressProtocols",
        ],
        "Lb": [
            "SupportedLbAlgorithms", "SupportedLBIsolation", "SupportedProtocols", "TrafficStatistics",
            "LoadBalancingSupportedIps", "SupportedStickinessMethods", "ElasticLb", "LbSchemes",
        ],
        "SourceNat": ["SupportedSourceNatTypes", "RedundantRouter"], "StaticNat": ["ElasticIp"],
        "NetworkACL": ["SupportedProtocols"],
        "Connectivity": ["DistributedRouter", "RegionLevelVpc", "StretchedL2Subnet", "NoVlan", "PublicAccess"],
    ]
    static let choosable: Set<String> = ["SupportedLBIsolation", "SupportedSourceNatTypes", "RedundantRouter"]

    /// A service's capabilities as listSupportedNetworkServices shows them (no values).
    static func serviceCapabilities(_ service: String) -> Value {
        .list(
            (ofService[service] ?? []).map { name in
                .record(["name": .string(name), "canchooseservicecapability": .bool(choosable.contains(name))])
            })
    }

    /// The counter sources the virtual router can scale a VM group by (4.18 added its own, virtualrouter).
    static let virtualRouterCounterSources = ["cpu", "memory", "virtualrouter"]

    /// The AutoScaleCounters capability: the sources as Gson writes the element's counter list.
    static func autoScaleCounters(_ sources: [String]) -> String {
        JSONWriter.compact(
            .list(sources.map { .record(["methodname": .string($0), "paramlist": .list([])]) }))
    }

    /// The virtual router's capabilities (VirtualRouterElement.setCapabilities), its stickiness methods and
    /// autoscale counters as the JSON documents the server shows.
    static let virtualRouter: [String: [(String, String)]] = [
        "Lb": [
            ("SupportedLbAlgorithms", "roundrobin,leastconn,source"), ("SupportedLBIsolation", "dedicated"),
            ("SupportedProtocols", "tcp, udp, tcp-proxy"), ("LbSchemes", "Public"),
            ("SupportedStickinessMethods", LBStickinessMethods.capabilityValue),
            ("AutoScaleCounters", autoScaleCounters(virtualRouterCounterSources)), ("VmAutoScaling", "true"),
        ],
        "Firewall": [
            ("TrafficStatistics", "per public ip"), ("SupportedProtocols", "tcp,udp,icmp"),
            ("SupportedEgressProtocols", "tcp,udp,icmp, all"), ("SupportedTrafficDirection", "ingress, egress"),
            ("MultipleIps", "true"),
        ],
        "Vpn": [("SupportedVpnTypes", "pptp,l2tp,ipsec"), ("VpnTypes", "removeaccessvpn")],
        "Dns": [("AllowDnsSuffixModification", "true")],
        "Dhcp": [("DhcpAccrossMultipleSubnets", "true")],
        "SourceNat": [("SupportedSourceNatTypes", "peraccount"), ("RedundantRouter", "true")],
        "PortForwarding": [("SupportedProtocols", "tcp,udp")],
    ]

    /// The VPC router: the virtual router's, with site-to-site VPN, network ACLs in place of a firewall.
    static let vpcVirtualRouter: [String: [(String, String)]] = {
        var caps = virtualRouter
        caps["Vpn"] = [("SupportedVpnTypes", "pptp,l2tp,ipsec"), ("VpnTypes", "s2svpn")]
        caps["Firewall"] = nil
        caps["NetworkACL"] = [("SupportedProtocols", "tcp,udp,icmp")]
        return caps
    }()

    /// The internal LB VM's load balancing (InternalLoadBalancerElement).
    static let internalLBVM: [String: [(String, String)]] = [
        "Lb": [
            ("SupportedLbAlgorithms", "roundrobin,leastconn,source"), ("SupportedLBIsolation", "dedicated"),
            ("SupportedProtocols", "tcp, udp"), ("LbSchemes", "Internal"),
        ]
    ]

    /// Providers whose element capabilities are modelled; other providers' services show none.
    static let byProvider: [String: [String: [(String, String)]]] = [
        "VirtualRouter": virtualRouter, "VpcVirtualRouter": vpcVirtualRouter, "InternalLbVm": internalLBVM,
    ]

    /// A network's `service` list from its offering's: the offering's choices give way to what the
    /// providing element can do.
    static func networkServices(_ offeringServices: Value) -> Value {
        .list(
            (offeringServices.list ?? []).map { s in
                guard var r = s.record else { return s }
                r["capability"] = nil
                let provider = (r["provider"]?.list ?? []).first?[field: "name"]?.plainText ?? ""
                if let caps = byProvider[provider]?[r["name"]?.plainText ?? ""] {
                    r["capability"] = capabilityList(caps)
                }
                return .record(r)
            })
    }
}

import Values
import OrderedCollections

/// createNetworkOffering's servicecapabilitylist (service, capabilitytype, capabilityvalue), read and
/// checked as CreateNetworkOfferingCmd.getServiceCapabilities and ConfigurationManagerImpl's
/// validate...ServiceCapabilities do, into the offering's choices (ServiceCapabilities.Flags).
enum OfferingCapabilityParams {
    /// Capability names the server knows (Network.Capability), in its spelling.
    static let known = [
        "SupportedProtocols", "SupportedLbAlgorithms", "SupportedLBIsolation", "SupportedStickinessMethods",
        "MultipleIps", "SupportedSourceNatTypes", "SupportedVpnTypes", "VpnTypes", "TrafficStatistics",
        "LoadBalancingSupportedIps", "AllowDnsSuffixModification", "RedundantRouter", "ElasticIp",
        "AssociatePublicIP", "ElasticLb", "AutoScaleCounters", "InlineMode", "SupportedTrafficDirection",
        "SupportedEgressProtocols", "HealthCheckPolicy", "SslTermination", "LbSchemes", "DhcpAccrossMultipleSubnets",
        "DistributedRouter", "StretchedL2Subnet", "RegionLevelVpc", "NoVlan", "PublicAccess",
    ]

    static func flags(_ c: Call, services: [String]) throws(APIError) -> ServiceCapabilities.Flags {
        var byService: [String: [(String, String)]] = [:]
        for e in c.params.map("servicecapabilitylist") {
            let type = e["capabilitytype"], value = e["capabilityvalue"]
            guard let type, let name = known.first(where: { $0.lowercased() == type.lowercased() }), let value
            else {
                throw APIError.refused("Invalid capability:\(type ?? "null") capability value:\(value ?? "null")")
            }
            let service = e["service"] ?? ""
            guard let s = NetworkOfferingAPIs.knownServices.first(where: { $0.lowercased() == service.lowercased() })
            else { throw APIError.refused("Invalid service \(service)") }
            byService[s, default: []].append((name, value))
        }
        var flags = ServiceCapabilities.Flags()
        for (service, label) in [("Lb", "LB"), ("SourceNat", "source NAT"), ("StaticNat", "static NAT")] {
            guard let caps = byService[service], !caps.isEmpty else { continue }
            if !services.contains(service) {
                throw APIError.refused(
                    "Capabilities for \(label) service can be specified only when \(label) service is enabled for network offering."
                )
            }
            switch service {
            case "Lb": try lb(caps, &flags)
            case "SourceNat": try sourceNat(caps, &flags)
            default: try staticNat(caps, &flags)
            }
        }
        return flags
    }

    private static func trueOrFalse(_ value: String, _ name: String) throws(APIError) -> Bool {
        let v = value.lowercased()
        guard v.contains("true") != v.contains("false") else {
            throw APIError.refused("Unknown specified value for \(name)")
        }
        return v.contains("true")
    }

    private static func lb(_ caps: [(String, String)], _ flags: inout ServiceCapabilities.Flags) throws(APIError) {
        let allowed = ["SupportedLBIsolation", "ElasticLb", "InlineMode", "LbSchemes"]
        guard caps.allSatisfy({ allowed.contains($0.0) }), caps.contains(where: { $0.0 == "SupportedLBIsolation" })
        else {
            throw APIError.refused(
                "Only \(allowed.joined(separator: ", ")) capabilities can be specified for LB service")
        }
        for (name, value) in caps {
            switch name {
            case "SupportedLBIsolation":
                let dedicated = value.contains("dedicated"), shared = value.contains("shared")
                guard dedicated != shared else {
                    throw APIError.refused("Either dedicated or shared isolation can be specified for \(name)")
                }
                flags.dedicatedLB = dedicated
            case "ElasticLb": flags.elasticLB = try trueOrFalse(value, name)
            case "InlineMode": flags.inline = try trueOrFalse(value, name)
            default:
                guard value.contains("internal") || value.contains("public") else {
                    throw APIError.refused("Unknown specified value for \(name)")
                }
            }
        }
    }

    private static func sourceNat(_ caps: [(String, String)], _ flags: inout ServiceCapabilities.Flags)
        throws(APIError)
    {
        for (name, value) in caps {
            switch name {
            case "SupportedSourceNatTypes":
                guard value == "peraccount" || value == "perzone" else {
                    throw APIError.refused("Either peraccount or perzone source NAT type can be specified for \(name)")
                }
                flags.sharedSourceNat = value == "perzone"
            case "RedundantRouter":
                guard ["true", "false"].contains(value.lowercased()) else {
                    throw APIError.refused("Unknown specified value for \(name)")
                }
                flags.redundantRouter = value.lowercased() == "true"
            default:
                throw APIError.refused(
                    "Only SupportedSourceNatTypes, RedundantRouter capabilities can be specified for source nat service"
                )
            }
        }
    }

    private static func staticNat(_ caps: [(String, String)], _ flags: inout ServiceCapabilities.Flags)
        throws(APIError)
    {
        var elasticIP = false, associate = true
        for (name, value) in caps {
            let v = value.lowercased()
            guard v.contains("true") != v.contains("false") else {
                throw APIError.refused("Unknown specified value (\(v)) for \(name)")
            }
            switch name {
            case "ElasticIp": elasticIP = v.contains("true")
            case "AssociatePublicIP": associate = v.contains("true")
            default:
                throw APIError.refused(
                    "Only ElasticIp and AssociatePublicIP capability can be sepcified for static nat service")
            }
        }
        if !elasticIP && associate {
            throw APIError.refused(
                "Capability AssociatePublicIP can only be set when capability ElasticIp is true")
        }
        flags.elasticIP = elasticIP
        flags.associatePublicIP = elasticIP && associate
    }
}

import Simulator
import TestSupport
import Testing
import Values

/// Offerings show the capabilities they were made with (Lb, SourceNat, StaticNat) and the router
/// offering their networks' routers use; networks show what their providers can do.
@Suite struct ServiceCapabilityTests {
    /// `[service: [capability: value]]` of a `service` list.
    static func capabilities(_ services: Value?) -> [String: [String: String]] {
        var out: [String: [String: String]] = [:]
        for s in services?.list ?? [] {
            let name = s[field: "name"]?.text ?? ""
            out[name] = [:]
            for cap in s[field: "capability"]?.list ?? [] {
                out[name]?[cap[field: "name"]?.text ?? ""] = cap[field: "value"]?.text
                #expect(cap[field: "canchooseservicecapability"]?.text == "false")
            }
        }
        return out
    }

    @Test func theDefaultOfferingsShowTheirCapabilitiesAndTheRouterOffering() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let o = try await c.get(
                "listNetworkOfferings", [("name", "DefaultIsolatedNetworkOfferingWithSourceNatService")]
            ).inner
            let caps = Self.capabilities(o["networkoffering.0.service"])
            #expect(caps["SourceNat"] == ["SupportedSourceNatTypes": "peraccount", "RedundantRouter": "false"])
            #expect(caps["Lb"] == ["SupportedLBIsolation": "dedicated", "ElasticLb": "false", "InlineMode": "false"])
            #expect(caps["StaticNat"] == ["ElasticIp": "false", "AssociatePublicIP": "false"])
            #expect(caps["Dhcp"] == [:])
            // The seed makes the system offerings first, so the offering names the default router offering.
            let router = try await c.value(
                "listServiceOfferings", [("issystem", "true"), ("systemvmtype", "domainrouter")],
                "serviceoffering.0.id")
            #expect(o["networkoffering.0.serviceofferingid"]?.text == router)
            let eip = try await c.get(
                "listNetworkOfferings", [("name", "DefaultSharedNetscalerEIPandELBNetworkOffering")]
            ).inner
            let eipCaps = Self.capabilities(eip["networkoffering.0.service"])
            #expect(eipCaps["StaticNat"] == ["ElasticIp": "true", "AssociatePublicIP": "true"])
            #expect(eipCaps["Lb"]?["ElasticLb"] == "true")
        }
    }

    @Test func createNetworkOfferingTakesServiceCapabilitiesAndChecksThem() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let base = [
                ("name", "ha"), ("displaytext", "ha"), ("guestiptype", "Isolated"), ("traffictype", "Guest"),
                ("supportedservices", "Dhcp,Dns,SourceNat,Lb,StaticNat"),
            ]
            func cap(_ i: Int, _ service: String, _ type: String, _ value: String) -> [(String, String)] {
                [
                    ("servicecapabilitylist[\(i)].service", service),
                    ("servicecapabilitylist[\(i)].capabilitytype", type),
                    ("servicecapabilitylist[\(i)].capabilityvalue", value),
                ]
            }
            let made = try await c.get(
                "createNetworkOffering",
                base + cap(0, "SourceNat", "RedundantRouter", "true")
                    + cap(1, "SourceNat", "SupportedSourceNatTypes", "perzone")
                    + cap(2, "Lb", "SupportedLBIsolation", "shared") + [("enable", "true")]
            ).inner
            let caps = Self.capabilities(made["networkoffering.service"])
            #expect(caps["SourceNat"] == ["SupportedSourceNatTypes": "perzone", "RedundantRouter": "true"])
            #expect(caps["Lb"]?["SupportedLBIsolation"] == "shared")
            let id = try #require(made["networkoffering.id"]?.text)
            let listed = try await c.get("listNetworkOfferings", [("id", id)]).inner
            #expect(Self.capabilities(listed["networkoffering.0.service"]) == caps)
            // Its networks are redundant-router networks.
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let n = try await c.get("createNetwork", [("name", "ha"), ("zoneid", zone), ("networkofferingid", id)])
            #expect(n.inner["network.redundantrouter"]?.text == "true")

            for (bad, text) in [
                (
                    cap(0, "SourceNat", "SupportedSourceNatTypes", "perpod"),
                    "Either peraccount or perzone source NAT type"
                ),
                (cap(0, "SourceNat", "ElasticIp", "true"), "capabilities can be specified for source nat service"),
                (cap(0, "Lb", "ElasticLb", "true"), "capabilities can be specified for LB service"),
                (cap(0, "StaticNat", "AssociatePublicIP", "true"), "can only be set when capability ElasticIp is true"),
                (cap(0, "Firewall", "Teleport", "true"), "Invalid capability:Teleport"),
            ] {
                let r = try await c.get(
                    "createNetworkOffering", base.map { $0.0 == "name" ? ("name", "bad") : $0 } + bad)
                #expect(r.status == 431, "\(bad)")
                #expect(r.inner["errortext"]?.text?.contains(text) == true, "\(r.body)")
            }
            let noLB = try await c.get(
                "createNetworkOffering",
                [
                    ("name", "nolb"), ("displaytext", "nolb"), ("guestiptype", "Isolated"), ("traffictype", "Guest"),
                    ("supportedservices", "Dhcp"),
                ] + cap(0, "Lb", "SupportedLBIsolation", "dedicated"))
            #expect(noLB.inner["errortext"]?.text?.contains("only when LB service is enabled") == true, "\(noLB.body)")
            // A router offering must be one for routers.
            let console = try await c.value(
                "listServiceOfferings", [("issystem", "true"), ("systemvmtype", "consoleproxy")],
                "serviceoffering.0.id")
            let wrong = try await c.get(
                "createNetworkOffering",
                base.map { $0.0 == "name" ? ("name", "so") : $0 } + [("serviceofferingid", console)])
            #expect(wrong.inner["errortext"]?.text?.contains("cannot be used by virtual router") == true)
        }
    }

    @Test func vpcOfferingsAndVPCsNameProvidersOnly() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let o = try await c.get("listVPCOfferings", [("name", "Redundant VPC offering")]).inner
            let services = try #require(o["vpcoffering.0.service"]?.list)
            #expect(!services.isEmpty)
            #expect(services.allSatisfy { $0[field: "capability"] == nil && $0[field: "provider"] != nil })
            // The offering still makes redundant VPCs.
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let vpc = try await c.job(
                "createVPC",
                [
                    ("name", "r"), ("displaytext", "r"), ("zoneid", zone), ("cidr", "10.8.0.0/16"),
                    ("vpcofferingid", try #require(o["vpcoffering.0.id"]?.text)),
                ])
            #expect(vpc["jobresult.vpc.redundantvpcrouter"]?.text == "true")
            #expect(vpc["jobresult.vpc.service"]?.list?.allSatisfy { $0[field: "capability"] == nil } == true)
        }
    }

    @Test func supportedServicesNameTheirCapabilitiesAndWhichAreChoosable() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let l = try await c.get("listSupportedNetworkServices", [("service", "SourceNat")]).inner
            let caps = try #require(l["networkservice.0.capability"]?.list)
            #expect(caps.compactMap { $0[field: "name"]?.text } == ["SupportedSourceNatTypes", "RedundantRouter"])
            #expect(caps.allSatisfy { $0[field: "canchooseservicecapability"]?.text == "true" })
            let lb = try await c.get("listSupportedNetworkServices", [("service", "Lb")]).inner
            let chosen = (lb["networkservice.0.capability"]?.list ?? []).filter {
                $0[field: "canchooseservicecapability"]?.text == "true"
            }
            #expect(chosen.compactMap { $0[field: "name"]?.text } == ["SupportedLBIsolation"])
            let userData = try await c.get("listSupportedNetworkServices", [("service", "UserData")]).inner
            #expect(userData["networkservice.0.capability"]?.list?.isEmpty == true)
        }
    }

    @Test func aNetworkShowsWhatItsProvidersCanDo() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let network = try await c.isolatedNetwork("capable")
            let n = try await c.get("listNetworks", [("id", network)]).inner
            let caps = Self.capabilities(n["network.0.service"])
            #expect(caps["Lb"]?["SupportedLbAlgorithms"] == "roundrobin,leastconn,source")
            #expect(caps["Lb"]?["SupportedProtocols"] == "tcp, udp, tcp-proxy")
            #expect(caps["Firewall"]?["SupportedProtocols"] == "tcp,udp,icmp")
            #expect(caps["Firewall"]?["SupportedTrafficDirection"] == "ingress, egress")
            #expect(caps["SourceNat"]?["SupportedSourceNatTypes"] == "peraccount")
            #expect(caps["Vpn"]?["VpnTypes"] == "removeaccessvpn")
            #expect(caps["Dns"] == ["AllowDnsSuffixModification": "true"])
            #expect(caps["UserData"] == [:])
            #expect(caps["Gateway"] == nil)  // never named in an answer
        }
    }

    /// The virtual router's Lb service carries its stickiness methods and autoscale counters as JSON
    /// documents (Gson's), as real servers answer them, and says it can scale VM groups.
    @Test func aNetworksLbServiceCarriesStickinessMethodsAndAutoScaleCounters() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let network = try await c.isolatedNetwork("sticky")
            let lb = Self.capabilities(
                try await c.get("listNetworks", [("id", network)]).inner["network.0.service"])["Lb"]
            #expect(lb?["VmAutoScaling"] == "true")
            let counters = try JSONParser.parse(lb?["AutoScaleCounters"] ?? "")
            #expect(counters.list?.compactMap { $0[field: "methodname"]?.text } == ["cpu", "memory", "virtualrouter"])
            #expect(counters.list?.allSatisfy { $0[field: "paramlist"]?.list?.isEmpty == true } == true)
            let methods = try JSONParser.parse(lb?["SupportedStickinessMethods"] ?? "").list ?? []
            #expect(methods.compactMap { $0[field: "methodname"]?.text } == ["LbCookie", "AppCookie", "SourceBased"])
            let lbCookie = methods.first?[field: "paramlist"]?.list ?? []
            #expect(
                lbCookie.compactMap { $0[field: "paramname"]?.text }
                    == ["cookie-name", "mode", "nocache", "indirect", "postonly", "domain"])
            #expect(lbCookie[2][field: "isflag"]?.text == "true" && lbCookie[0][field: "isflag"]?.text == "false")
            #expect(
                lbCookie.allSatisfy { $0[field: "description"]?.text == " " && $0[field: "required"]?.text == "false" })
            #expect(
                methods.last?[field: "description"]?.text?.hasPrefix("This is source based Stickiness method") == true)
            // The keys come in Gson's order (the fields' declaration order).
            #expect(lb?["AutoScaleCounters"]?.hasPrefix(#"[{"methodname":"cpu","paramlist":[]}"#) == true)
            #expect(
                lb?["SupportedStickinessMethods"]?.hasPrefix(
                    #"[{"methodname":"LbCookie","paramlist":[{"paramname":"cookie-name","required":false,"isflag":false,"description":" "}"#
                ) == true)
            // A VPC tier's router shows the same documents.
            let vpcOffering = try await c.value(
                "listVPCOfferings", [("name", "Default VPC offering")], "vpcoffering.0.id")
            let zone = try await c.value("listZones", [("networktype", "Advanced")], "zone.0.id")
            let vpc = try await c.job(
                "createVPC",
                [
                    ("name", "v"), ("displaytext", "v"), ("zoneid", zone), ("vpcofferingid", vpcOffering),
                    ("cidr", "10.40.0.0/16"),
                ])
            let tierOffering = try await c.value(
                "listNetworkOfferings", [("name", "DefaultIsolatedNetworkOfferingForVpcNetworks")],
                "networkoffering.0.id")
            let tier = try await c.get(
                "createNetwork",
                [
                    ("name", "t"), ("displaytext", "t"), ("zoneid", zone), ("networkofferingid", tierOffering),
                    ("vpcid", vpc["jobresult.vpc.id"]?.text ?? ""), ("gateway", "10.40.1.1"),
                    ("netmask", "255.255.255.0"),
                ]
            ).inner
            let tierLb = Self.capabilities(tier["network.service"])["Lb"]
            #expect(tierLb?["SupportedStickinessMethods"] == lb?["SupportedStickinessMethods"])
            #expect(tierLb?["AutoScaleCounters"] == lb?["AutoScaleCounters"])
        }
    }
}

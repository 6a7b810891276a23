import Simulator
import TestSupport
import Testing
import Values

/// The network vendor device plugins of a cloud without their devices: empty lists, adds that end at the
/// provider check, device ids the dispatcher refuses, and Netscaler's stored service packages.
@Suite struct VendorNetworkDeviceTests {
    static let fakeID = "11111111-2222-3333-4444-555555555555"

    /// The words of a physical network without the vendor's provider, up to its internal id.
    static func missing(_ provider: String) -> String {
        "Network Service Provider: \(provider) is not enabled in the physical network: "
    }

    @Test func netscalerChecksTheDeviceThenTheProvider() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let pn = try await c.value("listPhysicalNetworks", [], "physicalnetwork.0.id")
            let base = [("physicalnetworkid", pn), ("username", "u"), ("password", "p")]
            let badType = try await c.job(
                "addNetscalerLoadBalancer", base + [("networkdevicetype", "F5"), ("url", "https://10.0.0.9")])
            #expect(badType["jobresult.errorcode"]?.number?.int == 431)
            #expect(badType["jobresult.errortext"]?.text == "Invalid Netscaler device type")
            let dedicated = try await c.job(
                "addNetscalerLoadBalancer",
                base + [
                    ("networkdevicetype", "NetscalerMPXLoadBalancer"),
                    ("url", "https://10.0.0.9?lbdevicededicated=true"),
                ])
            #expect(
                dedicated["jobresult.errortext"]?.text
                    == "Only Netscaler VPX load balancers can be specified for dedicated use")
            let noProvider = try await c.job(
                "addNetscalerLoadBalancer",
                base + [("networkdevicetype", "NetscalerVPXLoadBalancer"), ("url", "https://10.0.0.9")])
            #expect(noProvider["jobresult.errorcode"]?.number?.int == 530)
            let text = try #require(noProvider["jobresult.errortext"]?.text)
            #expect(text.hasPrefix(Self.missing("Netscaler")) && text.hasSuffix("to add this device"))

            // Lists: one of the two ids, a physical network lists none, a device id names nothing.
            let neither = try await c.get("listNetscalerLoadBalancers")
            #expect(neither.status == 431)
            #expect(
                neither.inner["errortext"]?.text
                    == "Either physical network Id or load balancer device Id must be specified")
            let none = try await c.get("listNetscalerLoadBalancers", [("physicalnetworkid", pn)])
            #expect(none.status == 200 && none.inner["count"] == nil)
            let device = try await c.get("deleteNetscalerLoadBalancer", [("lbdeviceid", Self.fakeID)])
            #expect(device.status == 431)
            #expect(device.inner["errortext"]?.text?.contains("Invalid parameter lbdeviceid value=") == true)
            let ncc = try await c.get("deleteNetscalerControlCenter", [("id", Self.fakeID)])
            #expect(ncc.status == 530)
            #expect(
                ncc.inner["errortext"]?.text
                    == "External Netscaler Control Center Table does not contain record with this ID")
        }
    }

    @Test func netscalerServicePackagesAreStoredListedAndDeleted() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let made = try await c.get(
                "registerNetscalerServicePackage", [("name", "gold"), ("description", "Gold package")])
            let id = try #require(made.inner["netscalerservicepackage.id"]?.text, "\(made.body)")
            #expect(made.inner["netscalerservicepackage.name"]?.text == "gold")
            let listed = try await c.get("listRegisteredServicePackages").inner
            #expect(listed["count"]?.number?.int == 1)
            #expect(listed["registeredServicepackage.0.description"]?.text == "Gold package")
            let gone = try await c.get("deleteServicePackageOffering", [("id", id)])
            #expect(gone.inner["success"]?.bool == true)
            let again = try await c.get("deleteServicePackageOffering", [("id", id)])
            #expect(again.status == 530)
            #expect(again.inner["errortext"]?.text == "Record does not Exists in the Table")
        }
    }

    @Test func sdnControllersEndAtTheProviderCheck() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let pn = try await c.value("listPhysicalNetworks", [], "physicalnetwork.0.id")
            let nvp = try await c.job(
                "addNiciraNvpDevice",
                [
                    ("physicalnetworkid", pn), ("hostname", "nvp"), ("username", "u"), ("password", "p"),
                    ("transportzoneuuid", "tz"),
                ])
            #expect(nvp["jobresult.errortext"]?.text?.hasPrefix(Self.missing("NiciraNvp")) == true)
            let bcf = try await c.job(
                "addBigSwitchBcfDevice",
                [("physicalnetworkid", pn), ("hostname", "b"), ("username", "u"), ("password", "p"), ("nat", "false")])
            #expect(bcf["jobresult.errortext"]?.text?.hasPrefix(Self.missing("BigSwitchBcf")) == true)
            let vcs = try await c.get("listBrocadeVcsDevices")
            #expect(
                vcs.inner["errortext"]?.text == "Either physical network Id or brocade vcs switch Id must be specified")
            let none = try await c.get("listNiciraNvpDevices", [("physicalnetworkid", pn)])
            #expect(none.status == 200 && none.inner["count"] == nil)
            let networks = try await c.get("listNiciraNvpDeviceNetworks", [("nvpdeviceid", Self.fakeID)])
            #expect(networks.status == 431)
        }
    }

    @Test func firewallsCheckTheirTypeAndProvider() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let pn = try await c.value("listPhysicalNetworks", [], "physicalnetwork.0.id")
            let base = [("physicalnetworkid", pn), ("username", "u"), ("password", "p"), ("url", "https://10.0.0.8")]
            let badType = try await c.job("addPaloAltoFirewall", base + [("networkdevicetype", "SRX")])
            #expect(badType["jobresult.errortext"]?.text == "Invalid Palo Alto firewall device type")
            let pa = try await c.job("addPaloAltoFirewall", base + [("networkdevicetype", "PaloAltoFirewall")])
            #expect(pa["jobresult.errortext"]?.text?.hasPrefix(Self.missing("PaloAlto")) == true)
            // The Cisco commands are synchronous.
            let vnmc = try await c.get(
                "addCiscoVnmcResource",
                [("physicalnetworkid", pn), ("hostname", "v"), ("username", "u"), ("password", "p")])
            #expect(vnmc.status == 530)
            #expect(vnmc.inner["errortext"]?.text?.hasPrefix(Self.missing("CiscoVnmc")) == true)
            let asa = try await c.get("listCiscoAsa1000vResources")
            #expect(
                asa.inner["errortext"]?.text == "Either physical network Id or Asa 1000v device Id must be specified")
            let fw = try await c.get("listPaloAltoFirewalls", [("physicalnetworkid", pn)])
            #expect(fw.status == 200 && fw.inner["count"] == nil)
        }
    }

    @Test func ovsElementsAndNexusModulesAreNotThere() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let none = try await c.get("listOvsElements")
            #expect(none.status == 200 && none.inner["count"] == nil)
            let configure = try await c.get("configureOvsElement", [("id", Self.fakeID), ("enabled", "true")])
            #expect(configure.status == 431)
            #expect(configure.inner["errortext"]?.text?.contains("Invalid parameter id value=") == true)
            let vsm = try await c.get("enableCiscoNexusVSM", [("id", Self.fakeID)])
            #expect(vsm.status == 431)
        }
    }

    @Test func trafficMonitorsAreStoredOnePerZoneAndControllersNeedTheirProvider() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let added = try await c.get("addTrafficMonitor", [("zoneid", zone), ("url", "http://10.0.0.7:8080/ts")])
            let id = try #require(added.inner["trafficmonitor.id"]?.text, "\(added.body)")
            #expect(added.inner["trafficmonitor.ipaddress"]?.text == "10.0.0.7")
            let twice = try await c.get("addTrafficMonitor", [("zoneid", zone), ("url", "http://10.0.0.8")])
            #expect(twice.status == 431)
            #expect(twice.inner["errortext"]?.text == "Already added an traffic monitor in zone: Sandbox-1")
            let listed = try await c.get("listTrafficMonitors", [("zoneid", zone)]).inner
            #expect(listed["trafficmonitor.0.id"]?.text == id)
            #expect(try await c.get("deleteTrafficMonitor", [("id", id)]).inner["success"]?.bool == true)
            #expect(try await c.get("listTrafficMonitors", [("zoneid", zone)]).inner["count"] == nil)

            let pn = try await c.value("listPhysicalNetworks", [], "physicalnetwork.0.id")
            let odl = try await c.job(
                "addOpenDaylightController",
                [("physicalnetworkid", pn), ("url", "http://odl"), ("username", "u"), ("password", "p")])
            #expect(odl["jobresult.errortext"]?.text?.hasPrefix(Self.missing("Opendaylight")) == true)
            let none = try await c.get("listOpenDaylightControllers")
            #expect(none.status == 200 && none.inner["count"] == nil)
        }
    }

    @Test func theOldNetworkDeviceCommandsAreHusks() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let bare = try await c.get("addNetworkDevice", [("networkdevicetype", "ExternalDhcp")])
            #expect(bare.status == 530)
            #expect(bare.inner["errortext"]?.text == "Parameter list is null")
            let unknown = try await c.get(
                "listNetworkDevice",
                [("networkdevicetype", "Acme"), ("networkdeviceparameterlist[0].zoneid", "1")])
            #expect(unknown.inner["errortext"]?.text == "Unknown network device type:Acme")
            let host = try await c.value("listHosts", [("type", "Routing")], "host.0.id")
            #expect(try await c.get("deleteNetworkDevice", [("id", host)]).inner["success"]?.bool == true)
            #expect(try await c.get("listHosts", [("id", host)]).inner["count"]?.number?.int == 1)
        }
    }
}

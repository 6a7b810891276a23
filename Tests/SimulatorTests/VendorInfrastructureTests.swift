@testable import Simulator
import TestSupport
import Testing
import Values

/// Vendor infrastructure plugins as a 4.18 server answers them when the vendor system is absent:
/// empty plugin tables, and the server's refusal where it would reach the device.
@Suite struct VendorInfrastructureTests {
    @Test func tungstenFabricWithoutAProvider() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            // Without a zone each provider is asked in turn: there is none, so the list is empty.
            for list in ["listTungstenFabricTag", "listTungstenFabricNetwork", "listTungstenFabricProviders"] {
                let r = try await c.get(list)
                #expect(r.status == 200 && r.inner["count"] == nil, "\(list): \(r.body)")
            }
            let tags = try await c.get("listTungstenFabricTag", [("zoneid", zone)])
            #expect(tags.status == 431)
            #expect(tags.inner["errortext"]?.text == "Failed to find a Tungsten-Fabric provider")
            #expect(try await c.get("listTungstenFabricProviders", [("zoneid", zone)]).status == 530)
            let made = try await c.job(
                "createTungstenFabricTag", [("zoneid", zone), ("tagtype", "application"), ("tagvalue", "web")])
            #expect(made["jobresult.errorcode"]?.text == "431")
            #expect(made["jobresult.errortext"]?.text == "Failed to find a Tungsten-Fabric provider")
            let provider = try await c.get(
                "createTungstenFabricProvider",
                [
                    ("zoneid", zone), ("name", "tf"), ("tungstenproviderhostname", "192.0.2.9"),
                    ("tungstengateway", "192.0.2.1"),
                ])
            #expect(provider.status == 530)
            #expect(
                provider.inner["errortext"]?.text == "Failed to add Tungsten-Fabric provider due to internal error.")
            let unknownZone = try await c.get(
                "listTungstenFabricVm", [("zoneid", "7d0c4a39-5f3b-4b8e-9d59-000000000000")])
            #expect(unknownZone.status == 431)
        }
    }

    @Test func ucsManagersCannotBeReached() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let add = try await c.get(
                "addUcsManager",
                [("zoneid", zone), ("url", "192.0.2.30"), ("username", "admin"), ("password", "pw")])
            #expect(add.status == 530)
            #expect(add.inner["errortext"]?.text == "Cannot get cookie")
            // The failed login removed the manager again.
            let managers = try await c.get("listUcsManagers", [("zoneid", zone)])
            #expect(managers.status == 200 && managers.inner["count"] == nil)
            let unknown = "7d0c4a39-5f3b-4b8e-9d59-000000000001"
            for (api, params) in [
                ("listUcsBlades", [("ucsmanagerid", unknown)]), ("listUcsProfiles", [("ucsmanagerid", unknown)]),
                ("deleteUcsManager", [("ucsmanagerid", unknown)]),
            ] {
                let r = try await c.get(api, params)
                #expect(r.status == 431, "\(api): \(r.body)")
                #expect(r.inner["errortext"]?.text?.contains("Invalid parameter ucsmanagerid value=\(unknown)") == true)
            }
        }
    }

    @Test func vmwareDatacentersNeedAVCenter() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let noPassword = try await c.get(
                "addVmwareDc", [("zoneid", zone), ("name", "dc1"), ("vcenter", "192.0.2.40"), ("username", "u")])
            #expect(noPassword.status == 431)
            #expect(noPassword.inner["errortext"]?.text == "Missing or invalid parameter username.")
            let add = try await c.get(
                "addVmwareDc",
                [("zoneid", zone), ("name", "dc1"), ("vcenter", "192.0.2.40"), ("username", "u"), ("password", "p")])
            #expect(add.status == 530)
            #expect(add.inner["errortext"]?.text?.hasPrefix("Failed to add VMware DC to zone due to : ") == true)
            let listed = try await c.get("listVmwareDcs", [("zoneid", zone)])
            #expect(listed.status == 200 && listed.inner["count"] == nil)
            let remove = try await c.get("removeVmwareDc", [("zoneid", zone)])
            #expect(remove.status == 530)
            #expect(remove.inner["errortext"]?.text?.hasSuffix("is not associated with any VMware datacenter.") == true)
        }
    }
}

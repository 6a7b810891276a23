import Simulator
import TestSupport
import Testing
import Values

/// The small information APIs: cloud identifier, API limits, quota, providers, planners,
/// isolation methods, usage types, configuration groups, tags in use, detail options, services.
@Suite struct PlatformInfoTests {
    @Test func identifiersProvidersAndLists() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let user = try await c.value("listUsers", [("username", "admin")], "user.0.id")
            let first = try await c.get("getCloudIdentifier", [("userid", user)]).inner
            let id = try #require(first["cloudidentifier.cloudidentifier"]?.text)
            #expect(
                try await c.value("getCloudIdentifier", [("userid", user)], "cloudidentifier.cloudidentifier") == id)
            #expect(first["cloudidentifier.signature"]?.text?.isEmpty == false)
            // A user may ask for its own only.
            #expect(try await c.signed().get("getCloudIdentifier", [("userid", user)]).status == 531)
            #expect(try await c.get("quotaIsEnabled").inner["quotaenabled.isenabled"]?.bool == false)
            let twoFactor = try await c.get("listUserTwoFactorAuthenticatorProviders").inner
            #expect(
                Set((twoFactor["providers"]?.list ?? []).compactMap { $0[field: "name"]?.text }) == [
                    "totp", "staticpin",
                ])
            #expect(try await c.value("listCAProviders", [], "caprovider.0.name") == "root")
            #expect(try await c.value("listDeploymentPlanners", [], "deploymentPlanner.0.name") == "FirstFitPlanner")
            #expect(
                try await c.value("listDeploymentPlanners", [("keyword", "dedication")], "deploymentPlanner.0.name")
                    == "ImplicitDedicationPlanner")
            #expect(try await c.value("listNetworkIsolationMethods", [], "count") == "12")
            let usage = try await c.get("listUsageTypes").inner
            #expect(usage["usagetype.0.usagetypeid"]?.number?.int == 1)
            #expect(usage["usagetype.0.description"]?.text == "Running Vm Usage")
            let groups = try await c.get("listConfigurationGroups").inner
            #expect(groups["count"]?.number?.int == 9)
            #expect(groups["configurationgroup.0.name"]?.text == "Access")
            let vms = try await c.get("listConfigurationGroups", [("group", "System VMs")]).inner
            #expect(vms["configurationgroup.0.subgroup.0.name"]?.text == "ConsoleProxyVM")
            #expect(try await c.signed().get("listConfigurationGroups").status == 432)
        }
    }

    @Test func apiLimitsExistWhileThrottlingIsOn() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            #expect(try await TestClient(sim).get("getApiLimit").status == 432)
        }
        // A long window: the counts below must not depend on how fast a loaded machine answers.
        let options = quickJobOptions {
            $0.throttlePerSecond = 1000
            $0.throttleInterval = .seconds(3600)
        }
        try await withSimulator(options) { sim async throws in
            let c = TestClient(sim), dev = c.signed()
            _ = try await dev.get("listZones")
            let limit = try await dev.get("getApiLimit").inner
            #expect(limit["apilimit.account"]?.text == "dev")
            #expect(limit["apilimit.apiIssued"]?.number?.int == 2)
            #expect(limit["apilimit.apiAllowed"]?.number?.int == 998)
            #expect(try await c.get("resetApiLimit").inner["success"]?.bool == true)
            #expect(try await dev.get("getApiLimit").inner["apilimit.apiIssued"]?.number?.int == 1)
            #expect(try await dev.get("resetApiLimit").status == 432)
        }
    }

    /// listCapabilities answers every field 4.18's ListCapabilitiesCmd has, some read from settings.
    @Test func capabilitiesAnswerTheSettingsTheyRead() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let caps = try await c.get("listCapabilities").inner
            #expect(caps["capability.allowuserexpungerecovervolume"]?.bool == true)
            #expect(caps["capability.allowuserviewalldomainaccounts"]?.bool == false)
            #expect(caps["capability.kubernetesclusterexperimentalfeaturesenabled"]?.bool == false)
            #expect(caps["capability.instancesstatsretentiontime"]?.number?.int == 720)
            #expect(caps["capability.instancesstatsuseronly"]?.bool == false)
            #expect(caps["capability.instancesdisksstatsretentionenabled"]?.bool == false)
            #expect(caps["capability.instancesdisksstatsretentiontime"]?.number?.int == 720)
            _ = try await c.get(
                "updateConfiguration", [("name", "allow.user.expunge.recover.volume"), ("value", "false")])
            #expect(
                try await c.get("listCapabilities").inner["capability.allowuserexpungerecovervolume"]?.bool == false)
        }
    }

    @Test func tagsDetailOptionsAndServices() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            #expect(try await c.get("listHostTags").inner["count"] == nil)
            let host = try await c.value("listHosts", [("type", "Routing")], "host.0.id")
            _ = try await c.get("updateHost", [("id", host), ("hosttags", "ssd,gpu")])
            let tags = try await c.get("listHostTags").inner
            #expect(tags["count"]?.number?.int == 2)
            #expect(tags["hosttag.1.name"]?.text == "gpu")
            #expect(tags["hosttag.0.hostid"]?.number?.int == 1)
            let pool = try await c.value("listStoragePools", [], "storagepool.0.id")
            _ = try await c.get("updateStoragePool", [("id", pool), ("tags", "fast")])
            #expect(try await c.value("listStorageTags", [], "storagetag.0.name") == "fast")
            let vm = try #require(try await c.deploy()["jobresult.virtualmachine.id"]?.text)
            let options = try await c.get("listDetailOptions", [("resourcetype", "UserVm"), ("resourceid", vm)]).inner
            #expect(options["detailoptions.details.keyboard"]?.list?.count == 4)
            #expect(options["detailoptions.details.UEFI.1"]?.text == "SECURE")
            let unsupported = try await c.get("listDetailOptions", [("resourcetype", "Network")])
            #expect(unsupported.status == 530)
            #expect(unsupported.inner["errortext"]?.text == "Resource type not supported.")
            let services = try await c.get("listSupportedNetworkServices", [("service", "SourceNat")]).inner
            #expect(services["count"]?.number?.int == 1)
            #expect(
                (services["networkservice.0.provider"]?.list ?? []).contains {
                    $0[field: "name"]?.text == "VirtualRouter"
                })
            let byProvider = try #require(
                try await c.get("listSupportedNetworkServices", [("provider", "SecurityGroupProvider")]).inner[
                    "networkservice"]?.list)
            #expect(byProvider.compactMap { $0[field: "name"]?.text } == ["SecurityGroup"])
        }
    }
}

import Simulator
import TestSupport
import Testing
import Values

/// Configuration settings by scope: global, zone, cluster, storage pool, account, domain.
@Suite struct ConfigurationTests {
    @Test func globalSettingsHaveTheirRealNamesAndDefaults() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let one = try await c.get("listConfigurations", [("name", "expunge.delay")]).inner
            #expect(one["count"]?.text == "1")
            #expect(one["configuration.0.value"]?.text == "86400")
            #expect(one["configuration.0.defaultvalue"]?.text == "86400")
            #expect(one["configuration.0.category"]?.text == "Advanced")
            #expect(one["configuration.0.type"]?.text == "Number")
            #expect(one["configuration.0.scope"]?.text == "Global")
            let accountDefaults = try await c.get("listConfigurations", [("category", "Account Defaults")]).inner
            #expect(accountDefaults["count"]?.text == "11")
            #expect(
                try await c.value("listConfigurations", [("name", "max.account.user.vms")], "configuration.0.value")
                    == "20")

            // Update and reset; the value must read as the setting's type.
            let set = try await c.get("updateConfiguration", [("name", "agent.load.threshold"), ("value", "0.81")])
                .inner
            #expect(set["configuration.value"]?.text == "0.81")
            // A fraction the server checks between 0 and 1 (weightBasedParametersForValidation) is a Range.
            #expect(set["configuration.type"]?.text == "Range")
            #expect(
                try await c.value("listConfigurations", [("name", "agent.load.threshold")], "configuration.0.value")
                    == "0.81")
            _ = try await c.get("updateConfiguration", [("name", "agent.load.threshold"), ("value", "0.9")])
            #expect(
                try await c.get("resetConfiguration", [("name", "agent.load.threshold")]).inner["configuration.value"]?
                    .text == "0.7")
            let notBool = try await c.get(
                "updateConfiguration", [("name", "vmware.recycle.hung.wokervm"), ("value", "yes")])
            #expect(notBool.status == 431)
            #expect(notBool.inner["errortext"]?.text == "Please enter either 'true' or 'false'.")
            let unknown = try await c.get("updateConfiguration", [("name", "no.such.setting"), ("value", "1")])
            #expect(unknown.inner["errortext"]?.text == "Config parameter with name no.such.setting doesn't exist")
            // Added to the configuration table by the 4.10 upgrade rather than by a ConfigKey.
            let ssl = try await c.get("updateConfiguration", [("name", "consoleproxy.sslEnabled"), ("value", "true")])
            #expect(ssl.inner["configuration.value"]?.text == "true", "\(ssl.body)")
            let sslListed = try await c.get("listConfigurations", [("name", "consoleproxy.sslEnabled")]).inner
            #expect(sslListed["configuration.0.category"]?.text == "Console Proxy")
            #expect(sslListed["configuration.0.value"]?.text == "true")
            // Users do not reach the settings.
            #expect(try await c.signed().get("listConfigurations").status == 432)
        }
    }

    /// 4.18 files each setting under a group and subgroup by the words of its name, and answers its display
    /// text, parent switch and choices; listConfigurations filters by them.
    @Test func settingsAreFiledUnderTheirGroupsAndSubgroups() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let throttling = try await c.get("listConfigurations", [("name", "api.throttling.max")]).inner
            #expect(throttling["configuration.0.group"]?.text == "Management Server")
            #expect(throttling["configuration.0.subgroup"]?.text == "API")
            #expect(throttling["configuration.0.displaytext"]?.text == "Api throttling max")
            #expect(throttling["configuration.0.parent"]?.text == "api.throttling.enabled")
            // A word that is no subgroup's name files the setting by a keyword ("cpu": Virtual Machine).
            let factor = try await c.get("listConfigurations", [("name", "cpu.overprovisioning.factor")]).inner
            #expect(factor["configuration.0.subgroup"]?.text == "Virtual Machine")
            #expect(factor["configuration.0.parent"] == nil)
            // A name with no known word goes to Miscellaneous, Others.
            let page = try await c.get("listConfigurations", [("name", "default.page.size")]).inner
            #expect(page["configuration.0.group"]?.text == "Miscellaneous")
            #expect(page["configuration.0.subgroup"]?.text == "Others")
            let select = try await c.get("listConfigurations", [("name", "network.dns.basiczone.updates")]).inner
            #expect(select["configuration.0.type"]?.text == "Select")
            #expect(select["configuration.0.options"]?.text == "all,pod")

            let api = try await c.get("listConfigurations", [("group", "management server"), ("subgroup", "API")])
                .inner
            let names = (0..<(Int(api["count"]?.text ?? "") ?? 0)).compactMap { api["configuration.\($0).name"]?.text }
            #expect(names == ["api.throttling.enabled", "api.throttling.interval", "api.throttling.max"])
            let children = try await c.get("listConfigurations", [("parent", "api.throttling.enabled")]).inner
            #expect(children["count"]?.text == "2")
            // The keyword also finds a setting by its category or value.
            let byCategory = try await c.get("listConfigurations", [("keyword", "project defaults")]).inner
            #expect(Int(byCategory["count"]?.text ?? "") ?? 0 >= 11)
            let noGroup = try await c.get("listConfigurations", [("group", "Nowhere")])
            #expect(noGroup.status == 431)
            #expect(noGroup.inner["errortext"]?.text == "Invalid configuration group: Nowhere")
            let noSubgroup = try await c.get("listConfigurations", [("subgroup", "Nowhere")])
            #expect(noSubgroup.inner["errortext"]?.text == "Invalid configuration subgroup: Nowhere")
        }
    }

    /// updateConfiguration checks a value as ConfigurationManagerImpl does, in its words.
    @Test func valuesAreCheckedAsTheServerChecksThem() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            func refusal(_ name: String, _ value: String) async throws -> String? {
                let reply = try await c.get("updateConfiguration", [("name", name), ("value", value)])
                #expect(reply.status == 431, "\(name)=\(value): \(reply.body)")
                return reply.inner["errortext"]?.text
            }
            #expect(
                try await refusal("expunge.interval", "soon")
                    == "There was error in trying to parse value: soon. Please enter a valid integer value for parameter expunge.interval"
            )
            #expect(
                try await refusal("expunge.interval", "0")
                    == "Please enter a positive value for the configuration parameter:expunge.interval")
            #expect(
                try await refusal("agent.load.threshold", "1.5")
                    == "Please enter a value between 0 and 1 for the configuration parameter: agent.load.threshold")
            #expect(
                try await refusal("mem.overprovisioning.factor", "0.5")
                    == "mem.overprovisioning.factor should be greater than or equal to 1")
            #expect(
                try await refusal("default.page.size", "many")
                    == "There was error in trying to parse value: many. Please enter a valid long value for parameter default.page.size"
            )
            // true and false are compared as written.
            #expect(try await refusal("api.throttling.enabled", "TRUE") == "Please enter either 'true' or 'false'.")
            // Clearing a number fails to parse (`null`); clearing a string setting is allowed.
            #expect(
                try await refusal("expunge.workers", "")
                    == "There was error in trying to parse value: null. Please enter a valid integer value for parameter expunge.workers"
            )
            let cleared = try await c.get("updateConfiguration", [("name", "instance.name"), ("value", " ")]).inner
            #expect(cleared["configuration.value"] == nil)
            // No value at all leaves the setting as it is.
            let asIs = try await c.get("updateConfiguration", [("name", "expunge.delay")]).inner
            #expect(asIs["configuration.value"]?.text == "86400")
        }
    }

    @Test func scopedValuesOverrideTheGlobalOneWhereTheyAreSet() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let other = try await c.value("listZones", [("name", "Sandbox-2")], "zone.0.id")
            let pool = try await c.value("listStoragePools", [], "storagepool.0.id")
            let cluster = try await c.value("listClusters", [], "cluster.0.id")
            let account = try await c.value("listAccounts", [("name", "dev"), ("listall", "true")], "account.0.id")

            let zoned = try await c.get(
                "updateConfiguration", [("name", "use.external.dns"), ("zoneid", zone), ("value", "true")]
            ).inner
            #expect(zoned["configuration.scope"]?.text == "zone")
            #expect(zoned["configuration.value"]?.text == "true")
            #expect(
                try await c.value(
                    "listConfigurations", [("name", "use.external.dns"), ("zoneid", zone)], "configuration.0.value")
                    == "true")
            #expect(
                try await c.value(
                    "listConfigurations", [("name", "use.external.dns"), ("zoneid", other)], "configuration.0.value")
                    == "false")
            #expect(
                try await c.value("listConfigurations", [("name", "use.external.dns")], "configuration.0.value")
                    == "false")
            // A scope lists only the settings of that scope.
            #expect(
                try await c.get("listConfigurations", [("name", "expunge.delay"), ("zoneid", zone)]).inner["count"]
                    == nil)

            let stored = try await c.get(
                "updateConfiguration",
                [("name", "storage.overprovisioning.factor"), ("storageid", pool), ("value", "3.0")]
            ).inner
            #expect(stored["configuration.scope"]?.text == "storagepool")
            #expect(stored["configuration.value"]?.text == "3.0")
            let clustered = try await c.get(
                "updateConfiguration",
                [("name", "cpu.overprovisioning.factor"), ("clusterid", cluster), ("value", "2.0")]
            ).inner
            #expect(clustered["configuration.scope"]?.text == "cluster")
            let forAccount = try await c.get(
                "updateConfiguration",
                [("name", "allow.public.user.templates"), ("accountid", account), ("value", "false")]
            ).inner
            #expect(forAccount["configuration.scope"]?.text == "account")
            #expect(
                try await c.value(
                    "listConfigurations", [("name", "allow.public.user.templates"), ("accountid", account)],
                    "configuration.0.value") == "false")
            // Reset at a scope drops that scope's value: the global one shows again.
            #expect(
                try await c.get(
                    "resetConfiguration", [("name", "allow.public.user.templates"), ("accountid", account)]
                )
                .inner["configuration.value"]?.text == "true")

            // A setting is set only at its own scope, and at one scope at a time.
            let wrong = try await c.get(
                "updateConfiguration", [("name", "expunge.delay"), ("zoneid", zone), ("value", "10")])
            #expect(wrong.inner["errortext"]?.text == "Invalid scope id provided for the parameter expunge.delay")
            let both = try await c.get(
                "updateConfiguration",
                [("name", "use.external.dns"), ("zoneid", zone), ("clusterid", cluster), ("value", "true")])
            #expect(both.status == 431)
        }
    }

    /// Each setting answers the component 4.18 stored for it: the Config enum's component name, or the
    /// getConfigComponentName of the Configurable listing a ConfigKey; in list, update and reset, at any scope.
    @Test func settingsAnswerTheirComponent() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            func listed(_ name: String) async throws -> String? {
                try await c.get("listConfigurations", [("name", name)]).inner["configuration.0.component"]?.text
            }
            // Config enum: ManagementServer.class, UserVmManager.class, NetworkOrchestrationService.class.
            #expect(try await listed("default.page.size") == "management-server")
            #expect(try await listed("expunge.interval") == "UserVmManager")
            #expect(try await listed("network.dns.basiczone.updates") == "NetworkManager")
            // ConfigKeys: CapacityManagerImpl, DeploymentClusterPlanner, KubernetesClusterManagerImpl.
            #expect(try await listed("cpu.overprovisioning.factor") == "CapacityManager")
            #expect(try await listed("cluster.cpu.allocated.capacity.disablethreshold") == "DeploymentClusterPlanner")
            #expect(try await listed("cloud.kubernetes.cluster.max.size") == "KubernetesClusterService")
            // Resource limit defaults: the enum's, but ResourceLimitManagerImpl's full name for two ConfigKeys.
            #expect(try await listed("max.domain.cpus") == "management-server")
            #expect(
                try await listed("max.account.secondary.storage") == "com.cloud.resourcelimit.ResourceLimitManagerImpl")

            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let zoned = try await c.get(
                "listConfigurations", [("name", "use.external.dns"), ("zoneid", zone)]
            ).inner
            #expect(zoned["configuration.0.component"]?.text == "VirtualNetworkApplianceManagerImpl")
            let updated = try await c.get("updateConfiguration", [("name", "expunge.delay"), ("value", "60")]).inner
            #expect(updated["configuration.component"]?.text == "UserVmManager")
            let reset = try await c.get("resetConfiguration", [("name", "use.external.dns"), ("zoneid", zone)]).inner
            #expect(reset["configuration.component"]?.text == "VirtualNetworkApplianceManagerImpl")
            // Every setting answers one.
            let all = try await c.get("listConfigurations", [("pagesize", "500"), ("page", "1")]).inner
            let count = Int(all["count"]?.text ?? "") ?? 0
            #expect(count > 80)
            for i in 0..<count { #expect((all["configuration.\(i).component"]?.text ?? "") != "") }
        }
    }

    @Test func settingsRolesAndLimitsAreKeptInTheStateFile() async throws {
        let path = try StateFileTests.stateFile()
        let role = try await withSimulator(StateFileTests.options(path)) { sim async throws in
            let c = TestClient(sim)
            _ = try await c.get("updateConfiguration", [("name", "expunge.delay"), ("value", "120")])
            let domain = try await c.value("listDomains", [("name", "dev")], "domain.0.id")
            _ = try await c.get(
                "updateResourceLimit", [("resourcetype", "0"), ("max", "3"), ("account", "dev"), ("domainid", domain)])
            let role = try await c.value("createRole", [("name", "kept"), ("type", "User")], "role.id")
            _ = try await c.get("createRolePermission", [("roleid", role), ("rule", "list*"), ("permission", "deny")])
            return role
        }
        try await withSimulator(StateFileTests.options(path)) { sim async throws in
            let c = TestClient(sim)
            #expect(
                try await c.value("listConfigurations", [("name", "expunge.delay")], "configuration.0.value") == "120")
            #expect(
                try await c.signed().value("listResourceLimits", [("resourcetype", "0")], "resourcelimit.0.max") == "3")
            #expect(try await c.value("listRolePermissions", [("roleid", role)], "rolepermission.0.rule") == "list*")
        }
    }
}

/// The common configuration settings of a 4.18 management server, as its Config enum and ConfigKeys
/// define them: name, category, Java type, default, the scope it may be set at and whether a change
/// takes effect without a restart. listConfigurations shows these; a value set by updateConfiguration
/// is kept per scope (see ConfigurationAPIs).
struct Setting: Sendable {
    enum Scope: String, Sendable {
        case global = "Global"
        case zone = "Zone"
        case cluster = "Cluster"
        case storagePool = "StoragePool"
        case
            account = "Account"
        case domain = "Domain"
    }
    var name: String
    var category: String
    /// 4.18's `component` column. A Config enum setting names its component class as Config.getComponent
    /// does (ManagementServer is `management-server`, NetworkOrchestrationService `NetworkManager`, others
    /// the simple name); a ConfigKey setting the getConfigComponentName of the Configurable listing it, which
    /// ConfigDepotImpl writes over an enum's on every start.
    var component: String
    /// Config.getComponent's name for ManagementServer.class, the component of most legacy settings.
    static let managementServer = "management-server"
    /// The Java class of the value: Boolean, Integer, Long, Float, Double or String.
    var javaType: String
    var defaultValue: String?
    var scope: Scope = .global
    var isDynamic = false
    /// The setting this one only matters under (4.18's `parent` column), e.g. a feature's on/off switch.
    var parent: String? = nil
    /// How a String setting's value is entered (4.18's `kind` column: Order, CSV or Select) and its choices.
    var inputKind: String? = nil
    var options: String? = nil
    /// A bound updateConfiguration checks beyond the Java type (ConfigurationManagerImpl's validation sets).
    var bound: Bound = .none
    var description: String

    enum Bound: Sendable {
        case none
        /// configValuesForValidation: an interval or count that must be above 0.
        case positive
        /// weightBasedParametersForValidation: a fraction between 0 and 1 (answered as type `Range`).
        case fraction
        /// overprovisioningFactorsForValidation: a factor of at least 1.
        case atLeastOne
    }

    /// What listConfigurations answers as `type` (ConfigurationManagerImpl.getConfigurationType).
    var valueType: String {
        if bound == .fraction { return "Range" }
        switch javaType {
        case "Boolean": return "Boolean"
        case "Integer", "Long", "Short": return "Number"
        case "Float", "Double": return "Decimal"
        default: return inputKind ?? "String"
        }
    }

    /// The group and subgroup 4.18 files this setting under.
    var placement: (group: String, subgroup: String) {
        Settings.placements[name] ?? ConfigurationGroups.placement(of: name)
    }

    /// 4.18's display text: the name with spaces for dots, its first letter capitalised.
    var displayText: String {
        let spaced = String(name.map { $0 == "." ? " " : $0 })
        return spaced.prefix(1).uppercased() + spaced.dropFirst()
    }
}

enum Settings {
    static let byName: [String: Setting] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// Where each setting is filed (ConfigurationGroups.placement), worked out once.
    static let placements: [String: (group: String, subgroup: String)] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.name, ConfigurationGroups.placement(of: $0.name)) })

    /// The resource limit defaults (`max.account.*`, `max.project.*`, `max.domain.*`) in resource-type order.
    static func limitDefault(owner: String, resourceType: Int) -> Setting? {
        guard let stem = ResourceTypes.settingStem[resourceType] else { return nil }
        return byName["max.\(owner).\(stem)"]
    }

    static let all: [Setting] =
        general + KubernetesService.settings
        + limits("account", "Account Defaults", [20, 20, 20, 20, 20, 20, 20, 40, 40960, 200, 400])
        + limits("project", "Project Defaults", [20, 20, 20, 20, 20, 20, 20, 40, 40960, 200, 400])
        + limits("domain", "Domain Defaults", [40, 40, 40, 40, 40, 40, 40, 80, 81920, 400, 800])

    static let general: [Setting] = [
        Setting(
            name: "account.cleanup.interval", category: "Advanced", component: Setting.managementServer,
            javaType: "Integer", defaultValue: "86400",
            bound: .positive, description: "The interval (in seconds) between cleanup for removed accounts"),
        // Also a ConfigKey of ClusteredAgentManagerImpl, whose component (AgentManagerImpl's) wins over the enum's.
        Setting(
            name: "agent.load.threshold", category: "Advanced", component: "AgentManager", javaType: "Float",
            defaultValue: "0.7",
            parent: "agent.lb.enabled", bound: .fraction,
            description:
                "Percentage (as a value between 0 and 1) of connected agents after which agent load balancing will start happening"
        ),
        Setting(
            name: "allow.domain.admins.to.create.tagged.offerings", category: "Advanced",
            component: "ConfigurationManagerImpl", javaType: "Boolean",
            defaultValue: "false", scope: .account, isDynamic: true,
            description: "Allow domain admins to create offerings with tags."),
        Setting(
            name: "allow.public.user.templates", category: "Advanced", component: "TemplateManager",
            javaType: "Boolean", defaultValue: "true",
            scope: .account, isDynamic: true,
            description: "If false, users will not be able to create public templates."),
        Setting(
            name: "allow.subdomain.network.access", category: "Advanced", component: "NetworkManager",
            javaType: "Boolean", defaultValue: "true",
            description: "Allow subdomains to use networks dedicated to their parent domain(s)"),
        Setting(
            name: "allow.user.create.projects", category: "Project Defaults", component: Setting.managementServer,
            javaType: "Long", defaultValue: "true",
            description: "If regular user can create a project; true by default"),
        Setting(
            name: "allow.user.expunge.recover.vm", category: "Advanced", component: "UserVmManager",
            javaType: "Boolean", defaultValue: "false",
            scope: .account, isDynamic: true, description: "Determines whether users can expunge or recover their vm"),
        Setting(
            name: "allow.user.expunge.recover.volume", category: "Advanced", component: "VolumeApiService",
            javaType: "Boolean", defaultValue: "true",
            scope: .account, isDynamic: true,
            description: "Determines whether users can expunge or recover their volume"),
        Setting(
            name: "allow.user.view.destroyed.vm", category: "Advanced", component: "QueryService", javaType: "Boolean",
            defaultValue: "false",
            scope: .account, isDynamic: true,
            description: "Determines whether users can view their destroyed or expunging vm "),
        Setting(
            name: "api.throttling.enabled", category: "Advanced", component: Setting.managementServer,
            javaType: "Boolean", defaultValue: "false",
            description: "Enable/Disable Api rate limit"),
        Setting(
            name: "api.throttling.interval", category: "Advanced", component: Setting.managementServer,
            javaType: "Integer", defaultValue: "1",
            parent: "api.throttling.enabled", description: "Time interval (in seconds) to reset API count"),
        Setting(
            name: "api.throttling.max", category: "Advanced", component: Setting.managementServer, javaType: "Integer",
            defaultValue: "25",
            parent: "api.throttling.enabled", description: "Max allowed number of APIs within fixed interval"),
        // Unset in a new install: GSLB rules can be made only once it names the cloud's DNS zone.
        Setting(
            name: "cloud.dns.name", category: "Advanced", component: Setting.managementServer, javaType: "String",
            defaultValue: nil,
            description: "DNS name of the cloud for the GSLB service"),
        Setting(
            name: "cluster.cpu.allocated.capacity.disablethreshold", category: "Alert",
            component: "DeploymentClusterPlanner", javaType: "Float",
            defaultValue: "0.85",
            scope: .cluster, isDynamic: true,
            bound: .fraction,
            description:
                "Percentage (as a value between 0 and 1) of cpu utilization above which allocators will disable using the cluster for low cpu available. Keep the corresponding notification threshold lower than this to be notified beforehand."
        ),
        Setting(
            name: "cluster.memory.allocated.capacity.disablethreshold", category: "Alert",
            component: "DeploymentClusterPlanner", javaType: "Float",
            defaultValue: "0.85",
            scope: .cluster, isDynamic: true,
            bound: .fraction,
            description:
                "Percentage (as a value between 0 and 1) of memory utilization above which allocators will disable using the cluster for low memory available. Keep the corresponding notification threshold lower than this to be notified beforehand."
        ),
        Setting(
            name: "cluster.message.timeout.seconds", category: "Advanced", component: Setting.managementServer,
            javaType: "Integer", defaultValue: "300",
            description: "Time (in seconds) to wait before a inter-management server message post times out."),
        // Added by the 4.10 schema upgrade (CLOUDSTACK-9902), not by a ConfigKey: global and not dynamic, its
        // component as that upgrade wrote it.
        Setting(
            name: "consoleproxy.sslEnabled", category: "Console Proxy", component: "AgentManager", javaType: "Boolean",
            defaultValue: "false",
            description: "Enable SSL for console proxy"),
        Setting(
            name: "cpu.overprovisioning.factor", category: "Advanced", component: "CapacityManager", javaType: "Float",
            defaultValue: "1.0",
            scope: .cluster,
            isDynamic: true,
            bound: .atLeastOne,
            description:
                "Used for CPU overprovisioning calculation; available CPU will be (actualCpuCapacity * cpu.overprovisioning.factor)"
        ),
        Setting(
            name: "default.page.size", category: "Advanced", component: Setting.managementServer, javaType: "Long",
            defaultValue: "500",
            description: "Default page size for API list* commands"),
        Setting(
            name: "detail.batch.query.size", category: "Advanced", component: Setting.managementServer,
            javaType: "Integer", defaultValue: "2000",
            description: "Default entity detail batch query size for listing"),
        Setting(
            name: "eip.use.multiple.netscalers", category: "Advanced", component: Setting.managementServer,
            javaType: "Boolean", defaultValue: "false",
            description:
                "Should be set to true, if there will be multiple NetScaler devices providing EIP service in a zone"),
        Setting(
            name: "enable.account.settings.for.domain", category: "Advanced", component: "ConfigurationManagerImpl",
            javaType: "Boolean",
            defaultValue: "false",
            isDynamic: true,
            description:
                "Indicates whether to add account settings for domain. If true, account settings will be added to domain settings, all accounts in the domain will inherit the domain setting if account setting is not set."
        ),
        Setting(
            name: "event.purge.delay", category: "Advanced", component: Setting.managementServer, javaType: "Integer",
            defaultValue: "15",
            description:
                "Events older than specified number days will be purged. Set this value to 0 to never delete events"),
        Setting(
            name: "expunge.delay", category: "Advanced", component: "UserVmManager", javaType: "Integer",
            defaultValue: "86400",
            description:
                "Determines how long (in seconds) to wait before actually expunging destroyed vm. The default value = the default value of expunge.interval"
        ),
        Setting(
            name: "expunge.interval", category: "Advanced", component: "UserVmManager", javaType: "Integer",
            defaultValue: "86400",
            bound: .positive, description: "The interval (in seconds) to wait before running the expunge thread."),
        Setting(
            name: "expunge.workers", category: "Advanced", component: "UserVmManager", javaType: "Integer",
            defaultValue: "1",
            description: "Number of workers performing expunge "),
        Setting(
            name: "external.firewall.default.capacity", category: "Advanced", component: Setting.managementServer,
            javaType: "String", defaultValue: "50",
            description: "default number of networks permitted per external load firewall device"),
        Setting(
            name: "external.lb.default.capacity", category: "Advanced", component: Setting.managementServer,
            javaType: "String", defaultValue: "50",
            description: "default number of networks permitted per external load balancer device"),
        Setting(
            name: "implicit.host.tags", category: "Advanced", component: Setting.managementServer, javaType: "String",
            defaultValue: "GPU",
            description: "Tag hosts at the time of host disovery based on the host properties/capabilities"),
        Setting(
            name: "instance.name", category: "Advanced", component: "AgentManager", javaType: "String",
            defaultValue: "VM",
            description: "Name of the deployment instance."),
        Setting(
            name: "mem.overprovisioning.factor", category: "Advanced", component: "CapacityManager", javaType: "Float",
            defaultValue: "1.0",
            scope: .cluster,
            isDynamic: true,
            bound: .atLeastOne,
            description:
                "Used for memory overprovisioning calculation; available memory will be (actualMemoryCapacity * mem.overprovisioning.factor)"
        ),
        Setting(
            name: "network.dns.basiczone.updates", category: "Advanced", component: "NetworkManager",
            javaType: "String", defaultValue: "all",
            inputKind: "Select", options: "all,pod",
            description:
                "This parameter can take 2 values: all (default) and pod. It defines if DHCP/DNS requests have to be send to all dhcp servers in cloudstack, or only to the one in the same pod"
        ),
        Setting(
            name: "network.loadbalancer.haproxy.stats.port", category: "Network", component: Setting.managementServer,
            javaType: "String",
            defaultValue: "8081",
            description: "Load Balancer(haproxy) stats port number."),
        Setting(
            name: "network.loadbalancer.haproxy.stats.uri", category: "Network", component: Setting.managementServer,
            javaType: "String",
            defaultValue: "/admin?stats",
            description: "Load Balancer(haproxy) uri."),
        Setting(
            name: "network.loadbalancer.haproxy.stats.visibility", category: "Network",
            component: Setting.managementServer, javaType: "String",
            defaultValue: "global",
            inputKind: "Select", options: "global,guest-network,link-local,disabled,all,default",
            description:
                "Load Balancer(haproxy) stats visibilty, the value can be one of the following six parameters : global,guest-network,link-local,disabled,all,default"
        ),
        Setting(
            name: "project.invite.required", category: "Project Defaults", component: Setting.managementServer,
            javaType: "Boolean", defaultValue: "false",
            description: "If invitation confirmation is required when add account to project. Default value is false"),
        Setting(
            name: "project.invite.timeout", category: "Project Defaults", component: Setting.managementServer,
            javaType: "Long", defaultValue: "86400",
            description: "Invitation expiration time (in seconds). Default is 1 day - 86400 seconds"),
        Setting(
            name: "storage.overprovisioning.factor", category: "Storage", component: "CapacityManager",
            javaType: "Double", defaultValue: "2",
            scope: .storagePool, isDynamic: true,
            bound: .atLeastOne,
            description:
                "Used for storage overprovisioning calculation; available storage will be (actualStorageSize * storage.overprovisioning.factor)"
        ),
        // A ConfigKey of VirtualNetworkApplianceManager, listed by the Impl, which names itself.
        Setting(
            name: "use.external.dns", category: "Advanced", component: "VirtualNetworkApplianceManagerImpl",
            javaType: "Boolean", defaultValue: "false", scope: .zone,
            isDynamic: true, description: "Bypass internal dns, use external dns1 and dns2"),
        Setting(
            name: "vmware.recycle.hung.wokervm", category: "Advanced", component: Setting.managementServer,
            javaType: "Boolean", defaultValue: "false",
            description: "Specify whether or not to recycle hung worker VMs"),
        Setting(
            name: "vpc.cleanup.interval", category: "Advanced", component: Setting.managementServer,
            javaType: "Integer", defaultValue: "3600",
            description: "The interval (in seconds) between cleanup for Inactive VPCs"),
        Setting(
            name: "vpc.max.networks", category: "Advanced", component: Setting.managementServer, javaType: "Integer",
            defaultValue: "3",
            description: "Maximum number of networks per vpc"),
    ]

    /// `max.<owner>.<resource>` for the eleven limited resource types, with the Config enum's defaults.
    /// The account and project secondary storage limits are ConfigKeys of ResourceLimitService instead,
    /// whose Impl names itself by its full class name.
    static func limits(_ owner: String, _ category: String, _ defaults: [Int]) -> [Setting] {
        let whom = owner == "account" ? "an account" : "a \(owner)"
        let phrases = [
            "number of user VMs that can be deployed for", "number of public IPs that can be consumed by",
            "number of volumes that can be created for", "number of snapshots that can be created for",
            "number of templates that can be deployed for", "number of networks that can be created for",
            "number of vpcs that can be created for", "number of cpu cores that can be used for",
            "memory (in MB) that can be used for", "primary storage space (in GiB) that can be used for",
            "secondary storage space (in GiB) that can be used for",
        ]
        // (The project storage settings say "an project" on the server.)
        return zip(ResourceTypes.limited, zip(phrases, defaults)).map { type, pair in
            let storage = type >= 10 && owner == "project"
            let configKey = type == 11 && owner != "domain"
            return Setting(
                name: "max.\(owner).\(ResourceTypes.settingStem[type]!)", category: category,
                component: configKey ? "com.cloud.resourcelimit.ResourceLimitManagerImpl" : Setting.managementServer,
                javaType: "Long",
                defaultValue: String(pair.1),
                description: "The default maximum \(pair.0) \(storage ? "an project" : whom)")
        }
    }
}

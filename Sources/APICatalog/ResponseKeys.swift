/// The key a list API's answer holds its items under (`listVPCs` -> `{"count": 1, "vpc": [...]}`).
/// The server takes it from each response class's object name, which listApis does not show:
/// mostly the singular of the noun, with the exceptions below (facts of the 4.18 server).
extension API {
    static let listKeyExceptions: [String: String] = [
        "listAsyncJobs": "asyncjobs", "listEgressFirewallRules": "firewallrule", "listVMSnapshot": "vmSnapshot",
        "listDomainChildren": "domain", "listLBStickinessPolicies": "stickinesspolicies",
        "listLBHealthCheckPolicies": "healthcheckpolicies", "listHypervisorCapabilities": "hypervisorCapabilities",
        "listStorageProviders": "dataStoreProvider", "listAffinityGroupTypes": "affinityGroupType",
        "listDeploymentPlanners": "deploymentPlanner", "listLdapConfigurations": "LdapConfiguration",
        "listSupportedNetworkServices": "networkservice", "listIsoPermissions": "templatepermission",
        "listNetworkIsolationMethods": "isolationmethod", "listDetailOptions": "detailoptions",
        "listClustersMetrics": "cluster", "listHostsMetrics": "host", "listStoragePoolsMetrics": "storagepool",
        "listVirtualMachinesMetrics": "virtualmachine", "listVolumesMetrics": "volume", "listZonesMetrics": "zone",
        "listManagementServersMetrics": "managementserver", "listVirtualMachinesUsageHistory": "virtualmachine",
        "listVolumesUsageHistory": "volume", "listSystemVmsUsageHistory": "systemvm",
        "listGuestNetworkIpv6Prefixes": "guestnetworkipv6prefix", "listSwifts": "imagestore",
        "listSecondaryStagingStores": "imagestore", "listIpv6FirewallRules": "firewallrule",
    ]

    /// The item key of a list API's answer (nil for other verbs).
    public var listItemKey: String? {
        guard verb == "list" else { return nil }
        if let k = Self.listKeyExceptions[name] { return k }
        return Self.singular(noun)
    }

    /// The key one object of this family is answered under (create, update, job results):
    /// the list key in lower case (`vmSnapshot` lists, `vmsnapshot` job results).
    public var objectKey: String? { listItemKey?.lowercased() }

    /// The singular CloudStack's response names use: `policies` -> `policy`, `addresses` -> `address`,
    /// `vpcs` -> `vpc`; a word not ending in s is kept (`userdata`, `vmsnapshot`).
    public static func singular(_ word: String) -> String {
        if word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("sses") { return String(word.dropLast(2)) }
        if word.hasSuffix("s"), !word.hasSuffix("ss") { return String(word.dropLast()) }
        return word
    }
}

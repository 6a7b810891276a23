import APICatalog

/// Which role may call which API. The bundled 4.18 catalog carries no role data, so this
/// is a rule following CloudStack's default role permissions:
/// - root admin only: anything that changes or inspects the physical cloud or the global
///   catalogue (zones, pods, clusters, hosts, storage, capacity, configuration, system VMs,
///   offerings, domains, roles, regions), except the lists every user needs (zones, offerings, regions);
/// - domain admin and up: managing accounts and users, listing domains, recovering and
///   expunging VMs, resource limits and counts, virtual routers;
/// - everyone: the rest (VMs, volumes, networks, security groups, tags, keys, jobs, events).
/// A call outside the caller's role gets 432, as the server's API checker answers.
enum APIAccess {
    /// Parameters only the root admin may pass (`authorized = {RoleType.Admin}` in the command classes):
    /// the display flags and custom ids wherever they appear, except the resource-detail commands' own
    /// display flag, listVolumes' storage pool and system-VM switches, and the pod and cluster a deploy or
    /// start may name (only the admin command classes have them; `hostid` is the user commands' too). The dispatcher drops them from
    /// anyone else's call without a word, as the server's does, so a user's `fordisplay=false` neither
    /// hides what they make nor lists what an admin hid.
    static func rootAdminOnly(_ param: String, of api: String) -> Bool {
        switch param {
        case "displayvm", "displayvolume", "displaynetwork", "customid": true
        case "fordisplay": api != "addResourceDetail" && api != "listResourceDetails"
        case "storageid", "listsystemvms": api == "listVolumes" || api == "listVolumesMetrics"
        case "podid", "clusterid": api == "deployVirtualMachine" || api == "startVirtualMachine"
        default: false
        }
    }

    /// Name stems (after the verb) of root-admin resources.
    static let adminNouns = [
        "zone", "pod", "cluster", "host", "storagepool", "imagestore", "secondarystagingstore", "physicalnetwork",
        "vlaniprange", "configuration", "serviceoffering", "diskoffering", "networkoffering", "vpcoffering",
        "domain", "hypervisorcapabilit", "systemvm", "capacity", "alert", "managementserver", "storagenetworkiprange",
        "guestos", "traffictype", "networkserviceprovider", "storageprovider", "role", "region",
        "virtualrouterelement", "internalloadbalancerelement",
        "dedicated", "guestvlanrange", "publiciprange", "portableiprange", "dbmetrics", "usageservermetrics",
        "infrastructure", "hafor",
        "outofbandmanagement", "storagetags", "usagetypes", "supportednetworkservices", "networkisolationmethods",
        "caproviders", "deploymentplanners",
    ]
    /// Lists of admin nouns that users need to deploy anything.
    static let publicLists: Set<String> = [
        "listZones", "listZonesMetrics", "listServiceOfferings", "listDiskOfferings", "listNetworkOfferings",
        "listVPCOfferings",
        "listRegions",
    ]
    /// Root-admin APIs whose names do not say so.
    static let rootOnlyAPIs: Set<String> = [
        "simulatorFault", "migrateVirtualMachine", "migrateVirtualMachineWithVolume", "markDefaultZoneForAccount",
        "prepareTemplate", "getUser", "addRegion", "updateRegion", "removeRegion",
        "enableStorageMaintenance", "cancelStorageMaintenance", "resetApiLimit", "moveUser", "listGuestVlans",
        "generateUsageRecords", "removeRawUsageRecords", "addLdapConfiguration", "deleteLdapConfiguration",
        "ldapConfig", "ldapRemove", "linkDomainToLdap", "searchLdap", "listUnmanagedInstances",
        "importUnmanagedInstance", "unmanageVirtualMachine", "cleanVMReservations",
        "runDiagnostics", "getDiagnosticsData", "getRouterHealthCheckResults", "upgradeRouterTemplate",
        "startRollingMaintenance", "updateStorageCapabilities", "getPathForVolume", "getVolumeSnapshotDetails",
        "addSecondaryStorage", "migrateSecondaryStorageData", "createManagementNetworkIpRange",
        "deleteManagementNetworkIpRange", "createGuestNetworkIpv6Prefix", "listGuestNetworkIpv6Prefixes",
        "deleteGuestNetworkIpv6Prefix", "updateAnnotationVisibility", "listTrafficTypeImplementors",
        "linkAccountToLdap", "issueCertificate", "revokeCertificate", "uploadCustomCertificate",
        "provisionCertificate", "createCounter", "deleteCounter",
        "addKubernetesSupportedVersion", "updateKubernetesSupportedVersion", "deleteKubernetesSupportedVersion",
    ]
    static let domainAdminAPIs: Set<String> = [
        "createAccount", "deleteAccount", "updateAccount", "disableAccount", "enableAccount", "lockAccount",
        "createUser", "deleteUser", "disableUser", "enableUser", "lockUser", "listDomains", "listDomainChildren",
        "recoverVirtualMachine", "expungeVirtualMachine", "assignVirtualMachine", "updateResourceLimit",
        "updateResourceCount", "listRoles", "listRouters", "startRouter", "stopRouter", "rebootRouter", "destroyRouter",
        "listUsageRecords", "listLdapUsers", "importLdapUsers", "ldapCreateAccount",
    ]

    static func minimumRole(_ name: String) -> Role {
        if rootOnlyAPIs.contains(name) { return .rootAdmin }
        if domainAdminAPIs.contains(name) { return .domainAdmin }
        if publicLists.contains(name) { return .user }
        let stem = name.drop { $0.isLowercase }.lowercased()
        if adminNouns.contains(where: { stem.hasPrefix($0) }) { return .rootAdmin }
        return .user
    }

    static func allowed(_ name: String, for role: Role) -> Bool {
        switch (minimumRole(name), role) {
        case (_, .rootAdmin), (.user, _), (.domainAdmin, .domainAdmin): true
        default: false
        }
    }

    static let notAvailable = APIError(432, "The given command does not exist or it is not available for user")
}

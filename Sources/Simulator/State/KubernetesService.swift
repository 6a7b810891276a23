import FoundationEssentials
import Values
import OrderedCollections

/// The Kubernetes service plugin of 4.18 (CKS): its settings (KubernetesClusterService's ConfigKeys),
/// the APIs its managers register (only when `cloud.kubernetes.service.enabled` is true when the
/// management server starts: getCommands reads it once), and its stored records.
enum KubernetesService {
    static let enabledKey = "cloud.kubernetes.service.enabled"
    static let experimentalKey = "cloud.kubernetes.cluster.experimental.features.enabled"
    static let networkOfferingKey = "cloud.kubernetes.cluster.network.offering"
    static let maxSizeKey = "cloud.kubernetes.cluster.max.size"
    static let offeringName = "DefaultNetworkOfferingforKubernetesService"

    static let versionNoun = "kubernetessupportedversion"
    static let clusterNoun = "kubernetescluster"
    /// kubernetes_cluster_vm_map: which VMs are a cluster's nodes (control nodes first).
    static let nodeNoun = "kubernetesclustervmmap"

    /// KubernetesVersionManagerImpl's and KubernetesClusterManagerImpl's getCommands.
    static let apis: Set<String> = [
        "addKubernetesSupportedVersion", "listKubernetesSupportedVersions", "deleteKubernetesSupportedVersion",
        "updateKubernetesSupportedVersion", "createKubernetesCluster", "startKubernetesCluster",
        "stopKubernetesCluster", "deleteKubernetesCluster", "listKubernetesClusters", "getKubernetesClusterConfig",
        "scaleKubernetesCluster", "upgradeKubernetesCluster",
    ]

    /// What a supported version asks of each node's offering (CPUs, MB of RAM).
    static func minimums(_ version: Entity) -> (cpu: Int, ram: Int) {
        (Int(version["mincpunumber"] ?? "") ?? 0, Int(version["minmemory"] ?? "") ?? 0)
    }

    // KubernetesClusterService's constants.
    static let minHAVersion = "1.16.0"
    static let minNodeCPU = 2
    static let minNodeRAM = 2048
    /// KubernetesVersionService.MIN_KUBERNETES_VERSION.
    static let minVersion = "1.11.0"
    static let minAutoscalerVersion = "1.15.0"

    /// The settings' component: KubernetesClusterManagerImpl.getConfigComponentName.
    static let settingsComponent = "KubernetesClusterService"

    /// 4.18's ConfigKeys of KubernetesClusterService (the per-hypervisor template names went in 4.16:
    /// nodes run the system VM template since). All but the switch name it as their parent.
    static let settings: [Setting] = [
        Setting(
            name: enabledKey, category: "Advanced", component: settingsComponent, javaType: "Boolean",
            defaultValue: "false",
            description:
                "Indicates whether Kubernetes Service plugin is enabled or not. Management server restart needed on change"
        ),
        Setting(
            name: networkOfferingKey, category: "Advanced", component: settingsComponent, javaType: "String",
            defaultValue: offeringName,
            parent: enabledKey,
            description:
                "Name of the network offering that will be used to create isolated network in which Kubernetes cluster VMs will be launched"
        ),
        Setting(
            name: "cloud.kubernetes.cluster.start.timeout", category: "Advanced", component: settingsComponent,
            javaType: "Long",
            defaultValue: "3600", isDynamic: true, parent: enabledKey,
            description:
                "Timeout interval (in seconds) in which start operation for a Kubernetes cluster should be completed"),
        Setting(
            name: "cloud.kubernetes.cluster.scale.timeout", category: "Advanced", component: settingsComponent,
            javaType: "Long",
            defaultValue: "3600", isDynamic: true, parent: enabledKey,
            description:
                "Timeout interval (in seconds) in which scale operation for a Kubernetes cluster should be completed"),
        Setting(
            name: "cloud.kubernetes.cluster.upgrade.timeout", category: "Advanced", component: settingsComponent,
            javaType: "Long",
            defaultValue: "3600", isDynamic: true, parent: enabledKey,
            description:
                "Timeout interval (in seconds) in which upgrade operation for a Kubernetes cluster should be completed. Not strictly obeyed while upgrade is in progress on a node"
        ),
        Setting(
            name: experimentalKey, category: "Advanced", component: settingsComponent, javaType: "Boolean",
            defaultValue: "false", isDynamic: true,
            parent: enabledKey,
            description:
                "Indicates whether experimental feature for Kubernetes cluster such as Docker private registry are enabled or not"
        ),
        Setting(
            name: maxSizeKey, category: "Advanced", component: settingsComponent, javaType: "Integer",
            defaultValue: "10", scope: .account,
            isDynamic: true, parent: enabledKey, description: "Maximum size of the kubernetes cluster."),
    ]

    /// cloud.kubernetes.cluster.max.size for the owner's account (its own value, else the global one).
    static func maxClusterSize(_ store: Store, accountID: String) -> Int {
        guard let s = Settings.byName[maxSizeKey] else { return 10 }
        let target = ConfigurationAPIs.Target(scope: .account, answer: "account", id: accountID)
        return Int(ConfigurationAPIs.value(s, store, target) ?? "") ?? 10
    }

    /// The plugin's handlers refuse work once the setting is off, even while their APIs stay registered.
    static func checkEnabled(_ store: Store) throws(APIError) {
        guard ConfigurationAPIs.globalValue(enabledKey, store) == "true" else {
            throw APIError.internalError("Kubernetes Service plugin is disabled")
        }
    }

    // MARK: semantic versions (KubernetesVersionManagerImpl)

    static func isSemanticVersion(_ v: String) -> Bool {
        let parts = v.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil }
    }

    /// compareSemanticVersions: -1, 0 or 1; a malformed version is the server's IllegalArgumentException (431).
    static func compare(_ a: String, _ b: String) throws(APIError) -> Int {
        if a.isEmpty || b.isEmpty {
            throw APIError.refused("Invalid version comparision with versions \(a), \(b)")
        }
        for v in [a, b] where !isSemanticVersion(v) {
            throw APIError.refused(
                "Invalid version format, \(v). Semantic version should be specified in MAJOR.MINOR.PATCH format")
        }
        let x = a.split(separator: ".").map { Int($0)! }, y = b.split(separator: ".").map { Int($0)! }
        for i in 0..<max(x.count, y.count) {
            let p = i < x.count ? x[i] : 0, q = i < y.count ? y[i] : 0
            if p != q { return p < q ? -1 : 1 }
        }
        return 0
    }

    /// versionSupportsAutoscaling compares the strings as Java's String.compareTo does ("1.9.0" > "1.15.0").
    static func supportsAutoscaling(_ semver: String) -> Bool {
        !semver.utf8.lexicographicallyPrecedes(minAutoscalerVersion.utf8)
    }

    // MARK: answers

    /// A supported version as createKubernetesSupportedVersionResponse builds it.
    static func render(version v: Entity, _ store: Store, now: Date) -> Value {
        var r: Record = [
            "id": .string(v.id), "name": v.fields["name"] ?? .string(""),
            "semanticversion": v.fields["semanticversion"] ?? .string(""), "state": v.fields["state"] ?? .string(""),
            "mincpunumber": v.fields["mincpunumber"] ?? .int(0), "minmemory": v.fields["minmemory"] ?? .int(0),
            "created": v.fields["created"] ?? .string(""),
        ]
        let semver = v["semanticversion"] ?? ""
        if let zoneID = v["zoneid"], let zone = store.table("zone").get(zoneID) {
            r["zoneid"] = .string(zone.id)
            r["zonename"] = zone.fields["name"]
        }
        r["supportsha"] = .bool(((try? compare(semver, minHAVersion)) ?? -1) >= 0)
        r["supportsautoscaling"] = .bool(supportsAutoscaling(semver))
        if let isoID = v["isoid"], let iso = store.table("iso").get(isoID) {
            r["isoid"] = .string(iso.id)
            r["isoname"] = iso.fields["name"]
            // The ISO's store state (template_store_ref): Ready once downloaded. (Simplified: the
            // simulator tells only downloaded or not, so anything short of Ready reads Creating.)
            let zones = v["zoneid"].map { [$0] } ?? store.table("zone").rows.map(\.id)
            let ready = zones.contains { store.imageReady(iso, zoneID: $0, now: now) }
            r["isostate"] = .string(ready ? "Ready" : "Creating")
        }
        return .record(r)
    }

    /// The ISO of a version is ready in the zone (templateJoinDao.newTemplateView(iso, zone, true) not empty).
    static func isoReady(_ v: Entity, zoneID: String, _ store: Store, now: Date) -> Bool {
        guard let iso = store.table("iso").get(v["isoid"] ?? "") else { return false }
        return store.imageReady(iso, zoneID: zoneID, now: now)
    }
}

extension Store {
    /// What the plugin does when the management server starts: registers its APIs only when the
    /// setting is true now, and (configure()) makes sure its network offering exists.
    func registerPluginsAtStart(_ now: String) {
        let enabled = ConfigurationAPIs.globalValue(KubernetesService.enabledKey, self) == "true"
        unregisteredAPIs = enabled ? [] : KubernetesService.apis
        guard enabled else { return }
        // Simplified: 4.18's schema upgrade adds this offering to every database; the simulator adds
        // it at the first start with the service enabled, so other clouds' offering lists stay as they were.
        guard table("networkoffering").first(where: { $0["name"] == KubernetesService.offeringName }) == nil
        else { return }
        let seed = NetworkOfferings.Seed(
            name: KubernetesService.offeringName,
            displayText: "Network Offering used for CloudStack Kubernetes service", guestIPType: "Isolated",
            services: [
                "Dhcp", "Dns", "Firewall", "Gateway", "Lb", "PortForwarding", "SourceNat", "StaticNat", "UserData",
                "Vpn",
            ].map { ($0, ["VirtualRouter"]) },
            availability: "Required", isDefault: false)
        var record = NetworkOfferings.record(
            seed, state: "Enabled", created: now, routerOffering: defaultRouterOfferingID())
        record["egressdefaultpolicy"] = .bool(true)
        insert("networkoffering", record)
    }

    /// KubernetesServiceHelper.checkVmCanBeDestroyed: a cluster's node goes only through the cluster's APIs.
    func checkKubernetesNodeDestroy(_ vmID: String) throws(APIError) {
        guard let node = table(KubernetesService.nodeNoun).first(where: { $0["vmid"] == vmID }) else { return }
        var text = "Instance is a part of a Kubernetes cluster"
        if let k = table(KubernetesService.clusterNoun).get(node["clusterid"] ?? "") { text += ": \(k["name"] ?? "")" }
        throw APIError.internalError(
            text + ". Use Instance delete option from Kubernetes cluster details or scale API for "
                + "Kubernetes clusters with 'nodeids' to destroy the instance.")
    }

    /// The VMs of a cluster, control nodes first, in the order they were made.
    func kubernetesNodes(_ clusterID: String) -> [(vmID: String, control: Bool)] {
        table(KubernetesService.nodeNoun).rows.filter { $0["clusterid"] == clusterID }
            .map { ($0["vmid"] ?? "", $0["control"] == "true") }
            .sorted { $0.control && !$1.control }
    }
}

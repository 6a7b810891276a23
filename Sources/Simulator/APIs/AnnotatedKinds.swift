import Values

/// The kinds of resource an annotation may name (AnnotationService.EntityType in 4.18), whether
/// users may annotate them, and where the simulator keeps them.
enum AnnotatedKind: String, CaseIterable {
    case vm = "VM"
    case volume = "VOLUME"
    case snapshot = "SNAPSHOT"
    case vmSnapshot = "VM_SNAPSHOT"
    case instanceGroup = "INSTANCE_GROUP"
    case sshKeyPair = "SSH_KEYPAIR"
    case userData = "USER_DATA"
    case network = "NETWORK"
    case vpc = "VPC"
    case publicIPAddress = "PUBLIC_IP_ADDRESS"
    case vpnCustomerGateway = "VPN_CUSTOMER_GATEWAY"
    case template = "TEMPLATE"
    case iso = "ISO"
    case kubernetesCluster = "KUBERNETES_CLUSTER"
    case autoScaleVMGroup = "AUTOSCALE_VM_GROUP"
    case serviceOffering = "SERVICE_OFFERING"
    case diskOffering = "DISK_OFFERING"
    case networkOffering = "NETWORK_OFFERING"
    case zone = "ZONE"
    case pod = "POD"
    case cluster = "CLUSTER"
    case host = "HOST"
    case domain = "DOMAIN"
    case primaryStorage = "PRIMARY_STORAGE"
    case secondaryStorage = "SECONDARY_STORAGE"
    case router = "VR"
    case systemVM = "SYSTEM_VM"

    /// Users may annotate what they own; the infrastructure and the catalogue are root admins'.
    var usersAllowed: Bool {
        switch self {
        case .serviceOffering, .diskOffering, .networkOffering, .zone, .pod, .cluster, .host, .domain,
            .primaryStorage, .secondaryStorage, .router, .systemVM:
            false
        default: true
        }
    }

    /// The table holding this kind (VMs and root volumes live in the VM table).
    var table: String? {
        switch self {
        case .vm: nil
        case .volume: "volume"
        case .snapshot: "snapshot"
        case .vmSnapshot: "vmsnapshot"
        case .instanceGroup: "instancegroup"
        case .sshKeyPair: KeyPairAPIs.noun
        case .userData: UserDataAPIs.noun
        case .network: "network"
        case .vpc: "vpc"
        case .publicIPAddress: "publicipaddress"
        case .vpnCustomerGateway: "vpncustomergateway"
        case .template: "template"
        case .iso: "iso"
        case .kubernetesCluster: "kubernetescluster"
        case .autoScaleVMGroup: "autoscalevmgroup"
        case .serviceOffering: "serviceoffering"
        case .diskOffering: "diskoffering"
        case .networkOffering: "networkoffering"
        case .zone: "zone"
        case .pod: "pod"
        case .cluster: "cluster"
        case .host: "host"
        case .domain: "domain"
        case .primaryStorage: "storagepool"
        case .secondaryStorage: "imagestore"
        case .router: "router"
        case .systemVM: Store.systemVMNoun
        }
    }

    /// What annotations need of a resource: its name as the answer shows it, and its owner
    /// (the project when a project owns it) for the user's access check.
    struct Found {
        var name: String?
        var ownerID: String?
        var domainID: String?
    }

    func find(_ id: String, _ store: Store) -> Found? {
        if self == .vm || self == .volume {
            if let vm = self == .vm ? store.vms[id: id] : store.vms.owner(ofRootVolume: id) {
                return Found(
                    name: self == .vm ? vm.name : vm.rootVolumeName, ownerID: vm.projectID ?? vm.accountID,
                    domainID: vm.domainID)
            }
            if self == .vm { return nil }
        }
        guard let table, let e = store.table(table).get(id) else { return nil }
        // Routers and system VMs go by their instance name; an address by itself.
        let name = e["instancename"] ?? e["name"] ?? e["ipaddress"]
        let owner =
            e["projectid"]
            ?? e["account"].flatMap { account in
                store.table("account").first { $0["name"] == account && $0["domainid"] == e["domainid"] }?.id
            }
        return Found(name: name, ownerID: owner, domainID: e["domainid"])
    }
}

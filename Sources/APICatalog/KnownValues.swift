/// Parameters whose values come from a known set (facts of CloudStack 4.18 that
/// the listApis catalog does not carry), for completion and help. One table:
/// per API where the same name means different sets (`state` of VMs and of
/// volumes), else per parameter name.
public enum KnownValues {
    static let byParam: [String: [String]] = [
        "templatefilter": ["featured", "self", "selfexecutable", "sharedexecutable", "executable", "community", "all"],
        "isofilter": ["featured", "self", "selfexecutable", "sharedexecutable", "executable", "community", "all"],
        "hypervisor": ["KVM", "XenServer", "VMware", "Hyperv", "LXC", "Ovm3", "BareMetal", "Simulator"],
        "networktype": ["Basic", "Advanced"],
        "storagetype": ["shared", "local"],
        "provisioningtype": ["thin", "sparse", "fat"],
        "protocol": ["tcp", "udp", "icmp", "all"],
        "intervaltype": ["HOURLY", "DAILY", "WEEKLY", "MONTHLY"],
        "bootmode": ["LEGACY", "SECURE"],
        "boottype": ["BIOS", "UEFI"],
        "guestiptype": ["Isolated", "Shared", "L2"],
        "format": ["QCOW2", "RAW", "VHD", "VHDX", "OVA", "ISO", "TAR", "VMDK"],
        "roletype": ["Admin", "ResourceAdmin", "DomainAdmin", "User"],
        "accounttype": ["0", "1", "2"],
        "level": ["INFO", "WARN", "ERROR"],
        "resourcetype": [
            "UserVm", "Template", "ISO", "Volume", "Snapshot", "Network", "VPC", "SecurityGroup",
            "PublicIpAddress", "Project", "Account", "Zone", "Host", "Storage", "ServiceOffering", "DiskOffering",
        ],
        "allocationstate": ["Enabled", "Disabled"],
        "resourcestate": ["Enabled", "Disabled", "Maintenance", "ErrorInMaintenance", "PrepareForMaintenance"],
    ]

    /// API (lowercased name) -> parameter -> values, where the name alone is not enough.
    static let byAPI: [String: [String: [String]]] = [
        "listvirtualmachines": [
            "state": [
                "Running", "Stopped", "Starting", "Stopping", "Migrating", "Error", "Destroyed", "Expunging", "Unknown",
                "Shutdown",
            ]
        ],
        "listvolumes": [
            "type": ["ROOT", "DATADISK"],
            "state": ["Allocated", "Ready", "Creating", "Destroy", "Expunged", "Uploaded", "UploadOp"],
        ],
        "listnetworks": [
            "type": ["Isolated", "Shared", "L2"],
            "traffictype": ["Guest", "Public", "Management", "Storage", "Control"],
        ],
        "listhosts": [
            "type": [
                "Routing", "SecondaryStorage", "SecondaryStorageVM", "ConsoleProxy", "ExternalFirewall",
                "ExternalLoadBalancer",
            ],
            "state": [
                "Up", "Down", "Disconnected", "Alert", "Connecting", "Error", "Maintenance", "Creating", "Removed",
            ],
        ],
        "listrouters": ["state": ["Running", "Stopped", "Starting", "Stopping", "Error", "Destroyed"]],
        "listsystemvms": [
            "systemvmtype": ["consoleproxy", "secondarystoragevm"],
            "state": ["Running", "Stopped", "Starting", "Stopping", "Error"],
        ],
        "createfirewallrule": ["traffictype": ["Ingress", "Egress"]],
        "listcapacity": ["type": ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "19", "90"]],
        "listsnapshots": [
            "snapshottype": ["MANUAL", "HOURLY", "DAILY", "WEEKLY", "MONTHLY"],
            "intervaltype": ["HOURLY", "DAILY", "WEEKLY", "MONTHLY"],
        ],
        "addtraffictype": ["traffictype": ["Guest", "Public", "Management", "Storage"]],
        "listnetworkofferings": [
            "guestiptype": ["Isolated", "Shared", "L2"], "state": ["Enabled", "Disabled", "Inactive"],
        ],
    ]

    /// The values a parameter of this name takes in every API that has it (`templatefilter`).
    public static func values(forParam name: String) -> [String]? { byParam[name.lowercased()] }

    /// The values `param` of `api` takes, when they are a known set.
    public static func values(for param: APIParam, of api: API) -> [String]? {
        let name = param.name.lowercased()
        if let v = byAPI[api.name.lowercased()]?[name] { return v }
        if param.type.lowercased() == "boolean" { return ["true", "false"] }
        return byParam[name]
    }
}

/// The configuration groups and subgroups of a 4.18 install (its configuration_group and
/// configuration_subgroup tables), by precedence: what listConfigurationGroups answers.
enum ConfigurationGroups {
    struct Group {
        var name: String
        var description: String
        var precedence: Int
        var subgroups: [(name: String, precedence: Int)]
    }

    static let all: [Group] = [
        Group(
            name: "Access", description: "Identity and Access management configuration", precedence: 1,
            subgroups: [("Account", 1), ("Domain", 2), ("Project", 3), ("LDAP", 4), ("SAML", 5)]),
        Group(
            name: "Compute", description: "Compute configuration", precedence: 2,
            subgroups: [("Virtual Machine", 1), ("Kubernetes", 2), ("High Availability", 3)]),
        Group(
            name: "Storage", description: "Storage configuration", precedence: 3,
            subgroups: [("Images", 1), ("Volume", 2), ("Snapshot", 3), ("VM Snapshot", 4)]),
        Group(
            name: "Network", description: "Network configuration", precedence: 4,
            subgroups: [("Network", 1), ("DHCP", 2), ("VPC", 3), ("LoadBalancer", 4)]),
        Group(
            name: "Hypervisor", description: "Hypervisor specific configuration", precedence: 5,
            subgroups: [("Hypervisor", 1), ("KVM", 2), ("VMware", 3), ("XenServer", 4), ("OVM", 5), ("Baremetal", 6)]),
        Group(
            name: "Management Server", description: "Management Server configuration", precedence: 6,
            subgroups: [
                ("API", 1), ("Alerts", 2), ("Events", 3), ("Security", 4), ("Usage", 5), ("Limits", 6), ("Jobs", 7),
                ("Agent", 8),
            ]),
        Group(
            name: "System VMs", description: "System VMs related configuration", precedence: 7,
            subgroups: [("ConsoleProxyVM", 1), ("SecStorageVM", 2), ("VirtualRouter", 3), ("Diagnostics", 4)]),
        Group(
            name: "Infrastructure", description: "Infrastructure configuration", precedence: 8,
            subgroups: [("Primary Storage", 1), ("Secondary Storage", 2)]),
        Group(
            name: "Miscellaneous", description: "Miscellaneous configuration", precedence: 999,
            subgroups: [
                ("Backup & Recovery", 1), ("Certificate Authority", 2), ("Quota", 3), ("Cloudian", 4), ("Others", 999),
            ]),
    ]
}

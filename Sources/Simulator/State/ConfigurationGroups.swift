/// The configuration groups and subgroups of a 4.18 install (its configuration_group and
/// configuration_subgroup tables), by precedence: what listConfigurationGroups answers, and the
/// group and subgroup each setting is filed under.
enum ConfigurationGroups {
    struct Group {
        var name: String
        var description: String
        var precedence: Int
        var subgroups: [Subgroup]
    }

    struct Subgroup {
        var name: String
        var precedence: Int
        /// Words of a setting's name that file it here besides the subgroup's own name.
        var keywords: [String] = []
        /// The table's row order (the 4.18 upgrade inserts Others first, then group by group,
        /// Management Server's before Hypervisor's): the first match in this order wins.
        var row: Int
    }

    static let all: [Group] = [
        Group(
            name: "Access", description: "Identity and Access management configuration", precedence: 1,
            subgroups: [
                Subgroup(name: "Account", precedence: 1, row: 2), Subgroup(name: "Domain", precedence: 2, row: 3),
                Subgroup(name: "Project", precedence: 3, row: 4), Subgroup(name: "LDAP", precedence: 4, row: 5),
                Subgroup(name: "SAML", precedence: 5, keywords: ["saml2"], row: 6),
            ]),
        Group(
            name: "Compute", description: "Compute configuration", precedence: 2,
            subgroups: [
                Subgroup(
                    name: "Virtual Machine", precedence: 1, keywords: ["vm", "instance", "cpu", "ssh", "affinity"],
                    row: 7),
                Subgroup(name: "Kubernetes", precedence: 2, keywords: ["kubernetes"], row: 8),
                Subgroup(name: "High Availability", precedence: 3, keywords: ["ha"], row: 9),
            ]),
        Group(
            name: "Storage", description: "Storage configuration", precedence: 3,
            subgroups: [
                Subgroup(name: "Images", precedence: 1, keywords: ["template", "iso"], row: 10),
                Subgroup(name: "Volume", precedence: 2, keywords: ["disk", "diskoffering"], row: 11),
                Subgroup(name: "Snapshot", precedence: 3, row: 12),
                Subgroup(name: "VM Snapshot", precedence: 4, keywords: ["vmsnapshot"], row: 13),
            ]),
        Group(
            name: "Network", description: "Network configuration", precedence: 4,
            subgroups: [
                Subgroup(
                    name: "Network", precedence: 1,
                    keywords: ["firewall", "vlan", "dns", "globodns", "ipaddress", "cidr"], row: 14),
                Subgroup(name: "DHCP", precedence: 2, keywords: ["externaldhcp"], row: 15),
                Subgroup(name: "VPC", precedence: 3, row: 16),
                Subgroup(name: "LoadBalancer", precedence: 4, keywords: ["lb", "gslb"], row: 17),
            ]),
        Group(
            name: "Hypervisor", description: "Hypervisor specific configuration", precedence: 5,
            subgroups: [
                Subgroup(name: "Hypervisor", precedence: 1, keywords: ["host"], row: 26),
                Subgroup(name: "KVM", precedence: 2, keywords: ["libvirt"], row: 27),
                Subgroup(name: "VMware", precedence: 3, keywords: ["vcenter"], row: 28),
                Subgroup(name: "XenServer", precedence: 4, keywords: ["xen", "xapi", "XCP"], row: 29),
                Subgroup(name: "OVM", precedence: 5, keywords: ["ovm3"], row: 30),
                Subgroup(name: "Baremetal", precedence: 6, row: 31),
            ]),
        Group(
            name: "Management Server", description: "Management Server configuration", precedence: 6,
            subgroups: [
                Subgroup(name: "API", precedence: 1, row: 18),
                Subgroup(name: "Alerts", precedence: 2, keywords: ["alert"], row: 19),
                Subgroup(name: "Events", precedence: 3, keywords: ["event"], row: 20),
                Subgroup(name: "Security", precedence: 4, keywords: ["secure", "password", "authenticators"], row: 21),
                Subgroup(name: "Usage", precedence: 5, row: 22),
                Subgroup(
                    name: "Limits", precedence: 6, keywords: ["capacity", "delay", "interval", "workers"], row: 23),
                Subgroup(name: "Jobs", precedence: 7, keywords: ["job"], row: 24),
                Subgroup(name: "Agent", precedence: 8, row: 25),
            ]),
        Group(
            name: "System VMs", description: "System VMs related configuration", precedence: 7,
            subgroups: [
                Subgroup(name: "ConsoleProxyVM", precedence: 1, keywords: ["cpvm", "consoleproxy", "novnc"], row: 32),
                Subgroup(name: "SecStorageVM", precedence: 2, keywords: ["ssvm", "secondary"], row: 33),
                Subgroup(name: "VirtualRouter", precedence: 3, keywords: ["vr", "router", "vrouter"], row: 34),
                Subgroup(name: "Diagnostics", precedence: 4, row: 35),
            ]),
        Group(
            name: "Infrastructure", description: "Infrastructure configuration", precedence: 8,
            subgroups: [
                Subgroup(name: "Primary Storage", precedence: 1, keywords: ["storage", "pool", "primary"], row: 36),
                Subgroup(name: "Secondary Storage", precedence: 2, keywords: ["image", "secstorage"], row: 37),
            ]),
        Group(
            name: "Miscellaneous", description: "Miscellaneous configuration", precedence: 999,
            subgroups: [
                Subgroup(name: "Backup & Recovery", precedence: 1, keywords: ["backup", "recovery", "veeam"], row: 38),
                Subgroup(name: "Certificate Authority", precedence: 2, keywords: ["CA"], row: 39),
                Subgroup(name: "Quota", precedence: 3, row: 40), Subgroup(name: "Cloudian", precedence: 4, row: 41),
                Subgroup(name: "Others", precedence: 999, row: 1),
            ]),
    ]

    /// Every subgroup with its group, in table row order.
    static let rows: [(group: String, subgroup: Subgroup)] = all.flatMap { g in g.subgroups.map { (g.name, $0) } }
        .sorted { $0.subgroup.row < $1.subgroup.row }

    /// Where a setting is filed, as the 4.18 upgrade files it: the first word of its dotted name that is
    /// a subgroup's name (any case), or else one of its keywords (equal, or a keyword starting with the
    /// word), decides; a name no word matches goes to Miscellaneous, Others.
    static func placement(of setting: String) -> (group: String, subgroup: String) {
        for word in setting.split(separator: ".").map({ $0.lowercased() }) where !word.isEmpty {
            let byName = rows.first { $0.subgroup.name.lowercased() == word }
            let byKeyword = rows.first { row in
                row.subgroup.keywords.contains { $0.lowercased() == word || $0.lowercased().hasPrefix(word) }
            }
            if let hit = byName ?? byKeyword { return (hit.group, hit.subgroup.name) }
        }
        return ("Miscellaneous", "Others")
    }
}

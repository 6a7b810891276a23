/// What a new cloud is built from: its zones (physical networks, pods, clusters, hosts,
/// primary and secondary storage), templates and offerings. Data only; SeedInfrastructure.swift
/// and Seed.swift turn a plan into entities.
struct DataCenterPlan {
    var zones: [ZonePlan]
    var templates: [TemplatePlan]
    var serviceOfferings: [(name: String, displayText: String, cpus: Int, speed: Int, memory: Int, ha: Bool)]
    var diskOfferings: [(name: String, displayText: String, gb: Int)]
    /// Each account gets an isolated network in the first advanced zone at start (the sandbox);
    /// otherwise the first deploy there creates it, as on a fresh install.
    var accountNetworks: Bool
    /// Global settings the deployment changes before the cloud is used (the container's zones.cfg globalConfig).
    var globalSettings: [(name: String, value: String)] = []
}

struct ZonePlan {
    var name: String
    var networkType: String
    var securityGroups: Bool
    var description: String
    var dns1: String
    var internalDNS1: String
    var guestCIDR: String?
    var physicalNetworks: [PhysicalNetworkPlan]
    var pods: [PodPlan]
    /// Secondary storage (image store) URLs, NFS.
    var secondaryStorage: [String]
    /// Public address ranges (advanced zones).
    var publicRanges: [IPRangePlan] = []
}

struct PhysicalNetworkPlan {
    var name: String
    var isolationMethods: [String]
    var vlan: String?
    var trafficTypes: [String]
}

struct IPRangePlan {
    var gateway: String
    var netmask: String
    var start: String
    var end: String
    var vlan: String?
}

struct PodPlan {
    var name: String
    var gateway: String
    var netmask: String
    var start: String
    var end: String
    /// The basic zone's guest range: VMs of its shared network get these addresses.
    var guestRange: IPRangePlan?
    var clusters: [ClusterPlan]
}

struct ClusterPlan {
    var name: String
    /// Host URLs as given to addHost (the simulator's agents: http://sim/c0/h0).
    var hosts: [String]
    var primaryStorage: [(name: String, url: String)]
    /// Sandbox host names (the simulator container's hosts are named SimulatedAgent.UUID).
    var hostNames: [String]? = nil
}

struct TemplatePlan {
    var name: String
    var displayText: String
    var osType: String
    var format: String
    var size: Int
    var passwordEnabled: Bool
    var type = "USER"
    var featured = true
    var isPublic = true
    /// Owned by the system account (built-in templates) instead of the admin.
    var system = false
}

extension DataCenterPlan {
    static func plan(_ dc: DataCenter) -> DataCenterPlan {
        switch dc {
        case .sandbox: sandbox
        case .cloudstackSimulator: cloudstackSimulator
        }
    }

    /// Two small zones with everyday templates (the numeric ids of the README depend on this order).
    static let sandbox = DataCenterPlan(
        zones: [
            sandboxZone(1, "Advanced", sg: false, "Advanced zone: isolated networks, public IPs, port forwarding"),
            sandboxZone(2, "Basic", sg: true, "Basic zone: one shared network with security groups"),
        ],
        templates: [
            TemplatePlan(
                name: "Ubuntu 22.04 LTS", displayText: "Ubuntu 22.04 LTS (sandbox)", osType: "Ubuntu 22.04 LTS",
                format: "QCOW2", size: 2_361_393_152, passwordEnabled: true),
            TemplatePlan(
                name: "Debian 12", displayText: "Debian 12 (sandbox)", osType: "Debian GNU/Linux 12 (64-bit)",
                format: "QCOW2", size: 2_147_483_648, passwordEnabled: true),
            TemplatePlan(
                name: "Rocky Linux 9", displayText: "Rocky Linux 9 (sandbox)", osType: "Rocky Linux 9",
                format: "QCOW2", size: 10_737_418_240, passwordEnabled: false),
            TemplatePlan(
                name: "CentOS 7.9", displayText: "CentOS 7.9 (sandbox)", osType: "CentOS 7",
                format: "QCOW2", size: 8_589_934_592, passwordEnabled: false),
            TemplatePlan(
                name: "Windows Server 2022", displayText: "Windows Server 2022 (sandbox)",
                osType: "Windows Server 2022 (64-bit)", format: "QCOW2", size: 42_949_672_960, passwordEnabled: true),
        ],
        serviceOfferings: [
            ("Small Instance", "1 vCPU, 512 MB RAM", 1, 1000, 512, false),
            ("Medium Instance", "2 vCPU, 2048 MB RAM", 2, 2000, 2048, false),
            ("Large Instance", "4 vCPU, 8192 MB RAM", 4, 2000, 8192, true),
            (
                "Huge Instance", "64 vCPU, 262144 MB RAM (bigger than any sandbox host: deploys fail with 533)", 64,
                2400, 262_144, true
            ),
        ],
        // Five, so the classic `diskofferingid=5` names a fixed-size one (Extra Large).
        diskOfferings: [
            ("Small", "5 GB", 5), ("Medium", "20 GB", 20), ("Large", "100 GB", 100), ("Custom", "Custom size", 0),
            ("Extra Large", "500 GB", 500),
        ],
        accountNetworks: true)

    private static func sandboxZone(_ n: Int, _ type: String, sg: Bool, _ description: String) -> ZonePlan {
        let base = "sandbox-\(n)"
        return ZonePlan(
            name: "Sandbox-\(n)", networkType: type, securityGroups: sg, description: description, dns1: "192.0.2.53",
            internalDNS1: "10.0.0.53", guestCIDR: nil,
            physicalNetworks: [
                PhysicalNetworkPlan(
                    name: "\(base)-pnet", isolationMethods: [type == "Advanced" ? "VLAN" : "L3"],
                    vlan: type == "Advanced" ? "100-200" : nil,
                    trafficTypes: type == "Advanced" ? ["Guest", "Management", "Public"] : ["Guest", "Management"])
            ],
            pods: [
                PodPlan(
                    name: "\(base)-pod-1", gateway: "10.\(n).0.1", netmask: "255.255.255.0", start: "10.\(n).0.100",
                    end: "10.\(n).0.200",
                    guestRange: nil,
                    clusters: [
                        ClusterPlan(
                            name: "\(base)-cluster-1", hosts: ["http://sim/\(base)/h1", "http://sim/\(base)/h2"],
                            primaryStorage: [("\(base)-primary", "nfs://192.0.2.10/export/\(base)/primary")],
                            hostNames: ["\(base)-host-1", "\(base)-host-2"])
                    ])
            ],
            secondaryStorage: ["nfs://192.0.2.10/export/\(base)/secondary"],
            publicRanges: type == "Advanced"
                ? [
                    IPRangePlan(
                        gateway: "198.51.100.1", netmask: "255.255.255.0", start: "198.51.100.16",
                        end: "198.51.100.250", vlan: "untagged")
                ] : [])
    }

    /// The template system VMs run (a plan without one gets it after the rest of the seed, so the ids made
    /// before it stay what they were).
    static let systemVMTemplate = TemplatePlan(
        name: "SystemVM Template (simulator)", displayText: "SystemVM Template (simulator)",
        osType: "Debian GNU/Linux 5.0 (32-bit)",
        format: "VHD", size: 2_101_252_608, passwordEnabled: false, type: "SYSTEM", featured: false, isPublic: false,
        system: true)

    /// The data center the official simulator container deploys (its zones.cfg), with the
    /// offerings and the built-in template a fresh install has.
    static let cloudstackSimulator = DataCenterPlan(
        zones: [
            ZonePlan(
                name: "Sandbox-simulator-basic", networkType: "Basic", securityGroups: true,
                description: "Sandbox-simulator-basic", dns1: "8.8.8.8", internalDNS1: "8.8.8.8", guestCIDR: nil,
                physicalNetworks: [
                    PhysicalNetworkPlan(
                        name: "Sandbox-pnet", isolationMethods: ["L3"], vlan: nil,
                        trafficTypes: ["Guest", "Management"])
                ],
                pods: [
                    PodPlan(
                        name: "POD0-basic", gateway: "172.16.15.1", netmask: "255.255.255.0", start: "172.16.15.2",
                        end: "172.16.15.254",
                        guestRange: IPRangePlan(
                            gateway: "60.147.41.1", netmask: "255.255.255.0", start: "60.147.41.2", end: "60.147.41.254"
                        ),
                        clusters: [
                            ClusterPlan(
                                name: "C0-basic", hosts: ["http://sim/c0-basic/h0", "http://sim/c0-basic/h1"],
                                primaryStorage: [("PS0-basic", "nfs://nfsstor:/export/home/sandbox/primary")])
                        ])
                ],
                secondaryStorage: ["nfs://nfsstor:/export/home/sandbox/secondary"]),
            ZonePlan(
                name: "Sandbox-simulator-advanced", networkType: "Advanced", securityGroups: false,
                description: "Sandbox-simulator-advanced", dns1: "10.147.28.7", internalDNS1: "10.147.28.7",
                guestCIDR: "10.1.1.0/24",
                physicalNetworks: [
                    PhysicalNetworkPlan(
                        name: "Sandbox-pnet", isolationMethods: ["VLAN"], vlan: "100-200",
                        trafficTypes: ["Guest", "Management", "Public"])
                ],
                pods: [
                    PodPlan(
                        name: "POD0-adv", gateway: "172.16.15.1", netmask: "255.255.255.0", start: "172.16.15.2",
                        end: "172.16.15.200",
                        guestRange: nil,
                        clusters: [
                            ClusterPlan(
                                name: "C0-adv", hosts: ["http://sim/c0-adv/h0", "http://sim/c0-adv/h1"],
                                primaryStorage: [
                                    ("PS0-adv", "nfs://10.147.28.7:/export/home/sandbox/primary0"),
                                    ("PS1-adv", "nfs://10.147.28.7:/export/home/sandbox/primary1"),
                                ]),
                            ClusterPlan(
                                name: "C1-adv", hosts: ["http://sim/c1-adv/h0"],
                                primaryStorage: [("PS2-adv", "nfs://10.147.28.7:/export/home/sandbox/primary2")]),
                        ])
                ],
                secondaryStorage: ["nfs://10.147.28.7:/export/home/sandbox/secondary"],
                publicRanges: [
                    IPRangePlan(
                        gateway: "192.168.2.1", netmask: "255.255.255.0", start: "192.168.2.2",
                        end: "192.168.2.200", vlan: "50")
                ]),
        ],
        templates: [
            TemplatePlan(
                name: "CentOS 5.6 (64-bit) no GUI (Simulator)", displayText: "CentOS 5.6 (64-bit) no GUI (Simulator)",
                osType: "CentOS 5.6 (64-bit)", format: "VHD", size: 2_101_252_608, passwordEnabled: false,
                type: "BUILTIN", system: true),
            systemVMTemplate,
        ],
        // What a fresh management server creates (ConfigurationServer's defaults).
        serviceOfferings: [
            ("Small Instance", "Small Instance", 1, 500, 512, false),
            ("Medium Instance", "Medium Instance", 1, 1000, 1024, false),
        ],
        diskOfferings: [
            ("Small", "Small Disk, 5 GB", 5), ("Medium", "Medium Disk, 20 GB", 20),
            ("Large", "Large Disk, 100 GB", 100), ("Custom", "Custom Disk", 0),
        ],
        accountNetworks: false,
        // zones.cfg's globalConfig, for the settings the simulator has (instance.name=QA is left out:
        // the simulator's VM and router names do not follow it).
        globalSettings: [
            ("account.cleanup.interval", "20"), ("default.page.size", "500"), ("expunge.delay", "20"),
            ("expunge.interval", "20"), ("expunge.workers", "3"),
        ])
}

import OrderedCollections
import Values

/// The guest OS to hypervisor name mappings a fresh 4.18 install has (its guest_os_hypervisor table),
/// for the common OS types of OSTypes.swift. A real install holds thousands of rows, one per OS type
/// and hypervisor version it supports; the simulator keeps the newest versions of each hypervisor the
/// sandbox knows and the OS types people deploy, with the names the server's tables give them: KVM names
/// a type by its display name, XenServer by its template name, VMware by its guest id. The rows the
/// upgrade scripts added spell the hypervisor `Xenserver`, and listGuestOsMapping answers it so.
extension Store {
    static let guestOSMappingNoun = "guestosmapping"

    /// (OS type display name, XenServer 8.2.0 name, VMware guest id); nil where those versions have no row.
    static let mappedOSTypes: [(os: String, xen: String?, vmware: String?)] = [
        ("CentOS 5.6 (64-bit)", "CentOS 5 (64-bit)", "centos64Guest"),
        ("CentOS 6.0 (64-bit)", "CentOS 6 (64-bit)", "centos64Guest"),
        ("CentOS 7", "CentOS 7", "centos7_64Guest"),
        ("CentOS 8", "CentOS 8", "centos8_64Guest"),
        ("Debian GNU/Linux 7(64-bit)", "Debian Wheezy 7.0 (64-bit)", "debian7_64Guest"),
        ("Debian GNU/Linux 9 (64-bit)", "Debian Stretch 9.0", "debian9_64Guest"),
        ("Debian GNU/Linux 10 (64-bit)", "Debian Buster 10", "debian10_64Guest"),
        ("Debian GNU/Linux 11 (64-bit)", nil, "debian11_64Guest"),
        ("Red Hat Enterprise Linux 6.0 (64-bit)", "Red Hat Enterprise Linux 6 (64-bit)", "rhel6_64Guest"),
        ("Red Hat Enterprise Linux 7", "Red Hat Enterprise Linux 7", "rhel7_64Guest"),
        ("Red Hat Enterprise Linux 8.0", "Red Hat Enterprise Linux 8", "rhel8_64Guest"),
        ("Oracle Linux 8", nil, "oracleLinux8_64Guest"),
        ("SUSE Linux Enterprise Server 11 (64-bit)", "SUSE Linux Enterprise Server 11 (64-bit)", "sles11_64Guest"),
        ("SUSE Linux Enterprise Server 15 (64-bit)", "SUSE Linux Enterprise Server 15 (64-bit)", "sles15_64Guest"),
        ("Ubuntu 18.04 LTS", "Ubuntu Bionic Beaver 18.04", "ubuntu64Guest"),
        ("Ubuntu 20.04 LTS", "Ubuntu Focal Fossa 20.04", "ubuntu64Guest"),
        ("Ubuntu 22.04 LTS", nil, "ubuntu64Guest"),
        ("Windows 7 (64-bit)", "Windows 7 (64-bit)", "windows7_64Guest"),
        ("Windows Server 2008 R2 (64-bit)", "Windows Server 2008 R2 (64-bit)", "windows7Server64Guest"),
        ("Windows Server 2012 (64-bit)", "Windows Server 2012 (64-bit)", "windows8Server64Guest"),
        ("Windows 10 (64-bit)", "Windows 10 (64-bit)", "windows9_64Guest"),
        ("Windows Server 2016 (64-bit)", "Windows Server 2016 (64-bit)", "windows9Server64Guest"),
        ("Windows Server 2019 (64-bit)", "Windows Server 2019 (64-bit)", "windows2019srv_64Guest"),
        ("Other Linux (64-bit)", "Other install media", "otherLinux64Guest"),
        ("Other (64-bit)", "Other install media", "otherGuest64"),
    ]

    /// The hypervisor versions mapped beyond each hypervisor's `default` capability row, with the limits
    /// their hypervisor_capabilities rows have (addGuestOsMapping accepts only versions listed there):
    /// (type, version, max guests, max data volumes, security groups, storage motion).
    static let mappedCapabilities:
        [(type: String, version: String, guests: Int, volumes: Int, sg: Bool, motion: Bool)] =
            [
                ("XenServer", "8.2.0", 1000, 253, true, true),
                ("VMware", "7.0.3.0", 1024, 59, false, true),
                ("VMware", "8.0", 1024, 59, false, true),
            ]

    /// Seeds the mappings into a new cloud, or into a saved one from before they were seeded
    /// (the system's rows cannot be removed, so an empty table means none were).
    func seedGuestOSMappings() {
        for cap in Self.mappedCapabilities
        where table("hypervisorcapability").first(where: {
            $0["hypervisor"] == cap.type && $0["hypervisorversion"] == cap.version
        }) == nil {
            insert(
                "hypervisorcapability",
                [
                    "hypervisor": .string(cap.type), "hypervisorversion": .string(cap.version),
                    "maxguestslimit": .int(cap.guests), "maxdatavolumeslimit": .int(cap.volumes),
                    "securitygroupenabled": .bool(cap.sg), "storagemotionenabled": .bool(cap.motion),
                    "vmsnapshotenabled": .bool(true),
                ])
        }
        guard table(Self.guestOSMappingNoun).rows.isEmpty else { return }
        let types = Dictionary(
            table("ostype").rows.compactMap { t in t["description"].map { ($0, t.id) } },
            uniquingKeysWith: { a, _ in a })
        func add(_ hypervisor: String, _ version: String, _ name: String?, _ os: String) {
            guard let name, let ostype = types[os] else { return }
            insert(
                Self.guestOSMappingNoun,
                [
                    "hypervisor": .string(hypervisor), "hypervisorversion": .string(version),
                    "ostypeid": .string(ostype), "osnameforhypervisor": .string(name), "isuserdefined": .bool(false),
                ])
        }
        for m in Self.mappedOSTypes { add("KVM", "default", m.os, m.os) }
        // The simulator's hypervisor names types as KVM does.
        for m in Self.mappedOSTypes { add("Simulator", "default", m.os, m.os) }
        for m in Self.mappedOSTypes { add("VMware", "7.0.3.0", m.vmware, m.os) }
        for m in Self.mappedOSTypes { add("VMware", "8.0", m.vmware, m.os) }
        for m in Self.mappedOSTypes { add("Xenserver", "8.2.0", m.xen, m.os) }
    }
}

import Values
import OrderedCollections

/// A virtual machine, kept compact (references by id, rendered on demand) so
/// 100,000 of them fit in little memory and seed in a moment.
struct VM: Codable {
    var id: String
    var name: String
    var displayName: String
    var state: String
    var zoneID: String
    var templateID: String
    var offeringID: String
    var networkID: String
    var nicID: String
    var ip: String
    var mac: String
    var rootVolumeID: String
    var rootSize: Int
    var created: String
    var accountID: String
    var account: String
    var domainID: String
    var domain: String
    var userID: String
    var username: String
    /// The SSH key pair names, joined by commas as the server keeps them (and answers them as `keypairs`).
    var keypair: String? = nil
    /// Those key pairs' OpenSSH public keys, one a line, copied at deploy as the server's SSH.PublicKey detail
    /// (deleting a key pair later does not take them from the VM).
    var publicKeys: String? = nil
    /// The VM's password encrypted with the first of its public keys, base64 (the server's Encrypted.Password
    /// detail), what getVMPassword answers.
    var encryptedPassword: String? = nil
    var userdata: String? = nil
    /// The project owning the VM (its `account` is then the project's owner key, never shown).
    var projectID: String? = nil
    /// The registered user data (registerUserData) the VM's user data came from.
    var userDataID: String? = nil
    var group: String? = nil
    /// The ISO attached to the VM's CD drive (attachIso).
    var isoID: String? = nil
    var haEnable = false
    var details: [VMDetail] = []
    var securityGroupIDs: [String] = []
    var affinityGroupIDs: [String] = []
    var password: String? = nil
    var pendingJobID: String? = nil
    var expunged = false
    /// The host whose capacity the VM holds while it runs; nil when stopped (and for
    /// `--seed-vms` VMs, which are load for listing tests, not capacity).
    var hostID: String? = nil
    /// The primary storage pool of the ROOT volume once migrateVolume moved it (nil: the zone's first pool).
    var rootPoolID: String? = nil
    /// What updateVolume set on the ROOT volume (name, path, state, displayvolume), over its derived fields.
    var rootVolumeChanges: [String: String]? = nil
    /// The ROOT volume's name: the server's `ROOT-<internal VM id>` unless renamed.
    var rootVolumeName: String { rootVolumeChanges?["name"] ?? "ROOT-\(seq)" }
    /// Internal numeric id (see Entity.seq).
    var seq = 0
    /// Whether the end user is shown the VM (deploy's and update's `displayvm`); nil: shown.
    var displayVM: Bool? = nil
}

/// One `details[i].key/value` pair a VM was deployed or updated with.
struct VMDetail: Codable {
    var key: String
    var value: String
}

/// VMs in creation order with an id index; expunged ones stay in place but are skipped,
/// so indexes never need rebuilding.
struct VMTable {
    private(set) var rows: [VM] = []
    private var index: [String: Int] = [:]
    private var rootIndex: [String: Int] = [:]
    /// The live VMs' positions, in all and per owner (what list pages slice).
    private(set) var owners = VMOwnerIndex()
    /// Each owner's counted VMs, summed (resource counts read these).
    private(set) var tallies = VMTallies()
    var liveCount: Int { owners.all.count }
    /// Live VMs an admin hid from lists (displayvm=false); while there are none, a page is still a slice.
    private(set) var hiddenCount = 0
    private(set) var nextSeq = 1
    let journal: Journal?

    init(journal: Journal? = nil) { self.journal = journal }

    mutating func reserve(_ n: Int) {
        rows.reserveCapacity(rows.count + n)
        index.reserveCapacity(index.count + n)
        rootIndex.reserveCapacity(rootIndex.count + n)
        owners.reserve(n)
    }

    mutating func insert(_ vm: VM) {
        var vm = vm
        if vm.seq == 0 { vm.seq = nextSeq }
        nextSeq = max(nextSeq, vm.seq + 1)
        index[vm.id] = rows.count
        rootIndex[vm.rootVolumeID] = rows.count
        owners.add(rows.count, vm)
        tallies.add(vm)
        hiddenCount += Self.hidden(vm)
        rows.append(vm)
        journal?.vms.insert(vm.id)
    }

    /// VMs read back from the state file (live ones, in `seq` order); not journaled.
    mutating func restore(_ loaded: [VM], nextSeq saved: Int) {
        rows = []
        index = [:]
        rootIndex = [:]
        owners = VMOwnerIndex()
        tallies = VMTallies()
        hiddenCount = 0
        for vm in loaded {
            index[vm.id] = rows.count
            rootIndex[vm.rootVolumeID] = rows.count
            if !vm.expunged { owners.add(rows.count, vm) }
            tallies.add(vm)
            hiddenCount += Self.hidden(vm)
            rows.append(vm)
        }
        nextSeq = max(saved, (rows.last?.seq ?? 0) + 1)
    }

    /// The row with this id, expunged or not (what the state file must mirror).
    func stored(_ id: String) -> VM? { index[id].map { rows[$0] } }

    /// The live VM with this internal id (rows are in `seq` order).
    func vm(seq: Int) -> VM? { rows.index(ofSeq: seq, \.seq).map { rows[$0] }.flatMap { $0.expunged ? nil : $0 } }

    subscript(id id: String) -> VM? {
        guard let i = index[id], !rows[i].expunged else { return nil }
        return rows[i]
    }

    /// The VM whose ROOT volume has this id.
    func owner(ofRootVolume id: String) -> VM? {
        guard let i = rootIndex[id], !rows[i].expunged else { return nil }
        return rows[i]
    }

    mutating func update(_ id: String, _ change: (inout VM) -> Void) {
        guard let i = index[id], !rows[i].expunged else { return }
        let before = rows[i]
        change(&rows[i])
        tallies.add(before, sign: -1)
        tallies.add(rows[i])
        hiddenCount += Self.hidden(rows[i]) - Self.hidden(before)
        if rows[i].expunged || VMOwnerIndex.owner(before) != VMOwnerIndex.owner(rows[i]) {
            owners.remove(i, before)
            if !rows[i].expunged { owners.add(i, rows[i]) }
        }
        journal?.vms.insert(id)
    }

    var live: LazyFilterSequence<[VM]> { rows.lazy.filter { !$0.expunged } }

    private static func hidden(_ vm: VM) -> Int { !vm.expunged && vm.displayVM == false ? 1 : 0 }
}

extension Store {
    /// A VM password as deploy and resetPassword show it once.
    func oneTimePassword() -> String { String(newID().prefix(8).filter { $0 != "-" }) }

    /// The virtualmachine record as listVirtualMachines and job results show it.
    func render(_ vm: VM) -> Value {
        let zone = table("zone").get(vm.zoneID)
        let template = table("template").get(vm.templateID)
        let offering = table("serviceoffering").get(vm.offeringID)
        let network = table("network").get(vm.networkID)
        var r: Record = ["id": .string(vm.id), "name": .string(vm.name), "displayname": .string(vm.displayName)]
        // A project's VM shows its project, not an account.
        if let pid = vm.projectID {
            r["projectid"] = .string(pid)
            r["project"] = table(Self.projectNoun).get(pid)?.fields["name"] ?? .string("")
        } else {
            r["account"] = .string(vm.account)
        }
        r.merge(
            [
                "userid": .string(vm.userID), "username": .string(vm.username),
                "domainid": .string(vm.domainID), "domain": .string(vm.domain), "created": .string(vm.created),
                "state": .string(vm.state), "haenable": .bool(vm.haEnable), "displayvm": .bool(vm.displayVM ?? true),
            ], uniquingKeysWith: { $1 })
        if let group = vm.group {
            r["group"] = .string(group)
            if let g = instanceGroup(named: group, account: vm.account, domainID: vm.domainID) {
                r["groupid"] = .string(g.id)
            }
        }
        if let g = autoScaleGroup(ofVM: vm.id) {
            r["autoscalevmgroupid"] = .string(g.id)
            r["autoscalevmgroupname"] = g.fields["name"]
        }
        r["zoneid"] = .string(vm.zoneID)
        r["zonename"] = zone?.fields["name"] ?? .string("")
        // The hypervisor's name for it, from the internal ids (VirtualMachineName: i-ACCOUNT-VM-suffix).
        if let account = table("account").get(vm.accountID) {
            r["instancename"] = .string("i-\(account.seq)-\(vm.seq)-VM")
        }
        if vm.state == "Running" || vm.state == "Stopping" {
            if let host = vm.hostID.flatMap({ table("host").get($0) })
                ?? table("host").first(where: { $0["zoneid"] == vm.zoneID })
            {
                r["hostid"] = .string(host.id)
                r["hostname"] = host.fields["name"]
            }
        }
        r["templateid"] = .string(vm.templateID)
        r["templatename"] = template?.fields["name"] ?? .string("")
        r["templatedisplaytext"] = template?.fields["displaytext"] ?? .string("")
        r["passwordenabled"] = template?.fields["passwordenabled"] ?? .bool(false)
        if let isoID = vm.isoID, let iso = table("iso").get(isoID) {
            r["isoid"] = .string(isoID)
            r["isoname"] = iso.fields["name"]
            r["isodisplaytext"] = iso.fields["displaytext"]
        }
        if let password = vm.password { r["password"] = .string(password) }
        r["serviceofferingid"] = .string(vm.offeringID)
        r["serviceofferingname"] = offering?.fields["name"] ?? .string("")
        r["cpunumber"] = offering?.fields["cpunumber"] ?? .int(1)
        r["cpuspeed"] = offering?.fields["cpuspeed"] ?? .int(1000)
        r["memory"] = offering?.fields["memory"] ?? .int(512)
        if vm.state == "Running" {
            r.merge(
                VMStats.figures(memoryMB: r["memory"].flatMap { Int($0.plainText) } ?? 512), uniquingKeysWith: { $1 })
        }
        r["guestosid"] = template?.fields["ostypeid"] ?? .string("")
        r["ostypeid"] = template?.fields["ostypeid"] ?? .string("")
        if let os = template?["ostypeid"].flatMap({ table("ostype").get($0) }) {
            r["osdisplayname"] = os.fields["description"]
        }
        r["rootdeviceid"] = .int(0)
        r["rootdevicetype"] = .string("ROOT")
        r["securitygroup"] = .list(
            vm.securityGroupIDs.compactMap { id in
                table("securitygroup").get(id).map { sg in
                    .record([
                        "id": .string(sg.id), "name": sg.fields["name"] ?? .null,
                        "description": sg.fields["description"] ?? .null,
                    ])
                }
            })
        var primaryNIC: Record = [
            "id": .string(vm.nicID), "networkid": .string(vm.networkID),
            "networkname": network?.fields["name"] ?? .string(""),
            "netmask": .string(network?["netmask"] ?? "255.255.255.0"),
            "gateway": .string(network?["gateway"] ?? "10.1.0.1"),
            "ipaddress": .string(vm.ip), "traffictype": .string("Guest"),
            "type": .string(network?["type"] == "Shared" ? "Shared" : "Isolated"),
            "isdefault": .bool(true), "macaddress": .string(vm.mac),
        ]
        primaryNIC.merge(Self.vlanURIs(network), uniquingKeysWith: { $1 })
        r["nic"] = nicList(vm.id, primary: primaryNIC)
        r["hypervisor"] = template?.fields["hypervisor"] ?? .string("Simulator")
        if let keypair = vm.keypair { r["keypairs"] = .string(keypair) }
        if let ud = vm.userDataID.flatMap({ table(UserDataAPIs.noun).get($0) }) {
            r["userdataid"] = .string(ud.id)
            r["userdataname"] = ud.fields["name"]
            if let template, template["userdataid"] == ud.id { r["userdatapolicy"] = template.fields["userdatapolicy"] }
        }
        r["affinitygroup"] = .list(
            vm.affinityGroupIDs.compactMap { id in
                table("affinitygroup").get(id).map { g in
                    .record(["id": .string(g.id), "name": g.fields["name"] ?? .null, "type": g.fields["type"] ?? .null])
                }
            })
        r["details"] = .record(Record(vm.details.map { ($0.key, Value.string($0.value)) }, uniquingKeysWith: { $1 }))
        // UserVmJoinDaoImpl: a UEFI detail names the boot mode; a VM with no details at all boots BIOS (legacy).
        if let uefi = vm.details.first(where: { $0.key.uppercased() == "UEFI" })?.value {
            r["boottype"] = .string("Uefi")
            r["bootmode"] = .string(uefi.lowercased())
        } else if vm.details.isEmpty {
            r["boottype"] = .string("Bios")
            r["bootmode"] = .string("legacy")
        }
        r["isdynamicallyscalable"] = .bool(true)
        r["tags"] = tagsValue(vm.id)
        if let jobID = vm.pendingJobID, let job = jobs[id: jobID], job.status == 0 {
            r["jobid"] = .string(jobID)
            r["jobstatus"] = .int(0)
        }
        return .record(r)
    }
}

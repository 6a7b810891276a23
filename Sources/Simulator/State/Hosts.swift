import Values
import OrderedCollections

/// The physical side of a zone (zone > pod > cluster > hosts) and host capacity:
/// a VM takes CPU (cores x MHz) and memory on one host while it runs and gives them
/// back when it stops, as the server's capacity manager does.
extension Store {
    /// Memory and CPU of every sandbox host: room for 150 Small Instances each (so 300 per
    /// zone, for deploy benchmarks), too little memory for the "Huge Instance" offering
    /// (256 GB), so a 533 is easy to see.
    static let hostMemoryBytes = 192 << 30
    static let hostCPUs = 64
    static let hostCPUSpeed = 2400

    static func zoneFields(
        name: String, type: String, sg: Bool, description: String, token: String,
        allocation: String = "Enabled"
    ) -> Record {
        [
            "name": .string(name), "description": .string(description), "dns1": .string("192.0.2.53"),
            "internaldns1": .string("10.0.0.53"), "networktype": .string(type),
            "securitygroupsenabled": .bool(sg), "allocationstate": .string(allocation),
            "zonetoken": .string(token), "dhcpprovider": .string("VirtualRouter"),
            "localstorageenabled": .bool(false), "tags": .list([]), "type": .string("Core"),
            "hasannotations": .bool(false),
            "allowuserspecifyvrmtu": .bool(false), "routerpublicinterfacemaxmtu": .int(1500),
            "routerprivateinterfacemaxmtu": .int(1500),
        ]
    }

    /// What a VM of this offering asks of a host: MHz and bytes.
    func demand(offeringID: String) -> (mhz: Int, bytes: Int) {
        let o = table("serviceoffering").get(offeringID)
        let cpus = Int(o?["cpunumber"] ?? "") ?? 1, speed = Int(o?["cpuspeed"] ?? "") ?? 1000
        let mem = Int(o?["memory"] ?? "") ?? 512
        return (cpus * speed, mem << 20)
    }

    /// Puts the VM on the first enabled host of its zone with room for it (or on the host asked
    /// for, but never on `avoiding` nor on one dedicated to another owner); 533 when none has.
    func place(_ vmID: String, on wanted: String? = nil, avoiding: String? = nil) throws(APIError) {
        try place(
            vmID, where: { (wanted == nil || $0.id == wanted) && $0.id != avoiding },
            describing: wanted.map { "host \($0)" })
    }

    /// Places the VM on the first host of its zone that `admits` and has room; `describing` names
    /// where it was asked to go in the 533.
    func place(_ vmID: String, where admits: (Entity) -> Bool, describing asked: String?) throws(APIError) {
        guard let vm = vms[id: vmID], vm.hostID == nil else { return }
        let need = demand(offeringID: vm.offeringID)
        let hosts = table("host").rows.filter {
            $0["zoneid"] == vm.zoneID && $0["resourcestate"] == "Enabled" && admits($0)
                && mayUse(host: $0, accountID: vm.accountID, domainID: vm.domainID)
        }
        guard
            let host = hosts.first(where: { h in
                let (mhz, bytes) = Self.free(h)
                return mhz >= need.mhz && bytes >= need.bytes
            })
        else {
            let zone = table("zone").get(vm.zoneID)?["name"] ?? vm.zoneID
            throw APIError.capacity(
                "Unable to create a deployment for VM instance {\"name\":\"\(vm.name)\",\"uuid\":\"\(vm.id)\"}: "
                    + "insufficient capacity in \(asked ?? "zone \(zone)") (needs \(need.mhz) MHz and "
                    + "\(need.bytes >> 20) MB on one host)")
        }
        adjust(host.id, mhz: need.mhz, bytes: need.bytes)
        vms.update(vmID) { $0.hostID = host.id }
    }

    /// The host a `hostid` parameter names, checked now (the job places the VM on it): in the VM's
    /// zone and Enabled, as the server's deployment planner requires.
    func requestedHost(_ c: Call, zoneID: String) throws(APIError) -> String? {
        guard c.optional("hostid") != nil else { return nil }
        let host = try c.entity("host", "hostid", what: "host")
        guard host["zoneid"] == zoneID else {
            throw APIError.invalid("hostid", "Host \(host.id) is not in the zone of the virtual machine")
        }
        guard host["resourcestate"] == "Enabled" else {
            throw APIError.invalid(
                "hostid",
                "Host \(host.id) cannot take virtual machines: its resource state is \(host["resourcestate"] ?? "")")
        }
        return host.id
    }

    /// Gives a stopping or destroyed VM's share back to its host.
    func unplace(_ vmID: String) {
        guard let vm = vms[id: vmID], let hostID = vm.hostID else { return }
        let need = demand(offeringID: vm.offeringID)
        adjust(hostID, mhz: -need.mhz, bytes: -need.bytes)
        vms.update(vmID) { $0.hostID = nil }
    }

    static func free(_ h: Entity) -> (mhz: Int, bytes: Int) {
        let total = (Int(h["cpunumber"] ?? "") ?? 0) * (Int(h["cpuspeed"] ?? "") ?? 0)
        return (
            total - (Int(h["cpuallocatedvalue"] ?? "") ?? 0),
            (Int(h["memorytotal"] ?? "") ?? 0) - (Int(h["memoryallocated"] ?? "") ?? 0)
        )
    }

    private func adjust(_ hostID: String, mhz: Int, bytes: Int) {
        table("host").update(hostID) { h in
            let cpuTotal = max(1, (Int(h["cpunumber"] ?? "") ?? 1) * (Int(h["cpuspeed"] ?? "") ?? 1))
            let memTotal = max(1, Int(h["memorytotal"] ?? "") ?? 1)
            let cpu = max(0, (Int(h["cpuallocatedvalue"] ?? "") ?? 0) + mhz)
            let mem = max(0, (Int(h["memoryallocated"] ?? "") ?? 0) + bytes)
            let cpuPct = Self.percent(cpu, cpuTotal) + "%", memPct = Self.percent(mem, memTotal) + "%"
            h.fields["cpuallocated"] = .string(cpuPct)
            h.fields["cpuallocatedvalue"] = .int(cpu)
            h.fields["cpuallocatedpercentage"] = .string(cpuPct)
            h.fields["cpuallocatedwithoverprovisioning"] = .string(cpuPct)  // the overprovisioning factor is 1
            h.fields["memoryallocated"] = .int(mem)
            h.fields["memoryallocatedbytes"] = .int(mem)
            h.fields["memoryallocatedpercentage"] = .string(memPct)
        }
    }

    /// "12.5" style, two decimals at most, as CloudStack formats percentages.
    static func percent(_ part: Int, _ whole: Int) -> String {
        let hundredths = whole == 0 ? 0 : (part * 10000 + whole / 2) / whole
        let s = "\(hundredths / 100)"
        let frac = hundredths % 100
        if frac == 0 { return s }
        return frac % 10 == 0 ? "\(s).\(frac / 10)" : "\(s).\(frac < 10 ? "0" : "")\(frac)"
    }
}

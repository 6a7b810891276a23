import Values
import OrderedCollections

/// A VM's NICs beyond its first (table `nic`), the default-NIC switch and secondary IPs
/// (table `nicsecondaryip`, on any NIC). The first NIC lives in the compact VM record.
enum NICAPIs {
    static let cmdPrefix = "org.apache.cloudstack.api.command.user.vm."

    static let handlers: [Handler] = [
        Handler("listNics") { c throws(APIError) in
            let vm = try VirtualMachineAPIs.findBy(c, param: "virtualmachineid")
            let nicID = c.optional("nicid"), networkID = c.optional("networkid")
            let nics = (c.store.render(vm)[field: "nic"]?.list ?? []).filter { n in
                (nicID == nil || n[field: "id"]?.plainText == nicID)
                    && (networkID == nil || n[field: "networkid"]?.plainText == networkID)
            }
            let items = nics.map { n -> Value in
                var r = n.record ?? [:]
                r["virtualmachineid"] = .string(vm.id)
                return .record(r)
            }
            let range = try c.pageRange(count: items.count)
            return .list(noun: "nic", items: Array(items[range]), total: items.count)
        },
        Handler("addNicToVirtualMachine", async: true) { c throws(APIError) in
            let vm = try VirtualMachineAPIs.findBy(c, param: "virtualmachineid")
            let network = try c.entity("network", "networkid", what: "network")
            guard network["zoneid"] == vm.zoneID else {
                throw APIError.refused("Network \(network.id) is not in the zone of VM \(vm.name)")
            }
            if network["account"] != nil {
                try c.checkAccess(
                    account: network["account"], domainID: network["domainid"], what: "network \(network.id)")
            }
            if vm.networkID == network.id
                || c.store.table("nic").first(where: {
                    $0["virtualmachineid"] == vm.id && $0["networkid"] == network.id
                }) != nil
            {
                throw APIError.refused("A NIC already exists for VM: \(vm.name) in network: \(network.id)")
            }
            let ip = c.optional("ipaddress"), mac = c.optional("macaddress")
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "AddNicToVMCmd", instanceType: "VirtualMachine", instanceID: vm.id,
                    immediateID: nil
                ) { store, date in
                    try store.addNIC(
                        vmID: vm.id, network: network, ip: ip, mac: mac, created: SimClock.cloudStackTime(date))
                    return ["virtualmachine": store.render(try store.jobVM(vm.id))]
                })
        },
        Handler("removeNicFromVirtualMachine", async: true) { c throws(APIError) in
            let vm = try VirtualMachineAPIs.findBy(c, param: "virtualmachineid")
            let nicID = try c.required("nicid")
            if nicID == vm.nicID {
                if c.store.isPrimaryNICDefault(vm.id) {
                    throw APIError.refused("Unable to remove nic from VM \(vm.name), nic is default.")
                }
                throw APIError.refused(
                    "The simulator keeps a VM's first nic (\(nicID)); remove the nics added later instead")
            }
            guard let nic = c.store.table("nic").get(nicID), nic["virtualmachineid"] == vm.id else {
                throw APIError.notFound("nic", id: nicID, param: "nicid")
            }
            if nic["isdefault"] == "true" {
                throw APIError.refused("Unable to remove nic from VM \(vm.name), nic is default.")
            }
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "RemoveNicFromVMCmd", instanceType: "VirtualMachine", instanceID: vm.id,
                    immediateID: nil
                ) { store, _ in
                    for ip in store.table("nicsecondaryip").rows where ip["nicid"] == nic.id {
                        store.table("nicsecondaryip").remove(ip.id)
                    }
                    store.table("nic").remove(nic.id)
                    return ["virtualmachine": store.render(try store.jobVM(vm.id))]
                })
        },
        Handler("updateDefaultNicForVirtualMachine", async: true) { c throws(APIError) in
            let vm = try VirtualMachineAPIs.findBy(c, param: "virtualmachineid")
            let nicID = try c.required("nicid")
            guard nicID == vm.nicID || c.store.table("nic").get(nicID)?["virtualmachineid"] == vm.id else {
                throw APIError.notFound("nic", id: nicID, param: "nicid")
            }
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "UpdateDefaultNicForVMCmd", instanceType: "VirtualMachine", instanceID: vm.id,
                    immediateID: nil
                ) { store, _ in
                    for n in store.table("nic").rows where n["virtualmachineid"] == vm.id {
                        store.table("nic").update(n.id) { $0.fields["isdefault"] = .bool(n.id == nicID) }
                    }
                    return ["virtualmachine": store.render(try store.jobVM(vm.id))]
                })
        },
        Handler("updateVmNicIp", async: true) { c throws(APIError) in
            let nicID = try c.required("nicid")
            let (vm, networkID) = try nicOwner(c, nicID)
            let network = c.store.table("network").get(networkID)
            if let given = c.optional("ipaddress") {
                guard let a = IPv4.parse(given) else {
                    throw APIError.invalid("ipaddress", "\(given) is not an IPv4 address")
                }
                if let r = network.flatMap({ IPv4.Span(cidr: $0["cidr"] ?? "") }), !r.contains(address: a) {
                    throw APIError.refused(
                        "IP address \(given) is not in the cidr \(network?["cidr"] ?? "") of network \(networkID)")
                }
            }
            guard let network else { throw APIError.internalError("network \(networkID) of nic \(nicID) is gone") }
            let ip = if let given = c.optional("ipaddress") { given } else { try c.store.guestIP(network: network) }
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "UpdateVmNicIpCmd", instanceType: "VirtualMachine", instanceID: vm.id,
                    immediateID: nil
                ) { store, _ in
                    if nicID == vm.nicID {
                        store.vms.update(vm.id) { $0.ip = ip }
                    } else {
                        store.table("nic").update(nicID) { $0.fields["ipaddress"] = .string(ip) }
                    }
                    return ["virtualmachine": store.render(try store.jobVM(vm.id))]
                })
        },
        Handler("addIpToNic", async: true) { c throws(APIError) in
            let nicID = try c.required("nicid")
            let (vm, networkID) = try nicOwner(c, nicID)
            let ip = c.optional("ipaddress")
            if let ip,
                ip == vm.ip
                    || c.store.table("nicsecondaryip").first(where: {
                        $0["ipaddress"] == ip && $0["networkid"] == networkID
                    }) != nil
            {
                throw APIError.refused("IP address \(ip) is already in use in network \(networkID)")
            }
            let id = c.store.newID()
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.user.vm.AddIpToVmNicCmd", instanceType: "NicSecondaryIp",
                    instanceID: id, immediateID: id
                ) { store, date in
                    guard let network = store.table("network").get(networkID) else {
                        throw APIError.internalError("network \(networkID) was removed while the job ran")
                    }
                    let address = if let ip { ip } else { try store.guestIP(network: network) }
                    let e = store.insert(
                        "nicsecondaryip",
                        [
                            "ipaddress": .string(address), "nicid": .string(nicID),
                            "networkid": .string(networkID), "virtualmachineid": .string(vm.id),
                            "created": .string(SimClock.cloudStackTime(date)),
                        ], id: id)
                    return ["nicsecondaryip": .record(e.fields)]
                })
        },
        Handler("removeIpFromNic", async: true) { c throws(APIError) in
            let ip = try c.entity("nicsecondaryip", "id", what: "secondary IP")
            _ = try nicOwner(c, ip["nicid"] ?? "")
            if c.store.table("publicipaddress").first(where: {
                $0["vmipaddress"] == ip["ipaddress"] && $0["isstaticnat"] == "true"
            }) != nil {
                throw APIError.refused(
                    "Can't remove the secondary IP \(ip["ipaddress"] ?? ""): static NAT is enabled on it")
            }
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.user.vm.RemoveIpFromVmNicCmd",
                    instanceType: "NicSecondaryIp",
                    instanceID: ip.id, immediateID: nil
                ) { store, _ in
                    store.table("nicsecondaryip").remove(ip.id)
                    return ["success": .bool(true)]
                })
        },
    ]

    /// The VM owning a NIC (first or added) the caller may change, and the NIC's network.
    static func nicOwner(_ c: Call, _ nicID: String) throws(APIError) -> (VM, String) {
        if let nic = c.store.table("nic").get(nicID), let vm = c.store.vms[id: nic["virtualmachineid"] ?? ""] {
            try c.checkAccess(accountID: vm.accountID, domainID: vm.domainID, what: "virtual machine \(vm.id)")
            return (vm, nic["networkid"] ?? "")
        }
        guard let vm = c.store.vms.live.first(where: { $0.nicID == nicID }) else {
            throw APIError.notFound("nic", id: nicID, param: "nicid")
        }
        try c.checkAccess(accountID: vm.accountID, domainID: vm.domainID, what: "virtual machine \(vm.id)")
        return (vm, vm.networkID)
    }
}

extension Store {
    /// A further NIC for a VM (addNicToVirtualMachine, or the 2nd+ network of a deploy).
    func addNIC(vmID: String, network: Entity, ip: String?, mac: String?, created: String) throws(APIError) {
        implementNetwork(network.id, created: created)
        let network = table("network").get(network.id) ?? network  // with the VLAN it got when implemented
        let address = if let ip { ip } else { try guestIP(network: network) }
        let count = table("nic").rows.filter { $0["virtualmachineid"] == vmID }.count
        var nic: Record = [
            "virtualmachineid": .string(vmID), "networkid": .string(network.id),
            "networkname": network.fields["name"] ?? .string(""),
            "netmask": network.fields["netmask"] ?? .string("255.255.255.0"),
            "gateway": network.fields["gateway"] ?? .string(""), "ipaddress": .string(address),
            "traffictype": .string("Guest"), "type": .string(network["type"] ?? "Isolated"),
            "isdefault": .bool(false),
            "macaddress": .string(mac ?? Store.guestMAC(0x1_0000 + table("nic").nextSeq)),
            "deviceid": .string(String(count + 1)),
        ]
        nic.merge(Self.vlanURIs(network), uniquingKeysWith: { $1 })
        insert("nic", nic)
    }

    /// Whether the first NIC is still the default one (no added NIC took that role).
    func isPrimaryNICDefault(_ vmID: String) -> Bool {
        !table("nic").rows.contains { $0["virtualmachineid"] == vmID && $0["isdefault"] == "true" }
    }

    /// The VM's `nic` list: the first NIC (`primary`), then the added ones, each with its secondary IPs.
    func nicList(_ vmID: String, primary: Record) -> Value {
        let added = table("nic").rows.isEmpty ? [] : table("nic").rows.filter { $0["virtualmachineid"] == vmID }
        let secondary = table("nicsecondaryip").rows
        // UserVmJoinDaoImpl sets both lists on every NIC, so an empty one shows as [].
        func withSecondary(_ r: Record) -> Value {
            let mine = secondary.isEmpty ? [] : secondary.filter { $0["nicid"] == r["id"]?.plainText }
            var r = r
            r["secondaryip"] = .list(
                mine.map { s in .record(["id": .string(s.id), "ipaddress": s.fields["ipaddress"] ?? .null]) })
            r["extradhcpoption"] = .list([])
            return .record(r)
        }
        var first = primary
        first["deviceid"] = .string("0")
        if added.contains(where: { $0["isdefault"] == "true" }) { first["isdefault"] = .bool(false) }
        return .list(
            [withSecondary(first)]
                + added.map { n in
                    var r = n.fields
                    r["virtualmachineid"] = nil
                    return withSecondary(r)
                })
    }
}

import Values
import OrderedCollections

extension VirtualMachineAPIs {
    /// deployVirtualMachine: checks every reference now (431 at once, as the server does),
    /// creates the VM in Starting (or Stopped with startvm=false); the job makes it Running.
    static func deploy(_ c: Call) throws(APIError) -> Reply {
        let store = c.store
        // projectid: the project owns the VM (it must be active, and the caller one of its members).
        var project: Entity? = nil
        if c.optional("projectid") != nil { project = try ProjectAPIs.project(c, "projectid", admin: false) }
        if let project, project["state"] != "Active" {
            throw APIError.permission(
                "Can't add resources to the project id=\(project.seq) in state=\(project["state"] ?? "") as it's no longer active"
            )
        }
        let owner = if let project { store.projectOwner(project, caller: c.caller) } else { try c.owner() }
        let zone = try c.entity("zone", "zoneid", what: "zone")
        let template = try c.entity("template", "templateid", what: "template")
        let offering = try c.entity("serviceoffering", "serviceofferingid", what: "service offering")
        // A disabled zone still takes the root admin's VMs (UserVmManagerImpl.createVirtualMachine).
        if zone["allocationstate"] == "Disabled", c.caller.role != .rootAdmin {
            throw APIError.permission("Cannot perform this operation, Zone is currently disabled: \(zone.seq)")
        }
        guard store.imageReady(template, zoneID: zone.id, now: c.now) else {
            throw APIError.invalid(
                "templateid",
                "Template \(template["name"] ?? template.id) is not ready in zone "
                    + "\(zone["name"] ?? zone.id): it is not downloaded there (yet)")
        }
        let startVM = try c.bool("startvm", default: true)
        var networkID: String
        if let ids = c.list("networkids"), let first = ids.first {
            for id in ids {
                guard let n = store.table("network").get(id) else {
                    throw APIError.notFound("network", id: id, param: "networkids")
                }
                guard n["zoneid"] == zone.id else {
                    throw APIError.invalid("networkids", "network \(id) is not in zone \(zone["name"] ?? zone.id)")
                }
                if n["issystem"] == "true" {
                    throw APIError.refused("Network id=\(n.id) is system only and can't be used for vm deployment")
                }
                // Another account's isolated network needs a network permission (NetworkPermissionAPIs).
                if store.table("account").get(owner.accountID)?["accounttype"] != "1",
                    !store.mayUse(n, ownerAccountID: owner.accountID, ownerName: owner.account, projectID: project?.id)
                {
                    throw APIError.permission("Unable to use network with id= \(n.id), permission denied")
                }
            }
            networkID = first
        } else {
            let projectID = project?.id
            let candidates = store.table("network").rows.filter { n in
                let mine =
                    projectID.map { n["projectid"] == $0 } ?? (n["account"] == owner.account && n["projectid"] == nil)
                return n["zoneid"] == zone.id && (n["type"] == "Shared" || mine)
            }
            if let n = candidates.first {
                networkID = n.id
            } else {
                networkID = try defaultNetwork(c, zone: zone, owner: owner).id
                if let project {  // the project's network, shown under the project
                    store.table("network").update(networkID) { n in
                        n.fields["account"] = nil
                        n.fields["projectid"] = .string(project.id)
                        n.fields["project"] = project.fields["name"]
                    }
                }
            }
        }
        let keypairs = KeyPairAPIs.requestedNames(c)
        try KeyPairAPIs.check(keypairs, owner: owner, projectID: project?.id, required: false, store)
        let userData = try UserDataAPIs.resolve(c, template: template)
        var sgIDs: [String] = []
        for id in c.list("securitygroupids") ?? [] {
            guard store.table("securitygroup").get(id) != nil else {
                throw APIError.notFound("security group", id: id, param: "securitygroupids")
            }
            sgIDs.append(id)
        }
        // Groups named are the VM owner's: the project's when it deploys into one.
        let owned = try c.namedOwner().owns
        for name in c.list("securitygroupnames") ?? [] {
            guard let sg = store.table("securitygroup").first(where: { $0["name"] == name && owned($0) }) else {
                throw APIError.invalid("securitygroupnames", "Unable to find security group by name \(name)")
            }
            sgIDs.append(sg.id)
        }
        if sgIDs.isEmpty, zone["securitygroupsenabled"] == "true",
            let sg = store.table("securitygroup").first(where: { $0["name"] == "default" && owned($0) })
        {
            sgIDs.append(sg.id)
        }
        var agIDs: [String] = []
        let agNames = c.list("affinitygroupnames") ?? []
        if !agNames.isEmpty, !(c.list("affinitygroupids") ?? []).isEmpty {
            throw APIError.refused("affinitygroupids parameter is mutually exclusive with affinitygroupnames parameter")
        }
        for id in c.list("affinitygroupids") ?? [] {
            guard store.table("affinitygroup").get(id) != nil else {
                throw APIError.notFound("affinity group", id: id, param: "affinitygroupids")
            }
            agIDs.append(id)
        }
        for name in agNames {
            guard let ag = store.table("affinitygroup").first(where: { $0["name"] == name && owned($0) }) else {
                throw APIError.refused("Unable to find affinity group by name \(name)")
            }
            agIDs.append(ag.id)
        }
        let id = store.newID()
        let name = c.optional("name") ?? "VM-\(id)"
        try validateHostName(name)
        if store.vms.live.contains(where: { $0.name.lowercased() == name.lowercased() && $0.networkID == networkID }) {
            throw APIError.invalid(
                "name", "The vm with hostName \(name) already exists in the network domain of network \(networkID)")
        }
        var ip = c.optional("ipaddress") ?? ""
        if ip.isEmpty { ip = try store.guestIP(network: store.table("network").get(networkID)!) }
        let rootGB = try c.int("rootdisksize", in: 1...VolumeAPIs.maxGB)
        var vm = VM(
            id: id, name: name, displayName: c.optional("displayname") ?? name,
            state: startVM ? "Starting" : "Stopped", zoneID: zone.id, templateID: template.id,
            offeringID: offering.id, networkID: networkID, nicID: store.newID(), ip: ip,
            mac: Store.guestMAC(store.vms.rows.count), rootVolumeID: store.newID(),
            rootSize: rootGB.map { $0 << 30 } ?? Int(template["size"] ?? "") ?? 8 << 30,
            created: c.created, accountID: owner.accountID, account: owner.account,
            domainID: owner.domainID, domain: owner.domain, userID: owner.userID,
            username: owner.username, keypair: keypairs.isEmpty ? nil : keypairs.joined(separator: ","),
            publicKeys: KeyPairAPIs.publicKeys(keypairs, for: owner, projectID: project?.id, store),
            userdata: userData.text, projectID: project?.id, userDataID: userData.id,
            group: c.optional("group"), haEnable: offering["offerha"] == "true",
            details: c.params.map("details").flatMap { $0.map { VMDetail(key: $0.key, value: $0.value) } },
            securityGroupIDs: sgIDs, affinityGroupIDs: agIDs)
        vm.displayVM = try c.optional("displayvm").map { _ throws(APIError) in try c.bool("displayvm") }
        let dataDisk = try dataDiskFields(c, zone: zone)
        let placement = try Placement(c)
        // The owner's resource limits, in the server's order (VM, CPUs, memory, then its volumes).
        if let limited = project.map(LimitOwner.project)
            ?? store.table("account").get(owner.accountID).map(LimitOwner.account)
        {
            try store.checkLimit(limited, 0, 1)
            try store.checkLimit(limited, 8, Int(offering["cpunumber"] ?? "") ?? 1)
            try store.checkLimit(limited, 9, Int(offering["memory"] ?? "") ?? 0)
            try store.checkLimit(limited, 2, dataDisk == nil ? 1 : 2)
        }
        if let g = vm.group {
            store.ensureInstanceGroup(
                g, account: owner.account, domainID: owner.domainID, domain: owner.domain, created: c.created)
        }
        store.vms.insert(vm)
        store.implementNetwork(networkID, created: c.created)
        for extra in (c.list("networkids") ?? []).dropFirst() {
            if let n = store.table("network").get(extra) {
                try store.addNIC(vmID: id, network: n, ip: nil, mac: nil, created: c.created)
            }
        }
        return .job(
            JobSpec(
                cmd: cmdPrefix + "DeployVMCmd", instanceType: "VirtualMachine", instanceID: id,
                immediateID: id,
                work: { store, _ in
                    // A password-enabled template gets a generated password, shown in this result only (encrypted
                    // first with a key pair's key: a key that cannot encrypt fails the deploy, as the server's start).
                    if template["passwordenabled"] == "true" { try store.newPassword(id) }
                    defer { store.vms.update(id) { $0.password = nil } }
                    if startVM { try store.place(id, as: placement) }
                    store.vms.update(id) { $0.state = startVM ? "Running" : "Stopped" }
                    if var f = dataDisk {
                        f["virtualmachineid"] = .string(id)
                        f["name"] = .string("DATA-\(name)")
                        store.insert("volume", f)
                    }
                    return ["virtualmachine": store.render(try store.jobVM(id))]
                },
                onFailure: { store in
                    store.vms.update(id) {
                        $0.state = "Error"; $0.pendingJobID = nil
                    }
                }))
    }

    /// An account with no network in an advanced zone gets one at its first deploy, from the
    /// offering whose availability is Required, named ACCOUNT-network, as the server does.
    static func defaultNetwork(_ c: Call, zone: Entity, owner: Caller) throws(APIError) -> Entity {
        guard zone["networktype"] == "Advanced",
            let offering = c.store.table("networkoffering").first(where: {
                $0["availability"] == "Required" && $0["guestiptype"] == "Isolated" && $0["state"] == "Enabled"
                    && $0["forvpc"] != "true"
            })
        else {
            throw APIError.invalid(
                "networkids",
                "no default guest network for account \(owner.account) in zone "
                    + "\(zone["name"] ?? zone.id); create one or pass networkids")
        }
        return c.store.insertNetwork(
            name: "\(owner.account)-network", zone: zone, offering: offering, type: "Isolated",
            cidr: c.store.defaultGuestCIDR(zone: zone), owner: owner, c.created)
    }

    /// The DATADISK a deploy with `diskofferingid` creates next to the ROOT volume (device 1);
    /// a custom-size offering needs `size` in GB, as createVolume does.
    static func dataDiskFields(_ c: Call, zone: Entity) throws(APIError) -> Record? {
        guard c.optional("diskofferingid") != nil else { return nil }
        let offering = try c.entity("diskoffering", "diskofferingid", what: "disk offering")
        let gb = try VolumeAPIs.sizeGB(c, offering: offering)
        var f: Record = [
            "zoneid": .string(zone.id), "zonename": zone.fields["name"]!, "type": .string("DATADISK"),
            "deviceid": .int(1), "size": .int(gb << 30), "created": .string(c.created), "state": .string("Ready"),
            "attached": .string(c.created),
        ]
        f.merge(try c.ownerFields(), uniquingKeysWith: { $1 })
        f.merge(VolumeAPIs.offeringFields(offering), uniquingKeysWith: { $1 })
        return f
    }
}

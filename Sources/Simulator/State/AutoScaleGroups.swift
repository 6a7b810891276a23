import Values
import OrderedCollections

/// Autoscale policies, VM profiles and VM groups as the server keeps them: each a row holding what its
/// answer shows, and the links between them (a policy's conditions, a group's policies and VMs) in
/// their own tables, as AutoScalePolicyConditionMapDao, AutoScaleVmGroupPolicyMapDao and
/// AutoScaleVmGroupVmMapDao keep them, so an answer is put together when it is given.
extension Store {
    static let policyNoun = "autoscalepolicy"
    static let profileNoun = "autoscalevmprofile"
    static let groupNoun = "autoscalevmgroup"
    static let policyConditionNoun = "autoscalepolicycondition"
    static let groupPolicyNoun = "autoscalegrouppolicy"
    static let groupVMNoun = "autoscalegroupvm"

    /// The Lb providers whose networks scale VMs: 4.18's upgrade marks the install's offerings with Lb by
    /// these as supporting it (schema-41720to41800); the counter sources each provider measures
    /// (its AutoScaleCounters capability).
    static let autoScaleCounterSources: [String: [String]] = [
        "VirtualRouter": ServiceCapabilities.virtualRouterCounterSources,
        "VpcVirtualRouter": ServiceCapabilities.virtualRouterCounterSources, "Netscaler": ["snmp", "netscaler"],
    ]

    func policyConditionIDs(_ policyID: String) -> [String] {
        table(Self.policyConditionNoun).rows.filter { $0["policyid"] == policyID }.compactMap { $0["conditionid"] }
    }

    func groupPolicyIDs(_ groupID: String) -> [String] {
        table(Self.groupPolicyNoun).rows.filter { $0["groupid"] == groupID }.compactMap { $0["policyid"] }
    }

    func groupVMIDs(_ groupID: String) -> [String] {
        table(Self.groupVMNoun).rows.filter { $0["groupid"] == groupID }.compactMap { $0["virtualmachineid"] }
    }

    /// The groups a policy is in.
    func groups(usingPolicy policyID: String) -> [Entity] {
        let ids = Set(
            table(Self.groupPolicyNoun).rows.filter { $0["policyid"] == policyID }.compactMap { $0["groupid"] })
        return table(Self.groupNoun).rows.filter { ids.contains($0.id) }
    }

    func group(onRule ruleID: String) -> Entity? { table(Self.groupNoun).first { $0["lbruleid"] == ruleID } }

    /// The group a VM was made for (what VM answers show as autoscalevmgroupid and name).
    /// A VM is in one group at most, so its link row is keyed by the VM's id: every VM answer looks it up.
    func autoScaleGroup(ofVM vmID: String) -> Entity? {
        table(Self.groupVMNoun).get(vmID).flatMap { table(Self.groupNoun).get($0["groupid"] ?? "") }
    }

    /// A VM of a group that is not Disabled is the group's to act on (checkIfVmActionAllowed).
    func checkAutoScaleVMAction(_ vmID: String) throws(APIError) {
        if let g = autoScaleGroup(ofVM: vmID), g["state"] != "Disabled" {
            throw APIError.refused(
                "Cannot perform actions on VM in an AutoScale VM group, Please disable the VM group and retry.")
        }
    }

    /// The VMs leave whatever group they are in (removed from the group's rule, or expunged).
    func leaveGroups(_ vmIDs: [String]) {
        for id in vmIDs where table(Self.groupVMNoun).get(id) != nil { table(Self.groupVMNoun).remove(id) }
    }

    /// Replaces the rows linking `owner` (in field `key`) to `targets` (in field `targetKey`).
    func relink(_ noun: String, _ key: String, _ owner: String, _ targetKey: String, _ targets: [String]) {
        for r in table(noun).rows where r[key] == owner { table(noun).remove(r.id) }
        for t in targets { insert(noun, [key: .string(owner), targetKey: .string(t)]) }
    }

    /// AutoScalePolicyResponse: the policy and its conditions (each with its counter).
    func renderPolicy(_ e: Entity) -> Value {
        var f = e.fields
        let conditions = policyConditionIDs(e.id).compactMap { table(AutoScaleCounterAPIs.conditionNoun).get($0) }
        f["conditions"] = .list(conditions.map { .record($0.fields) })
        return .record(f)
    }

    /// AutoScaleVmProfileResponse (the deploy parameters kept as the server's `k=v&k=v` text are shown as a map).
    func renderProfile(_ e: Entity) -> Value {
        var f = e.fields
        f["otherdeployparamstext"] = nil
        return .record(f)
    }

    /// AutoScaleVmGroupResponse: the group, its rule's address, ports, network and provider, its policies
    /// by action and how many of its VMs run.
    func renderGroup(_ e: Entity) -> Value {
        var f: Record = ["id": .string(e.id)]
        for k in ["name", "minmembers", "maxmembers", "state", "interval", "fordisplay", "created", "vmprofileid"] {
            f[k] = e.fields[k]
        }
        let vmIDs = groupVMIDs(e.id)
        f["availablevirtualmachinecount"] = .int(vmIDs.filter { vms[id: $0]?.state == "Running" }.count)
        if let rule = table("loadbalancerrule").get(e["lbruleid"] ?? "") {
            f["lbruleid"] = .string(rule.id)
            if let network = table("network").get(rule["networkid"] ?? "") {
                f["associatednetworkname"] = network.fields["name"]
                f["associatednetworkid"] = .string(network.id)
                f["lbprovider"] = .string(NetworkOfferings.providers(network.fields, of: "Lb").first ?? "None")
            }
            f["publicipid"] = rule.fields["publicipid"]
            f["publicip"] = rule.fields["publicip"]
            f["publicport"] = rule.fields["publicport"]
            f["privateport"] = rule.fields["privateport"]
        }
        let policies = groupPolicyIDs(e.id).compactMap { table(Self.policyNoun).get($0) }
        f["scaleuppolicies"] = .list(policies.filter { $0["action"] == "SCALEUP" }.map(renderPolicy))
        f["scaledownpolicies"] = .list(policies.filter { $0["action"] == "SCALEDOWN" }.map(renderPolicy))
        f["hasannotations"] = .bool(false)
        for k in ["account", "domainid", "domain", "projectid", "project"] { f[k] = e.fields[k] }
        return .record(f)
    }

    /// Whether the network's offering lets VMs scale: one of the install's with Lb by a provider the
    /// upgrade marked. An offering made later supports it only with the Lb capability VmAutoScaling=true,
    /// which the simulator's createNetworkOffering does not take, so those never do here.
    func supportsVMAutoScaling(_ network: Entity) -> Bool {
        guard let offering = table("networkoffering").get(network["networkofferingid"] ?? "") else { return false }
        if let set = offering.fields["supportsvmautoscaling"]?.bool { return set }
        return NetworkOfferings.defaults.contains { $0.name == offering["name"] }
            && NetworkOfferings.providers(offering.fields, of: "Lb").contains {
                Self.autoScaleCounterSources[$0] != nil
            }
    }

    /// Whom the group's VMs belong to: the rule's owner (an account, or a project).
    func groupOwner(_ group: Entity) -> Caller? {
        if let projectID = group["projectid"], let project = table(Self.projectNoun).get(projectID) {
            return projectOwner(project, caller: .anonymous)
        }
        guard
            let acct = table("account").first(where: {
                $0["name"] == group["account"] && $0["domainid"] == group["domainid"]
            })
        else { return nil }
        return principals.first { $0.caller.accountID == acct.id }?.caller
            ?? Caller(
                userID: "", username: "", accountID: acct.id, account: acct["name"] ?? "",
                domainID: acct["domainid"] ?? "", domain: acct["domain"] ?? "", isAdmin: false)
    }

    /// Brings an enabled group up to its minimum, as the server's monitor does at its first check: each new
    /// VM is made from the profile on the rule's network, started and assigned to the rule. A VM that finds
    /// no host is destroyed and the rest wait (the monitor's "Waiting for next round").
    func scaleUpToMinimum(_ groupID: String, created: String) {
        guard let group = table(Self.groupNoun).get(groupID), group["state"] == "Enabled",
            let profile = table(Self.profileNoun).get(group["vmprofileid"] ?? ""),
            let rule = table("loadbalancerrule").get(group["lbruleid"] ?? ""),
            let network = table("network").get(rule["networkid"] ?? ""), let owner = groupOwner(group)
        else { return }
        let have = groupVMIDs(groupID).filter { vms[id: $0] != nil }.count
        let want = Int(group["minmembers"] ?? "") ?? 0
        guard have < want else { return }
        implementNetwork(network.id, created: created)
        let offering = table("serviceoffering").get(profile["serviceofferingid"] ?? "")
        let limited =
            group["projectid"].flatMap { table(Self.projectNoun).get($0) }.map(LimitOwner.project)
            ?? table("account").get(owner.accountID).map(LimitOwner.account)
        for _ in have..<want {
            // The owner's limits hold the monitor's deploys as anyone's (VMs, CPUs, memory, volumes).
            if let limited {
                do {
                    try checkLimit(limited, 0, 1)
                    try checkLimit(limited, 8, Int(offering?["cpunumber"] ?? "") ?? 1)
                    try checkLimit(limited, 9, Int(offering?["memory"] ?? "") ?? 0)
                    try checkLimit(limited, 2, 1)
                } catch { return }
            }
            let vmSeq = Int(table(Self.groupNoun).get(groupID)?["nextvmseq"] ?? "") ?? 1
            table(Self.groupNoun).update(groupID) { $0.fields["nextvmseq"] = .int(vmSeq + 1) }
            let name = Self.groupVMName(group["name"] ?? groupID, seq: vmSeq)
            guard let ip = try? guestIP(network: network) else { return }
            let template = table("template").get(profile["templateid"] ?? "")
            let id = newID()
            let vm = VM(
                id: id, name: name, displayName: name, state: "Running", zoneID: profile["zoneid"] ?? "",
                templateID: profile["templateid"] ?? "", offeringID: profile["serviceofferingid"] ?? "",
                networkID: network.id, nicID: newID(), ip: ip, mac: Self.guestMAC(vms.rows.count),
                rootVolumeID: newID(), rootSize: Int(template?["size"] ?? "") ?? 8 << 30, created: created,
                accountID: owner.accountID, account: owner.account, domainID: owner.domainID, domain: owner.domain,
                userID: owner.userID, username: owner.username, userdata: profile["userdata"],
                projectID: group["projectid"])
            vms.insert(vm)
            do { try place(id) } catch {
                expungeVM(id)
                return
            }
            insert(Self.groupVMNoun, ["groupid": .string(groupID), "virtualmachineid": .string(id)], id: id)
            insert("lbinstance", ["ruleid": .string(rule.id), "virtualmachineid": .string(id), "vmip": .string(ip)])
            table("loadbalancerrule").update(rule.id) { $0.fields["state"] = .string("Active") }
        }
    }

    /// `autoScaleVm-<group>-<seq>-<6 letters>`, the group's name cut so the whole fits a host name's 63.
    static func groupVMName(_ group: String, seq: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let suffix = "-\(seq)-" + String((0..<6).map { _ in letters.randomElement()! })
        let prefix = "autoScaleVm-"
        return prefix + String(group.prefix(63 - prefix.count - suffix.count)) + suffix
    }

    /// What goes with a deleted account (deleteAutoScaleVmGroupsByAccount, then cleanUpAutoScaleResources):
    /// its groups with their VMs, then its profiles, policies and conditions.
    func removeAutoScale(ownedBy owned: (Entity) -> Bool) {
        for g in table(Self.groupNoun).rows where owned(g) {
            destroyGroupVMs(g.id)
            relink(Self.groupPolicyNoun, "groupid", g.id, "policyid", [])
            table(Self.groupNoun).remove(g.id)
        }
        for p in table(Self.policyNoun).rows where owned(p) {
            relink(Self.policyConditionNoun, "policyid", p.id, "conditionid", [])
            table(Self.policyNoun).remove(p.id)
        }
        for noun in [Self.profileNoun, AutoScaleCounterAPIs.conditionNoun] {
            for e in table(noun).rows where owned(e) { table(noun).remove(e.id) }
        }
    }

    /// Destroys the group's VMs (deleteAutoScaleVmGroup cleanup=true): out of the rule, then expunged.
    func destroyGroupVMs(_ groupID: String) {
        for link in table(Self.groupVMNoun).rows where link["groupid"] == groupID {
            let vmID = link["virtualmachineid"] ?? ""
            for m in table("lbinstance").rows where m["virtualmachineid"] == vmID { table("lbinstance").remove(m.id) }
            if vms[id: vmID] != nil { expungeVM(vmID) }
            table(Self.groupVMNoun).remove(link.id)
        }
    }
}

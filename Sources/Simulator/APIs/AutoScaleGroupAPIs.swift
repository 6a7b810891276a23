import Values
import OrderedCollections

/// Autoscale VM groups on a public load balancer rule, as AutoScaleManagerImpl and the rules manager
/// run them: a group is made New and configured into Enabled (its rule Active), an enabled group is
/// brought up to its minimum at once (the server's monitor does it at its first check: VMs from the
/// profile on the rule's network, assigned to the rule), it changes shape only while Disabled, and
/// goes with its VMs only when asked to (cleanup=true). No periodic monitor: counters are not measured.
enum AutoScaleGroupAPIs {
    /// NetUtils.DEFAULT_AUTOSCALE_POLICY_INTERVAL_TIME, in seconds.
    static let defaultInterval = 30

    static let handlers: [Handler] = [
        Handler("createAutoScaleVmGroup", async: true) { c throws(APIError) in
            let rule = try AutoScalePolicyAPIs.own(c, "loadbalancerrule", "lbruleid")
            let profile = try AutoScalePolicyAPIs.known(c, "vmprofileid", Store.profileNoun)
            let up = try AutoScalePolicyAPIs.entities(c, "scaleuppolicyids", Store.policyNoun)
            let down = try AutoScalePolicyAPIs.entities(c, "scaledownpolicyids", Store.policyNoun)
            guard let min = try c.int("minmembers") else { throw APIError.missing("minmembers", command: c.command) }
            guard let max = try c.int("maxmembers") else { throw APIError.missing("maxmembers", command: c.command) }
            let interval = try c.int("interval") ?? defaultInterval
            if c.store.group(onRule: rule.id) != nil {
                throw APIError.refused(
                    "an AutoScaleVmGroup is already attached to the lb rule, the existing vm group has to be first deleted"
                )
            }
            if c.store.table("lbinstance").first(where: { $0["ruleid"] == rule.id }) != nil {
                throw APIError.refused(
                    "there are Vms already bound to the specified LoadBalancing Rule. User bound Vms and AutoScaled Vm Group cannot co-exist on a Load Balancing Rule"
                )
            }
            let id = c.store.newID()
            let name = c.optional("name") ?? id
            try check(c, name: name, min: min, max: max, interval: interval, up: up, down: down, profile, rule)
            var f: Record = [
                "name": .string(name), "minmembers": .int(min), "maxmembers": .int(max), "interval": .int(interval),
                "state": .string("New"), "fordisplay": .bool(try c.bool("fordisplay", default: true)),
                "created": .string(c.created), "vmprofileid": .string(profile.id), "lbruleid": .string(rule.id),
                "zoneid": rule.fields["zoneid"] ?? .string(""), "nextvmseq": .int(1),
            ]
            f.merge(Store.ownerFields(of: rule.fields)) { $1 }
            let fields = f
            let created = c.created
            return .job(
                JobSpec(
                    cmd: AutoScalePolicyAPIs.cmdPrefix + "CreateAutoScaleVmGroupCmd",
                    instanceType: "AutoScaleVmGroup", instanceID: id, immediateID: id
                ) { store, _ in
                    store.insert(Store.groupNoun, fields, id: id)
                    store.relink(Store.groupPolicyNoun, "groupid", id, "policyid", (up + down).map(\.id))
                    // Configured: the rule goes Active and the group Enabled (configureLbAutoScaleVmGroup).
                    store.table("loadbalancerrule").update(rule.id) { $0.fields["state"] = .string("Active") }
                    store.table(Store.groupNoun).update(id) { $0.fields["state"] = .string("Enabled") }
                    store.scaleUpToMinimum(id, created: created)
                    return ["autoscalevmgroup": store.renderGroup(try store.jobEntity(Store.groupNoun, id))]
                })
        },
        Handler("updateAutoScaleVmGroup", async: true) { c throws(APIError) in
            let group = try AutoScalePolicyAPIs.own(c, Store.groupNoun)
            let up =
                c.optional("scaleuppolicyids") == nil
                ? nil : try AutoScalePolicyAPIs.entities(c, "scaleuppolicyids", Store.policyNoun)
            let down =
                c.optional("scaledownpolicyids") == nil
                ? nil : try AutoScalePolicyAPIs.entities(c, "scaledownpolicyids", Store.policyNoun)
            let (newMin, newMax, newInterval) = (
                try c.int("minmembers"), try c.int("maxmembers"), try c.int("interval")
            )
            let interval = newInterval ?? Int(group["interval"] ?? "") ?? defaultInterval
            let reshapes =
                newMin != nil || newMax != nil || interval != Int(group["interval"] ?? "") || up != nil || down != nil
            if reshapes, group["state"] != "Disabled" {
                throw APIError.refused(
                    "An AutoScale Vm Group can be updated with minMembers/maxMembers/Interval only when it is in disabled state"
                )
            }
            try VMOwnershipAPIs.refuseCustomID(c)
            let name =
                c.optional("name").flatMap { $0.trimmingSpaces().isEmpty ? nil : $0 } ?? group["name"] ?? group.id
            let min = newMin ?? Int(group["minmembers"] ?? "") ?? 0
            let max = newMax ?? Int(group["maxmembers"] ?? "") ?? 0
            let current = c.store.groupPolicyIDs(group.id).compactMap { c.store.table(Store.policyNoun).get($0) }
            let ups = up ?? current.filter { $0["action"] == "SCALEUP" }
            let downs = down ?? current.filter { $0["action"] == "SCALEDOWN" }
            guard let profile = c.store.table(Store.profileNoun).get(group["vmprofileid"] ?? ""),
                let rule = c.store.table("loadbalancerrule").get(group["lbruleid"] ?? "")
            else { throw APIError.refused("Unable to find the profile or load balancer rule of AutoScale Vm Group") }
            try check(c, name: name, min: min, max: max, interval: interval, up: ups, down: downs, profile, rule)
            let display = try c.optional("fordisplay").map { _ throws(APIError) in try c.bool("fordisplay") }
            return .job(
                JobSpec(
                    cmd: AutoScalePolicyAPIs.cmdPrefix + "UpdateAutoScaleVmGroupCmd",
                    instanceType: "AutoScaleVmGroup", instanceID: group.id, immediateID: nil
                ) { store, _ in
                    store.table(Store.groupNoun).update(group.id) { e in
                        e.fields["name"] = .string(name)
                        e.fields["minmembers"] = .int(min)
                        e.fields["maxmembers"] = .int(max)
                        e.fields["interval"] = .int(interval)
                        if let display { e.fields["fordisplay"] = .bool(display) }
                    }
                    if up != nil || down != nil {
                        store.relink(Store.groupPolicyNoun, "groupid", group.id, "policyid", (ups + downs).map(\.id))
                    }
                    return ["autoscalevmgroup": store.renderGroup(try store.jobEntity(Store.groupNoun, group.id))]
                })
        },
        Handler("enableAutoScaleVmGroup", async: true) { c throws(APIError) in
            let group = try AutoScalePolicyAPIs.own(c, Store.groupNoun)
            if group["state"] != "Enabled", group["state"] != "Disabled" {
                throw APIError.refused("Only a AutoScale Vm Group which is in Disabled state can be enabled.")
            }
            return turn(group, to: "Enabled", "EnableAutoScaleVmGroupCmd", created: c.created)
        },
        Handler("disableAutoScaleVmGroup", async: true) { c throws(APIError) in
            let group = try AutoScalePolicyAPIs.own(c, Store.groupNoun)
            if !["Enabled", "Scaling", "Disabled"].contains(group["state"] ?? "") {
                throw APIError.refused(
                    "Only a AutoScale Vm Group which is in Enabled or Scaling state can be disabled.")
            }
            return turn(group, to: "Disabled", "DisableAutoScaleVmGroupCmd", created: c.created)
        },
        Handler("deleteAutoScaleVmGroup", async: true) { c throws(APIError) in
            let group = try AutoScalePolicyAPIs.own(c, Store.groupNoun)
            let cleanup = try c.bool("cleanup")
            let state = group["state"] ?? ""
            if state != "New" {
                if state != "Disabled", !cleanup {
                    throw APIError.refused(
                        "Cannot delete autoscale vm group id : \(group.seq) because it is in \(state) state. Please disable it or pass cleanup=true flag which will destroy all VMs."
                    )
                }
                let vms = c.store.groupVMIDs(group.id).filter { c.store.vms[id: $0] != nil }.count
                if vms > 0, !cleanup {
                    throw APIError.refused(
                        "Cannot delete autoscale vm group id : \(group.seq) because there are \(vms) VMs. Please remove the VMs or pass cleanup=true flag which will destroy all VMs."
                    )
                }
            }
            let ruleID = group["lbruleid"] ?? ""
            return AutoScaleCounterAPIs.removal(
                Store.groupNoun, group.id, "user.autoscale.DeleteAutoScaleVmGroupCmd", "AutoScaleVmGroup"
            ) { store in
                if cleanup { store.destroyGroupVMs(group.id) }
                store.relink(Store.groupPolicyNoun, "groupid", group.id, "policyid", [])
                store.relink(Store.groupVMNoun, "groupid", group.id, "virtualmachineid", [])
                // The rule's members are the group's: without them it is back to Add.
                if store.table("lbinstance").first(where: { $0["ruleid"] == ruleID }) == nil {
                    store.table("loadbalancerrule").update(ruleID) { $0.fields["state"] = .string("Add") }
                }
            }
        },
        Handler("listAutoScaleVmGroups") { c throws(APIError) in
            let policy = c.optional("policyid")
            let reply = try c.listEntities(Store.groupNoun, owned: true) { e in
                policy.map { c.store.groupPolicyIDs(e.id).contains($0) } ?? true
            }
            return AutoScalePolicyAPIs.rendered(reply, c.store, Store.groupNoun, c.store.renderGroup)
        },
    ]

    /// enable/disable: a group already there answers as it is; an enabled one is brought up to its minimum.
    static func turn(_ group: Entity, to state: String, _ cmd: String, created: String) -> Reply {
        .job(
            JobSpec(
                cmd: AutoScalePolicyAPIs.cmdPrefix + cmd, instanceType: "AutoScaleVmGroup", instanceID: group.id,
                immediateID: nil
            ) { store, _ in
                store.table(Store.groupNoun).update(group.id) { $0.fields["state"] = .string(state) }
                if state == "Enabled" { store.scaleUpToMinimum(group.id, created: created) }
                return ["autoscalevmgroup": store.renderGroup(try store.jobEntity(Store.groupNoun, group.id))]
            })
    }

    /// checkValidityAndPersist for a group, in the server's order: the name, the member bounds, the interval,
    /// the policies (each longer than the interval, of its list's action), the profile and rule, the
    /// network's support for autoscaling and for the policies' counters, and one owner for all of them.
    static func check(
        _ c: Call, name: String, min: Int, max: Int, interval: Int, up: [Entity], down: [Entity], _ profile: Entity,
        _ rule: Entity
    ) throws(APIError) {
        let allowed = name.lowercased().allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        if name.isEmpty || name.count > 255 || !allowed {
            throw APIError.refused(
                "Invalid AutoScale VM group name. It can contain the ASCII letters 'a' through 'z', 'A' through 'Z', the digits '0' through '9' and the hyphen ('-'), must be between 1 and 255 characters long."
            )
        }
        if min <= 0 { throw APIError.refused("minmembers is an invalid value: \(min)") }
        if max <= 0 { throw APIError.refused("maxmembers is an invalid value: \(max)") }
        if min > max { throw APIError.refused("minmembers (\(min))cannot be greater than maxmembers (\(max))") }
        if interval <= 0 { throw APIError.refused("interval is an invalid value: \(interval)") }
        for (list, action, param) in [(up, "SCALEUP", "scaleup"), (down, "SCALEDOWN", "scaledown")] {
            if list.isEmpty {
                throw APIError.refused(
                    "AutoScale VM group must have at least one \(action == "SCALEUP" ? "ScaleUp" : "ScaleDown") policy")
            }
            for policy in list {
                let duration = Int(policy["duration"] ?? "") ?? 0
                if duration < interval {
                    throw APIError.refused(
                        "duration : \(duration) specified in a policy cannot be less than vm group's interval : \(interval)"
                    )
                }
                if policy["action"] != action {
                    throw APIError.refused("Only \(param) policies can be specified in \(param)policyids")
                }
            }
        }
        try c.checkAccess(owner: profile, what: "autoscalevmprofile \(profile.id)")
        try c.checkAccess(owner: rule, what: "load balancer rule \(rule.id)")
        guard let network = c.store.table("network").get(rule["networkid"] ?? ""),
            c.store.supportsVMAutoScaling(network)
        else { throw APIError.refused("Vm AutoScaling is not supported by this network.") }
        let provider = NetworkOfferings.providers(network.fields, of: "Lb").first ?? ""
        guard let sources = Store.autoScaleCounterSources[provider] else {
            throw APIError.refused("AutoScale is not supported in the network")
        }
        for policy in up + down {
            for conditionID in c.store.policyConditionIDs(policy.id) {
                let condition = c.store.table(AutoScaleCounterAPIs.conditionNoun).get(conditionID)
                let source = c.store.table(Store.counterNoun).get(condition?["counterid"] ?? "")?["source"] ?? ""
                if !sources.contains(source.lowercased()) {
                    throw APIError.refused(
                        "AutoScale counter with source='\(source.uppercased())' is not supported in the network")
                }
            }
        }
        try AutoScalePolicyAPIs.sameOwner(c, up + down + [rule, profile])
    }
}

import Values
import OrderedCollections

/// Autoscale policies, as AutoScaleManagerImpl checks them: a ScaleUp or ScaleDown action, a duration
/// and quiet time of 0 or more, conditions of one owner on different counters; a policy in a group
/// changes only while the group is disabled and goes only once no group uses it.
enum AutoScalePolicyAPIs {
    static let cmdPrefix = "org.apache.cloudstack.api.command.user.autoscale."
    /// AutoScalePolicy.Action by its name (what answers show), read in any case.
    static let actions = ["SCALEUP", "SCALEDOWN"]
    /// NetUtils.DEFAULT_AUTOSCALE_POLICY_QUIET_TIME, in seconds.
    static let defaultQuietTime = 300

    static let handlers: [Handler] = [
        Handler("createAutoScalePolicy", async: true) { c throws(APIError) in
            let conditions = try entities(c, "conditionids", AutoScaleCounterAPIs.conditionNoun)
            let action = try action(c, required: true)!
            guard let duration = try c.int("duration") else { throw APIError.missing("duration", command: c.command) }
            let quietTime = try c.int("quiettime") ?? defaultQuietTime
            try checkTimes(duration: duration, quietTime: quietTime)
            // The policy is its first condition's owner's (CreateAutoScalePolicyCmd.getEntityOwnerId).
            let owner = Store.ownerFields(of: conditions[0].fields)
            try checkConditions(c, conditions)
            var f: Record = ["action": .string(action), "duration": .int(duration), "quiettime": .int(quietTime)]
            if let name = c.optional("name") { f["name"] = .string(name) }
            f.merge(owner) { $1 }
            let id = c.store.newID()
            let fields = f
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "CreateAutoScalePolicyCmd", instanceType: "AutoScalePolicy", instanceID: id,
                    immediateID: id
                ) { store, _ in
                    let e = store.insert(Store.policyNoun, fields, id: id)
                    store.relink(Store.policyConditionNoun, "policyid", id, "conditionid", conditions.map(\.id))
                    return ["autoscalepolicy": store.renderPolicy(e)]
                })
        },
        Handler("updateAutoScalePolicy", async: true) { c throws(APIError) in
            let policy = try own(c, Store.policyNoun)
            let conditions =
                c.optional("conditionids") == nil
                ? nil : try entities(c, "conditionids", AutoScaleCounterAPIs.conditionNoun)
            let duration = try c.int("duration") ?? Int(policy["duration"] ?? "") ?? 0
            let quietTime = try c.int("quiettime") ?? Int(policy["quiettime"] ?? "") ?? 0
            for group in c.store.groups(usingPolicy: policy.id) {
                guard group["state"] == "Disabled" else {
                    throw APIError.refused(
                        "The AutoScale Policy can be updated only if the Vm Group it is associated with is disabled in state"
                    )
                }
                if duration < Int(group["interval"] ?? "") ?? 0 {
                    throw APIError.refused("duration is less than the associated AutoScaleVmGroup's interval")
                }
            }
            try checkTimes(duration: duration, quietTime: quietTime)
            if let conditions {
                try checkConditions(c, conditions)
                try sameOwner(c, conditions + [policy])
            }
            let name = c.optional("name")
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "UpdateAutoScalePolicyCmd", instanceType: "AutoScalePolicy",
                    instanceID: policy.id, immediateID: nil
                ) { store, _ in
                    store.table(Store.policyNoun).update(policy.id) { e in
                        if let name { e.fields["name"] = .string(name) }
                        e.fields["duration"] = .int(duration)
                        e.fields["quiettime"] = .int(quietTime)
                    }
                    if let conditions {
                        store.relink(
                            Store.policyConditionNoun, "policyid", policy.id, "conditionid", conditions.map(\.id))
                    }
                    return ["autoscalepolicy": store.renderPolicy(try store.jobEntity(Store.policyNoun, policy.id))]
                })
        },
        Handler("deleteAutoScalePolicy", async: true) { c throws(APIError) in
            let policy = try own(c, Store.policyNoun)
            if !c.store.groups(usingPolicy: policy.id).isEmpty {
                throw APIError.refused(
                    "Cannot delete AutoScale Policy when it is in use by one or more AutoScale Vm Groups")
            }
            return AutoScaleCounterAPIs.removal(
                Store.policyNoun, policy.id, "user.autoscale.DeleteAutoScalePolicyCmd", "AutoScalePolicy"
            ) { $0.relink(Store.policyConditionNoun, "policyid", policy.id, "conditionid", []) }
        },
        Handler("listAutoScalePolicies") { c throws(APIError) in
            _ = try action(c, required: false)
            let condition = c.optional("conditionid"), group = c.optional("vmgroupid")
            let inGroup = group.map { Set(c.store.groupPolicyIDs($0)) }
            let reply = try c.listEntities(Store.policyNoun, owned: true) { e in
                (condition.map { c.store.policyConditionIDs(e.id).contains($0) } ?? true)
                    && (inGroup?.contains(e.id) ?? true)
            }
            return rendered(reply, c.store, Store.policyNoun, c.store.renderPolicy)
        },
    ]

    /// `action` in any case, as AutoScalePolicy.Action.fromValue reads it; the server's words otherwise.
    static func action(_ c: Call, required: Bool) throws(APIError) -> String? {
        guard let a = c.optional("action") else {
            if required { throw APIError.missing("action", command: c.command) }
            return nil
        }
        guard let known = actions.first(where: { $0 == a.uppercased() }) else {
            throw APIError.refused(
                "action is invalid. Supported actions are: [\(actions.joined(separator: ", "))]")
        }
        return known
    }

    static func checkTimes(duration: Int, quietTime: Int) throws(APIError) {
        if duration < 0 { throw APIError.refused("duration is an invalid value: \(duration)") }
        if quietTime < 0 { throw APIError.refused("quietTime is an invalid value: \(quietTime)") }
    }

    /// A policy's conditions: the caller's to use, one owner's, each on its own counter.
    static func checkConditions(_ c: Call, _ conditions: [Entity]) throws(APIError) {
        try sameOwner(c, conditions)
        var counters: Set<String> = []
        for condition in conditions where !counters.insert(condition["counterid"] ?? "").inserted {
            throw APIError.refused(
                "at least two conditions in the conditionids have the same counter. It is not right to apply two different conditions for the same counter"
            )
        }
    }

    /// The entity of `noun` named by `param`, if the caller may act on it; an unknown id gets the
    /// dispatcher's words, as the server's uuid translation answers before the command runs.
    static func own(_ c: Call, _ noun: String, _ param: String = "id") throws(APIError) -> Entity {
        let e = try known(c, param, noun)
        try c.checkAccess(owner: e, what: "\(noun) \(e.id)")
        return e
    }

    /// The entity of `noun` named by `param` (the dispatcher's words when there is none).
    static func known(_ c: Call, _ param: String, _ noun: String) throws(APIError) -> Entity {
        let id = try c.required(param)
        guard let e = c.store.table(noun).get(id) else { throw CatalogCheck.noEntity(param, id, command: c.command) }
        return e
    }

    /// The entities a uuid list parameter names, each known (the dispatcher's words otherwise).
    static func entities(_ c: Call, _ param: String, _ noun: String) throws(APIError) -> [Entity] {
        guard let ids = c.list(param), !ids.isEmpty else { throw APIError.missing(param, command: c.command) }
        var out: [Entity] = []
        for id in ids {
            guard let e = c.store.table(noun).get(id) else {
                throw CatalogCheck.noEntity(param, id, command: c.command)
            }
            out.append(e)
        }
        return out
    }

    /// checkAccess with sameOwner: the caller may use each, and all are one owner's (531 otherwise).
    static func sameOwner(_ c: Call, _ entities: [Entity]) throws(APIError) {
        func owner(_ e: Entity) -> String { e["projectid"] ?? "\(e["account"] ?? "")/\(e["domainid"] ?? "")" }
        for (i, e) in entities.enumerated() {
            try c.checkAccess(owner: e, what: e.id)
            if i > 0, owner(e) != owner(entities[i - 1]) {
                throw APIError.permission(
                    "Entity \(e.id) and entity \(entities[i - 1].id) belong to different accounts")
            }
        }
    }

    /// A list answer whose items are shown as `render` puts them together.
    static func rendered(_ reply: Reply, _ store: Store, _ noun: String, _ render: (Entity) -> Value) -> Reply {
        guard case .list(let n, let items, let total) = reply else { return reply }
        let shown = items.map { item in
            item[field: "id"].flatMap { store.table(noun).get($0.plainText) }.map(render) ?? item
        }
        return .list(noun: n, items: shown, total: total)
    }
}

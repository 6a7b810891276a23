import OrderedCollections
import Values

/// Autoscale counters (root admin) and conditions, as AutoScaleManagerImpl checks them: a counter's
/// source and provider must be ones the server knows, a condition names an existing counter with
/// one of the five operators, and neither goes while something uses it; a condition changes only
/// while no group using it runs.
enum AutoScaleCounterAPIs {
    static let conditionNoun = "condition"
    /// Counter.Source in 4.18.
    static let sources = ["netscaler", "snmp", "cpu", "memory", "virtualrouter"]
    /// Condition.Operator.
    static let operators = ["EQ", "GT", "LT", "GE", "LE"]
    /// The network providers a counter may name (Network.Provider, by its name).
    static let providers = [
        "VirtualRouter", "JuniperContrailRouter", "JuniperContrailVpcRouter", "JuniperSRX", "PaloAlto",
        "F5BigIp", "Netscaler", "ExternalDhcpServer", "ExternalGateWay", "ElasticLoadBalancerVm",
        "SecurityGroupProvider", "VpcVirtualRouter", "None", "NiciraNvp", "InternalLbVm", "CiscoVnmc",
        "Ovs", "Opendaylight", "BrocadeVcs", "GloboDns", "ConfigDrive", "BigSwitchBcf", "Tungsten",
    ]

    static let handlers: [Handler] = [
        Handler("createCounter", async: true) { c throws(APIError) in
            let source = try c.required("source"), provider = try c.required("provider")
            let (name, value) = (try c.required("name"), try c.required("value"))
            guard sources.contains(source.lowercased()) else {
                throw APIError.refused("The Source \(source) does not exist; Unable to create Counter")
            }
            guard let known = providers.first(where: { $0.lowercased() == provider.lowercased() }) else {
                throw APIError.refused("The Provider \(provider) does not exist; Unable to create Counter")
            }
            let id = c.store.newID()
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.admin.autoscale.CreateCounterCmd",
                    instanceType: "Counter", instanceID: id, immediateID: id
                ) { store, _ in
                    let e = store.insert(
                        Store.counterNoun,
                        [
                            "name": .string(name), "source": .string(source.lowercased()), "value": .string(value),
                            "provider": .string(known),
                        ], id: id)
                    return ["counter": .record(e.fields)]
                })
        },
        Handler("deleteCounter", async: true) { c throws(APIError) in
            let id = try c.required("id")
            guard let counter = c.store.table(Store.counterNoun).get(id) else {
                throw APIError.refused("Unable to find Counter")
            }
            if c.store.table(conditionNoun).first(where: { $0["counterid"] == counter.id }) != nil {
                throw APIError.inUse("Counter is in use.")
            }
            return removal(Store.counterNoun, id, "admin.autoscale.DeleteCounterCmd", "Counter")
        },
        // The counter DAO's search: name and keyword as LIKE, source and provider equal; newest first.
        Handler("listCounters") { c throws(APIError) in
            var provider: String? = nil
            if let p = c.optional("provider") {
                guard let known = providers.first(where: { $0.lowercased() == p.lowercased() }) else {
                    throw APIError.refused("The Provider \(p) does not exist; Unable to list Counter")
                }
                provider = known
            }
            let (id, source) = (c.optional("id"), c.optional("source")?.lowercased())
            let name = c.optional("name")?.lowercased(), keyword = c.optional("keyword")?.lowercased()
            let rows = c.store.table(Store.counterNoun).rows.reversed().filter { e in
                let n = e["name"]?.lowercased() ?? ""
                return (id == nil || e.id == id) && (source == nil || e["source"]?.lowercased() == source)
                    && (provider == nil || e["provider"] == provider) && (name.map { n.contains($0) } ?? true)
                    && (keyword.map { n.contains($0) } ?? true)
            }
            let range = try c.pageRange(count: rows.count)
            return .list(noun: "counter", items: rows[range].map { .record($0.fields) }, total: rows.count)
        },
        Handler("listConditions") { c throws(APIError) in
            let policy = c.optional("policyid")
            let inPolicy = policy.map { Set(c.store.policyConditionIDs($0)) }
            return try c.listEntities(conditionNoun, owned: true) { e in inPolicy?.contains(e.id) ?? true }
        },
        Handler("updateCondition", async: true) { c throws(APIError) in
            let condition = try ownCondition(c)
            let op = try c.required("relationaloperator").uppercased()
            guard let threshold = try c.int("threshold", in: Int.min...Int.max) else {
                throw APIError.missing("threshold", command: c.command)
            }
            guard operators.contains(op) else {
                throw APIError.refused("The Operator \(op) does not exist; Unable to update Condition.")
            }
            try checkThreshold(threshold)
            let policies = Set(
                c.store.table(Store.policyConditionNoun).rows.filter { $0["conditionid"] == condition.id }
                    .compactMap { $0["policyid"] })
            let running = c.store.table(Store.groupNoun).rows.filter { g in
                g["state"] != "Disabled" && c.store.groupPolicyIDs(g.id).contains { policies.contains($0) }
            }
            if !running.isEmpty {
                throw APIError.inUse(
                    "Cannot update condition \(condition.seq) as it is being used in \(running.count) vm groups NOT in Disabled state."
                )
            }
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.user.autoscale.UpdateConditionCmd",
                    instanceType: "Condition", instanceID: condition.id, immediateID: nil
                ) { store, _ in
                    store.table(conditionNoun).update(condition.id) { e in
                        e.fields["relationaloperator"] = .string(op)
                        e.fields["threshold"] = .int(threshold)
                    }
                    return ["success": .bool(true)]
                })
        },
        Handler("createCondition", async: true) { c throws(APIError) in
            let op = try c.required("relationaloperator").uppercased()
            let counterID = try c.required("counterid")
            guard let threshold = try c.int("threshold") else {
                throw APIError.missing("threshold", command: c.command)
            }
            guard operators.contains(op) else {
                throw APIError.refused("The Operator \(op) does not exist; Unable to create Condition.")
            }
            try checkThreshold(threshold)
            guard let counter = c.store.table(Store.counterNoun).get(counterID) else {
                throw APIError.refused("Unable to find counter")
            }
            var f: Record = [
                "relationaloperator": .string(op), "threshold": .int(threshold), "counterid": .string(counter.id),
                "countername": counter.fields["name"] ?? .null, "counter": .list([.record(counter.fields)]),
            ]
            if let pid = c.optional("projectid") {
                guard let project = c.store.table(Store.projectNoun).get(pid) else {
                    throw CatalogCheck.noEntity("projectid", pid, command: c.command)
                }
                f.merge(Store.projectOwnerFields(project), uniquingKeysWith: { $1 })
            } else {
                f.merge(try c.ownerFields(), uniquingKeysWith: { $1 })
            }
            let id = c.store.newID()
            let fields = f
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.user.autoscale.CreateConditionCmd",
                    instanceType: "Condition", instanceID: id, immediateID: id
                ) { store, _ in
                    ["condition": .record(store.insert(conditionNoun, fields, id: id).fields)]
                })
        },
        Handler("deleteCondition", async: true) { c throws(APIError) in
            let condition = try ownCondition(c)
            let id = condition.id
            if c.store.table(Store.policyConditionNoun).first(where: { $0["conditionid"] == id }) != nil {
                throw APIError.inUse("Cannot delete Condition when it is in use by one or more AutoScale Policies.")
            }
            return removal(conditionNoun, id, "user.autoscale.DeleteConditionCmd", "Condition")
        },
    ]

    /// The condition named by `id`, if the caller may change it.
    static func ownCondition(_ c: Call) throws(APIError) -> Entity {
        let id = try c.required("id")
        guard let condition = c.store.table(conditionNoun).get(id) else {
            throw APIError.refused("Unable to find Condition")
        }
        try c.checkAccess(owner: condition, what: "condition \(id)")
        return condition
    }

    static func checkThreshold(_ threshold: Int) throws(APIError) {
        if threshold < 0 {
            throw APIError.refused("The threshold \(threshold) must be equal to or greater than 0.")
        }
    }

    /// A delete's job: the row goes when the job ends (the checks ran at the call).
    /// `also` removes what goes with the row (a policy's links to its conditions).
    static func removal(
        _ noun: String, _ id: String, _ cmd: String, _ type: String, also: @escaping (Store) -> Void = { _ in }
    ) -> Reply {
        .job(
            JobSpec(
                cmd: "org.apache.cloudstack.api.command." + cmd, instanceType: type, instanceID: id, immediateID: nil
            ) { store, _ in
                store.table(noun).remove(id)
                also(store)
                return ["success": .bool(true)]
            })
    }
}

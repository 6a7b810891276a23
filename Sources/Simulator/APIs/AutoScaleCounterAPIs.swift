import OrderedCollections
import Values

/// Autoscale counters (root admin) and conditions, as AutoScaleManagerImpl checks them: a counter's
/// source and provider must be ones the server knows, a condition names an existing counter with
/// one of the five operators, and neither goes while something uses it. Lists and updates stay
/// with the generic engine (the records hold what their answers show).
enum AutoScaleCounterAPIs {
    static let conditionNoun = "condition"
    static let policyNoun = "autoscalepolicy"
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
        Handler("createCondition", async: true) { c throws(APIError) in
            let op = try c.required("relationaloperator").uppercased()
            let counterID = try c.required("counterid")
            guard let threshold = try c.int("threshold") else {
                throw APIError.missing("threshold", command: c.command)
            }
            guard operators.contains(op) else {
                throw APIError.refused("The Operator \(op) does not exist; Unable to create Condition.")
            }
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
            let id = try c.required("id")
            guard let condition = c.store.table(conditionNoun).get(id) else {
                throw APIError.refused("Unable to find Condition")
            }
            if let project = condition["projectid"] {
                try c.checkAccess(accountID: project, domainID: condition["domainid"] ?? "", what: "condition \(id)")
            } else {
                try c.checkAccess(
                    account: condition["account"], domainID: condition["domainid"], what: "condition \(id)")
            }
            let used = c.store.table(policyNoun).first {
                ($0["conditionids"] ?? "").split(separator: ",").contains { $0 == id }
                    || $0.fields["conditions"]?.list?.contains { $0[field: "id"]?.plainText == id } == true
            }
            if used != nil {
                throw APIError.inUse("Cannot delete Condition when it is in use by one or more AutoScale Policies.")
            }
            return removal(conditionNoun, id, "user.autoscale.DeleteConditionCmd", "Condition")
        },
    ]

    /// A delete's job: the row goes when the job ends (the checks ran at the call).
    private static func removal(_ noun: String, _ id: String, _ cmd: String, _ type: String) -> Reply {
        .job(
            JobSpec(
                cmd: "org.apache.cloudstack.api.command." + cmd, instanceType: type, instanceID: id, immediateID: nil
            ) { store, _ in
                store.table(noun).remove(id)
                return ["success": .bool(true)]
            })
    }
}

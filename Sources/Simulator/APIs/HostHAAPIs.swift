import OrderedCollections
import Values

/// Host HA (root admin): a host gets the HA provider of its hypervisor (configureHAForHost), then
/// HA is enabled or disabled per host, cluster and zone; an enabled host is Available while HA is on
/// for its cluster and zone too, Ineligible otherwise.
enum HostHAAPIs {
    static let noun = "hostha"
    /// Clusters and zones with HA disabled (the server's resource detail).
    static let disabledNoun = "hadisabled"
    static let cmdPrefix = "org.apache.cloudstack.api.command.admin.ha."
    /// The HA providers there are, by hypervisor (HAResource.ResourceSubType).
    static let providers: [String: String] = ["KVM": "kvmhaprovider", "Simulator": "simulatorhaprovider"]

    static let handlers: [Handler] = [
        Handler("listHostHAProviders") { c throws(APIError) in
            let hv = try c.required("hypervisor")
            guard
                let known = ["XenServer", "KVM", "LXC", "VMware", "Hyperv", "Ovm3", "Simulator"].first(where: {
                    $0.lowercased() == hv.lowercased()
                })
            else { throw APIError.invalid("hypervisor", "'\(hv)' is not a hypervisor type") }
            let items: [Value] = providers[known].map { [.record(["haprovider": .string($0)])] } ?? []
            return .list(noun: "haprovider", items: items, total: items.count)
        },
        Handler("listHostHAResources") { c throws(APIError) in
            let rows = c.store.table(noun).rows.filter { c.optional("hostid") == nil || $0.id == c.optional("hostid") }
            let items = rows.map { render(c.store, $0) }
            return .list(noun: "hostha", items: items, total: items.count)
        },
        Handler("configureHAForHost", async: true) { c throws(APIError) in
            let h = try host(c)
            let provider = try c.required("provider").lowercased()
            guard providers[h["hypervisor"] ?? ""] == provider else {
                throw APIError.invalid(
                    "provider", "\(provider) is not an HA provider for the host's hypervisor \(h["hypervisor"] ?? "")")
            }
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "ConfigureHAForHostCmd", instanceType: "Host", instanceID: h.id, immediateID: nil
                ) { store, _ in
                    let enabled = store.table(noun).get(h.id)?["haenable"] == "true"
                    store.table(noun).put(
                        Entity(
                            id: h.id,
                            fields: [
                                "hostid": .string(h.id), "haprovider": .string(provider),
                                "haenable": .bool(enabled),
                            ]))
                    return ["hostha": render(store, try store.jobEntity(noun, h.id), status: true)]
                })
        },
        hostToggle("enableHAForHost", on: true),
        hostToggle("disableHAForHost", on: false),
        scopeToggle("enableHAForCluster", "cluster", on: true),
        scopeToggle("disableHAForCluster", "cluster", on: false),
        scopeToggle("enableHAForZone", "zone", on: true),
        scopeToggle("disableHAForZone", "zone", on: false),
    ]

    /// listHosts' answer with each host's HA and out-of-band management state, as the server nests them.
    static func withHostStates(_ store: Store, _ reply: Reply) -> Reply {
        guard case .list(let noun, let items, let total) = reply else { return reply }
        return .list(noun: noun, items: items.map { withStates(store, $0) }, total: total)
    }

    /// One host record with its HA and out-of-band management states, as every host answer shows them.
    static func withStates(_ store: Store, _ item: Value) -> Value {
        guard var r = item.record, let id = r["id"]?.plainText else { return item }
        let ha = store.table(Self.noun).get(id)
        var haRecord: Record = [
            "haenable": .bool(ha?["haenable"] == "true"),
            "hastate": .string(ha.map { state(store, $0) } ?? "Disabled"),
        ]
        if let p = ha?.fields["haprovider"] { haRecord["haprovider"] = p }
        r["hostha"] = .record(haRecord)
        var oobm: Record = [
            "enabled": .bool(store.table(OutOfBandAPIs.noun).get(id)?["enabled"] == "true"),
            "powerstate": .string(OutOfBandAPIs.powerState(store, hostID: id)),
        ]
        for k in ["driver", "address", "port", "username"] {
            if let v = store.table(OutOfBandAPIs.noun).get(id)?.fields[k] { oobm[k] = v }
        }
        r["outofbandmanagement"] = .record(oobm)
        return .record(r)
    }

    /// The host a `hostid` names; an unknown id is the dispatcher's error.
    static func host(_ c: Call, _ param: String = "hostid") throws(APIError) -> Entity {
        let id = try c.required(param)
        guard let h = c.store.table("host").get(id) else {
            throw CatalogCheck.noEntity(param, id, command: c.command)
        }
        return h
    }

    static func render(_ store: Store, _ e: Entity, status: Bool? = nil) -> Value {
        var f = e.fields
        f["hastate"] = .string(state(store, e))
        if let status { f["status"] = .bool(status) }
        return .record(f)
    }

    /// Disabled, or Available when HA is on for the host, its cluster and its zone (Ineligible when not for those).
    static func state(_ store: Store, _ e: Entity) -> String {
        guard e["haenable"] == "true" else { return "Disabled" }
        let host = store.table("host").get(e.id)
        let off = [host?["clusterid"], host?["zoneid"]].contains {
            $0.map { store.table(disabledNoun).get($0) != nil } ?? false
        }
        return off ? "Ineligible" : "Available"
    }

    static func hostToggle(_ name: String, on: Bool) -> Handler {
        Handler(name, async: true) { c throws(APIError) in
            let h = try host(c)
            guard c.store.table(noun).get(h.id) != nil else {
                throw APIError.refused(
                    "HA is not configured for the host \(h["name"] ?? h.id): configure an HA provider first (configureHAForHost)"
                )
            }
            return .job(
                JobSpec(
                    cmd: cmdPrefix + OutOfBandAPIs.cmdName(name), instanceType: "Host", instanceID: h.id,
                    immediateID: nil
                ) { store, _ in
                    store.table(noun).update(h.id) { $0.fields["haenable"] = .bool(on) }
                    return ["hostha": render(store, try store.jobEntity(noun, h.id), status: true)]
                })
        }
    }

    static func scopeToggle(_ name: String, _ kind: String, on: Bool) -> Handler {
        Handler(name, async: true) { c throws(APIError) in
            let param = kind + "id"
            let id = try c.required(param)
            guard c.store.table(kind).get(id) != nil else { throw CatalogCheck.noEntity(param, id, command: c.command) }
            return .job(
                JobSpec(
                    cmd: cmdPrefix + OutOfBandAPIs.cmdName(name), instanceType: nil, instanceID: nil, immediateID: nil
                ) { store, _ in
                    if on {
                        store.table(disabledNoun).remove(id)
                    } else {
                        store.table(disabledNoun).put(Entity(id: id, fields: ["kind": .string(kind)]))
                    }
                    return ["success": .bool(true)]
                })
        }
    }
}

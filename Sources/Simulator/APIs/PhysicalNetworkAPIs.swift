import Values
import OrderedCollections

/// Physical networks (root admin) with their network service providers and the router /
/// internal LB elements behind them. A new physical network is Disabled and its providers
/// too; a provider can be enabled only once its element is (as the server requires).
enum PhysicalNetworkAPIs {
    static let cmdPrefix = "org.apache.cloudstack.api.command.admin.network."
    /// Providers every physical network gets, and which have a configurable element.
    static let providers: [(name: String, services: [String], element: String?)] = [
        (
            "VirtualRouter",
            [
                "Vpn", "Dhcp", "Dns", "Gateway", "Firewall", "Lb", "UserData", "SourceNat", "StaticNat",
                "PortForwarding",
            ],
            "virtualrouterelement"
        ),
        (
            "VpcVirtualRouter",
            [
                "Vpn", "Dhcp", "Dns", "Gateway", "Lb", "UserData", "SourceNat", "StaticNat", "NetworkACL",
                "PortForwarding",
            ],
            "virtualrouterelement"
        ),
        ("InternalLbVm", ["Lb"], "internalloadbalancerelement"),
        ("ConfigDrive", ["UserData"], nil),
        ("SecurityGroupProvider", ["SecurityGroup"], nil),
    ]

    static let handlers: [Handler] = [
        Handler("listPhysicalNetworks") { c throws(APIError) in
            let exact = c.exactFields(["zoneid"])
            return try c.listEntities("physicalnetwork") { exact($0) }
        },
        Handler("createPhysicalNetwork", async: true) { c throws(APIError) in
            let name = try c.required("name")
            let zone = try c.entity("zone", "zoneid", what: "zone")
            let methods = try (c.list("isolationmethods") ?? ["VLAN"]).map { m throws(APIError) in
                let known = [
                    "VLAN", "VXLAN", "GRE", "L3", "STT", "BCF_SEGMENT", "SSP", "ODL", "L3VPN", "VSP", "VCS", "TF",
                ]
                guard let hit = known.first(where: { $0.lowercased() == m.lowercased() }) else {
                    throw APIError.invalid("isolationmethods", "'\(m)' is not one of \(known.joined(separator: ", "))")
                }
                return hit
            }
            let range =
                try NetworkOfferingAPIs.choice(c, "broadcastdomainrange", ["POD", "ZONE"])
                ?? (zone["networktype"] == "Basic" ? "POD" : "ZONE")
            var f: Record = [
                "name": .string(name), "zoneid": .string(zone.id), "zonename": zone.fields["name"] ?? .string(""),
                "state": .string("Disabled"), "isolationmethods": .string(methods.joined(separator: ",")),
                "broadcastdomainrange": .string(range),
            ]
            for k in ["networkspeed", "vlan", "tags", "domainid"] { if let v = c.optional(k) { f[k] = .string(v) } }
            let id = c.store.newID()
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "CreatePhysicalNetworkCmd", instanceType: "PhysicalNetwork", instanceID: id,
                    immediateID: id
                ) { store, _ in
                    let pn = store.insert("physicalnetwork", f, id: id)
                    store.ensureProviders(pn)
                    return ["physicalnetwork": .record(pn.fields)]
                })
        },
        Handler("updatePhysicalNetwork", async: true) { c throws(APIError) in
            let pn = try c.entity("physicalnetwork", "id", what: "physical network")
            let state = try NetworkOfferingAPIs.choice(c, "state", ["Enabled", "Disabled"])
            let params = c.params
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "UpdatePhysicalNetworkCmd", instanceType: "PhysicalNetwork", instanceID: pn.id,
                    immediateID: nil
                ) { store, _ in
                    store.table("physicalnetwork").update(pn.id) { e in
                        if let state { e.fields["state"] = .string(state) }
                        for k in ["networkspeed", "vlan", "tags"] {
                            // An empty value clears the field (how a tag is removed).
                            if let v = params[k] { e.fields[k] = v.isEmpty ? nil : .string(v) }
                        }
                    }
                    return ["physicalnetwork": .record(try store.jobEntity("physicalnetwork", pn.id).fields)]
                })
        },
        Handler("deletePhysicalNetwork", async: true) { c throws(APIError) in
            let pn = try c.entity("physicalnetwork", "id", what: "physical network")
            if let n = c.store.table("network").first(where: { $0["physicalnetworkid"] == pn.id }) {
                throw APIError.refused(
                    "The physical network is not deletable because network \(n["name"] ?? n.id) uses it")
            }
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "DeletePhysicalNetworkCmd", instanceType: "PhysicalNetwork", instanceID: pn.id,
                    immediateID: nil
                ) { store, _ in
                    let nsps = store.table("networkserviceprovider").rows.filter { $0["physicalnetworkid"] == pn.id }
                        .map(\.id)
                    for noun in ["virtualrouterelement", "internalloadbalancerelement"] {
                        for e in store.table(noun).rows where nsps.contains(e["nspid"] ?? "") {
                            store.table(noun).remove(e.id)
                        }
                    }
                    for noun in ["networkserviceprovider", "traffictype"] {
                        for e in store.table(noun).rows where e["physicalnetworkid"] == pn.id {
                            store.table(noun).remove(e.id)
                        }
                    }
                    store.table("physicalnetwork").remove(pn.id)
                    store.table(Store.providersGivenNoun).remove(pn.id)
                    return ["success": .bool(true)]
                })
        },
        Handler("listNetworkServiceProviders") { c throws(APIError) in
            for pn in c.store.table("physicalnetwork").rows { c.store.ensureProviders(pn) }
            let exact = c.exactFields(["physicalnetworkid", "state"])
            return try c.listEntities("networkserviceprovider") { exact($0) }
        },
        Handler("updateNetworkServiceProvider", async: true) { c throws(APIError) in
            let nsp = try c.entity("networkserviceprovider", "id", what: "network service provider")
            let state = try NetworkOfferingAPIs.choice(c, "state", ["Enabled", "Disabled", "Shutdown"])
            if state == "Enabled", let element = providers.first(where: { $0.name == nsp["name"] })?.element,
                c.store.table(element).first(where: { $0["nspid"] == nsp.id })?["enabled"] != "true"
            {
                throw APIError.refused(
                    "Provider is not ready, cannot Enable the provider, please configure the provider first")
            }
            let list = c.list("servicelist")
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "UpdateNetworkServiceProviderCmd", instanceType: "PhysicalNetworkServiceProvider",
                    instanceID: nsp.id, immediateID: nil
                ) { store, _ in
                    store.table("networkserviceprovider").update(nsp.id) { e in
                        if let state { e.fields["state"] = .string(state) }
                        if let list { e.fields["servicelist"] = .list(list.map { .string($0) }) }
                    }
                    return [
                        "networkserviceprovider": .record(try store.jobEntity("networkserviceprovider", nsp.id).fields)
                    ]
                })
        },
        Handler("listVirtualRouterElements") { c throws(APIError) in try listElements(c, "virtualrouterelement") },
        Handler("configureVirtualRouterElement", async: true) { c throws(APIError) in
            try configure(c, "virtualrouterelement", cmd: "ConfigureVirtualRouterElementCmd")
        },
        Handler("listInternalLoadBalancerElements") { c throws(APIError) in
            try listElements(c, "internalloadbalancerelement")
        },
        Handler("configureInternalLoadBalancerElement", async: true) { c throws(APIError) in
            try configure(c, "internalloadbalancerelement", cmd: "ConfigureInternalLoadBalancerElementCmd")
        },
    ]

    static func listElements(_ c: Call, _ noun: String) throws(APIError) -> Reply {
        for pn in c.store.table("physicalnetwork").rows { c.store.ensureProviders(pn) }
        let exact = c.exactFields(["nspid", "enabled"])
        return try c.listEntities(noun) { exact($0) }
    }

    static func configure(_ c: Call, _ noun: String, cmd: String) throws(APIError) -> Reply {
        let e = try c.entity(
            noun, "id",
            what: noun == "virtualrouterelement" ? "virtual router element" : "internal load balancer element")
        let enabled = try c.bool("enabled")
        return .job(
            JobSpec(cmd: cmdPrefix + cmd, instanceType: nil, instanceID: e.id, immediateID: nil) { store, _ in
                store.table(noun).update(e.id) { $0.fields["enabled"] = .bool(enabled) }
                return [noun: .record(try store.jobEntity(noun, e.id).fields)]
            })
    }

    /// The physical network of `zone` carrying `traffic` (Public, Guest...), if any.
    static func carrier(_ store: Store, zone: String, traffic: String) -> Entity? {
        let networks = store.table("physicalnetwork").rows.filter { $0["zoneid"] == zone }
        let typed = networks.first { pn in
            store.table("traffictype").rows.contains {
                $0["physicalnetworkid"] == pn.id && $0["traffictype"] == traffic
            }
        }
        return typed ?? networks.first
    }
}

extension Store {
    /// Physical networks that got their providers (kept, not answered): once given, a provider an
    /// admin deletes stays deleted.
    static let providersGivenNoun = "physicalnetworkprovidersgiven"

    /// Gives a physical network its providers and elements when it has none yet (also for
    /// physical networks a data center seed made): enabled when the network is.
    func ensureProviders(_ pn: Entity) {
        guard table(Self.providersGivenNoun).get(pn.id) == nil else { return }
        table(Self.providersGivenNoun).put(Entity(id: pn.id, fields: [:]))
        guard table("networkserviceprovider").first(where: { $0["physicalnetworkid"] == pn.id }) == nil else { return }
        let on = pn["state"] == "Enabled"
        for p in PhysicalNetworkAPIs.providers {
            let nsp = insert(
                "networkserviceprovider",
                [
                    "name": .string(p.name), "physicalnetworkid": .string(pn.id),
                    "state": .string(on ? "Enabled" : "Disabled"),
                    "servicelist": .list(p.services.map { .string($0) }), "destinationphysicalnetworkid": .string("0"),
                    "canenableindividualservice": .bool(p.name != "SecurityGroupProvider"),
                ])
            if let element = p.element { insert(element, ["nspid": .string(nsp.id), "enabled": .bool(on)]) }
        }
    }
}

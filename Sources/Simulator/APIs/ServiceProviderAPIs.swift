import OrderedCollections
import Values

/// Adding and deleting a physical network's service providers and making the router and internal LB
/// elements behind them (root admin), as NetworkServiceImpl, VirtualRouterElement and
/// InternalLoadBalancerElement check them. A provider is added Disabled with the services its element
/// offers (or those named), once per physical network; it goes while no network on that physical
/// network uses it. The cloud has the elements of PhysicalNetworkAPIs.providers only: other providers
/// get the words of a server without their plugin.
enum ServiceProviderAPIs {
    static let cmdPrefix = PhysicalNetworkAPIs.cmdPrefix

    static let handlers: [Handler] = [
        // The command's create step runs the checks and stores the provider before the job starts.
        Handler("addNetworkServiceProvider", async: true) { c throws(APIError) in
            let name = try c.required("name")
            let pn = try known(c, "physicalnetworkid", "physicalnetwork")
            let destination = try c.optional("destinationphysicalnetworkid").map { (id: String) throws(APIError) in
                try known(c, "destinationphysicalnetworkid", "physicalnetwork").id
            }
            guard AutoScaleCounterAPIs.providers.contains(where: { $0.lowercased() == name.lowercased() }) else {
                throw APIError.refused("Invalid Network Service Provider=\(name)")
            }
            c.store.ensureProviders(pn)
            if c.store.table("networkserviceprovider").first(where: {
                $0["physicalnetworkid"] == pn.id && $0["name"]?.lowercased() == name.lowercased()
            }) != nil {
                throw APIError.internalError("The '\(name)' provider already exists on physical network : \(pn.seq)")
            }
            // The element is found by the provider's exact name.
            guard let element = PhysicalNetworkAPIs.providers.first(where: { $0.name == name }) else {
                throw APIError.refused("Unable to find the Network Element implementing the Service Provider '\(name)'")
            }
            let individually = element.name != "SecurityGroupProvider"
            var services = element.services
            if let given = c.list("servicelist") {
                if !individually, given.count != element.services.count {
                    throw APIError.refused(
                        "Cannot enable subset of Services, Please specify the complete list of Services for this Service Provider '\(name)'"
                    )
                }
                services = []
                for s in given {
                    guard
                        let service = NetworkOfferingAPIs.knownServices.first(where: {
                            $0.lowercased() == s.lowercased()
                        }),
                        service != "Gateway"
                    else { throw APIError.refused("Invalid Network Service specified=\(s)") }
                    guard element.services.contains(service) else {
                        throw APIError.refused("\(name) Provider cannot provide this Service specified=\(s)")
                    }
                    services.append(service)
                }
                // A source NAT service brings the gateway with it.
                if services.contains("SourceNat") { services.append("Gateway") }
            }
            let nsp = c.store.insert(
                "networkserviceprovider",
                [
                    "name": .string(name), "physicalnetworkid": .string(pn.id), "state": .string("Disabled"),
                    "servicelist": .list(services.map { .string($0) }),
                    "destinationphysicalnetworkid": .string(destination ?? "0"),
                    "canenableindividualservice": .bool(individually),
                ])
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "AddNetworkServiceProviderCmd", instanceType: "PhysicalNetworkServiceProvider",
                    instanceID: nsp.id, immediateID: nsp.id
                ) { store, _ in
                    ["networkserviceprovider": .record(try store.jobEntity("networkserviceprovider", nsp.id).fields)]
                })
        },
        Handler("deleteNetworkServiceProvider", async: true) { c throws(APIError) in
            let nsp = try known(c, "id", "networkserviceprovider")
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "DeleteNetworkServiceProviderCmd", instanceType: "PhysicalNetworkServiceProvider",
                    instanceID: nsp.id, immediateID: nil
                ) { store, _ in
                    let current = try store.jobEntity("networkserviceprovider", nsp.id)
                    let name = current["name"] ?? ""
                    let inUse = store.table("network").rows.contains { n in
                        n["physicalnetworkid"] == current["physicalnetworkid"]
                            && (n.fields["service"]?.list ?? []).contains { s in
                                (s[field: "provider"]?.list ?? []).contains { $0[field: "name"]?.plainText == name }
                            }
                    }
                    if inUse {
                        throw APIError.internalError(
                            "Provider is not deletable because there are active networks using this provider, please upgrade these networks to new network offerings"
                        )
                    }
                    store.table("networkserviceprovider").remove(nsp.id)
                    // Simplification: the server leaves the provider's element row behind; it goes with it here.
                    for noun in ["virtualrouterelement", "internalloadbalancerelement"] {
                        for e in store.table(noun).rows where e["nspid"] == nsp.id { store.table(noun).remove(e.id) }
                    }
                    return ["success": .bool(true)]
                })
        },
        Handler("createVirtualRouterElement", async: true) { c throws(APIError) in
            let nsp = try known(c, "nspid", "networkserviceprovider")
            if let type = c.optional("providertype"),
                !["virtualrouter", "vpcvirtualrouter"].contains(type.lowercased())
            {
                throw APIError.refused("Invalid providerType specified")
            }
            // Simplification: the server keeps one element per provider and type; here a provider has one.
            if c.store.table("virtualrouterelement").first(where: { $0["nspid"] == nsp.id }) != nil {
                throw APIError.internalError("Failed to add Virtual Router entity to physical network")
            }
            return element(c, "virtualrouterelement", nsp, cmd: "admin.router.CreateVirtualRouterElementCmd")
        },
        Handler("createInternalLoadBalancerElement", async: true) { c throws(APIError) in
            let nsp = try known(c, "nspid", "networkserviceprovider")
            if c.store.table("internalloadbalancerelement").first(where: { $0["nspid"] == nsp.id }) != nil {
                throw APIError.refused("There is already an element with service provider id \(nsp.seq)")
            }
            guard nsp["name"]?.lowercased() == "internallbvm" else {
                throw APIError.refused("Invalid network service provider is specified")
            }
            return element(
                c, "internalloadbalancerelement", nsp, cmd: "admin.internallb.CreateInternalLoadBalancerElementCmd")
        },
    ]

    /// An entity a uuid parameter names, or the dispatcher's refusal.
    static func known(_ c: Call, _ param: String, _ noun: String) throws(APIError) -> Entity {
        let id = try c.required(param)
        guard let e = c.store.table(noun).get(id) else { throw CatalogCheck.noEntity(param, id, command: c.command) }
        return e
    }

    /// A new element of the provider, disabled until configured.
    static func element(_ c: Call, _ noun: String, _ nsp: Entity, cmd: String) -> Reply {
        let e = c.store.insert(noun, ["nspid": .string(nsp.id), "enabled": .bool(false)])
        return .job(
            JobSpec(
                cmd: "org.apache.cloudstack.api.command." + cmd, instanceType: nil, instanceID: e.id, immediateID: e.id
            ) { store, _ in [noun: .record(try store.jobEntity(noun, e.id).fields)] })
    }
}

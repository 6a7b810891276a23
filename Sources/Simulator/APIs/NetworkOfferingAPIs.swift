import Values
import OrderedCollections

/// Network and VPC offerings: list (everyone), create/update/delete (root admin). Created
/// offerings start Disabled unless `enable=true`; the seeded defaults cannot be deleted.
enum NetworkOfferingAPIs {
    /// Services the server knows; anything else is refused by name.
    static let knownServices = [
        "Vpn", "Dhcp", "Dns", "SourceNat", "PortForwarding", "Lb", "UserData", "StaticNat",
        "NetworkACL", "Firewall", "Gateway", "SecurityGroup", "Connectivity", "BaremetalPxeService",
    ]

    static let handlers: [Handler] = [
        Handler("listNetworkOfferings") { c throws(APIError) in
            let wanted = try services(c, "supportedservices")
            let sourceNat: Bool? = c.optional("sourcenatsupported") == nil ? nil : try c.bool("sourcenatsupported")
            // No network is made in a basic zone, so none of its offerings is listed for one.
            if c.optional("zoneid") != nil, try c.entity("zone", "zoneid", what: "zone")["networktype"] == "Basic" {
                return .list(noun: "networkoffering", items: [], total: 0)
            }
            if c.optional("networkid") != nil,
                try c.entity("network", "networkid", what: "network")["issystem"] == "true"
            {
                throw APIError.refused("Can't update system networks")
            }
            return try c.listEntities("networkoffering") { o in
                let have = NetworkOfferings.serviceNames(o.fields)
                if !wanted.allSatisfy(have.contains) { return false }
                if let sourceNat, have.contains("SourceNat") != sourceNat { return false }
                return true
            }
        },
        Handler("createNetworkOffering") { c throws(APIError) in
            let name = try c.required("name"), text = try c.required("displaytext")
            let type = try choice(c, "guestiptype", ["Shared", "Isolated", "L2"], required: true)!
            _ = try choice(c, "traffictype", ["Guest"], required: true)
            let forVPC = try c.bool("forvpc")
            let list = try services(c, "supportedservices")
            if type == "Shared", list.contains("SourceNat") {
                throw APIError.refused("Source NAT service is not supported for Shared network offerings")
            }
            let byService = try providers(c, services: list, default: forVPC ? "VpcVirtualRouter" : "VirtualRouter")
            var seed = NetworkOfferings.Seed(
                name: name, displayText: text, guestIPType: type, services: byService,
                specifyVlan: try c.bool("specifyvlan"), specifyIPRanges: try c.bool("specifyipranges"),
                availability: try choice(c, "availability", ["Optional", "Required"]) ?? "Optional",
                conserveMode: try c.bool("conservemode", default: true), forVPC: forVPC,
                flags: try OfferingCapabilityParams.flags(c, services: list))
            seed.isDefault = false
            var router = c.store.defaultRouterOfferingID()
            if c.optional("serviceofferingid") != nil {
                let o = try c.entity("serviceoffering", "serviceofferingid", what: "service offering")
                guard o["systemvmtype"]?.lowercased() == "domainrouter" else {
                    throw APIError.refused("The specified service offering \(o.id) cannot be used by virtual router!")
                }
                router = o.id
            }
            var f = NetworkOfferings.record(
                seed, state: try c.bool("enable") ? "Enabled" : "Disabled", created: c.created, routerOffering: router)
            f["ispersistent"] = .bool(try c.bool("ispersistent"))
            f["egressdefaultpolicy"] = .bool(try c.bool("egressdefaultpolicy"))
            if let m = try c.int("maxconnections") { f["maxconnections"] = .int(m) }
            if let r = try c.int("networkrate") { f["networkrate"] = .int(r) }
            if let t = c.optional("tags") { f["tags"] = .string(t) }
            return .object(["networkoffering": .record(c.store.insert("networkoffering", f).fields)])
        },
        Handler("updateNetworkOffering") { c throws(APIError) in
            let o = try offering(c, "networkoffering", what: "network offering")
            let state = try choice(c, "state", ["Enabled", "Disabled"])
            let availability = try choice(c, "availability", ["Optional", "Required"])
            let maxConnections = try c.int("maxconnections"), sortKey = try c.int("sortkey")
            c.store.table("networkoffering").update(o.id) { e in
                if let v = c.optional("displaytext") { e.fields["displaytext"] = .string(v) }
                if let v = c.optional("name"), c.optional("id") != nil { e.fields["name"] = .string(v) }
                if let state { e.fields["state"] = .string(state) }
                if let availability { e.fields["availability"] = .string(availability) }
                if let maxConnections { e.fields["maxconnections"] = .int(maxConnections) }
                if let sortKey { e.fields["sortkey"] = .int(sortKey) }
                if let t = c.params["tags"] { e.fields["tags"] = t.isEmpty ? nil : .string(t) }
            }
            return .object(["networkoffering": .record(c.store.table("networkoffering").get(o.id)!.fields)])
        },
        Handler("deleteNetworkOffering") { c throws(APIError) in
            let o = try c.entity("networkoffering", "id", what: "network offering")
            if o["isdefault"] == "true" { throw APIError.refused("Default network offering can't be deleted") }
            let users = c.store.table("network").rows.filter { $0["networkofferingid"] == o.id }.count
            if users > 0 {
                throw APIError.refused(
                    "Can't delete network offering \(o["name"] ?? o.id) as it is used by \(users) network(s). "
                        + "To make the network offering unavailable, disable it")
            }
            c.store.table("networkoffering").remove(o.id)
            return .object(["success": .bool(true)])
        },
        Handler("listVPCOfferings") { c throws(APIError) in
            let wanted = try services(c, "supportedservices")
            return try c.listEntities("vpcoffering") { o in
                wanted.allSatisfy(NetworkOfferings.serviceNames(o.fields).contains)
            }
        },
        Handler("createVPCOffering", async: true) { c throws(APIError) in
            let name = try c.required("name"), text = try c.required("displaytext")
            let list = try services(c, "supportedservices")
            guard !list.isEmpty else { throw APIError.missing("supportedservices", command: c.command) }
            var service = NetworkOfferings.servicesValue(try providers(c, services: list, default: "VpcVirtualRouter"))
            service = capabilities(c, service)
            var f: Record = [
                "name": .string(name), "displaytext": .string(text), "isdefault": .bool(false),
                "state": .string(try c.bool("enable") ? "Enabled" : "Disabled"), "service": service,
            ]
            let caps = c.params.map("servicecapabilitylist")
            func cap(_ type: String) -> Bool {
                caps.contains {
                    $0["capabilitytype"]?.lowercased() == type.lowercased()
                        && $0["capabilityvalue"]?.lowercased() == "true"
                }
            }
            f["distributedvpcrouter"] = .bool(cap("DistributedRouter"))
            f["supportsregionLevelvpc"] = .bool(cap("RegionLevelVPC"))
            f["internetprotocol"] = .string(c.optional("internetprotocol") ?? "IPv4")
            f["created"] = .string(c.created)
            let id = c.store.newID()
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.admin.vpc.CreateVPCOfferingCmd", instanceType: nil,
                    instanceID: id, immediateID: id
                ) { store, _ in
                    ["vpcoffering": .record(store.insert("vpcoffering", f, id: id).fields)]
                })
        },
        Handler("updateVPCOffering", async: true) { c throws(APIError) in
            let o = try offering(c, "vpcoffering", what: "VPC offering")
            let state = try choice(c, "state", ["Enabled", "Disabled"])
            let sortKey = try c.int("sortkey")
            let params = c.params
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.admin.vpc.UpdateVPCOfferingCmd", instanceType: nil,
                    instanceID: o.id, immediateID: nil
                ) { store, _ in
                    store.table("vpcoffering").update(o.id) { e in
                        if let v = params.value("displaytext") { e.fields["displaytext"] = .string(v) }
                        if let v = params.value("name") { e.fields["name"] = .string(v) }
                        if let state { e.fields["state"] = .string(state) }
                        if let sortKey { e.fields["sortkey"] = .int(sortKey) }
                    }
                    return ["vpcoffering": .record(try store.jobEntity("vpcoffering", o.id).fields)]
                })
        },
        Handler("deleteVPCOffering", async: true) { c throws(APIError) in
            let o = try c.entity("vpcoffering", "id", what: "VPC offering")
            if o["isdefault"] == "true" { throw APIError.refused("Default VPC offering can't be deleted") }
            if c.store.table("vpc").first(where: { $0["vpcofferingid"] == o.id }) != nil {
                throw APIError.refused(
                    "Can't delete VPC offering \(o["name"] ?? o.id) as it is used by VPCs. "
                        + "To make the VPC offering unavailable, disable it")
            }
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.admin.vpc.DeleteVPCOfferingCmd", instanceType: nil,
                    instanceID: o.id, immediateID: nil
                ) { store, _ in
                    store.table("vpcoffering").remove(o.id)
                    return ["success": .bool(true)]
                })
        },
    ]

    /// The offering named by `id` (or, for updates, by `name`).
    static func offering(_ c: Call, _ noun: String, what: String) throws(APIError) -> Entity {
        if c.optional("id") != nil { return try c.entity(noun, "id", what: what) }
        guard let name = c.optional("name") else { throw APIError.missing("id", command: c.command) }
        guard let o = c.store.table(noun).first(where: { $0["name"] == name }) else {
            throw APIError.refused("Unable to find \(what) with name \(name)")
        }
        return o
    }

    /// A parameter restricted to a few values, answered in the server's spelling.
    static func choice(_ c: Call, _ name: String, _ allowed: [String], required: Bool = false) throws(APIError)
        -> String?
    {
        guard let v = c.optional(name) else {
            if required { throw APIError.missing(name, command: c.command) }
            return nil
        }
        guard let hit = allowed.first(where: { $0.lowercased() == v.lowercased() }) else {
            throw APIError.invalid(name, "'\(v)' is not one of \(allowed.joined(separator: ", "))")
        }
        return hit
    }

    /// A comma-separated list of service names, each checked and spelled as the server does.
    static func services(_ c: Call, _ name: String) throws(APIError) -> [String] {
        var out: [String] = []
        for s in c.list(name) ?? [] where !s.isEmpty {
            guard let hit = knownServices.first(where: { $0.lowercased() == s.lowercased() }) else {
                throw APIError.refused("Invalid service \(s)")
            }
            if !out.contains(hit) { out.append(hit) }
        }
        return out
    }

    /// serviceproviderlist[i].service/provider, with `default` for services given none.
    static func providers(_ c: Call, services: [String], default d: String) throws(APIError)
        -> NetworkOfferings.Services
    {
        var given: [String: [String]] = [:]
        for entry in c.params.map("serviceproviderlist") {
            guard let s = entry["service"], let p = entry["provider"] else { continue }
            guard let service = services.first(where: { $0.lowercased() == s.lowercased() }) else {
                throw APIError.refused(
                    "Cannot specify a provider for service \(s): it is not among the supported services")
            }
            given[service, default: []].append(providerName(p))
        }
        return services.map { s in (s, given[s] ?? [s == "SecurityGroup" ? "SecurityGroupProvider" : d]) }
    }

    /// Provider names as the server spells them, whatever case the caller used.
    static func providerName(_ p: String) -> String {
        let known = [
            "VirtualRouter", "VpcVirtualRouter", "InternalLbVm", "SecurityGroupProvider", "Netscaler", "ConfigDrive",
            "F5BigIp", "JuniperSRX", "PaloAlto", "NiciraNvp", "Ovs", "BigSwitchBcf", "Tungsten",
        ]
        return known.first { $0.lowercased() == p.lowercased() } ?? p
    }

    /// servicecapabilitylist[i].service/capabilitytype/capabilityvalue onto a VPC offering's services.
    static func capabilities(_ c: Call, _ service: Value) -> Value {
        var out = service
        for e in c.params.map("servicecapabilitylist") {
            guard let s = e["service"], let t = e["capabilitytype"], let v = e["capabilityvalue"] else { continue }
            out = NetworkOfferings.withCapability(out, s, t, v)
        }
        return out
    }
}

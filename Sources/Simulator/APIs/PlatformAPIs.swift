import Values
import OrderedCollections

/// The catalogue of the platform every user reads: OS categories, hypervisors and their
/// capabilities, regions (root admins add, update and remove regions and change capabilities).
enum PlatformAPIs {
    static let handlers: [Handler] = [
        Handler("listOsCategories") { c throws(APIError) in try c.listEntities("oscategory") },
        Handler("listHypervisors") { c throws(APIError) in
            // A zone's hypervisors are its clusters'; without a zone, those the cloud is set up for.
            var names = Set(c.store.table("cluster").rows.compactMap { $0["hypervisortype"] })
            if let zoneID = c.optional("zoneid") {
                _ = try c.entity("zone", "zoneid", what: "zone")
                names = Set(
                    c.store.table("cluster").rows.filter { $0["zoneid"] == zoneID }.compactMap { $0["hypervisortype"] })
            } else {
                names.insert("Simulator")
            }
            let items = names.sorted().map { Value.record(["name": .string($0)]) }
            return .list(noun: "hypervisor", items: items, total: items.count)
        },
        Handler("listHypervisorCapabilities") { c throws(APIError) in
            // The server names this list's items in camel case.
            guard case .list(_, let items, let total) = try c.listEntities("hypervisorcapability") else {
                return .object([:])
            }
            return .list(noun: "hypervisorCapabilities", items: items, total: total)
        },
        Handler("updateHypervisorCapabilities") { c throws(APIError) in
            let cap = try c.entity("hypervisorcapability", "id", what: "hypervisor capability")
            let guests = try c.int("maxguestslimit"), volumes = try c.int("maxdatavolumeslimit"),
                hosts = try c.int("maxhostspercluster")
            let sg = c.optional("securitygroupenabled") == nil ? nil : try c.bool("securitygroupenabled")
            let motion = c.optional("storagemotionenabled") == nil ? nil : try c.bool("storagemotionenabled")
            c.store.table("hypervisorcapability").update(cap.id) { e in
                if let guests { e.fields["maxguestslimit"] = .int(guests) }
                if let volumes { e.fields["maxdatavolumeslimit"] = .int(volumes) }
                if let hosts { e.fields["maxhostspercluster"] = .int(hosts) }
                if let sg { e.fields["securitygroupenabled"] = .bool(sg) }
                if let motion { e.fields["storagemotionenabled"] = .bool(motion) }
            }
            return .object([
                "hypervisorcapabilities": .record(c.store.table("hypervisorcapability").get(cap.id)!.fields)
            ])
        },
        Handler("listRegions") { c throws(APIError) in try c.listEntities("region") },
        Handler("addRegion") { c throws(APIError) in
            guard let id = try c.int("id"), id > 0 else { throw APIError.missing("id", command: c.command) }
            let name = try c.required("name"), endpoint = try c.required("endpoint")
            if c.store.table("region").get(String(id)) != nil {
                throw APIError.invalid("id", "Region with id: \(id) already exists")
            }
            if c.store.table("region").first(where: { $0["name"] == name }) != nil {
                throw APIError.invalid("name", "Region with name: \(name) already exists")
            }
            return .object([
                "region": .record(c.store.insert("region", regionFields(id, name, endpoint), id: String(id)).fields)
            ])
        },
        Handler("updateRegion") { c throws(APIError) in
            let region = try c.entity("region", "id", what: "region")
            if let name = c.optional("name"),
                c.store.table("region").first(where: { $0["name"] == name && $0.id != region.id }) != nil
            {
                throw APIError.invalid("name", "Region with name: \(name) already exists")
            }
            c.store.table("region").update(region.id) { r in
                if let v = c.optional("name") { r.fields["name"] = .string(v) }
                if let v = c.optional("endpoint") { r.fields["endpoint"] = .string(v) }
            }
            return .object(["region": .record(c.store.table("region").get(region.id)!.fields)])
        },
        Handler("removeRegion") { c throws(APIError) in
            let region = try c.entity("region", "id", what: "region")
            c.store.table("region").remove(region.id)
            return .object(["success": .bool(true)])
        },
    ]

    /// Regions have numeric ids (no UUID), as on the server.
    static func regionFields(_ id: Int, _ name: String, _ endpoint: String) -> Record {
        [
            "id": .int(id), "name": .string(name), "endpoint": .string(endpoint), "gslbserviceenabled": .bool(true),
            "portableipserviceenabled": .bool(false),
        ]
    }
}

extension Store {
    /// What a fresh install has besides the data center: the local region and the default
    /// hypervisor capabilities (limits per hypervisor version).
    func seedPlatform() {
        insert("region", PlatformAPIs.regionFields(1, "Local", "http://localhost:8080/client/"), id: "1", seq: 1)
        for (hv, guests, volumes, sg, motion, snapshots) in [
            ("XenServer", 50, 6, true, false, true), ("KVM", 50, 26, true, false, true),
            ("VMware", 128, 13, false, true, true), ("Simulator", 50, 6, true, true, true),
        ] {
            insert(
                "hypervisorcapability",
                [
                    "hypervisor": .string(hv), "hypervisorversion": .string("default"), "maxguestslimit": .int(guests),
                    "maxdatavolumeslimit": .int(volumes), "securitygroupenabled": .bool(sg),
                    "storagemotionenabled": .bool(motion),
                    "vmsnapshotenabled": .bool(snapshots),
                ])
        }
    }
}

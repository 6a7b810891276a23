import Values
import OrderedCollections

/// Service, disk and network offerings: everyone lists them; root admins create, update, delete
/// (service and disk ones). An offering still used by a VM or volume cannot be deleted (536).
enum OfferingAPIs {
    static func serviceOffering(
        name: String, displayText: String, cpus: Int?, speed: Int?, memory: Int?, ha: Bool,
        created: String, storage: String = "shared"
    ) -> Record {
        var r: Record = ["name": .string(name), "displaytext": .string(displayText)]
        if let cpus { r["cpunumber"] = .int(cpus) }
        if let speed { r["cpuspeed"] = .int(speed) }
        if let memory { r["memory"] = .int(memory) }
        r.merge(
            [
                "created": .string(created), "storagetype": .string(storage), "provisioningtype": .string("thin"),
                "cacheMode": .string("none"), "offerha": .bool(ha), "limitcpuuse": .bool(false),
                "isvolatile": .bool(false), "issystem": .bool(false),
                "defaultuse": .bool(false), "iscustomized": .bool(cpus == nil || memory == nil),
                "hasannotations": .bool(false),
                // The 4.18 defaults of what every offering answer carries (ServiceOfferingJoinDaoImpl).
                "dynamicscalingenabled": .bool(true), "encryptroot": .bool(false), "rootdisksize": .int(0),
                "diskofferingstrictness": .bool(false),
            ], uniquingKeysWith: { $1 })
        return r
    }

    static func diskOffering(name: String, displayText: String, gb: Int, created: String, storage: String = "shared")
        -> Record
    {
        [
            "name": .string(name), "displaytext": .string(displayText), "disksize": .int(gb),
            "created": .string(created),
            "iscustomized": .bool(gb == 0), "storagetype": .string(storage), "provisioningtype": .string("thin"),
            "cacheMode": .string("none"), "displayoffering": .bool(true), "encrypt": .bool(false),
            "disksizestrictness": .bool(false),
        ]
    }

    static let handlers: [Handler] = [
        // System offerings (routers, system VMs) show only with issystem=true, as on the server.
        Handler("listServiceOfferings") { c throws(APIError) in
            try c.listEntities("serviceoffering") { c.optional("issystem") != nil || $0["issystem"] != "true" }
        },
        Handler("listDiskOfferings") { c throws(APIError) in try c.listEntities("diskoffering") },
        Handler("createServiceOffering") { c throws(APIError) in
            let name = try c.required("name"), text = try c.required("displaytext")
            let cpus = try positive(c, "cpunumber"), speed = try positive(c, "cpuspeed"),
                memory = try positive(c, "memory")
            let given = [cpus, speed, memory].compactMap { $0 }.count
            if try c.bool("customized") == false, given != 0, given != 3 {
                throw APIError.invalid(
                    "cpunumber", "give cpunumber, cpuspeed and memory together, or none for a custom offering")
            }
            var f = serviceOffering(
                name: name, displayText: text, cpus: cpus, speed: speed, memory: memory,
                ha: try c.bool("offerha"), created: c.created, storage: try storageType(c))
            f["dynamicscalingenabled"] = .bool(try c.bool("dynamicscalingenabled", default: true))
            f["encryptroot"] = .bool(try c.bool("encryptroot"))
            f["diskofferingstrictness"] = .bool(try c.bool("diskofferingstrictness"))
            if let gb = try positive(c, "rootdisksize") { f["rootdisksize"] = .int(gb) }
            f["cacheMode"] = .string(try cacheMode(c))
            return .object(["serviceoffering": .record(c.store.insert("serviceoffering", f).fields)])
        },
        Handler("updateServiceOffering") { c throws(APIError) in
            try update(c, "serviceoffering", what: "service offering")
        },
        Handler("deleteServiceOffering") { c throws(APIError) in
            let o = try c.entity("serviceoffering", "id", what: "service offering")
            let users = c.store.vms.live.filter { $0.offeringID == o.id }.count
            if users > 0 {
                throw APIError.inUse(
                    "Unable to delete service offering \(o["name"] ?? o.id): \(users) virtual machine(s) use it")
            }
            c.store.table("serviceoffering").remove(o.id)
            return .object(["success": .bool(true)])
        },
        Handler("createDiskOffering") { c throws(APIError) in
            let name = try c.required("name"), text = try c.required("displaytext")
            let gb = try positive(c, "disksize")
            if try c.bool("customized") == false, gb == nil {
                throw APIError.invalid("disksize", "Disksize is required for a non-customized disk offering")
            }
            var f = diskOffering(
                name: name, displayText: text, gb: gb ?? 0, created: c.created, storage: try storageType(c))
            f["encrypt"] = .bool(try c.bool("encrypt"))
            f["disksizestrictness"] = .bool(try c.bool("disksizestrictness"))
            f["cacheMode"] = .string(try cacheMode(c))
            return .object(["diskoffering": .record(c.store.insert("diskoffering", f).fields)])
        },
        Handler("updateDiskOffering") { c throws(APIError) in try update(c, "diskoffering", what: "disk offering") },
        Handler("deleteDiskOffering") { c throws(APIError) in
            let o = try c.entity("diskoffering", "id", what: "disk offering")
            if c.store.table("volume").first(where: { $0["diskofferingid"] == o.id }) != nil {
                throw APIError.inUse("Unable to delete disk offering \(o["name"] ?? o.id): volumes use it")
            }
            c.store.table("diskoffering").remove(o.id)
            return .object(["success": .bool(true)])
        },
    ]

    static func positive(_ c: Call, _ name: String) throws(APIError) -> Int? {
        guard let v = try c.int(name) else { return nil }  // a Java int: CPUs x MHz and MB x 2^20 fit in an Int
        guard v > 0 else { throw APIError.invalid(name, "must be greater than 0") }
        return v
    }

    /// The disk cache mode an offering's disks use (DiskOffering.DiskCacheMode; the column's default is none).
    static func cacheMode(_ c: Call) throws(APIError) -> String {
        let m = (c.optional("cachemode") ?? "none").lowercased()
        guard ["none", "writeback", "writethrough"].contains(m) else {
            throw APIError.invalid("cachemode", "'\(m)' is not a cache mode; use none, writeback or writethrough")
        }
        return m
    }

    static func storageType(_ c: Call) throws(APIError) -> String {
        let t = (c.optional("storagetype") ?? "shared").lowercased()
        guard t == "shared" || t == "local" else {
            throw APIError.invalid("storagetype", "'\(t)' is not shared or local")
        }
        return t
    }

    /// name, displaytext, sortkey (and displayoffering for disk offerings): what the update APIs change.
    static func update(_ c: Call, _ noun: String, what: String) throws(APIError) -> Reply {
        let o = try c.entity(noun, "id", what: what)
        let sortKey = try c.int("sortkey")
        let display = noun == "diskoffering" ? c.optional("displayoffering").map { $0.lowercased() == "true" } : nil
        c.store.table(noun).update(o.id) { e in
            if let v = c.optional("name") { e.fields["name"] = .string(v) }
            if let v = c.optional("displaytext") { e.fields["displaytext"] = .string(v) }
            if let sortKey { e.fields["sortkey"] = .int(sortKey) }
            if let display { e.fields["displayoffering"] = .bool(display) }
        }
        return .object([noun: .record(c.store.table(noun).get(o.id)!.fields)])
    }
}

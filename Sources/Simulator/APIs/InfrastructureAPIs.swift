import Values

/// Read-mostly infrastructure: zones, hosts, templates, offerings, OS types, capabilities.
enum InfrastructureAPIs {
    static let handlers: [Handler] = [
        Handler("listZones") { c throws(APIError) in try c.listEntities("zone") },
        Handler("listTemplates", listTemplates),
        Handler("listServiceOfferings") { c throws(APIError) in try c.listEntities("serviceoffering") },
        Handler("listDiskOfferings") { c throws(APIError) in try c.listEntities("diskoffering") },
        Handler("listOsTypes") { c throws(APIError) in try c.listEntities("ostype") },
        Handler("listApis", CatalogCheck.listApis),
        Handler("listCapabilities") { c throws(APIError) in
            .object(["capability": .record([
                "securitygroupsenabled": .bool(true), "dynamicrolesenabled": .bool(true),
                "cloudstackversion": .string("4.18.0.0-acsh-simulator"), "userpublictemplateenabled": .bool(true),
                "supportELB": .string("false"), "projectinviterequired": .bool(false),
                "allowusercreateprojects": .bool(true), "customdiskofferingminsize": .int(1),
                "customdiskofferingmaxsize": .int(1024), "regionsecondaryenabled": .bool(false),
                "kvmsnapshotenabled": .bool(true), "allowuserviewdestroyedvm": .bool(true),
                "allowuserexpungerecovervm": .bool(false), "apilimitinterval": .int(1),
                "apilimitmax": .int(c.store.options.throttlePerSecond ?? 25),
                "defaultuipagesize": .int(20), "kubernetesserviceenabled": .bool(false),
            ])])
        },
    ]

    /// templatefilter decides which templates: featured, self/selfexecutable (the caller's own),
    /// community/sharedexecutable (public, not featured), executable/all (everything usable).
    static func listTemplates(_ c: Call) throws(APIError) -> Reply {
        let filter = try c.required("templatefilter").lowercased()
        let known = ["featured", "self", "selfexecutable", "sharedexecutable", "executable", "community", "all"]
        guard known.contains(filter) else {
            throw APIError.invalid("templatefilter", "'\(filter)' is not one of \(known.joined(separator: ", "))")
        }
        let account = c.caller.account
        return try c.listEntities("template", rows: perZone(c.store), taggable: true) { t in
            if t["templatetype"] == "SYSTEM", filter != "all" { return false }
            return switch filter {
            case "featured": t["isfeatured"] == "true"
            case "self", "selfexecutable": t["account"] == account
            case "community", "sharedexecutable": t["ispublic"] == "true" && t["isfeatured"] != "true"
            default: t["ispublic"] == "true" || t["account"] == account || c.caller.isAdmin
            }
        }
    }

    /// A cross-zone template is ready in every zone: the server lists it once per zone, with
    /// that zone's id and name (so `zoneid` filters it like any other).
    static func perZone(_ store: Store) -> [Entity] {
        let zones = store.table("zone").rows
        return store.table("template").rows.flatMap { t -> [Entity] in
            guard t["crossZones"] == "true" else { return [t] }
            return zones.map { z in
                var copy = t
                copy.fields["zoneid"] = .string(z.id)
                copy.fields["zonename"] = z.fields["name"]
                return copy
            }
        }
    }
}

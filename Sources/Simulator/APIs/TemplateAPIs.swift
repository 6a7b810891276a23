import APICatalog
import Values
import OrderedCollections

/// Templates: listing by templatefilter (registering and changing them are not modelled yet).
enum TemplateAPIs {
    static let handlers: [Handler] = [
        Handler("listTemplates", listTemplates),
    ]

    /// templatefilter decides which templates: featured, self/selfexecutable (the caller's own),
    /// community/sharedexecutable (public, not featured), executable/all (everything usable).
    static func listTemplates(_ c: Call) throws(APIError) -> Reply {
        let filter = try c.required("templatefilter").lowercased()
        let known = KnownValues.values(forParam: "templatefilter") ?? []
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

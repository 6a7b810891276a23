import APICatalog
import Values

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
        return try c.listEntities("template", taggable: true) { t in
            switch filter {
            case "featured": t["isfeatured"] == "true"
            case "self", "selfexecutable": t["account"] == account
            case "community", "sharedexecutable": t["ispublic"] == "true" && t["isfeatured"] != "true"
            default: t["ispublic"] == "true" || t["account"] == account || c.caller.isAdmin
            }
        }
    }
}

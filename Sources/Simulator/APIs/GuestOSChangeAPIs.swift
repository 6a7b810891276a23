import OrderedCollections
import Values

/// User-defined guest OS types (root admin): addGuestOs, updateGuestOs (display name and details)
/// and removeGuestOs, with the server's checks; the types a real install ships stay read-only.
enum GuestOSChangeAPIs {
    static let cmdPrefix = "org.apache.cloudstack.api.command.admin.guest."
    /// A guest OS's name and details (kept by the server, not in its answer).
    static let detailNoun = "guestosdetail"

    static let handlers: [Handler] = [
        Handler("addGuestOs", async: true) { c throws(APIError) in
            let categoryID = try c.required("oscategoryid")
            guard c.store.table("oscategory").get(categoryID) != nil else {
                throw APIError.refused("Guest OS category not found. Please specify a valid Guest OS category")
            }
            let display = try c.required("osdisplayname")
            try unique(c, display, "Please specify a unique name")
            let details = try ResourceDetailAPIs.details(c, required: true)
            let name = c.optional("name")
            return .job(
                JobSpec(cmd: cmdPrefix + "AddGuestOsCmd", instanceType: "GuestOs", instanceID: nil, immediateID: nil) {
                    store, _ in
                    let os = store.insert(
                        "ostype",
                        [
                            "oscategoryid": .string(categoryID), "description": .string(display),
                            "isuserdefined": .bool(true),
                        ])
                    saveDetails(store, os.id, name: name, details)
                    return ["ostype": .record(os.fields)]
                })
        },
        Handler("updateGuestOs", async: true) { c throws(APIError) in
            let os = try userDefined(c, verb: "modify")
            let display = try c.required("osdisplayname")
            if display != os["description"] { try unique(c, display, "Please specify a unique guest OS name") }
            let details = try ResourceDetailAPIs.details(c, required: true)
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "UpdateGuestOsCmd", instanceType: "GuestOs", instanceID: os.id, immediateID: nil
                ) { store, _ in
                    store.table("ostype").update(os.id) { $0.fields["description"] = .string(display) }
                    saveDetails(store, os.id, name: nil, details)
                    return ["ostype": .record(try store.jobEntity("ostype", os.id).fields)]
                })
        },
        Handler("removeGuestOs", async: true) { c throws(APIError) in
            let os = try userDefined(c, verb: "remove")
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "RemoveGuestOsCmd", instanceType: "GuestOs", instanceID: os.id, immediateID: nil
                ) { store, _ in
                    store.table("ostype").remove(os.id)
                    store.table(detailNoun).remove(os.id)
                    return ["success": .bool(true)]
                })
        },
    ]

    static func unique(_ c: Call, _ display: String, _ advice: String) throws(APIError) {
        if c.store.table("ostype").first(where: { $0["description"]?.lowercased() == display.lowercased() }) != nil {
            throw APIError.refused("The specified Guest OS name : \(display) already exists. \(advice)")
        }
    }

    static func userDefined(_ c: Call, verb: String) throws(APIError) -> Entity {
        let id = try c.required("id")
        guard let os = c.store.table("ostype").get(id) else {
            throw APIError.refused("Guest OS not found. Please specify a valid ID for the Guest OS")
        }
        guard os["isuserdefined"] == "true" else { throw APIError.refused("Unable to \(verb) system defined guest OS") }
        return os
    }

    static func saveDetails(_ store: Store, _ id: String, name: String?, _ details: [(String, String)]) {
        var f = store.table(detailNoun).get(id)?.fields ?? [:]
        if let name { f["name"] = .string(name) }
        for (k, v) in details { f["detail." + k] = .string(v) }
        store.table(detailNoun).put(Entity(id: id, fields: f))
    }
}

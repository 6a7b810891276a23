import APICatalog
import Values
import OrderedCollections

/// Cisco UCS managers (UcsManagerImpl) with no UCS manager reachable. Adding one stores the row, then
/// logs in to discover its blades; the login fails ("Cannot get cookie") and the row is removed again,
/// so the plugin's tables stay empty: every command naming a manager meets the dispatcher's
/// unknown-UUID refusal, and the lists are empty.
enum UcsAPIs {
    static let handlers: [Handler] = [
        Handler("addUcsManager") { c throws(APIError) in
            _ = try c.vendorZone()
            _ = try c.required("url")
            // AddUcsManagerCmd wraps the manager's CloudRuntimeException in an internal error.
            throw APIError.internalError("Cannot get cookie")
        },
        Handler("listUcsManagers") { c throws(APIError) in
            _ = try c.vendorZone()
            if let id = c.optional("id") { throw CatalogCheck.noEntity("id", id, command: c.command) }
            return try c.emptyVendorList()
        },
        Handler("listUcsBlades") { c throws(APIError) in try noManager(c) },
        Handler("listUcsProfiles") { c throws(APIError) in try noManager(c) },
        Handler("deleteUcsManager") { c throws(APIError) in try noManager(c) },
        Handler("associateUcsProfileToBlade", async: true) { c throws(APIError) in try noManager(c) },
    ]

    /// No UCS manager is ever stored, so `ucsmanagerid` names none.
    static func noManager(_ c: Call) throws(APIError) -> Reply {
        let id = try c.required("ucsmanagerid")
        throw CatalogCheck.noEntity("ucsmanagerid", id, command: c.command)
    }
}

/// Guest OS types, as templates name them.
enum GuestOSAPIs {
    static let handlers: [Handler] = [
        Handler("listOsTypes") { c throws(APIError) in try c.listEntities("ostype") }
    ]
}

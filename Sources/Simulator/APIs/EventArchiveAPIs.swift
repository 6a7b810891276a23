/// archiveEvents and deleteEvents: a user's own events, an admin's those of its domain tree;
/// archived events leave listEvents (the server's `archived` flag), deleted ones are gone.
enum EventArchiveAPIs {
    static let handlers: [Handler] = [
        Handler("archiveEvents") { c throws(APIError) in
            try AlertAPIs.sweep(c, "event", what: "Events", archiveTo: "archivedevent", owned: true)
        },
        Handler("deleteEvents") { c throws(APIError) in
            try AlertAPIs.sweep(c, "event", what: "Events", archiveTo: nil, owned: true)
        },
    ]
}

import APICatalog
import Values
import OrderedCollections

/// Secondary staging stores (root admin): the zone-wide NFS caches image data passes through on its
/// way to an object store, as StorageManagerImpl adds and removes them. Nothing is ever staged here,
/// so a store is always free to delete.
enum StagingStoreAPIs {
    static let noun = "secondarystagingstore"

    static let handlers: [Handler] = [
        Handler("createSecondaryStagingStore") { c throws(APIError) in
            // An unknown provider falls back to the default cache store provider, NFS.
            let given = c.optional("provider")
            let provider = StorageAPIs.providers["image"]!.first { $0 == given } ?? "NFS"
            if let scope = c.optional("scope") {
                guard ["zone", "cluster", "host", "region", "global"].contains(scope.lowercased()) else {
                    throw APIError.refused("invalid scope for cache store \(scope)")
                }
                guard scope.lowercased() == "zone" else {
                    throw APIError.refused("Only zone wide cache storage is supported")
                }
                guard c.optional("zoneid") != nil else {
                    throw APIError.refused("zone id can't be null, if scope is zone")
                }
            }
            let zoneID = c.optional("zoneid")
            guard let zone = zoneID.flatMap({ c.store.table("zone").get($0) }) else {
                throw APIError.refused("Can't find zone by id \(zoneID ?? "null")")
            }
            let url = try c.required("url")
            if provider == "NFS" { try checkNFS(url) }
            // Named by its URL; the store lifecycle makes it zone-wide whatever `scope` said.
            let f = Store.imageStoreFields(name: url, url: url, provider: provider, zone: zone)
            return .object(["secondarystorage": .record(c.store.insert(noun, f).fields)])
        },
        Handler("listSecondaryStagingStores") { c throws(APIError) in
            let provider = c.optional("provider")
            let reply = try c.without(["provider"]).listEntities(noun) { s in
                provider == nil || s["providername"] == provider
            }
            // Listed as image stores (the catalog's list key), kept apart from them.
            guard case .list(_, let items, let total) = reply,
                let key = Catalog.bundled.api(named: c.command)?.listItemKey
            else { return reply }
            return .list(noun: key, items: items, total: total)
        },
        Handler("deleteSecondaryStagingStore") { c throws(APIError) in
            let s = try c.entity(noun, "id", what: "secondary staging store")
            c.store.table(noun).remove(s.id)
            return .object(["success": .bool(true)])
        },
    ]

    /// The NFS store lifecycle's URL checks, wrapped as the server wraps them ("Failed to add data store: ...").
    static func checkNFS(_ url: String) throws(APIError) {
        let parts = url.split(separator: "://", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else {
            throw APIError.unhandled(
                "Failed to add data store: uri.scheme is null \(url), add nfs:// (or cifs://) as a prefix")
        }
        guard parts[0].lowercased() == "nfs" else { return }
        let rest = parts[1]
        let host = rest.prefix { $0 != "/" }
        let path = rest.dropFirst(host.count)
        if host.isEmpty || path.isEmpty {
            throw APIError.unhandled(
                "Failed to add data store: Your host and/or path is wrong.  Make sure it's of the format nfs://hostname/path"
            )
        }
    }
}

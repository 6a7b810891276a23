import OrderedCollections
import Values

/// The older ways to add secondary storage and moving its data (root admin): addSecondaryStorage
/// is addImageStore with the NFS provider (answered as `secondarystorage`), addImageStoreS3 an S3
/// bucket for the whole region (its keys are never kept here); migrateSecondaryStorageData moves
/// the files of one store of a zone to others of the same zone, and a complete migration leaves the
/// source read-only so nothing new lands there.
enum ImageStoreAPIs {
    static let handlers: [Handler] = [
        Handler("addSecondaryStorage") { c throws(APIError) in
            var params = c.params
            params.replace("provider", with: "NFS")
            guard case .object(let r) = try StorageAPIs.addImageStore(c.with(params: params)) else {
                return .object([:])
            }
            return .object(["secondarystorage": r["imagestore"] ?? .null])
        },
        Handler("addImageStoreS3") { c throws(APIError) in
            let endpoint = try c.required("endpoint"), bucket = try c.required("bucket")
            _ = try c.required("accesskey")
            _ = try c.required("secretkey")
            if let signer = c.optional("s3signer"), !["S3SignerType", "AWSS3V4SignerType"].contains(signer) {
                throw APIError.refused("Unsupported s3 signer type: \(signer)")
            }
            let scheme = try c.bool("usehttps") ? "https" : "http"
            var params = RequestParams([("provider", "S3"), ("url", "\(scheme)://\(endpoint)/\(bucket)")])
            params.replace("name", with: c.optional("name") ?? "\(scheme)://\(endpoint)/\(bucket)")
            return try StorageAPIs.addImageStore(c.with(params: params))
        },
        Handler("migrateSecondaryStorageData", async: true, migrate),
    ]

    static func migrate(_ c: Call) throws(APIError) -> Reply {
        let stores = c.store.table("imagestore")
        let source = try c.entity("imagestore", "srcpool", what: "image store")
        let policy = c.optional("migrationtype") ?? "Complete"
        guard let type = ["Balance", "Complete"].first(where: { $0.lowercased() == policy.lowercased() }) else {
            throw APIError.refused("Invalid migration type \(policy): use Balance or Complete")
        }
        var targets: [Entity] = []
        for id in c.list("destpools") ?? [] {
            guard let store = stores.get(id) else { throw CatalogCheck.noEntity("destpools", id, command: c.command) }
            guard store["zoneid"] == source["zoneid"] else {
                throw APIError.refused("Source and destination stores are not in the same zone.")
            }
            // The source among the destinations is ignored, as are read-only stores.
            if store.id != source.id, store["readonly"] != "true" { targets.append(store) }
        }
        guard !targets.isEmpty else {
            throw APIError.refused(
                "No destination valid store(s) available to migrate. Could be due to invalid store ID(s) or store(s) "
                    + "are read-only. Terminating Migration of data")
        }
        return .job(
            JobSpec(
                cmd: "org.apache.cloudstack.api.command.admin.storage.MigrateSecondaryStorageDataCmd",
                instanceType: "ImageStore", instanceID: source.id, immediateID: nil
            ) { store, _ in
                let src = try store.jobEntity("imagestore", source.id)
                // A complete migration empties the store: it stays read-only afterwards.
                if type == "Complete" {
                    store.table("imagestore").update(src.id) { $0.fields["readonly"] = .bool(true) }
                }
                let images = store.table("imagezone").rows.filter { $0["zoneid"] == src["zoneid"] }.count
                let message =
                    images == 0
                    ? "No files in Image store: \(src.seq) to migrate"
                    : "Migration completed. successful migrations: \(images)"
                return [
                    "imagestore": .record([
                        "message": .string(message), "migrationtype": .string(type), "success": .bool(true),
                    ])
                ]
            })
    }
}

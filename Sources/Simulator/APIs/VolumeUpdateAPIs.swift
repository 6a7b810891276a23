import OrderedCollections
import Values

/// updateVolume as 4.18's VolumeApiServiceImpl has it: anyone may rename a volume they may act on;
/// only the root admin may also set its path, state, storage pool, chain info or display flag.
enum VolumeUpdateAPIs {
    /// Volume.State, whose names `state` must match exactly.
    static let states: Set<String> = [
        "Allocated", "Creating", "Ready", "Resizing", "Migrating", "Copying", "Expunging", "Expunged", "Destroy",
        "Destroying", "UploadOp", "Uploaded", "NotUploaded", "UploadInProgress", "UploadError", "UploadAbandoned",
        "Attaching", "RestoreError", "Snapshotting", "RevertSnapshotting", "Restoring",
    ]
    /// What the service refuses from anyone but the root admin (the display flag and custom id never get
    /// there: the dispatcher drops them, see APIAccess.rootAdminOnly).
    static let adminOnly = ["path", "state", "storageid", "chaininfo"]

    static let handlers: [Handler] = [
        Handler("updateVolume", async: true) { c throws(APIError) in
            if c.caller.role != .rootAdmin, adminOnly.contains(where: { c.optional($0) != nil }) {
                throw APIError.refused(
                    "The domain admin and normal user are not allowed to update volume except volume name")
            }
            guard c.optional("id") != nil else { throw APIError.refused("The volume id doesn't exist") }
            try VMOwnershipAPIs.refuseCustomID(c)
            let ref = try VolumeRef.find(c, "id")
            if let state = c.optional("state"), !states.contains(state) {
                throw APIError.refused("Invalid volume state specified")
            }
            let pool = try c.optional("storageid").map { _ throws(APIError) in
                try c.entity("storagepool", "storageid", what: "storage pool")
            }
            if let pool, pool["zoneid"] != ref.entity["zoneid"] {
                throw APIError.refused("Invalid storageId specified; refers to the pool outside of the volume's zone")
            }
            var set: Record = [:]
            for k in ["name", "path", "state", "chaininfo"] { if let v = c.optional(k) { set[k] = .string(v) } }
            if c.optional("displayvolume") != nil { set["displayvolume"] = .bool(try c.bool("displayvolume")) }
            if let pool {
                set["storageid"] = .string(pool.id)
                set["storage"] = pool.fields["name"]
            }
            let changes = set
            return .job(
                JobSpec(
                    cmd: VolumeAPIs.cmdPrefix + "UpdateVolumeCmd", instanceType: "Volume", instanceID: ref.entity.id,
                    immediateID: nil
                ) { store, _ in
                    try ref.change(store) { f in f.merge(changes) { $1 } }
                    return ["volume": try ref.rendered(store)]
                })
        }
    ]
}

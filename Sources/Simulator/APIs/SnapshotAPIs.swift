import Values
import OrderedCollections

/// Volume snapshots: created by a job, listed, deleted by a job.
enum SnapshotAPIs {
    static let handlers: [Handler] = [
        Handler("createSnapshot", async: true) { c throws(APIError) in
            let volumeID = try c.required("volumeid")
            let volume: Entity
            if let vm = c.store.vms.owner(ofRootVolume: volumeID) {
                volume = VolumeAPIs.rootVolume(of: vm, store: c.store)
            } else if let v = c.store.table("volume").get(volumeID) {
                volume = v
            } else {
                throw APIError.notFound("volume", id: volumeID, param: "volumeid")
            }
            let id = c.store.newID()
            let stamp = c.created.filter { $0.isNumber }.prefix(14)
            var f: Record = try c.ownerFields()
            f.merge(
                [
                    "snapshottype": .string("MANUAL"), "volumeid": .string(volume.id),
                    "volumename": volume.fields["name"] ?? .null, "volumetype": volume.fields["type"] ?? .null,
                    "created": .string(c.created),
                    "name": .string(
                        c.optional("name") ?? "\(volume["vmname"] ?? "detached")_\(volume["name"] ?? "")_\(stamp)"),
                    "intervaltype": .string("MANUAL"), "state": .string("BackedUp"),
                    "zoneid": volume.fields["zoneid"] ?? .null, "physicalsize": volume.fields["size"] ?? .int(0),
                    "virtualsize": volume.fields["size"] ?? .int(0), "revertable": .bool(true),
                ], uniquingKeysWith: { $1 })
            // locationtype=primary keeps the snapshot on primary storage until archiveSnapshot moves it.
            if let location = c.optional("locationtype") {
                guard ["primary", "secondary"].contains(location.lowercased()) else {
                    throw APIError.invalid("locationtype", "'\(location)' is not PRIMARY or SECONDARY")
                }
                f["locationtype"] = .string(location.uppercased())
            }
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.user.snapshot.CreateSnapshotCmd",
                    instanceType: "Snapshot", instanceID: id, immediateID: id
                ) { store, _ in
                    ["snapshot": store.tagged(store.insert("snapshot", f, id: id))]
                })
        },
        Handler("listSnapshots") { c throws(APIError) in try c.listEntities("snapshot", owned: true, taggable: true) },
        Handler("deleteSnapshot", async: true) { c throws(APIError) in
            let s = try c.entity("snapshot", "id", what: "snapshot")
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.user.snapshot.DeleteSnapshotCmd",
                    instanceType: "Snapshot", instanceID: s.id, immediateID: nil
                ) { store, _ in
                    store.table("snapshot").remove(s.id)
                    return ["success": .bool(true)]
                })
        },
    ]
}

import FoundationEssentials
import OrderedCollections
import Values

/// Volumes in and out of the cloud: uploadVolume registers a DATADISK volume downloaded from a URL
/// (state UploadOp while the secondary storage fetches it, then Uploaded, on the same simulated clock
/// as template downloads), extractVolume makes a download URL for a volume on primary storage.
enum VolumeTransferAPIs {
    static let uploadNoun = "volumeupload"
    /// The formats ImageFormat knows (the server names them in its refusal).
    static let formats = ["QCOW2", "RAW", "VHD", "VHDX", "OVA", "ISO", "BAREMETAL", "VMDK", "VDI", "TAR", "ZIP", "DIR"]

    static let handlers: [Handler] = [
        Handler("uploadVolume", async: true) { c throws(APIError) in
            let name = try c.required("name")
            let zone = try c.entity("zone", "zoneid", what: "zone")
            let format = try c.required("format").uppercased()
            guard formats.contains(format) else {
                throw APIError.refused(
                    "Image format: \(format) is incorrect. Supported formats are \(formats.joined(separator: ", "))")
            }
            let url = try c.required("url")
            let scheme = url.split(separator: ":").first.map { $0.lowercased() } ?? ""
            guard ["http", "https"].contains(scheme), url.contains("://") else {
                throw APIError.refused("Unsupported scheme for url: \(url)")
            }
            var f: Record = [
                "name": .string(name), "zoneid": .string(zone.id), "zonename": zone.fields["name"] ?? .null,
                "type": .string("DATADISK"), "created": .string(c.created), "state": .string("UploadOp"),
                "status": .string("0% Downloaded"), "storagetype": .string("shared"),
                "provisioningtype": .string("thin"), "hypervisor": .string("None"), "destroyed": .bool(false),
                "isextractable": .bool(true), "size": .int(0),
            ]
            f.merge(VolumeAPIs.alwaysShown, uniquingKeysWith: { $1 })
            if c.optional("diskofferingid") != nil {
                let offering = try c.entity("diskoffering", "diskofferingid", what: "disk offering")
                f.merge(
                    VolumeAPIs.offeringFields(offering).filter { $0.key.hasPrefix("diskoffering") },
                    uniquingKeysWith: { $1 })
            }
            if let project = try projectOwner(c) {
                f.merge(project, uniquingKeysWith: { $1 })
            } else {
                f.merge(try c.ownerFields(), uniquingKeysWith: { $1 })
            }
            if let owner = c.store.limitOwner(of: Entity(id: "", fields: f)) { try c.store.checkLimit(owner, 2, 1) }
            // The volume shows UploadOp while its download runs; the job ends with the download and
            // answers the Uploaded volume, as the official simulator's (whose downloads are instant) does.
            let id = c.store.newID()
            let start = c.now.timeIntervalSince1970, seconds = c.store.imageDownloadSeconds
            c.store.insert(
                uploadNoun, ["started": .number(Number(start)), "finishes": .number(Number(start + seconds))], id: id)
            c.store.insert("volume", f, id: id)
            return .job(
                JobSpec(
                    cmd: VolumeAPIs.cmdPrefix + "UploadVolumeCmd", instanceType: "Volume", instanceID: id,
                    immediateID: id,
                    work: { store, date in
                        // The job ends with the download: its own upload is done even when the stored
                        // finish time (a decimal written as text) reads back a hair after the job's end.
                        let finishes = store.table(uploadNoun).get(id)?["finishes"].flatMap(Double.init) ?? 0
                        store.settleUploads(now: max(date, Date(timeIntervalSince1970: finishes)))
                        guard let volume = store.table("volume").get(id) else {
                            throw APIError.internalError("Volume \(name) was removed while it uploaded")
                        }
                        return ["volume": store.tagged(volume)]
                    },
                    onFailure: { store in
                        store.table(uploadNoun).remove(id)
                        store.table("volume").update(id) { $0.fields["state"] = .string("UploadError") }
                    },
                    jobTimes: Store.imageDownloadJobTimes))
        },
        Handler("extractVolume", async: true) { c throws(APIError) in
            let vol = try VolumeRef.find(c, "id")
            let zoneID = try c.required("zoneid")
            guard let zone = c.store.table("zone").get(zoneID) else {
                throw APIError.refused("Please specify a valid zone.")
            }
            if vol.entity["storageid"] == nil {
                throw APIError.refused("The volume doesnt belong to a storage pool so cant extract it")
            }
            if let vm = vol.vm, vm.state != "Stopped" {
                throw APIError.permission(
                    "Invalid state of the volume with specified ID. It should be either detached or the VM should be in stopped state."
                )
            }
            if vol.isRoot, let vm = vol.vm, !c.caller.isAdmin,
                c.store.table("template").get(vm.templateID)?["isextractable"] != "true"
            {
                throw APIError.permission("The volume with specified volumeId is not allowed to be extracted")
            }
            let mode = try c.required("mode")
            guard mode == "HTTP_DOWNLOAD" || mode == "FTP_UPLOAD" else {
                throw APIError.refused("Please specify a valid extract Mode ")
            }
            let extractID = c.store.newID()
            let record: Record = [
                "id": .string(vol.entity.id), "name": vol.entity.fields["name"] ?? .null,
                "extractId": .string(extractID),
                "accountid": .string(c.caller.accountID), "state": .string("DOWNLOAD_URL_CREATED"),
                "status": .string("DOWNLOAD_URL_CREATED"), "uploadpercentage": .int(100),
                "storagetype": .string("SecondaryStorage"),
                "zoneid": .string(zone.id), "zonename": zone.fields["name"] ?? .null, "extractMode": .string(mode),
                "url": .string(Store.extractURL(extractID, suffix: "qcow2")),
                "created": .string(c.created),
            ]
            return .job(
                JobSpec(
                    cmd: VolumeAPIs.cmdPrefix + "ExtractVolumeCmd", instanceType: "Volume", instanceID: vol.entity.id,
                    immediateID: vol.entity.id
                ) { _, _ in ["volume": .record(record)] })
        },
    ]

    /// projectid, project, domainid and domain when the call names a project (its volume shows no account).
    static func projectOwner(_ c: Call) throws(APIError) -> Record? {
        guard c.optional("projectid") != nil else { return nil }
        let p = try ProjectAPIs.project(c, "projectid", admin: false)
        return Store.projectOwnerFields(p)
    }
}

extension Store {
    /// Uploads that finished by `now` become Uploaded volumes (called before volumes are read).
    func settleUploads(now: Date) {
        let uploads = table(VolumeTransferAPIs.uploadNoun)
        guard !uploads.rows.isEmpty else { return }
        for u in uploads.rows {
            let percent = Self.downloadPercent(u, now: now)
            guard table("volume").get(u.id) != nil else { uploads.remove(u.id); continue }
            if percent == 100 {
                table("volume").update(u.id) { v in
                    v.fields["state"] = .string("Uploaded")
                    v.fields["status"] = nil
                }
                uploads.remove(u.id)
            } else if table("volume").get(u.id)?["status"] != "\(percent)% Downloaded" {
                table("volume").update(u.id) { $0.fields["status"] = .string("\(percent)% Downloaded") }
            }
        }
    }
}

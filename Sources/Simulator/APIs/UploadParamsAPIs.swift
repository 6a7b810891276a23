import FoundationEssentials
import OrderedCollections
import Values

/// Browser-style uploads: getUploadParamsForVolume/Template/Iso store the entity waiting for its data
/// (a volume NotUploaded, an image whose status is NotUploaded in its zone) and answer where and how
/// to POST the file: `postURL` (the secondary storage's `/upload/UUID`, served by the simulator on its
/// own port), `metadata`, `expires` and `signature`, sent back as the X-metadata, X-expires and
/// X-signature headers (see PostUpload).
enum UploadParamsAPIs {
    static let handlers: [Handler] = [
        Handler("getUploadParamsForVolume") { c throws(APIError) in
            let name = try c.required("name")
            let zone = try c.entity("zone", "zoneid", what: "zone")
            let format = try c.required("format").uppercased()
            guard VolumeTransferAPIs.formats.contains(format) else {
                throw APIError.refused(
                    "Image format: \(format) is incorrect. Supported formats are "
                        + VolumeTransferAPIs.formats.joined(separator: ", "))
            }
            // The offering must be custom-sized (the size is the file's); none given: the zone's Custom one.
            let offering: Entity
            if c.optional("diskofferingid") != nil {
                offering = try c.entity("diskoffering", "diskofferingid", what: "disk offering")
                guard offering["iscustomized"] == "true" else {
                    throw APIError.refused("Please specify a custom sized disk offering.")
                }
            } else {
                guard let custom = c.store.table("diskoffering").first(where: { $0["iscustomized"] == "true" }) else {
                    throw APIError.internalError(
                        "Unable to find custom disk offering in zone: \(zone.id) for volume upload")
                }
                offering = custom
            }
            var f: Record = [
                "name": .string(name), "zoneid": .string(zone.id), "zonename": zone.fields["name"] ?? .null,
                "type": .string("DATADISK"), "created": .string(c.created), "state": .string("NotUploaded"),
                "provisioningtype": .string("thin"), "hypervisor": .string("None"), "destroyed": .bool(false),
                "isextractable": .bool(true), "size": .int(0), "format": .string(format),
            ]
            f.merge(VolumeAPIs.offeringFields(offering), uniquingKeysWith: { $1 })
            if let project = try VolumeTransferAPIs.projectOwner(c) {
                f.merge(project, uniquingKeysWith: { $1 })
            } else {
                f.merge(try c.ownerFields(), uniquingKeysWith: { $1 })
            }
            if let owner = c.store.limitOwner(of: Entity(id: "", fields: f)) { try c.store.checkLimit(owner, 2, 1) }
            let id = c.store.newID()
            c.store.insert("volume", f, id: id)
            return .object(["getuploadparams": PostUpload.grant(c, kind: "VOLUME", id: id, name: name, format: format)])
        },
        image("getUploadParamsForTemplate", .template),
        image("getUploadParamsForIso", .iso),
    ]

    static func image(_ name: String, _ kind: ImageKind) -> Handler {
        Handler(name) { c throws(APIError) in
            guard c.optional("zoneid") != "-1" else {
                throw APIError.invalid("zoneid", "an upload goes to one zone: pass its id, not -1")
            }
            let (image, zones) = try TemplateAPIs.newImage(kind, c)
            let zone = zones?.first ?? ""
            // In its zone, waiting for the file (the server's template_store_ref in NOT_UPLOADED).
            c.store.insert(
                Store.imageZoneNoun,
                ["imageid": .string(image.id), "zoneid": .string(zone), "upload": .string("NotUploaded")])
            let format = image["format"] ?? "ISO"
            return .object([
                "getuploadparams": PostUpload.grant(
                    c, kind: kind == .template ? "TEMPLATE" : "ISO", id: image.id, name: image["name"] ?? "",
                    format: format)
            ])
        }
    }
}

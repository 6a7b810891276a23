import APICatalog
import FoundationEssentials
import Values
import OrderedCollections

/// Changing templates and ISOs: update, copy to another zone, delete (one zone or all),
/// extract (a download URL, made by a job).
enum ImageChangeAPIs {
    static let handlers: [Handler] = [
        Handler("updateTemplate") { c throws(APIError) in try update(.template, c) },
        Handler("updateIso") { c throws(APIError) in try update(.iso, c) },
        Handler("copyTemplate", async: true) { c throws(APIError) in try copy(.template, c) },
        Handler("copyIso", async: true) { c throws(APIError) in try copy(.iso, c) },
        Handler("deleteTemplate", async: true) { c throws(APIError) in try delete(.template, c) },
        Handler("deleteIso", async: true) { c throws(APIError) in try delete(.iso, c) },
        Handler("extractTemplate", async: true) { c throws(APIError) in try extract(.template, c) },
        Handler("extractIso", async: true) { c throws(APIError) in try extract(.iso, c) },
    ]

    /// The image `id` names, which the caller may change (its owner, an admin over it).
    static func owned(_ kind: ImageKind, _ c: Call, param: String = "id") throws(APIError) -> Entity {
        let image = try c.entity(kind.table, param, what: kind.label)
        try c.checkAccess(
            account: image["account"], domainID: image["domainid"], what: "\(kind.label) \(image["name"] ?? image.id)")
        return image
    }

    /// The Java command class a job of `api` shows.
    static func jobCmd(_ kind: ImageKind, _ verb: String) -> String {
        let noun = kind == .template ? "Template" : "Iso"
        return "org.apache.cloudstack.api.command.user.\(kind == .template ? "template" : "iso").\(verb)\(noun)Cmd"
    }

    /// updateTemplate/updateIso: the given fields change (name, displaytext, ostypeid, format,
    /// passwordenabled, bootable, ...); answered with the image.
    static func update(_ kind: ImageKind, _ c: Call) throws(APIError) -> Reply {
        let image = try owned(kind, c)
        if image["templatetype"] == "SYSTEM", !c.caller.isAdmin {
            throw APIError.permission("Only admins may update the system \(kind.label) \(image["name"] ?? image.id)")
        }
        if let format = c.optional("format")?.uppercased(), !TemplateAPIs.formats.contains(format) {
            throw APIError.refused(
                "Image format: \(format) is incorrect. Supported formats are \(TemplateAPIs.formats.joined(separator: ", "))"
            )
        }
        if c.optional("templatetype") != nil, !c.caller.isAdmin {
            throw APIError.permission("Only root admins may change the type of a \(kind.label)")
        }
        let api = Catalog.bundled.api(named: c.command)!
        try Generic.checkReferences(c, api)
        var f = image.fields
        ResponseFill.fill(&f, api: api, params: c.params, store: c.store, update: true)
        if let format = c.optional("format") { f["format"] = .string(format.uppercased()) }
        if let os = c.optional("ostypeid") { f["ostypename"] = c.store.table("ostype").get(os)?.fields["description"] }
        c.store.table(kind.table).update(image.id) { $0.fields = f }
        let updated = c.store.table(kind.table).get(image.id)!
        return .object([kind.table: c.store.imageAnswer(updated, now: c.now)])
    }

    /// copyTemplate/copyIso: from `sourcezoneid` (or the zone holding it) to each destination
    /// zone, where a download starts; the job answers the image in the (first) destination.
    static func copy(_ kind: ImageKind, _ c: Call) throws(APIError) -> Reply {
        let image = try c.entity(kind.table, "id", what: kind.label)
        if image["ispublic"] != "true" {
            try c.checkAccess(
                account: image["account"], domainID: image["domainid"],
                what: "\(kind.label) \(image["name"] ?? image.id)")
        }
        let name = image["name"] ?? image.id
        if image["crossZones"] == "true" {
            throw APIError.invalid("id", "\(kind.label) \(name) is cross-zone: it is in every zone already")
        }
        let rows = c.store.imageZoneRows()[image.id] ?? []
        let dests = c.list("destzoneids") ?? c.optional("destzoneid").map { [$0] } ?? []
        guard !dests.isEmpty else { throw APIError.invalid("destzoneid", "Please specify destzoneid or destzoneids") }
        for d in dests where c.store.table("zone").get(d) == nil {
            throw CatalogCheck.noEntity(
                c.optional("destzoneids") != nil ? "destzoneids" : "destzoneid", d, command: c.command)
        }
        let source =
            c.optional("sourcezoneid") ?? rows.first { Store.downloadPercent($0, now: c.now) == 100 }?["zoneid"]
        guard let source, let from = rows.first(where: { $0["zoneid"] == source }) else {
            throw APIError.invalid(
                "sourcezoneid", "\(kind.label) \(name) is not in zone \(c.optional("sourcezoneid") ?? "any zone")")
        }
        guard Store.downloadPercent(from, now: c.now) == 100 else {
            throw APIError.refused(
                "\(kind.label) \(name) is not ready in the source zone yet: copy it once its download completes")
        }
        if dests.contains(source) {
            throw APIError.refused("Please specify different source and destination zones.")
        }
        let fresh = dests.filter { d in !rows.contains { $0["zoneid"] == d } }
        return .job(
            JobSpec(
                cmd: jobCmd(kind, "Copy"), instanceType: kind.resourceType, instanceID: image.id,
                immediateID: image.id
            ) { store, now in
                let current = try store.jobEntity(kind.table, image.id)
                for d in fresh { store.startImageDownload(image.id, zoneID: d, now: now) }
                return [kind.table: store.imageAnswer(current, zoneID: dests[0], now: now)]
            })
    }

    /// deleteTemplate/deleteIso: from `zoneid`, else every zone. A template VMs use needs
    /// forced=true; an ISO attached to a VM cannot go; system images never.
    static func delete(_ kind: ImageKind, _ c: Call) throws(APIError) -> Reply {
        let image = try owned(kind, c)
        let name = image["name"] ?? image.id
        if image["templatetype"] == "SYSTEM" {
            throw APIError.refused("Unable to delete the system \(kind.label) \(name)")
        }
        let zoneID = c.optional("zoneid")
        if let zoneID,
            !c.store.placements(of: image, rows: c.store.imageZoneRows()[image.id]).contains(where: {
                $0.zone.id == zoneID
            })
        {
            throw APIError.invalid(
                "zoneid", "\(kind.label) \(name) is not in zone \(c.store.name(ofID: zoneID) ?? zoneID)")
        }
        let users = c.store.vms.live.filter { vm in
            (kind == .template ? vm.templateID == image.id : vm.isoID == image.id)
                && (zoneID == nil || vm.zoneID == zoneID)
        }
        if !users.isEmpty {
            let names = users.prefix(5).map(\.name).joined(separator: ", ")
            if kind == .iso {
                throw APIError.inUse("Unable to delete ISO \(name): it is attached to VMs \(names); detach it first")
            }
            if try !c.bool("forced") {
                throw APIError.refused(
                    "Unable to delete template \(name) because VM instances [\(names)] are using it. "
                        + "Use 'forced: true' parameter to delete the template.")
            }
        }
        return .job(
            JobSpec(
                cmd: jobCmd(kind, "Delete"), instanceType: kind.resourceType, instanceID: image.id,
                immediateID: nil
            ) { store, _ in
                let current = try store.jobEntity(kind.table, image.id)
                store.removeImage(current, kind: kind, zoneID: zoneID)
                return ["success": .bool(true)]
            })
    }

    /// extractTemplate/extractIso: an HTTP download URL on the zone's secondary storage.
    /// The caller must own it or it must be extractable (admins may always).
    static func extract(_ kind: ImageKind, _ c: Call) throws(APIError) -> Reply {
        let image = try c.entity(kind.table, "id", what: kind.label)
        let name = image["name"] ?? image.id
        let mine = image["account"] == c.caller.account && image["domainid"] == c.caller.domainID
        if !c.caller.isAdmin, !mine, image["ispublic"] != "true" { throw c.denied("\(kind.label) \(name)") }
        if !c.caller.isAdmin, image["isextractable"] != "true" {
            throw APIError.refused("Unable to extract \(kind.label) \(name) as it's not extractable")
        }
        let mode = try c.required("mode").uppercased()
        guard mode == "HTTP_DOWNLOAD" else {
            throw APIError.refused("Please specify a valid extract Mode. Supported modes: HTTP_DOWNLOAD")
        }
        let places = c.store.placements(of: image, rows: c.store.imageZoneRows()[image.id])
        let zoneID = c.optional("zoneid")
        guard let place = places.first(where: { zoneID == nil || $0.zone.id == zoneID }) else {
            throw APIError.invalid(
                "zoneid",
                "\(kind.label) \(name) is not in zone \(zoneID.flatMap { c.store.name(ofID: $0) } ?? "any zone")")
        }
        guard Store.downloadPercent(place.row, now: c.now) == 100 else {
            throw APIError.refused(
                "\(kind.label) \(name) is not ready in zone \(place.zone["name"] ?? place.zone.id) yet")
        }
        let extractID = c.store.newID()
        let suffix = (image["format"] ?? "qcow2").lowercased()
        let record: Record = [
            "id": .string(image.id), "name": image.fields["name"] ?? .string(name), "extractId": .string(extractID),
            "accountid": .string(c.caller.accountID), "state": .string("DOWNLOAD_URL_CREATED"),
            "status": .string("DOWNLOAD_URL_CREATED"), "uploadpercentage": .int(100),
            "storagetype": .string("SecondaryStorage"),
            "zoneid": .string(place.zone.id), "zonename": place.zone.fields["name"] ?? .null,
            "extractMode": .string(mode),
            "url": .string(Store.extractURL(extractID, suffix: suffix)),
            "created": .string(c.created),
        ]
        return .job(
            JobSpec(
                cmd: jobCmd(kind, "Extract"), instanceType: kind.resourceType, instanceID: image.id,
                immediateID: image.id
            ) { _, _ in [kind.table: .record(record)] })
    }
}

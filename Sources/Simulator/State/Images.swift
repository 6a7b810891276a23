import FoundationEssentials
import Values
import OrderedCollections

/// Templates and ISOs: one model on the server (ISOs are templates of format ISO), so one here.
enum ImageKind: Sendable {
    case template, iso

    /// The table, and the object key of answers (`{"template": ...}`, `{"iso": ...}`).
    var table: String { self == .template ? "template" : "iso" }
    /// How messages name it.
    var label: String { self == .template ? "template" : "ISO" }
    /// The list API's required filter parameter.
    var filterParam: String { self == .template ? "templatefilter" : "isofilter" }
    /// The resource type of tags and events.
    var resourceType: String { self == .template ? "Template" : "ISO" }
}

/// Where an image is stored: one `imagezone` row per zone it was registered in or copied to
/// (the server's template_store_ref), with the download's start and end on the simulator's
/// clock, so `isready`/`status` progress as a real download does and no request waits.
/// A cross-zone image is in every zone: ready at once in zones without a row (the seeded
/// images, zones added later).
extension Store {
    static let imageZoneNoun = "imagezone"

    /// A download lasts this many job times, so a client sees it progress (an upload's job as long).
    static let imageDownloadJobTimes: Double = 4
    var imageDownloadSeconds: Double { max(options.jobTime.seconds * Self.imageDownloadJobTimes, 0) }

    /// The zone rows of every image, by image id (one pass over the table per request).
    func imageZoneRows() -> [String: [Entity]] {
        Dictionary(grouping: table(Self.imageZoneNoun).rows) { $0["imageid"] ?? "" }
    }

    /// Starts downloading `imageID` into `zoneID` now (a copy or a registration); `seconds` 0 places
    /// it ready at once (a template made from a volume on the zone's own storage).
    func startImageDownload(_ imageID: String, zoneID: String, now: Date, seconds: Double? = nil) {
        let start = now.timeIntervalSince1970
        insert(
            Self.imageZoneNoun,
            [
                "imageid": .string(imageID), "zoneid": .string(zoneID),
                "started": .number(Number(start)),
                "finishes": .number(Number(start + (seconds ?? imageDownloadSeconds))),
            ])
    }

    /// The zones an image is in, each with its download row (nil: ready, cross-zone).
    func placements(of image: Entity, rows: [Entity]?) -> [(zone: Entity, row: Entity?)] {
        let zones = table("zone").rows
        let byZone = Dictionary((rows ?? []).map { ($0["zoneid"] ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        if image["crossZones"] == "true" { return zones.map { ($0, byZone[$0.id]) } }
        return zones.compactMap { z in byZone[z.id].map { (z, $0) } }
    }

    /// How far the download of `row` is at `now`: 0...100.
    static func downloadPercent(_ row: Entity?, now: Date) -> Int {
        guard let row, let start = Double(row["started"] ?? ""), let end = Double(row["finishes"] ?? "") else {
            return 100
        }
        let t = now.timeIntervalSince1970
        if t >= end || end <= start { return 100 }
        return max(0, min(99, Int((t - start) / (end - start) * 100)))
    }

    /// The image as listed in one zone: that zone's id and name, and its download state there
    /// (the server's words: "42% Downloaded" while it runs, then "Download Complete").
    func imageInZone(_ image: Entity, zone: Entity, row: Entity?, now: Date) -> Entity {
        var e = image
        e.fields["zoneid"] = .string(zone.id)
        e.fields["zonename"] = zone.fields["name"]
        // Waiting for its POST upload (getUploadParamsFor*): the template's state is its status.
        if let upload = row?["upload"] {
            e.fields["isready"] = .bool(false)
            e.fields["status"] = .string(upload)
            return e
        }
        let percent = Self.downloadPercent(row, now: now)
        e.fields["isready"] = .bool(percent == 100)
        e.fields["status"] = .string(percent == 100 ? "Download Complete" : "\(percent)% Downloaded")
        // A template shows its download on each of the zone's image stores (TemplateJoinDaoImpl's downloaddetails).
        if image["format"] != "ISO" {
            e.fields["downloaddetails"] = .list(
                table("imagestore").rows.filter { $0["zoneid"] == zone.id }.map { store in
                    .record([
                        "downloadState": .string(percent == 100 ? "DOWNLOADED" : "DOWNLOAD_IN_PROGRESS"),
                        "datastore": store.fields["name"] ?? .string(""), "downloadPercent": .string("\(percent)"),
                    ])
                })
        }
        return e
    }

    /// Every image of `kind` in every zone it is in, as list APIs see them.
    func imagesPerZone(_ kind: ImageKind, now: Date) -> [Entity] {
        let rows = imageZoneRows()
        return table(kind.table).rows.flatMap { image in
            placements(of: image, rows: rows[image.id]).map { imageInZone(image, zone: $0.zone, row: $0.row, now: now) }
        }
    }

    /// The image rendered in its first zone (the answer of an update or a copy).
    func imageAnswer(_ image: Entity, zoneID: String? = nil, now: Date) -> Value {
        let places = placements(of: image, rows: imageZoneRows()[image.id])
        guard let p = places.first(where: { zoneID == nil || $0.zone.id == zoneID }) ?? places.first else {
            return .record(image.fields)
        }
        var f = imageInZone(image, zone: p.zone, row: p.row, now: now).fields
        f["tags"] = tagsValue(image.id)
        return .record(f)
    }

    /// Whether the image is downloaded in the zone (a VM can be deployed from it there).
    func imageReady(_ image: Entity, zoneID: String, now: Date) -> Bool {
        placements(of: image, rows: imageZoneRows()[image.id]).contains {
            $0.zone.id == zoneID && Self.downloadPercent($0.row, now: now) == 100
        }
    }

    /// Removes an image from one zone (nil: from all); the image goes when no zone holds it.
    func removeImage(_ image: Entity, kind: ImageKind, zoneID: String?) {
        let zoneRows = table(Self.imageZoneNoun).rows.filter { $0["imageid"] == image.id }
        for r in zoneRows where zoneID == nil || r["zoneid"] == zoneID { table(Self.imageZoneNoun).remove(r.id) }
        let left = zoneRows.contains { zoneID != nil && $0["zoneid"] != zoneID }
        guard zoneID == nil || (image["crossZones"] != "true" && !left) else { return }
        table(kind.table).remove(image.id)
        removeTags(resourceID: image.id) { _ in true }
    }
}

extension Store {
    /// The download link the secondary storage VM serves for an extracted file (templates, ISOs, volumes,
    /// diagnostics data): a symbolic link named by a fresh id under `userdata/`.
    static func extractURL(_ id: String, suffix: String) -> String {
        "https://secondary-storage.simulator.invalid/userdata/\(id).\(suffix)"
    }
}

import APICatalog
import FoundationEssentials
import Values
import OrderedCollections

/// Templates and ISOs: listing by filter, registering by URL (the download then runs on the
/// simulator's clock: see Images.swift). Changing, copying and deleting them: ImageChangeAPIs;
/// permissions: ImagePermissionAPIs; ISOs in VMs: ISOAPIs.
enum TemplateAPIs {
    static let handlers: [Handler] = [
        Handler("listTemplates") { c throws(APIError) in try list(.template, c) },
        Handler("listIsos") { c throws(APIError) in try list(.iso, c) },
        Handler("registerTemplate") { c throws(APIError) in try register(.template, c) },
        Handler("registerIso") { c throws(APIError) in try register(.iso, c) },
    ]

    /// Image formats the server knows (Storage.ImageFormat).
    static let formats = ["QCOW2", "RAW", "VHD", "VHDX", "OVA", "ISO", "BAREMETAL", "VMDK", "TAR", "DIR"]
    static let hypervisors = [
        "XenServer", "KVM", "VMware", "Hyperv", "BareMetal", "Simulator", "Ovm", "Ovm3", "LXC", "Any",
    ]

    /// templatefilter/isofilter decide which images: featured (public and featured), self (the
    /// caller's own), selfexecutable (own, ready), sharedexecutable (shared with the caller by
    /// a permission, ready), community (public, not featured), executable (usable: own, public
    /// or shared, ready), all (everything the caller may see). `isready=true` keeps ready ones
    /// only (false does not filter, as on the server).
    static func list(_ kind: ImageKind, _ c: Call) throws(APIError) -> Reply {
        let filter = try c.required(kind.filterParam).lowercased()
        let known = KnownValues.values(forParam: kind.filterParam) ?? []
        guard known.contains(filter) else {
            throw APIError.invalid(kind.filterParam, "'\(filter)' is not one of \(known.joined(separator: ", "))")
        }
        let onlyReady = try c.bool("isready") || filter.hasSuffix("executable")
        let shared = Set(ImagePermissionAPIs.sharedWith(c.caller, store: c.store))
        let owner = try listOwner(c)
        let project = c.optional("projectid").flatMap { $0 == "-1" ? nil : $0 }
        let rows = c.store.imagesPerZone(kind, now: c.now).filter { t in
            if t["templatetype"] == "SYSTEM", filter != "all" { return false }
            if onlyReady, t["isready"] != "true" { return false }
            // projectid makes the project the owner whose images `self` means; public and shared
            // images stay in the other filters, as a project's VM deploys from them.
            let mine =
                project.map { t["projectid"] == $0 }
                ?? (t["account"] == owner.account && t["domainid"] == owner.domainID)
            let isPublic = t["ispublic"] == "true"
            return switch filter {
            case "featured": t["isfeatured"] == "true" && isPublic
            case "self", "selfexecutable": mine
            case "sharedexecutable": shared.contains(t.id) && !mine
            case "community": isPublic && t["isfeatured"] != "true" && !mine
            case "executable": mine || isPublic || shared.contains(t.id)
            default: (c.caller.isAdmin && project == nil) || mine || isPublic || shared.contains(t.id)
            }
        }
        // Filters handled above (owner, isready) must not also match fields by equality.
        let handled: Set<String> = ["isready", "account", "domainid", "projectid"]
        let listing = c.with(params: RequestParams(c.params.pairs.filter { !handled.contains($0.0.lowercased()) }))
        return try listing.listEntities(kind.table, rows: rows, taggable: true)
    }

    /// Whose images `self` means: the caller, or the account an admin names.
    static func listOwner(_ c: Call) throws(APIError) -> Caller {
        guard c.optional("account") != nil else { return c.caller }
        return try c.owner()
    }

    /// registerTemplate/registerIso: the image is stored at once and downloads into each zone
    /// (zoneid, zoneids, or zoneid=-1 for every zone, cross-zone); answered as a one-item list.
    static func register(_ kind: ImageKind, _ c: Call) throws(APIError) -> Reply {
        let url = try c.required("url")
        guard let scheme = url.split(separator: ":").first?.lowercased(), ["http", "https"].contains(scheme) else {
            throw APIError.refused("Unsupported scheme for url: \(url)")
        }
        let (image, zones) = try newImage(kind, c)
        for z in zones ?? c.store.table("zone").rows.map(\.id) {
            c.store.startImageDownload(image.id, zoneID: z, now: c.now)
        }
        let items = c.store.placements(of: image, rows: c.store.imageZoneRows()[image.id]).map {
            var f = c.store.imageInZone(image, zone: $0.zone, row: $0.row, now: c.now).fields
            f["tags"] = .list([])  // a new image has none yet
            return Value.record(f)
        }
        return .list(noun: kind.table, items: items, total: items.count)
    }

    /// The image a registration or an upload (getUploadParamsFor*) stores, checked and owned, with the
    /// zones it goes to (nil: every zone, cross-zone); it is in none of them until its download starts.
    static func newImage(_ kind: ImageKind, _ c: Call) throws(APIError) -> (Entity, [String]?) {
        // The register API names the image's fields (an upload's own API answers upload parameters).
        let api = Catalog.bundled.api(named: kind == .template ? "registerTemplate" : "registerIso")!
        let format = kind == .iso ? "ISO" : try c.required("format").uppercased()
        guard formats.contains(format) else {
            throw APIError.refused(
                "Image format: \(format) is incorrect. Supported formats are \(formats.joined(separator: ", "))")
        }
        var hypervisor: String?
        if kind == .template {
            let h = try c.required("hypervisor")
            guard let known = hypervisors.first(where: { $0.lowercased() == h.lowercased() }) else {
                throw APIError.invalid(
                    "hypervisor", "Hypervisor \(h) is not supported; use one of \(hypervisors.joined(separator: ", "))")
            }
            hypervisor = known
        }
        let bootable = try c.bool("bootable", default: true)
        if kind == .iso, bootable, c.optional("ostypeid") == nil {
            throw APIError.invalid("ostypeid", "Please provide a valid os type for a bootable ISO")
        }
        let zones = try targetZones(c)
        if try c.bool("isfeatured"), !c.caller.isAdmin {
            throw APIError.permission("Only root admins may register featured \(kind.label)s")
        }
        try Generic.checkReferences(c, api)
        guard let fam = Families.byNoun[kind.table] else { throw APIError.internalError("no \(kind.table) family") }
        var image = try Generic.create(c, api, fam)
        image.fields["zoneid"] = nil
        image.fields["zonename"] = nil
        image.fields["crossZones"] = .bool(zones == nil)
        image.fields["format"] = .string(format)
        if let hypervisor { image.fields["hypervisor"] = .string(hypervisor) }
        if kind == .iso { image.fields["bootable"] = .bool(bootable) }
        // What every image answer carries whether or not the registration named it (RegisterTemplateCmd's defaults).
        for (key, fallback) in [("isdynamicallyscalable", false), ("directdownload", false)] {
            image.fields[key] = .bool(try c.bool(key, default: fallback))
        }
        if kind == .template {
            for (key, fallback) in [("sshkeyenabled", false), ("requireshvm", true), ("deployasis", false)] {
                image.fields[key] = .bool(try c.bool(key, default: fallback))
            }
            if image.fields["details"] == nil { image.fields["details"] = .record([:]) }
        }
        if image.fields["bits"] == nil { image.fields["bits"] = .int(try c.int("bits") ?? 64) }
        if let owner = try? c.owner(), image.fields["accountid"] == nil, !image.fields.keys.contains("projectid") {
            image.fields["accountid"] = .string(owner.accountID)
        }
        image.fields["size"] = .int(0)
        c.store.table(kind.table).insert(image)
        return (image, zones)
    }

    /// The zones a registration names: nil for zoneid=-1 (every zone, cross-zone).
    static func targetZones(_ c: Call) throws(APIError) -> [String]? {
        if c.optional("zoneid") == "-1" { return nil }
        let ids = c.list("zoneids") ?? c.optional("zoneid").map { [$0] } ?? []
        guard !ids.isEmpty else {
            throw APIError.invalid("zoneid", "Please specify zoneid, zoneids, or zoneid=-1 for every zone")
        }
        for id in ids where c.store.table("zone").get(id) == nil {
            throw CatalogCheck.noEntity(c.optional("zoneids") != nil ? "zoneids" : "zoneid", id, command: c.command)
        }
        return ids
    }
}

import APICatalog
import FoundationEssentials
import OrderedCollections
import Values

/// createTemplate: a USER template made from a volume (whose VM is stopped) or from a backed-up
/// snapshot, as TemplateManagerImpl makes it: RAW format, the volume's hypervisor, the source
/// template's id and extractability, ready in the volume's zone when the job ends.
enum TemplateCreateAPIs {
    static let handlers: [Handler] = [
        Handler("createTemplate", async: true) { c throws(APIError) in try create(c) }
    ]

    static func create(_ c: Call) throws(APIError) -> Reply {
        let name = try c.required("name")
        let owner = try c.owner()
        let isPublic = try c.bool("ispublic")
        if isPublic, !c.caller.isAdmin, ConfigurationAPIs.globalValue("allow.public.user.templates", c.store) == "false"
        {
            throw APIError.permission("Failed to create template \(name), only private templates can be created.")
        }
        let source = try sourceVolume(c)
        guard let osID = c.optional("ostypeid"), let os = c.store.table("ostype").get(osID) else {
            throw APIError.refused("GuestOS with ID: \(c.optional("ostypeid") ?? "") does not exist.")
        }
        let featured = try c.bool("isfeatured")
        var f: Record = [
            "name": .string(name), "displaytext": .string(c.optional("displaytext") ?? name),
            "ispublic": .bool(isPublic), "isfeatured": .bool(c.caller.isAdmin && featured),
            "passwordenabled": .bool(try c.bool("passwordenabled")),
            "sshkeyenabled": .bool(try c.bool("sshkeyenabled")),
            "requireshvm": .bool(try c.bool("requireshvm", default: true)),
            "isdynamicallyscalable": .bool(try c.bool("isdynamicallyscalable")),
            "bits": .int(try c.int("bits") ?? 64), "format": .string("RAW"), "templatetype": .string("USER"),
            "hypervisor": .string("Simulator"), "crossZones": .bool(false),
            "ostypeid": .string(os.id), "ostypename": os.fields["description"] ?? .string(""),
            "isextractable": .bool(source.extractable), "size": .int(source.size),
            "created": .string(c.created), "directdownload": .bool(false), "deployasis": .bool(false),
            "details": .record([:]), "account": .string(owner.account), "accountid": .string(owner.accountID),
            "domainid": .string(owner.domainID), "domain": .string(owner.domain),
        ]
        if let t = source.templateID { f["sourcetemplateid"] = .string(t) }
        if let tag = c.optional("templatetag") { f["templatetag"] = .string(tag) }
        if let owner = c.store.limitOwner(of: Entity(id: "", fields: f)) { try c.store.checkLimit(owner, 4, 1) }
        let id = c.store.newID(), zoneID = source.zoneID
        return .job(
            JobSpec(
                cmd: "org.apache.cloudstack.api.command.user.template.CreateTemplateCmd", instanceType: "Template",
                instanceID: id, immediateID: id
            ) { store, date in
                let template = store.insert("template", f, id: id)
                // Made on the zone's secondary storage: ready there at once, nothing to download.
                store.startImageDownload(id, zoneID: zoneID, now: date, seconds: 0)
                return ["template": store.imageAnswer(template, now: date)]
            })
    }

    struct Source {
        var zoneID: String
        var size: Int
        var templateID: String?
        var extractable: Bool
    }

    /// The volume the template copies: `volumeid`, or the volume of `snapshotid`; one of them.
    static func sourceVolume(_ c: Call) throws(APIError) -> Source {
        let volumeID = c.optional("volumeid"), snapshotID = c.optional("snapshotid")
        switch (volumeID, snapshotID) {
        case (nil, nil):
            throw APIError.refused(
                "Failed to create private template record, neither volume ID nor snapshot ID were specified.")
        case (let v?, let s?):
            throw APIError.refused(
                "Failed to create private template record, please specify only one of volume ID (\(v)) and snapshot ID (\(s))"
            )
        case (let v?, nil):
            if let vm = c.store.vms.owner(ofRootVolume: v) {
                try c.checkAccess(account: vm.account, domainID: vm.domainID, what: "volume \(v)")
                guard vm.state == "Stopped" else {
                    throw notStopped(vm.rootVolumeName)
                }
                return source(of: vm, zoneID: vm.zoneID, size: vm.rootSize, c.store)
            }
            guard let vol = c.store.table("volume").get(v) else {
                throw APIError.refused("Failed to create private template record, unable to find volume \(v)")
            }
            try c.checkAccess(account: vol["account"], domainID: vol["domainid"], what: "volume \(v)")
            if let vmID = vol["virtualmachineid"], let vm = c.store.vms[id: vmID], vm.state != "Stopped" {
                throw notStopped(vol["name"] ?? v)
            }
            return source(of: nil, zoneID: vol["zoneid"] ?? "", size: Int(vol["size"] ?? "") ?? 0, c.store)
        case (nil, let s?):
            guard let snap = c.store.table("snapshot").get(s) else {
                throw APIError.refused("Failed to create private template record, unable to find snapshot \(s)")
            }
            try c.checkAccess(account: snap["account"], domainID: snap["domainid"], what: "snapshot \(s)")
            guard snap["state"] == "BackedUp" else {
                throw APIError.refused(
                    "Snapshot id=\(s) is not in BackedUp state yet and can't be used for template creation")
            }
            let vm = snap["volumeid"].flatMap { c.store.vms.owner(ofRootVolume: $0) }
            return source(of: vm, zoneID: snap["zoneid"] ?? "", size: Int(snap["virtualsize"] ?? "") ?? 0, c.store)
        }
    }

    /// A source whose VM (if known) gives the template its `sourcetemplateid` and extractability.
    static func source(of vm: VM?, zoneID: String, size: Int, _ store: Store) -> Source {
        Source(
            zoneID: zoneID, size: size, templateID: vm.map { $0.isoID ?? $0.templateID },
            extractable: vm.flatMap { store.table("template").get($0.templateID) }?["isextractable"] == "true")
    }

    static func notStopped(_ volume: String) -> APIError {
        APIError.internalError(
            "Unable to create private template for volume: \(volume); volume is attached to a non-stopped VM, "
                + "please stop the VM first")
    }
}

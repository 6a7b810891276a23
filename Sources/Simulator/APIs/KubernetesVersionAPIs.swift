import Values
import OrderedCollections

/// Kubernetes supported versions, as KubernetesVersionManagerImpl keeps them: a semantic version
/// with the binaries ISO the server registers for it (public, owned by the system account, named
/// `<name>-Kubernetes-Binaries-ISO`, downloading like any registered ISO), the node minimums, a
/// zone (or every zone), and a state clusters read (only Enabled versions take new clusters).
enum KubernetesVersionAPIs {
    static let noun = KubernetesService.versionNoun

    static let handlers: [Handler] = [
        Handler("addKubernetesSupportedVersion", add),
        Handler("listKubernetesSupportedVersions", list),
        Handler("updateKubernetesSupportedVersion") { c throws(APIError) in
            try KubernetesService.checkEnabled(c.store)
            let v = try c.entity(noun, "id", what: "Kubernetes supported version")
            let state = try c.required("state")
            // KubernetesSupportedVersion.State.valueOf: the exact enum name.
            guard ["Enabled", "Disabled"].contains(state) else {
                throw APIError.refused("Invalid value for state parameter")
            }
            c.store.table(noun).update(v.id) { $0.fields["state"] = .string(state) }
            let updated = c.store.table(noun).get(v.id)!
            return .object([
                "kubernetessupportedversion": KubernetesService.render(version: updated, c.store, now: c.now)
            ])
        },
        Handler("deleteKubernetesSupportedVersion", async: true) { c throws(APIError) in
            let v = try c.entity(noun, "id", what: "Kubernetes supported version")
            // The checks run in the job (the command's execute), so they fail the job, not the request.
            return .job(
                JobSpec(
                    cmd:
                        "org.apache.cloudstack.api.command.admin.kubernetes.version.DeleteKubernetesSupportedVersionCmd",
                    instanceType: "KubernetesSupportedVersion", instanceID: v.id, immediateID: nil
                ) { store, _ in
                    try KubernetesService.checkEnabled(store)
                    guard store.table(noun).get(v.id) != nil else {
                        throw APIError.refused("Invalid Kubernetes version id specified")
                    }
                    if store.table(KubernetesService.clusterNoun).rows.contains(where: {
                        $0["kubernetesversionid"] == v.id
                    }) {
                        throw APIError.internalError(
                            "Unable to delete Kubernetes version ID: \(v.id). Existing clusters currently using the version."
                        )
                    }
                    // Its binaries ISO goes with it (deleteIso).
                    if let iso = store.table("iso").get(v["isoid"] ?? "") {
                        store.removeImage(iso, kind: .iso, zoneID: nil)
                    }
                    store.table(noun).remove(v.id)
                    return ["success": .bool(true)]
                })
        },
    ]

    /// addKubernetesSupportedVersion, checks in the manager's order.
    static func add(_ c: Call) throws(APIError) -> Reply {
        try KubernetesService.checkEnabled(c.store)
        let semver = try c.required("semanticversion")
        let minCPU = try c.int("mincpunumber") ?? 0
        let minRAM = try c.int("minmemory") ?? 0
        if minCPU < KubernetesService.minNodeCPU {
            throw APIError.refused(
                "Invalid value for mincpunumber parameter. Minimum \(KubernetesService.minNodeCPU) vCPUs required.")
        }
        if minRAM < KubernetesService.minNodeRAM {
            throw APIError.refused(
                "Invalid value for minmemory parameter. Minimum \(KubernetesService.minNodeRAM)MB memory required")
        }
        if try KubernetesService.compare(semver, KubernetesService.minVersion) < 0 {
            throw APIError.refused(
                "New supported Kubernetes version cannot be added as \(KubernetesService.minVersion) is minimum version supported by Kubernetes Service"
            )
        }
        var zone: Entity? = nil
        if let zoneID = c.optional("zoneid") {
            guard let z = c.store.table("zone").get(zoneID) else { throw APIError.refused("Invalid zone specified") }
            zone = z
        }
        let url = c.optional("url") ?? ""
        if url.isEmpty { throw APIError.refused("Invalid URL for ISO specified, \(c.optional("url") ?? "null")") }
        var name = c.optional("name") ?? ""
        if name.isEmpty {
            name = "v\(semver)"
            if let zone { name += "-\(zone["name"] ?? "")" }
        }
        // registerKubernetesVersionIso: a public, non-bootable ISO through registerIso's own path.
        let isoName = "\(name)-Kubernetes-Binaries-ISO"
        var params: [(String, String)] = [
            ("name", isoName), ("displaytext", isoName), ("url", url), ("bootable", "false"), ("ispublic", "true"),
            ("zoneid", zone?.id ?? "-1"),
        ]
        if let checksum = c.optional("checksum"), !checksum.isEmpty { params.append(("checksum", checksum)) }
        guard case .list(_, let items, _) = try TemplateAPIs.register(.iso, c.with(params: RequestParams(params))),
            let isoID = items.first?[field: "id"]?.plainText
        else {
            throw APIError.internalError(
                "Unable to register binaries ISO for supported kubernetes version, \(name), with url: \(url)")
        }
        c.store.table("iso").update(isoID) { iso in
            iso.fields["account"] = .string("system")
            iso.fields["accountid"] = nil
        }
        var f: Record = [
            "name": .string(name), "semanticversion": .string(semver), "isoid": .string(isoID),
            "mincpunumber": .int(minCPU), "minmemory": .int(minRAM), "state": .string("Enabled"),
            "created": .string(c.created),
        ]
        if let zone { f["zoneid"] = .string(zone.id) }
        let v = c.store.insert(noun, f)
        return .object(["kubernetessupportedversion": KubernetesService.render(version: v, c.store, now: c.now)])
    }

    /// listKubernetesSupportedVersions: id, zone (its own or every zone's), keyword on the name, and a
    /// minimum version (given, or another version's), in id order.
    static func list(_ c: Call) throws(APIError) -> Reply {
        try KubernetesService.checkEnabled(c.store)
        var minimum = c.optional("minimumsemanticversion")
        if let m = minimum, !m.isEmpty, c.optional("minimumkubernetesversionid") != nil {
            throw APIError.internalError(
                "Both parameters minimumsemanticversion and minimumkubernetesversionid can not be passed together")
        }
        if let minID = c.optional("minimumkubernetesversionid") {
            guard let v = c.store.table(noun).get(minID) else {
                throw APIError.refused("Invalid minimumkubernetesversionid passed")
            }
            minimum = v["semanticversion"]
        }
        let id = c.optional("id"), zoneID = c.optional("zoneid"), keyword = c.optional("keyword")?.lowercased()
        let rows = c.store.table(noun).rows.filter { v in
            if let id, v.id != id { return false }
            if let zoneID, let z = v["zoneid"], z != zoneID { return false }
            if let keyword, !(v["name"] ?? "").lowercased().contains(keyword) { return false }
            if let minimum, !minimum.isEmpty {
                // A version that cannot be compared is left out (the server logs it and drops it).
                guard let cmp = try? KubernetesService.compare(minimum, v["semanticversion"] ?? ""), cmp <= 0 else {
                    return false
                }
            }
            return true
        }
        let page = try c.pageRange(count: rows.count)
        let items = rows[page].map { KubernetesService.render(version: $0, c.store, now: c.now) }
        return .list(noun: "kubernetessupportedversion", items: items, total: rows.count)
    }
}

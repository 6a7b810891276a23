import APICatalog
import Values
import OrderedCollections

/// CloudStack's internal numeric ids. Every entity has one (`seq`, sequential per
/// table, in creation order: the seed's first zone is 1). As the real server's
/// parameter processing does, a uuid parameter that existed before 3.0 (no `since`
/// in the catalog) also takes the internal id, which is turned into the UUID here,
/// before any handler runs; newer parameters demand a UUID (CatalogCheck says 431).
extension Store {
    func translateInternalIDs(_ api: API, _ params: inout RequestParams) {
        for p in api.params where p.since == nil {
            guard let value = params.value(p.name), let first = value.utf8.first, (48...57).contains(first) else {
                continue
            }
            let isList = p.type == "list" && p.name.lowercased().hasSuffix("ids")
            guard p.type == "uuid" || isList else { continue }
            let parts = isList ? value.split(separator: ",").map { String($0).trimmingSpaces() } : [value]
            guard parts.contains(where: { Int($0) != nil }) else { continue }
            let nouns = Self.nouns(for: p, in: api)
            let translated = parts.map { part in Int(part).flatMap { uuid(seq: $0, nouns: nouns) } ?? part }
            params.replace(p.name, with: translated.joined(separator: ","))
        }
    }

    /// A UUID this cloud never gave out, in a parameter that names an entity, fails as the server's parameter
    /// processing fails it: that looks the UUID up among the entity's rows, removed ones included (so a
    /// deleted VM's id still lists nothing rather than failing). Any id the store made counts, whatever
    /// its kind; the handlers check the kind.
    func checkEntityIDs(_ api: API, _ params: RequestParams, command: String) throws(APIError) {
        guard ids.origin != nil else { return }  // a state file from before the origin was kept
        for p in api.params {
            guard let value = params.value(p.name) else { continue }
            let parts: [Substring]
            if p.type == "uuid" {
                parts = [Substring(value)]
            } else if p.type == "list", p.name.lowercased().hasSuffix("ids") {
                parts = value.split(separator: ",")
            } else {
                continue
            }
            for part in parts {
                let id = String(part).trimmingSpaces()
                if EntityID.isUUID(id), !knows(id) { throw CatalogCheck.noEntity(p.name, id, command: command) }
            }
        }
    }

    /// Whether the id names something this cloud has or had.
    func knows(_ given: String) -> Bool {
        // The generator makes lower-case ids; a row may hold an id a caller chose, in its own case.
        let id = given.lowercased()
        if ids.issued(id) || vms[id: id] != nil || vms.owner(ofRootVolume: id) != nil || jobs[id: id] != nil {
            return true
        }
        return tables.values.contains { $0.get(id) != nil || $0.get(given) != nil } || defaultRoleRuleIDs.contains(id)
    }

    /// The UUID of the entity with internal id `seq` in the first of `nouns` the store keeps.
    private func uuid(seq: Int, nouns: [String]) -> String? {
        for noun in nouns {
            if noun == "virtualmachine" { return vms.vm(seq: seq)?.id }
            if let t = tables[noun] { return t.get(seq: seq)?.id }
        }
        return nil
    }

    /// Which tables a parameter names: `zoneid` -> zone, `vmid` -> virtualmachine, `id` -> the API's
    /// own noun, then the nouns of its related APIs (`templateid` is related to listTemplates).
    static func nouns(for p: APIParam, in api: API) -> [String] {
        let name = p.name.lowercased()
        var words: [String]
        if name == "id" || name == "ids" {
            words = [api.noun] + NounForms.singulars(of: api.noun)
        } else {
            words = [
                name.hasSuffix("ids")
                    ? String(name.dropLast(3)) : name.hasSuffix("id") ? String(name.dropLast(2)) : name
            ]
        }
        for r in p.related {
            let noun = API.split(r).noun
            words += [noun] + NounForms.singulars(of: noun)
        }
        return words.flatMap { [$0] + (NounForms.alias(of: $0).map { [$0] } ?? []) }
    }

    /// `--admin-api-key`/`--admin-secret-key` on a cloud read from a state file: the root admin takes them.
    func applyAdminKeys(_ options: SimulatorOptions) {
        let keys = options.adminKeys
        for i in principals.indices where principals[i].caller.isAdmin {
            principals[i].user.apiKey = keys.apiKey
            principals[i].user.secretKey = keys.secretKey
            table("user").update(principals[i].caller.userID) { $0.fields["apikey"] = .string(keys.apiKey) }
        }
    }
}

extension Array {
    /// Where the row with internal id `seq` is, in rows kept in increasing `seq` order (binary search).
    func index(ofSeq seq: Int, _ key: (Element) -> Int) -> Int? {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if key(self[mid]) < seq { lo = mid + 1 } else { hi = mid }
        }
        return lo < count && key(self[lo]) == seq ? lo : nil
    }
}

import APICatalog
import Contracts
import Values
import OrderedCollections

/// No parameter the catalog lists among an API's response fields is dropped from the answer:
/// the field takes the parameter's value (and `zoneid` brings `zonename`). Used by the generic
/// engine to build entities, and after every hand-written create/update as one common step.
enum ResponseFill {
    /// Owner and identity parameters: set by the owner logic, never copied blindly.
    static let ownerParams: Set<String> = ["id", "account", "domainid", "projectid"]

    /// The response field a parameter lands in: the same name in any case (`cachemode` ->
    /// `cacheMode`), else the server's usual renames (`customized` -> `iscustomized`,
    /// `bytesreadrate` -> `diskBytesReadRate`, a service offering's `tags` -> `storagetags`).
    static func field(for param: String, in fields: [String: String]) -> String? {
        let p = param.lowercased()
        for candidate in [p, "is" + p, "disk" + p] { if let f = fields[candidate] { return f } }
        if p == "tags" { return fields["storagetags"] }
        return nil
    }

    /// The value as the response types it: booleans and numbers as JSON ones, the rest as text.
    /// (A boolean parameter that is not "true" is stored as false, as the server reads it.)
    static func typed(_ value: String, _ type: String) -> Value {
        ResponseTypes.typed(value, type) ?? (type == "boolean" ? .bool(false) : .string(value))
    }

    /// Sets `record`'s response fields from the call's parameters. `update`: a given value
    /// replaces a different stored one (case aside, so a handler's normalised spelling stays);
    /// otherwise only missing fields (and booleans) are set. Returns the fields it set.
    @discardableResult
    static func fill(_ record: inout Record, api: API, params: RequestParams, store: Store, update: Bool) -> Record {
        var fields: [String: String] = [:]
        for f in api.responseFields { fields[f.lowercased()] = f }
        var set: Record = [:]
        for p in api.params
        // kept by the server, never shown
        where p.type != "map" && !ownerParams.contains(p.name.lowercased()) && !SecretPolicy.isSecret(p.name) {
            guard let raw = params.value(p.name), let name = field(for: p.name, in: fields) else { continue }
            // A stored value differing from the given one was ignored by the handler; on a create only
            // a boolean is surely so (other values may be converted: a volume's size is given in GB).
            if let old = record[name] {
                guard update || p.type == "boolean", old.plainText.lowercased() != raw.lowercased() else { continue }
            }
            set[name] = typed(raw, p.type)
        }
        // An id parameter brings the name the response shows next to it (zoneid -> zonename).
        for (lower, name) in fields where lower.hasSuffix("name") && lower.count > 4 {
            guard record[name] == nil, set[name] == nil else { continue }
            let idKey = String(lower.dropLast(4)) + "id"
            guard let idField = fields[idKey], let id = (set[idField] ?? record[idField])?.plainText,
                let found = store.name(ofID: id)
            else { continue }
            set[name] = .string(found)
        }
        record.merge(set, uniquingKeysWith: { $1 })
        return set
    }

    /// The common step after a hand-written create/update: the entity it answered (and the
    /// stored row) gain the response fields it left out.
    static func complete(_ c: Call, _ api: API?, _ reply: Reply) -> Reply {
        guard let api, Families.createVerbs.contains(api.verb) || api.verb == "update" else { return reply }
        let params = c.params
        switch reply {
        case .object(let r):
            return .object(completed(r, api: api, params: params, store: c.store))
        case .job(var spec):
            let work = spec.work
            spec.work = { store, date in completed(try work(store, date), api: api, params: params, store: store) }
            return .job(spec)
        case .list, .objectSettingCookies:
            return reply
        }
    }

    /// Fills the one entity record of an answer (`{"zone": {...}}`) and its stored row.
    static func completed(_ answer: Record, api: API, params: RequestParams, store: Store) -> Record {
        guard answer.count == 1, let key = answer.keys.first, case .record(var entity)? = answer[key],
            let id = entity["id"]?.plainText, let table = store.tableHolding(id, preferring: key)
        else { return answer }
        var set = fill(&entity, api: api, params: params, store: store, update: api.verb == "update")
        var dropped: String?
        if api.verb != "update", let owner = projectOwner(api, params, store), entity["projectid"] == nil {
            // A project's resource shows its project, not the account that made it.
            set.merge(owner, uniquingKeysWith: { $1 })
            entity.merge(owner, uniquingKeysWith: { $1 })
            if entity.removeValue(forKey: "account") != nil { dropped = "account" }
        }
        guard !set.isEmpty else { return answer }
        table.update(id) { e in
            e.fields.merge(set, uniquingKeysWith: { $1 })
            if let dropped { e.fields.removeValue(forKey: dropped) }
        }
        return [key: .record(entity)]
    }

    /// projectid, project, domainid and domain of the project a create names, when its answer shows projects.
    static func projectOwner(_ api: API, _ params: RequestParams, _ store: Store) -> Record? {
        guard api.responseFields.contains("projectid"), let pid = params.value("projectid"),
            let project = store.table("project").get(pid)
        else { return nil }
        return Store.projectOwnerFields(project)
    }
}

extension Store {
    /// The table holding an entity with this id (`preferring` is tried first).
    func tableHolding(_ id: String, preferring noun: String) -> Table? {
        if let t = tables[noun], t.get(id) != nil { return t }
        return tables.values.first { $0.get(id) != nil }
    }

    /// The name of whatever has this id: a VM or any stored entity.
    func name(ofID id: String) -> String? {
        if let vm = vms[id: id] { return vm.name }
        for t in tables.values { if let e = t.get(id) { return e["name"] ?? e["description"] } }
        return nil
    }
}

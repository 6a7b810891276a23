import APICatalog
import Values

/// The catalog-driven engine: every create/list/update/delete/enable/disable API of a family
/// (see `Families`) that no hand-written handler models works on stored entities. A create
/// stores what it was given under the catalog's response field names; list filters and pages;
/// update changes what it is given; delete removes; async APIs run as jobs.
enum Generic {
    /// Handlers by API name, for the catalog APIs `Registry` leaves out.
    static let handlers: [String: Handler] = {
        var map: [String: Handler] = [:]
        for api in Catalog.bundled.allAPIs where Registry.all[api.name] == nil {
            guard let fam = Families.family(of: api), let role = Families.role(of: api) else { continue }
            map[api.name] = Handler(api.name, async: api.isAsync) { c throws(APIError) in
                try run(role, api, fam, c)
            }
        }
        return map
    }()

    static func run(_ role: GenericRole, _ api: API, _ fam: Family, _ c: Call) throws(APIError) -> Reply {
        switch role {
        case .list:
            // (Empty rather than absent: a lookup may have made the table.)
            if Families.installFilled.contains(fam.table), c.store.tables[fam.table]?.rows.isEmpty ?? true {
                throw APIError(432, "The acsh simulator does not model \(api.name) yet: a real install has entries here, "
                    + "and this cloud was not seeded with them")
            }
            // The table is named in lower case; the answer uses the server's spelling (`vmSnapshot`).
            guard case .list(_, let items, let total) = try c.listEntities(fam.table, owned: fam.owned, taggable: fam.taggable,
                                                                           where: { visibleOwnerList(c, $0) })
            else { return .list(noun: fam.key, items: [], total: 0) }
            return .list(noun: fam.key, items: items, total: total)
        case .create:
            try checkReferences(c, api)
            let e = try create(c, api, fam)
            c.store.table(fam.table).insert(e)
            return try answer(c, api, fam, id: e.id, immediateID: e.id, onFailure: { $0.table(fam.table).remove(e.id) }) { store throws(APIError) in
                [fam.objectKey: render(try store.jobEntity(fam.table, e.id), fam, store)]
            }
        case .update:
            let e = try target(c, api, fam)
            try checkReferences(c, api)
            var f = e.fields
            // An update answering only `success` still changes the fields its family's list shows.
            let shows = api.responseFields.contains("id") || api.responseFields.contains("name")
            var fields = api
            if !shows { fields.responseFields = fam.list.responseFields }
            ResponseFill.fill(&f, api: fields, params: c.params, store: c.store, update: true)
            c.store.table(fam.table).update(e.id) { $0.fields = f }
            return try answer(c, api, fam, id: e.id) { store throws(APIError) in
                shows ? [fam.objectKey: render(try store.jobEntity(fam.table, e.id), fam, store)] : ["success": .bool(true)]
            }
        case .state(let state):
            let e = try target(c, api, fam)
            // Accounts and users spell their states in lower case ("enabled"), and login checks that.
            let value = e["state"].map { $0 == $0.lowercased() } == true ? state.lowercased() : state
            return try answer(c, api, fam, id: e.id) { store throws(APIError) in
                store.table(fam.table).update(e.id) { $0.fields["state"] = .string(value) }
                return [fam.objectKey: render(try store.jobEntity(fam.table, e.id), fam, store)]
            }
        case .delete:
            let gone = try targets(c, api, fam)
            return try answer(c, api, fam, id: gone[0].id) { store throws(APIError) in
                for e in gone {
                    store.table(fam.table).remove(e.id)
                    store.removeTags(resourceID: e.id) { _ in true }
                }
                return ["success": .bool(true)]
            }
        }
    }

    /// A synchronous answer at once, or a job whose result `work` makes when it completes.
    static func answer(_ c: Call, _ api: API, _ fam: Family, id: String, immediateID: String? = nil,
                       onFailure: ((Store) -> Void)? = nil,
                       _ work: @escaping (Store) throws(APIError) -> Record) throws(APIError) -> Reply {
        // Synchronous: done now, on the caller's store (under the engine's lock already).
        guard api.isAsync else { return .object(try work(c.store)) }
        return .job(JobSpec(cmd: "org.apache.cloudstack.api.command." + api.name.prefix(1).uppercased() + api.name.dropFirst() + "Cmd",
                            instanceType: nil, instanceID: id, immediateID: immediateID,
                            work: { store, _ in try work(store) }, onFailure: onFailure))
    }

    /// A list/create/update answer's entity: resource tags from the store when the family has them.
    static func render(_ e: Entity, _ fam: Family, _ store: Store) -> Value {
        guard fam.taggable else { return .record(e.fields) }
        var f = e.fields
        f["tags"] = store.tagsValue(e.id)
        return .record(f)
    }
}

extension Registry {
    /// The handler for a command: hand-written first, else the generic engine's.
    static func handler(_ command: String) -> Handler? { all[command] ?? Generic.handlers[command] }
}

import OrderedCollections
import Values

/// Annotations (comments on resources), as AnnotationManagerImpl keeps them: anyone may annotate
/// the kinds users own, only root admins the infrastructure; `adminsonly` ones are shown to root
/// admins alone (a domain admin counts as a user here: the server's test is the Admin role type);
/// lists come newest first. Resources answer `hasannotations` from these (`AnnotationIndex`).
enum AnnotationAPIs {
    static let noun = "annotation"

    static let handlers: [Handler] = [
        Handler("addAnnotation") { c throws(APIError) in
            guard let entityID = c.optional("entityid") else {
                throw APIError.unhandled("I need to have an entity to set an annotation on!")
            }
            guard let raw = c.optional("entitytype") else { throw APIError.unhandled("Name is null") }
            guard let type = AnnotatedKind(rawValue: raw) else {
                throw APIError.unhandled("'\(raw)' is not a valid EntityType to put annotations on")
            }
            let admin = c.caller.role == .rootAdmin
            if !admin {
                guard type.usersAllowed else {
                    throw APIError.unhandled(
                        "User: \(c.caller.username) is not allowed to add annotations on type: \(type.rawValue)")
                }
                // The server looks the entity up for users only, and ignores whether they own it.
                guard type.find(entityID, c.store) != nil else { throw missingEntity(type, entityID) }
            }
            let e = c.store.insert(
                noun,
                [
                    "entitytype": .string(type.rawValue), "entityid": .string(entityID),
                    "annotation": c.optional("annotation").map(Value.string) ?? .null,
                    "userid": .string(c.caller.userID), "adminsonly": .bool(try c.bool("adminsonly")),
                    "created": .string(c.created), entityFound: .bool(type.find(entityID, c.store) != nil),
                ])
            return .object(["annotation": .record(shown(e, c.store))])
        },
        Handler("listAnnotations") { c throws(APIError) in
            let id = c.optional("id")
            let type = c.optional("entitytype").flatMap { $0.isEmpty ? nil : $0 }
            let entityID = c.optional("entityid").flatMap { $0.isEmpty ? nil : $0 }
            if type != nil, id != nil {
                throw APIError.refused(
                    "I can search for an anotation on an entity or for a specific annotation, not both")
            }
            if id != nil, entityID != nil {
                throw APIError.refused(
                    "I will either search for a specific annotation or for annotations on an entity, not both")
            }
            let found = try search(c, id: id, type: type, entityID: entityID)
            let page = try c.pageRange(count: found.count)
            return .list(noun: noun, items: found[page].map { .record(shown($0, c.store)) }, total: found.count)
        },
        Handler("removeAnnotation") { c throws(APIError) in
            let id = try c.required("id")
            guard let a = c.store.table(noun).get(id), live(a, c.store) else {
                throw APIError.unhandled("Unable to find annotation with uuid: \(id)")
            }
            guard c.caller.role == .rootAdmin || a["userid"] == c.caller.userID else {
                throw APIError.unhandled(
                    "Only administrators or entity owner users can delete annotations, cannot remove annotation "
                        + "with uuid: \(id) - type: \(a["entitytype"] ?? "") ")
            }
            let answer = shown(a, c.store)
            c.store.table(noun).remove(id)
            return .object(["annotation": .record(answer)])
        },
        Handler("updateAnnotationVisibility") { c throws(APIError) in
            let id = try c.required("id")
            let adminsOnly = try c.bool("adminsonly")
            guard let a = c.store.table(noun).get(id), live(a, c.store) else {
                throw APIError.unhandled(
                    "Only admins can update annotations' visibility. Cannot update visibility for annotation with "
                        + "id: \(id) - Annotation id:\(id) does not exist")
            }
            c.store.table(noun).update(id) { $0.fields["adminsonly"] = .bool(adminsOnly) }
            return .object(["annotation": .record(shown(c.store.table(noun).get(id)!, c.store))])
        },
    ]

    /// The annotations a listAnnotations call asks for, newest first, as getAnnotationsForApiCmd picks them.
    static func search(_ c: Call, id: String?, type: String?, entityID: String?) throws(APIError) -> [Entity] {
        let admin = c.caller.role == .rootAdmin
        let filter = c.optional("annotationfilter").flatMap { $0.isEmpty ? nil : $0 } ?? "all"
        var userID = c.optional("userid").flatMap { $0.isEmpty ? nil : $0 }
        let keyword = c.optional("keyword").flatMap { $0.isEmpty ? nil : $0 }
        let all = Array(rows(c.store).reversed())
        if let id {
            // The server's lookup by id also asks that `userid` names its author and that its
            // adminsonly flag equals the caller's admin-ness; kept, since clients see exactly that.
            guard let a = c.store.table(noun).get(id), live(a, c.store), let author = a["userid"], author == userID,
                filter.lowercased() == "all" || (filter.lowercased() == "self" && author == c.caller.userID),
                (a.fields["adminsonly"]?.bool ?? false) == admin
            else { return [] }
            return [a]
        }
        if filter.lowercased() == "self", userID == nil, entityID == nil || type != nil {
            userID = c.caller.userID
        }
        var entityType = type
        if entityType == nil, let entityID {
            // By entity id alone: the type of any annotation on it, or nothing.
            guard let first = all.last(where: { $0["entityid"] == entityID }) else { return [] }
            entityType = first["entitytype"]
        }
        if !admin, entityID == nil, let t = entityType {
            guard let kind = AnnotatedKind(rawValue: t) else {
                throw APIError.refused(
                    "No enum constant org.apache.cloudstack.annotation.AnnotationService.EntityType.\(t)")
            }
            if !kind.usersAllowed { return [] }
        }
        let selfOnly = entityID != nil && filter.lowercased() == "self"
        // Users see the annotations of what they own; asked for one entity, the server checks
        // ownership but ignores the answer, so any entity's shared annotations show.
        let checkOwner = !admin && entityID == nil
        return all.filter { a in
            if let entityType, a["entitytype"] != entityType { return false }
            if let entityID, a["entityid"] != entityID { return false }
            if let userID, a["userid"] != userID { return false }
            if selfOnly, a["userid"] != c.caller.userID { return false }
            if let keyword, !(a["annotation"] ?? "").lowercased().contains(keyword.lowercased()) {
                return false
            }
            guard !admin else { return true }
            guard a.fields["adminsonly"]?.bool != true, let kind = AnnotatedKind(rawValue: a["entitytype"] ?? ""),
                kind.usersAllowed
            else { return false }
            return !checkOwner || owned(kind, a["entityid"] ?? "", c)
        }
    }

    /// Whether a user may see this entity's annotations (isEntityOwnedByTheUser); an entity that
    /// is gone counts as not theirs.
    static func owned(_ kind: AnnotatedKind, _ id: String, _ c: Call) -> Bool {
        guard let e = kind.find(id, c.store) else { return false }
        do {
            try c.checkAccess(accountID: e.ownerID ?? "", domainID: e.domainID ?? "", what: kind.rawValue)
            return true
        } catch { return false }
    }

    /// Set on a note whose resource existed when it was made. The server removes a resource's notes
    /// with it (annotationDao.removeByEntityType in each manager); here such a note counts as gone
    /// once its resource is, which keeps that rule in one place. A note an admin put on an id that
    /// named nothing stays, as on the server.
    static let entityFound = "entityfound"

    static func live(_ a: Entity, _ store: Store) -> Bool {
        guard a.fields[entityFound]?.bool == true else { return true }
        return AnnotatedKind(rawValue: a["entitytype"] ?? "")?.find(a["entityid"] ?? "", store) != nil
    }

    /// The notes that still stand, oldest first.
    static func rows(_ store: Store) -> [Entity] {
        (store.tables[noun]?.rows ?? []).filter { live($0, store) }
    }

    static func missingEntity(_ type: AnnotatedKind, _ id: String) -> APIError {
        APIError.unhandled("Could not find an entity with type: \(type.rawValue) and ID: \(id)")
    }

    /// The answer's record: the stored fields with the author's name and the entity's name now.
    static func shown(_ a: Entity, _ store: Store) -> Record {
        var r: Record = ["id": .string(a.id)]
        for k in ["entitytype", "entityid", "annotation", "userid"] { r[k] = a.fields[k] }
        if let uid = a["userid"], let name = store.table("user").get(uid)?["username"] { r["username"] = .string(name) }
        if let kind = AnnotatedKind(rawValue: a["entitytype"] ?? ""), let e = kind.find(a["entityid"] ?? "", store),
            let name = e.name
        {
            r["entityname"] = .string(name)
        }
        r["adminsonly"] = a.fields["adminsonly"] ?? .bool(false)
        r["created"] = a.fields["created"]
        return r
    }
}

/// Which resources carry an annotation the caller may see (the server's `hasAnnotations`, asked
/// per resource as its response is built), and each host's latest note (the host view's join).
struct AnnotationIndex {
    private var annotated: Set<String> = []
    private var latestOnHost: [String: Entity] = [:]
    private let store: Store
    private let everyRecord: Bool

    /// For an API whose answer has `hasannotations`, or any answer while annotations exist
    /// (records that carry the field); nil otherwise, leaving answers as their builders made them.
    init?(_ store: Store, admin: Bool, annotatable: Bool) {
        guard annotatable || store.tables[AnnotationAPIs.noun]?.rows.isEmpty == false else { return nil }
        let rows = AnnotationAPIs.rows(store)
        self.store = store
        self.everyRecord = annotatable
        for a in rows {
            guard let id = a["entityid"] else { continue }
            if admin || a.fields["adminsonly"]?.bool != true { annotated.insert(id) }
            if a["entitytype"] == AnnotatedKind.host.rawValue { latestOnHost[id] = a }
        }
    }

    func mark(_ r: inout Record, as noun: String) {
        guard everyRecord || r["hasannotations"] != nil, let id = r["id"]?.string else { return }
        r["hasannotations"] = .bool(annotated.contains(id))
        if noun == "host", let a = latestOnHost[id] {
            r["annotation"] = a.fields["annotation"]
            r["lastannotated"] = a.fields["created"]
            if let uid = a["userid"] { r["username"] = store.table("user").get(uid)?.fields["username"] }
        }
    }
}

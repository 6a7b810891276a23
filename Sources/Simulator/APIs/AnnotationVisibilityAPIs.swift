import OrderedCollections
import Values

/// updateAnnotationVisibility (root admin): an annotation (kept by the generic engine's annotation
/// family) becomes visible to admins only, or to everyone who sees its entity.
enum AnnotationVisibilityAPIs {
    static let handlers: [Handler] = [
        Handler("updateAnnotationVisibility") { c throws(APIError) in
            let id = try c.required("id")
            let adminsOnly = try c.bool("adminsonly")
            guard c.store.table("annotation").get(id) != nil else {
                throw APIError.refused("Unable to find annotation with uuid: \(id)")
            }
            c.store.table("annotation").update(id) { $0.fields["adminsonly"] = .bool(adminsOnly) }
            return .object(["annotation": .record(c.store.table("annotation").get(id)!.fields)])
        }
    ]
}

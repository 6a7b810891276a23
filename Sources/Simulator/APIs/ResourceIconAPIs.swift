import FoundationEssentials
import OrderedCollections
import Values

/// Resource icons: uploadResourceIcon (a base64 PNG, JPEG or GIF) for resources of one type,
/// listResourceIcon and deleteResourceIcon; the caller must own each resource.
enum ResourceIconAPIs {
    static let noun = "resourceicon"
    /// The resource types that take icons (ResourceIconManager).
    static let types = ["Zone", "Template", "ISO", "Domain", "Account", "UserVm", "Network", "Vpc", "Project", "User"]

    static let handlers: [Handler] = [
        Handler("uploadResourceIcon") { c throws(APIError) in
            let (type, ids) = try resources(c)
            let image = try c.required("base64image")
            guard let bytes = Data(base64Encoded: image), isImage([UInt8](bytes)) else {
                throw APIError.refused(
                    "Failed to upload resource icon: the base64image is not a PNG, JPEG or GIF image encoded in base64")
            }
            for id in ids {
                c.store.table(noun).put(
                    Entity(
                        id: "\(type)/\(id)",
                        fields: [
                            "resourceid": .string(id), "resourcetype": .string(type),
                            "base64image": .string(image),
                        ]))
            }
            return .object(["success": .bool(true)])
        },
        Handler("deleteResourceIcon") { c throws(APIError) in
            let (type, ids) = try resources(c)
            for id in ids { c.store.table(noun).remove("\(type)/\(id)") }
            return .object(["success": .bool(true)])
        },
        Handler("listResourceIcon") { c throws(APIError) in
            let (type, ids) = try resources(c)
            let items: [Value] = ids.compactMap { c.store.table(noun).get("\(type)/\($0)").map { .record($0.fields) } }
            return .list(noun: "icon", items: items, total: items.count)
        },
    ]

    static func resources(_ c: Call) throws(APIError) -> (String, [String]) {
        let raw = try c.required("resourcetype")
        guard let type = types.first(where: { $0.lowercased() == raw.lowercased() }) else {
            throw APIError.invalid("resourcetype", "'\(raw)' does not take icons (\(types.joined(separator: ", ")))")
        }
        let ids = c.list("resourceids") ?? []
        guard !ids.isEmpty else { throw APIError.missing("resourceids", command: c.command) }
        for id in ids {
            let one = c.with(params: RequestParams([("resourcetype", type), ("resourceid", id)]))
            _ = try ResourceDetailAPIs.resource(one)
        }
        return (type, ids)
    }

    /// PNG, JPEG or GIF by their first bytes.
    static func isImage(_ b: [UInt8]) -> Bool {
        b.starts(with: [0x89, 0x50, 0x4E, 0x47]) || b.starts(with: [0xFF, 0xD8, 0xFF])
            || b.starts(with: Array("GIF8".utf8))
    }
}

import FoundationEssentials
import Values

/// A resource kept as the record the server would render (small families:
/// zones, offerings, networks...). Virtual machines have their own compact type.
struct Entity {
    var id: String
    var fields: Record

    subscript(_ name: String) -> String? {
        get { fields[name].map(\.plainText) }
    }
}

/// One resource family: rows in creation order plus an id index.
final class Table {
    let noun: String
    private(set) var rows: [Entity] = []
    private var index: [String: Int] = [:]

    init(noun: String) { self.noun = noun }

    func insert(_ e: Entity) {
        index[e.id] = rows.count
        rows.append(e)
    }

    func get(_ id: String) -> Entity? { index[id].map { rows[$0] } }

    func update(_ id: String, _ change: (inout Entity) -> Void) {
        guard let i = index[id] else { return }
        change(&rows[i])
    }

    func remove(_ id: String) {
        guard let i = index[id] else { return }
        rows.remove(at: i)
        index = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1.id, $0) })
    }

    func first(where match: (Entity) -> Bool) -> Entity? { rows.first(where: match) }
}

/// A tag as listTags shows it; resources render theirs from the store's index.
struct Tag {
    var key: String
    var value: String
    var resourceType: String
    var resourceID: String
    var account: String
    var domainID: String
    var domain: String

    var record: Value {
        .record(["key": .string(key), "value": .string(value), "resourcetype": .string(resourceType),
                 "resourceid": .string(resourceID), "account": .string(account),
                 "domainid": .string(domainID), "domain": .string(domain)])
    }
}

/// Who is calling: resolved by the auth step, used for ownership and visibility.
struct Caller: Sendable {
    var userID: String
    var username: String
    var accountID: String
    var account: String
    var domainID: String
    var domain: String
    /// Root admin (account type 1).
    var isAdmin: Bool
    /// Domain admin (account type 2); see `Role`.
    var isDomainAdmin = false
}

/// The whole simulated cloud. Only touched under the engine's lock, so plain
/// mutable state is safe; kept in memory because it must start instantly with
/// no set-up and serve 100,000 VMs at memory speed.
final class Store: @unchecked Sendable {
    var ids: IDGenerator
    var tables: [String: Table] = [:]
    var vms = VMTable()
    var tags: [Tag] = []
    var tagsByResource: [String: [Int]] = [:]
    var jobs = JobTable()
    var principals: [Principal] = []
    var nextIP: UInt32 = 0x0A01_0002  // 10.1.0.2, guest addresses handed out in order
    var nextPublicIP: UInt32 = 0xC633_6410  // 198.51.100.16 (documentation range)
    let options: SimulatorOptions

    init(options: SimulatorOptions) {
        self.options = options
        self.ids = IDGenerator(seed: options.seed)
    }

    func table(_ noun: String) -> Table {
        if let t = tables[noun] { return t }
        let t = Table(noun: noun)
        tables[noun] = t
        return t
    }

    func newID() -> String { ids.uuid() }

    func guestIP() -> String {
        defer { nextIP += 1 }
        return Self.dotted(nextIP)
    }

    func publicIP() -> String {
        defer { nextPublicIP += 1 }
        return Self.dotted(nextPublicIP)
    }

    static func dotted(_ v: UInt32) -> String { "\(v >> 24).\(v >> 16 & 255).\(v >> 8 & 255).\(v & 255)" }

    /// A VM a finishing job acts on; it may have been expunged while the job ran.
    func jobVM(_ id: String) throws(APIError) -> VM {
        guard let vm = vms[id: id] else { throw APIError.internalError("virtual machine \(id) was removed while the job ran") }
        return vm
    }

    /// An entity a finishing job acts on; it may have been deleted while the job ran.
    func jobEntity(_ noun: String, _ id: String) throws(APIError) -> Entity {
        guard let e = table(noun).get(id) else { throw APIError.internalError("\(noun) \(id) was removed while the job ran") }
        return e
    }

    // MARK: tags

    func addTag(_ tag: Tag) {
        tagsByResource[tag.resourceID, default: []].append(tags.count)
        tags.append(tag)
    }

    func removeTags(resourceID: String, matching: (Tag) -> Bool) {
        tags.removeAll { $0.resourceID == resourceID && matching($0) }
        tagsByResource = [:]
        for (i, t) in tags.enumerated() { tagsByResource[t.resourceID, default: []].append(i) }
    }

    func tagsValue(_ resourceID: String) -> Value {
        guard let idx = tagsByResource[resourceID] else { return .list([]) }
        return .list(idx.map { tags[$0].record })
    }

    func hasTags(_ resourceID: String, _ wanted: [[String: String]]) -> Bool {
        let mine = (tagsByResource[resourceID] ?? []).map { tags[$0] }
        return wanted.allSatisfy { w in
            mine.contains { t in
                (w["key"].map { $0 == t.key } ?? true) && (w["value"].map { $0 == t.value } ?? true)
            }
        }
    }
}

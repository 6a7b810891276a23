import FoundationEssentials
import Values
import OrderedCollections

/// A resource kept as the record the server would render (small families:
/// zones, offerings, networks...). Virtual machines have their own compact type.
struct Entity {
    var id: String
    var fields: Record
    /// CloudStack's internal numeric id: sequential per table, never shown in responses,
    /// accepted in place of the UUID by parameters older than 3.0 (see InternalIDs.swift).
    var seq = 0

    subscript(_ name: String) -> String? {
        get { fields[name].map(\.plainText) }
    }
}

/// One resource family: rows in creation order plus an id index. Every change goes
/// through insert/update/remove, which tell the journal (when the state is kept in a file).
final class Table {
    let noun: String
    private(set) var rows: [Entity] = []
    private var index: [String: Int] = [:]
    /// The next internal id; rows are appended in increasing `seq` order.
    private(set) var nextSeq = 1
    let journal: Journal?

    init(noun: String, journal: Journal? = nil) {
        self.noun = noun
        self.journal = journal
    }

    func insert(_ e: Entity) {
        var e = e
        if e.seq == 0 { e.seq = nextSeq }
        nextSeq = max(nextSeq, e.seq + 1)
        index[e.id] = rows.count
        rows.append(e)
        journal?.changed(noun, e.id)
    }

    func get(_ id: String) -> Entity? { index[id].map { rows[$0] } }

    /// The entity with this internal id (rows are in `seq` order, so a binary search).
    func get(seq: Int) -> Entity? { rows.index(ofSeq: seq, \.seq).map { rows[$0] } }

    func update(_ id: String, _ change: (inout Entity) -> Void) {
        guard let i = index[id] else { return }
        change(&rows[i])
        journal?.changed(noun, id)
    }

    func remove(_ id: String) {
        guard let i = index[id] else { return }
        rows.remove(at: i)
        index = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1.id, $0) })
        journal?.changed(noun, id)
    }

    /// Rows read back from the state file, in `seq` order; not journaled (they are already saved).
    func restore(_ loaded: [Entity], nextSeq saved: Int) {
        rows = loaded
        index = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1.id, $0) })
        nextSeq = max(saved, (rows.last?.seq ?? 0) + 1)
    }

    func first(where match: (Entity) -> Bool) -> Entity? { rows.first(where: match) }

    /// Sets the fields of the row with this id, adding the row when there is none (values kept by key:
    /// a setting's value at a scope, a limit).
    func put(_ e: Entity) {
        if get(e.id) != nil { update(e.id) { $0.fields = e.fields } } else { insert(e) }
    }
}

/// A tag as listTags shows it; resources render theirs from the store's index.
struct Tag: Codable {
    var key: String
    var value: String
    var resourceType: String
    var resourceID: String
    var account: String
    var domainID: String
    var domain: String

    /// Resources whose answers the server builds in ApiResponseHelper: their tags show key and
    /// value only (the join-view ones, VMs, volumes, templates, show the whole tag).
    static let keyValueOnlyTypes: Set<String> = [
        "PublicIpAddress", "Network", "Vpc", "Snapshot", "FirewallRule",
        "PortForwardingRule", "LoadBalancer", "NetworkACL",
    ]

    /// The tag inside its resource's answer.
    var nested: Value {
        Self.keyValueOnlyTypes.contains(resourceType)
            ? .record(["key": .string(key), "value": .string(value)]) : record
    }

    var record: Value {
        .record([
            "key": .string(key), "value": .string(value), "resourcetype": .string(resourceType),
            "resourceid": .string(resourceID), "account": .string(account),
            "domainid": .string(domainID), "domain": .string(domain),
        ])
    }
}

/// Who is calling: resolved by the auth step, used for ownership and visibility.
struct Caller: Sendable, Codable {
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
/// mutable state is safe. The tables in memory are the working set (instant start,
/// 100,000 VMs at memory speed); with a state file, the journal collects what
/// changed and StateFile writes it after each request (see StateFile.swift).
/// New kinds of state belong in a `Table` (saved with no extra code); anything kept
/// elsewhere must be added to Journal and StateFile, or it is lost at restart.
final class Store: @unchecked Sendable {
    var ids: IDGenerator
    var tables: [String: Table] = [:]
    var vms: VMTable
    var tags: [Tag] = [] { didSet { journal?.tags = true } }
    var tagsByResource: [String: [Int]] = [:]
    var jobs: JobTable
    var principals: [Principal] = [] { didSet { journal?.principals = true } }
    /// The ids of the default roles' rules, which are made when listed and never stored (see `knows`).
    lazy var defaultRoleRuleIDs: Set<String> = Set(
        table(Store.roleNoun).rows.filter { $0["isdefault"] == "true" }.flatMap { role in
            RoleAPIs.implicitRules(role).compactMap { $0.record?["id"]?.plainText }
        })
    /// Changes not yet written to the state file; nil when the state lives in memory only.
    let journal: Journal?
    var nextPublicIP: UInt32 = 0xC633_6410  // 198.51.100.16 (documentation range)
    let options: SimulatorOptions
    /// Plugin APIs left unregistered at this management-server start (see KubernetesService.registerAtStart).
    var unregisteredAPIs: Set<String> = []

    init(options: SimulatorOptions, journal: Journal? = nil) {
        self.options = options
        self.journal = journal
        self.ids = IDGenerator(seed: options.seed)
        self.vms = VMTable(journal: journal)
        self.jobs = JobTable(journal: journal)
    }

    func table(_ noun: String) -> Table {
        if let t = tables[noun] { return t }
        let t = Table(noun: noun, journal: journal)
        tables[noun] = t
        return t
    }

    func newID() -> String { ids.uuid() }

    func publicIP() -> String {
        defer { nextPublicIP += 1 }
        return IPv4.text(nextPublicIP)
    }

    /// A VM a finishing job acts on; it may have been expunged while the job ran.
    func jobVM(_ id: String) throws(APIError) -> VM {
        guard let vm = vms[id: id] else {
            throw APIError.internalError("virtual machine \(id) was removed while the job ran")
        }
        return vm
    }

    /// An entity a finishing job acts on; it may have been deleted while the job ran.
    func jobEntity(_ noun: String, _ id: String) throws(APIError) -> Entity {
        guard let e = table(noun).get(id) else {
            throw APIError.internalError("\(noun) \(id) was removed while the job ran")
        }
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
        return .list(idx.map { tags[$0].nested })
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

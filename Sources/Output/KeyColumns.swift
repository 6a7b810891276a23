import Values
import OrderedCollections

/// The columns people look at first for the everyday CloudStack entities. A
/// table of such records shows these first, then the records' other fields
/// as they came, while the window has room (`select` and JSON are unchanged).
/// The kind is told by fields only that kind of record has, so a filtered or
/// sorted stream keeps its layout.
struct EntityColumns: Sendable {
    /// One column: a field as sent, or a value computed for reading (the default
    /// NIC's address, a size in GiB, a job status as a word).
    struct Column: Sendable {
        let name: String
        let value: @Sendable (Record) -> Value
        /// Long text (event descriptions): not cut at the usual 40 characters when the window allows.
        var wide = false
    }

    let entity: String
    let isKind: @Sendable (Record) -> Bool
    let columns: [Column]

    static func kind(of record: Record) -> EntityColumns? { all.first { $0.isKind(record) } }

    private static func field(_ name: String, wide: Bool = false) -> Column {
        Column(name: name, value: { $0[name] ?? .null }, wide: wide)
    }

    private static func fields(_ names: String...) -> [Column] { names.map { field($0) } }

    private static func has(_ r: Record, _ names: String...) -> Bool { names.allSatisfy { r[$0] != nil } }

    static let all: [EntityColumns] = [
        EntityColumns(
            entity: "asyncjob", isKind: { has($0, "jobid", "cmd", "jobstatus") },
            columns: [
                field("jobid"),
                Column(name: "cmd", value: { .string(JobText.shortCommand($0["cmd"]?.plainText ?? "")) }),
                Column(name: "status", value: { JobText.status($0["jobstatus"]) }),
                field("created"),
                Column(name: "result", value: { JobText.result($0) }, wide: true),
            ]),
        EntityColumns(
            entity: "event", isKind: { has($0, "type", "level", "description", "created") },
            columns: fields("created", "type", "level", "account") + [field("description", wide: true)]),
        EntityColumns(
            entity: "capacity", isKind: { has($0, "capacitytotal", "capacityused") },
            columns: [
                Column(name: "capacity", value: { .string(CapacityText.kind($0)) }),
                field("zonename"),
                Column(name: "used", value: { .string(CapacityText.usedOfTotal($0)) }),
                Column(name: "percent", value: { CapacityText.percent($0) }),
            ]),
        EntityColumns(
            entity: "volume",
            isKind: { r in has(r, "size", "type", "state") && ["ROOT", "DATADISK"].contains(r["type"]?.plainText ?? "")
            },
            columns: fields("name", "state", "type") + [
                Column(
                    name: "size",
                    value: { r in
                        r["size"].flatMap { Double($0.plainText) }.map { .string(HumanUnits.bytes($0)) } ?? .null
                    })
            ] + fields("vmname", "zonename", "id")),
        EntityColumns(
            entity: "virtualmachine", isKind: { has($0, "serviceofferingname", "templateid") && $0["role"] == nil },
            columns: fields("name", "state", "zonename") + [
                Column(name: "ipaddress", value: defaultNICAddress)
            ] + fields("templatename", "serviceofferingname", "id")),
        EntityColumns(
            entity: "host", isKind: { has($0, "resourcestate", "hypervisor") },
            columns: fields("name", "state", "resourcestate", "type", "ipaddress", "zonename", "clustername", "id")),
        EntityColumns(
            entity: "network", isKind: { has($0, "traffictype", "networkofferingid") },
            columns: fields("name", "state", "type", "cidr", "zonename", "id")),
        EntityColumns(
            entity: "template", isKind: { has($0, "templatetype", "ostypename") },
            columns: fields("name", "ostypename", "zonename", "isready", "templatetype", "id")),
        EntityColumns(
            entity: "user", isKind: { has($0, "username", "accounttype", "account") },
            columns: fields("username", "account", "domain", "state", "id")),
        EntityColumns(
            entity: "account", isKind: { has($0, "accounttype", "domain") && $0["username"] == nil },
            columns: fields("name", "roletype", "domain", "state", "id")),
        EntityColumns(
            entity: "zone", isKind: { has($0, "networktype", "allocationstate") },
            columns: fields("name", "networktype", "allocationstate", "id")),
        EntityColumns(
            entity: "securitygroup", isKind: { has($0, "ingressrule") || has($0, "egressrule") },
            columns: fields("name", "description", "account", "id")),
        EntityColumns(
            entity: "serviceoffering", isKind: { has($0, "cpunumber", "cpuspeed", "memory", "offerha") },
            columns: fields("name", "cpunumber", "cpuspeed", "memory", "id")),
        EntityColumns(
            entity: "diskoffering", isKind: { has($0, "disksize", "iscustomized") },
            columns: fields("name", "disksize", "iscustomized", "id")),
        EntityColumns(
            entity: "snapshot", isKind: { has($0, "snapshottype", "volumeid") },
            columns: fields("name", "state", "volumename", "created", "id")),
        EntityColumns(
            entity: "publicipaddress", isKind: { has($0, "ipaddress", "issourcenat") },
            columns: fields("ipaddress", "state", "zonename", "associatednetworkname", "id")),
    ]

    /// The address of the default NIC (the first NIC when none is marked).
    @Sendable static func defaultNICAddress(_ r: Record) -> Value {
        guard case .list(let nics)? = r["nic"]?.data, !nics.isEmpty else { return .null }
        let nic = nics.first { $0[field: "isdefault"]?.plainText == "true" } ?? nics[0]
        return nic[field: "ipaddress"] ?? .null
    }
}

/// Async job fields as words.
public enum JobText {
    /// `org.apache.cloudstack.api.command.user.vm.DeployVMCmd` -> `DeployVM`.
    public static func shortCommand(_ cmd: String) -> String {
        var s = Substring(cmd)
        if let dot = s.lastIndex(of: ".") { s = s[s.index(after: dot)...] }
        if s.hasSuffix("ByAdmin") && s.count > 7 { s = s.dropLast(7) }
        if s.hasSuffix("Cmd") && s.count > 3 { s = s.dropLast(3) }
        return String(s)
    }

    /// CloudStack's jobstatus: 0 pending, 1 succeeded, 2 failed, 3 cancelled.
    public static func status(_ v: Value?) -> Value {
        guard let v, !v.isNull else { return .null }
        switch v.plainText {
        case "0": return "pending"
        case "1": return "succeeded"
        case "2": return "failed"
        case "3": return "cancelled"
        default: return v
        }
    }

    /// What a finished job gave: the error text, or the kind and name (or id) of its object.
    static func result(_ r: Record) -> Value {
        guard case .record(let result)? = r["jobresult"]?.data else { return .null }
        if let text = result["errortext"] { return text }
        guard let (kind, object) = result.elements.first else { return .null }
        guard case .record(let o) = object.data else { return .string("\(kind) \(object.plainText)") }
        let what = o["name"] ?? o["displayname"] ?? o["id"]
        return .string(what.map { "\(kind) \($0.plainText)" } ?? kind)
    }
}

/// listCapacity records as amounts with units.
enum CapacityText {
    /// CloudStack's capacity types (Capacity.CAPACITY_TYPE_*) and their units.
    static let types: [Int: (name: String, unit: Unit)] = [
        0: ("MEMORY", .bytes), 1: ("CPU", .megahertz), 2: ("STORAGE", .bytes), 3: ("STORAGE_ALLOCATED", .bytes),
        4: ("VIRTUAL_NETWORK_PUBLIC_IP", .count), 5: ("PRIVATE_IP", .count), 6: ("SECONDARY_STORAGE", .bytes),
        7: ("VLAN", .count), 8: ("DIRECT_ATTACHED_PUBLIC_IP", .count), 9: ("LOCAL_STORAGE", .bytes),
        19: ("GPU", .count), 90: ("CPU_CORE", .count),
    ]

    enum Unit { case bytes, megahertz, count }

    static func kind(_ r: Record) -> String {
        if let name = r["name"]?.plainText, !name.isEmpty { return name }
        return Int(r["type"]?.plainText ?? "").flatMap { types[$0]?.name } ?? (r["type"]?.plainText ?? "")
    }

    static func usedOfTotal(_ r: Record) -> String {
        let unit = Int(r["type"]?.plainText ?? "").flatMap { types[$0]?.unit } ?? .count
        func show(_ key: String) -> String {
            guard let n = Double(r[key]?.plainText ?? "") else { return "?" }
            switch unit {
            case .bytes: return HumanUnits.bytes(n)
            case .megahertz: return HumanUnits.megahertz(n)
            case .count: return r[key]?.plainText ?? "?"
            }
        }
        return "\(show("capacityused")) / \(show("capacitytotal"))"
    }

    static func percent(_ r: Record) -> Value {
        guard let p = r["percentused"]?.plainText, !p.isEmpty else { return .null }
        return .string(p.hasSuffix("%") ? p : p + "%")
    }
}

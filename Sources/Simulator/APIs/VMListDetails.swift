import Values
import OrderedCollections

/// listVirtualMachines `details` and `userdata`: which parts of each VM's answer are wanted
/// (UserVmJoinDaoImpl fills a part only when its VMDetails name, or `all`, was asked for;
/// the rest of the answer is always there), and whether the user data is shown.
struct VMListDetails {
    /// VMDetails in declaration order (the order the server's refusal lists them in).
    static let names = [
        "all", "group", "nics", "stats", "secgrp", "tmpl", "servoff", "diskoff", "backoff", "iso", "volume", "min",
        "affgrp",
    ]

    /// The answer fields each part fills; cpunumber, cpuspeed and memory come with servoff or stats.
    static let fields: [String: Set<String>] = [
        "group": ["group", "groupid"],
        "nics": ["nic"],
        "stats": Set(VMStats.figures(memoryMB: 0).keys).union(["cpunumber", "cpuspeed", "memory", "vgpu"]),
        "secgrp": ["securitygroup"],
        "tmpl": ["templateid", "templatename", "templatedisplaytext", "passwordenabled"],
        "servoff": ["serviceofferingid", "serviceofferingname", "cpunumber", "cpuspeed", "memory", "vgpu"],
        "diskoff": ["diskofferingid", "diskofferingname"],
        "backoff": ["backupofferingid", "backupofferingname"],
        "iso": ["isoid", "isoname", "isodisplaytext"],
        "volume": ["rootdeviceid", "rootdevicetype"],
        "affgrp": ["affinitygroup"],
    ]

    /// Fields dropped from every VM (nil: all parts wanted).
    var dropped: Set<String>?
    var showUserData: Bool

    init(_ c: Call) throws(APIError) {
        showUserData = try c.bool("userdata")
        guard let asked = c.list("details"), !asked.isEmpty, !asked.contains("all") else {
            dropped = nil
            return
        }
        guard asked.allSatisfy(Self.names.contains) else {
            throw APIError.refused(
                "The details parameter contains a non permitted value. The allowed values are ["
                    + Self.names.joined(separator: ", ") + "]")
        }
        let kept = asked.reduce(into: Set<String>()) { $0.formUnion(Self.fields[$1] ?? []) }
        dropped = Self.fields.values.reduce(into: Set<String>()) { $0.formUnion($1) }.subtracting(kept)
    }

    /// The VM's answer with only the wanted parts (and its user data when asked for).
    func shape(_ answer: Value, _ vm: VM) -> Value {
        guard case .record(var r) = answer else { return answer }
        if let dropped { for key in dropped { r[key] = nil } }
        if showUserData, let ud = vm.userdata { r["userdata"] = .string(ud) }
        return .record(r)
    }
}

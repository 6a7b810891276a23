import Values
import OrderedCollections

/// CloudStack's resource types, by number (Resource.ResourceType's ordinals).
enum ResourceTypes {
    static let names = [
        "user_vm", "public_ip", "volume", "snapshot", "template", "project", "network", "vpc", "cpu",
        "memory", "primary_storage", "secondary_storage",
    ]
    /// Types with a `max.<owner>.*` default (project, 5, is unlimited unless set).
    static let limited = [0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11]
    static let settingStem: [Int: String] = [
        0: "user.vms", 1: "public.ips", 2: "volumes", 3: "snapshots", 4: "templates",
        6: "networks", 7: "vpcs", 8: "cpus", 9: "memory", 10: "primary.storage",
        11: "secondary.storage",
    ]

    /// Types an owner kind has limits for: a project owns no projects.
    static func types(for owner: LimitOwner) -> [Int] {
        if case .project = owner { return limited }
        return Array(0..<names.count)
    }
}

/// Whose limit or count: an account, a domain or a project.
enum LimitOwner {
    case account(Entity)
    case domain(Entity)
    case project(Entity)

    var key: String {
        switch self {
        case .account(let e): "account/\(e.id)"
        case .domain(let e): "domain/\(e.id)"
        case .project(let e): "project/\(e.id)"
        }
    }
}

extension Store {
    static let limitNoun = "resourcelimit"

    /// The limit in effect, as findCorrectResourceLimitFor* decide it: a root admin account and the
    /// ROOT domain are unlimited (-1); else the one set, else (a domain) its nearest parent's below ROOT,
    /// else the `max.<owner>.*` setting's global value (negative: unlimited). Storage is in GiB.
    func limit(_ owner: LimitOwner, _ type: Int) -> Int {
        switch owner {
        case .account(let a):
            if a["accounttype"] == "1" { return -1 }
            if let set = setLimit(owner, type) { return set }
            return defaultLimit("account", type)
        case .project:
            return setLimit(owner, type) ?? defaultLimit("project", type)
        case .domain(let d):
            var current: Entity? = d
            while let dom = current, dom["level"] != "0" {
                if let set = setLimit(.domain(dom), type) { return set }
                current = dom["parentdomainid"].flatMap { table("domain").get($0) }
            }
            return d["level"] == "0" ? -1 : defaultLimit("domain", type)
        }
    }

    func setLimit(_ owner: LimitOwner, _ type: Int) -> Int? {
        table(Self.limitNoun).get("\(owner.key)/\(type)").flatMap { Int($0["max"] ?? "") }
    }

    func defaultLimit(_ owner: String, _ type: Int) -> Int {
        guard let s = Settings.limitDefault(owner: owner, resourceType: type),
            let v = ConfigurationAPIs.globalValue(s.name, self).flatMap({ Int($0) }), v >= 0
        else { return -1 }
        return v
    }

    /// What an owner uses of a type now (storage in bytes), counted from the resources themselves.
    func count(_ owner: LimitOwner, _ type: Int) -> Int {
        heldBy(owner).reduce(0) { $0 + count(type, holding: $1) }
    }

    /// What an owner holds: an account's or project's own, or, for a domain, what each account and
    /// project of it and its subdomains holds (each found once).
    private func heldBy(_ owner: LimitOwner) -> [Holding] {
        guard case .domain(let d) = owner else { return [holdings(owner)] }
        let tree = domainTree(d.id)
        return table("account").rows.filter { tree.contains($0["domainid"] ?? "") }.map { holdings(.account($0)) }
            + table("project").rows.filter { tree.contains($0["domainid"] ?? "") }.map { holdings(.project($0)) }
    }

    /// What an account or project holds: its counted VMs (summed as they change, `VMTallies`), a
    /// test for its other resources, and (an account) the projects it owns.
    private struct Holding {
        var vms = 0, cpus = 0, memory = 0, rootBytes = 0, running = 0, stopped = 0, projects = 0
        var owns: (Entity) -> Bool
    }

    private func holdings(_ owner: LimitOwner) -> Holding {
        var h: Holding
        let tally: VMTally
        switch owner {
        case .account(let a):
            tally = vms.tallies[owner: a.id]
            h = Holding { e in e["account"] == a["name"] && e["domainid"] == a["domainid"] && e["projectid"] == nil }
            h.projects =
                table("project").rows.filter {
                    $0.fields["owner"]?.list?.contains { $0[field: "accountid"]?.plainText == a.id } ?? false
                }.count
        case .project(let p):
            tally = vms.tallies[owner: p.id]
            h = Holding { $0["projectid"] == p.id }
        case .domain:
            return Holding { _ in false }
        }
        (h.vms, h.rootBytes, h.running, h.stopped) = (tally.vms, tally.rootBytes, tally.running, tally.stopped)
        for (id, n) in tally.perOffering {
            let offering = table("serviceoffering").get(id)
            h.cpus += n * (Int(offering?["cpunumber"] ?? "") ?? 1)
            h.memory += n * (Int(offering?["memory"] ?? "") ?? 0)
        }
        return h
    }

    /// Resource counts and limits as an account, project or domain answer shows them (vmlimit "Unlimited",
    /// vmtotal 2, vmavailable "Unlimited"; storage in GiB), with an account's or project's running and
    /// stopped VMs.
    func limitFields(_ owner: LimitOwner) -> Record {
        var shown: [(String, Int)] = [
            ("vm", 0), ("ip", 1), ("volume", 2), ("snapshot", 3), ("template", 4), ("network", 6),
            ("vpc", 7), ("cpu", 8), ("memory", 9), ("primarystorage", 10), ("secondarystorage", 11),
        ]
        let held = heldBy(owner)
        if case .project = owner {} else { shown.append(("project", 5)) }  // accounts own projects
        var r: Record = [:]
        for (prefix, type) in shown {
            let limit = self.limit(owner, type)
            var total = held.reduce(0) { $0 + count(type, holding: $1) }
            if type == 10 || type == 11 { total >>= 30 }
            r[prefix + "limit"] = .string(limit < 0 ? "Unlimited" : String(limit))
            r[prefix + "total"] = .int(total)
            r[prefix + "available"] = .string(limit < 0 ? "Unlimited" : String(max(0, limit - total)))
        }
        if case .domain = owner { return r }
        r["vmrunning"] = .int(held[0].running)
        r["vmstopped"] = .int(held[0].stopped)
        return r
    }

    private func count(_ type: Int, holding h: Holding) -> Int {
        func rows(_ noun: String) -> [Entity] { tables[noun]?.rows.filter(h.owns) ?? [] }
        // A destroyed volume no longer counts (recoverVolume counts it again).
        func volumes() -> [Entity] { rows("volume").filter { $0["state"] != "Destroy" } }
        func bytes(_ e: Entity) -> Int { Int(e["size"] ?? "") ?? Int(e["physicalsize"] ?? "") ?? 0 }
        switch type {
        case 0: return h.vms
        case 1: return rows("publicipaddress").count
        case 2: return volumes().count + h.vms
        case 3: return rows("snapshot").count
        case 4: return rows("template").filter { $0["templatetype"] == "USER" }.count
        case 5: return h.projects
        case 6: return rows("network").filter { $0["type"] == "Isolated" }.count
        case 7: return rows("vpc").count
        case 8: return h.cpus
        case 9: return h.memory
        case 10: return volumes().reduce(0) { $0 + bytes($1) } + h.rootBytes
        case 11:
            return rows("snapshot").reduce(0) { $0 + bytes($1) }
                + rows("template").filter { $0["templatetype"] == "USER" }.reduce(0) { $0 + bytes($1) }
        default: return 0
        }
    }

    /// checkResourceLimit: the account's (or project's) limit, then each domain's up to (not including)
    /// ROOT; a root admin is never limited. 535, in the server's words, when `amount` more would pass one.
    func checkLimit(_ owner: LimitOwner, _ type: Int, _ amount: Int) throws(APIError) {
        let whom: String, domainID: String
        switch owner {
        case .account(let a):
            if a["accounttype"] == "1" { return }
            (whom, domainID) = ("Account Name = \(a["name"] ?? "")", a["domainid"] ?? "")
        case .project(let p): (whom, domainID) = ("Project Name = \(p["name"] ?? "")", p["domainid"] ?? "")
        case .domain(let d): (whom, domainID) = ("", d.id)
        }
        let name = ResourceTypes.names[type]
        let storage = type == 10 || type == 11
        func shown(_ n: Int) -> String { storage ? Self.readableSize(n) : String(n) }
        let domainSeq = table("domain").get(domainID)?.seq ?? 0
        if !whom.isEmpty {
            let limit = self.limit(owner, type), used = count(owner, type)
            let max = storage && limit > 0 ? limit << 30 : limit
            if limit >= 0, used + amount > max {
                throw APIError(
                    535,
                    "Maximum amount of resources of Type = '\(name)' for \(whom) in Domain Id = \(domainSeq) is "
                        + "exceeded: Account Resource Limit = \(shown(max)), Current Account Resource Amount = \(shown(used)), "
                        + "Requested Resource Amount = \(shown(amount)).", cs: 4370)
            }
        }
        var current = table("domain").get(domainID)
        while let d = current, d["level"] != "0" {
            let dl = self.limit(.domain(d), type), du = count(.domain(d), type)
            let max = storage && dl > 0 ? dl << 30 : dl
            if dl >= 0, du + amount > max {
                throw APIError(
                    535,
                    "Maximum domain resource limits of Type '\(name)' for Domain Id = \(d.seq) is exceeded: Domain "
                        + "Resource Limit = \(Self.readableSize(max)), Current Domain Resource Amount = \(Self.readableSize(du)), "
                        + "Requested Resource Amount = \(Self.readableSize(amount)).", cs: 4370)
            }
            current = d["parentdomainid"].flatMap { table("domain").get($0) }
        }
    }

    /// NumbersUtil.toHumanReadableSize as the server logs sizes: "(2.00 GB) 2147483648".
    static func readableSize(_ n: Int) -> String {
        let units = [(1 << 40, "TB"), (1 << 30, "GB"), (1 << 20, "MB"), (1 << 10, "KB")]
        for (size, unit) in units where n >= size {
            let whole = n / size, hundredths = (n % size) * 100 / size
            return "(\(whole).\(hundredths < 10 ? "0" : "")\(hundredths) \(unit)) \(n)"
        }
        return "(\(n) bytes) \(n)"
    }
}

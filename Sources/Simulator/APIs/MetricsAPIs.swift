import APICatalog
import FoundationEssentials
import OrderedCollections
import Values

/// The metrics views: each lists what its plain list API lists (same filters, paging and rights)
/// and adds the figures the server's MetricsService computes from it, in its formats
/// ("2.00 Ghz", "0.50 GB", "12.50%"). The simulator's guests use what they are given: a host's
/// used CPU and memory are what its running VMs take, and no disk or network traffic is counted.
enum MetricsAPIs {
    static let handlers: [Handler] = [
        view("listVirtualMachinesMetrics", of: "listVirtualMachines") { _, vm in
            let cpus = number(vm["cpunumber"]), speed = number(vm["cpuspeed"])
            var m: Record = [
                "cputotal": .string(fixed(cpus * speed / 1000) + " Ghz"),
                "memorytotal": .string(fixed(number(vm["memory"]) / 1024) + " GB"),
                "networkread": .string(fixed(number(vm["networkkbsread"]) / 1024) + " MB"),
                "networkwrite": .string(fixed(number(vm["networkkbswrite"]) / 1024) + " MB"),
                "diskread": .string(fixed(number(vm["diskkbsread"]) / 1024) + " MB"),
                "diskwrite": .string(fixed(number(vm["diskkbswrite"]) / 1024) + " MB"),
                "diskiopstotal": .int(Int(number(vm["diskioread"]) + number(vm["diskiowrite"]))),
            ]
            if let ip = vm["nic"]?.list?.first?[field: "ipaddress"] { m["ipaddress"] = ip }
            return m
        },
        view("listVolumesMetrics", of: "listVolumes") { _, v in
            [
                "sizegb": .string(fixed(number(v["size"]) / 1_073_741_824) + " GB"),
                "diskiopstotal": .int(Int(number(v["diskioread"]) + number(v["diskiowrite"]))),
            ]
        },
        view("listHostsMetrics", of: "listHosts") { c, h in hostMetrics(c, h) },
        view("listClustersMetrics", of: "listClusters") { c, cluster in
            let hosts = c.store.table("host").rows.filter {
                $0["clusterid"] == cluster["id"]?.plainText && $0["type"] == "Routing"
            }
            var m = summary(c.store, hosts)
            m["hosts"] = .string("\(hosts.filter { $0["state"] == "Up" }.count) / \(hosts.count)")
            m["state"] = cluster["allocationstate"] ?? .string("Enabled")
            return m
        },
        view("listZonesMetrics", of: "listZones") { c, zone in
            let id = zone["id"]?.plainText
            let hosts = c.store.table("host").rows.filter { $0["zoneid"] == id && $0["type"] == "Routing" }
            let clusters = c.store.table("cluster").rows.filter { $0["zoneid"] == id }
            var m = summary(c.store, hosts)
            m["clusters"] = .string(
                "\(clusters.filter { $0["allocationstate"] != "Disabled" }.count) / \(clusters.count)")
            m["state"] = zone["allocationstate"] ?? .string("Enabled")
            return m
        },
    ]

    /// `name` lists what `base` lists, each item with the figures `add` computes.
    static func view(_ name: String, of base: String, _ add: @escaping @Sendable (Call, Record) -> Record) -> Handler {
        Handler(name) { c throws(APIError) in
            guard let plain = Registry.all[base] else { throw APIError.internalError("\(base) is not modelled") }
            guard case .list(let noun, let items, let total) = try plain.run(c) else {
                throw APIError.internalError("\(base) did not answer a list")
            }
            let withMetrics: [Value] = items.map { item in
                guard var r = item.record else { return item }
                r.merge(add(c, r), uniquingKeysWith: { $1 })
                return .record(r)
            }
            return .list(noun: noun, items: withMetrics, total: total)
        }
    }

    static func hostMetrics(_ c: Call, _ h: Record) -> Record {
        let cpus = number(h["cpunumber"]), speed = number(h["cpuspeed"])
        let cpuOver = setting(c.store, "cpu.overprovisioning.factor", 1),
            memOver = setting(c.store, "mem.overprovisioning.factor", 1)
        let allocatedPct = percent(h["cpuallocated"]?.plainText)
        let memTotal = number(h["memorytotal"]), memAllocated = number(h["memoryallocated"])
        let id = h["id"]?.plainText
        let vms = c.store.vms.live.filter { $0.hostID == id }
        let t = thresholds(c.store)
        return [
            "cputotalghz": .string(fixed(cpus * speed / 1000) + " Ghz (x \(fixed(cpuOver, 1)))"),
            "cpuusedghz": .string(fixed(allocatedPct * cpus * speed / 100_000) + " Ghz"),
            "cpuallocatedghz": .string(fixed(allocatedPct * cpus * speed / 100_000) + " Ghz"),
            "memorytotalgb": .string(fixed(memTotal / 1_073_741_824) + " GB (x \(fixed(memOver, 1)))"),
            "memoryusedgb": .string(fixed(memAllocated / 1_073_741_824) + " GB"),
            "memoryallocatedgb": .string(fixed(memAllocated / 1_073_741_824) + " GB"),
            "networkread": .string(fixed(number(h["networkkbsread"]) / 1_048_576) + " GB"),
            "networkwrite": .string(fixed(number(h["networkkbswrite"]) / 1_048_576) + " GB"),
            "instances": .string("\(vms.filter { $0.state == "Running" }.count) / \(vms.count)"),
            "powerstate": .string(OutOfBandAPIs.powerState(c.store, hostID: id ?? "")),
            "cputhreshold": .bool(allocatedPct > 100 * t.cpu),
            "cpudisablethreshold": .bool(allocatedPct > 100 * t.cpuDisable),
            "cpuallocatedthreshold": .bool(allocatedPct > 100 * t.cpu * cpuOver),
            "cpuallocateddisablethreshold": .bool(allocatedPct > 100 * t.cpuDisable * cpuOver),
            "memorythreshold": .bool(memAllocated > memTotal * t.memory),
            "memorydisablethreshold": .bool(memAllocated > memTotal * t.memoryDisable),
            "memoryallocatedthreshold": .bool(memAllocated > memTotal * t.memory * memOver),
            "memoryallocateddisablethreshold": .bool(memAllocated > memTotal * t.memoryDisable * memOver),
        ]
    }

    /// A zone's or cluster's figures over its hosts (ZoneMetricsResponse, ClusterMetricsResponse).
    static func summary(_ store: Store, _ hosts: [Entity]) -> Record {
        let n = Double(hosts.count)
        let cpuTotal = hosts.reduce(0.0) { $0 + number($1["cpunumber"]) * number($1["cpuspeed"]) }
        let cpuAllocated = hosts.reduce(0.0) { $0 + number($1["cpuallocatedvalue"]) }
        let usedPcts = hosts.map { percent($0["cpuallocated"]) }
        let cpuUsedSum = usedPcts.reduce(0, +)
        let memTotal = hosts.reduce(0.0) { $0 + number($1["memorytotal"]) }
        let memUsed = hosts.reduce(0.0) { $0 + number($1["memoryallocated"]) }
        let maxMem = hosts.map { number($0["memoryallocated"]) }.max() ?? 0
        let t = thresholds(store)
        var m: Record = [
            "cputotal": .string(fixed(cpuTotal / 1000) + " Ghz"),
            "memorytotal": .string(fixed(memTotal / 1_073_741_824) + " GB"),
        ]
        guard n > 0 else { return m }
        let avgCPU = cpuUsedSum / n, avgMem = (memTotal / n)
        m["cpuused"] = .string(fixed(cpuUsedSum / n) + "%")
        m["cpuallocated"] = .string(fixed(cpuTotal == 0 ? 0 : cpuAllocated * 100 / cpuTotal) + "%")
        // The server divides by the average without scaling to a percentage (and shows NaN for an idle zone).
        m["cpumaxdeviation"] = .string((avgCPU == 0 ? "NaN" : fixed(((usedPcts.max() ?? 0) - avgCPU) / avgCPU)) + "%")
        m["memoryused"] = .string(fixed(memTotal == 0 ? 0 : memUsed * 100 / memTotal) + "%")
        m["memoryallocated"] = .string(fixed(memTotal == 0 ? 0 : memUsed * 100 / memTotal) + "%")
        m["memorymaxdeviation"] = .string(fixed(avgMem == 0 ? 0 : (maxMem - avgMem) * 100 / avgMem) + "%")
        m["cputhreshold"] = .bool(cpuUsedSum / (100 * n) > t.cpu)
        m["cpudisablethreshold"] = .bool(cpuUsedSum / (100 * n) > t.cpuDisable)
        m["cpuallocatedthreshold"] = .bool(cpuTotal > 0 && cpuAllocated / cpuTotal > t.cpu)
        m["cpuallocateddisablethreshold"] = .bool(cpuTotal > 0 && cpuAllocated / cpuTotal > t.cpuDisable)
        m["memorythreshold"] = .bool(memTotal > 0 && memUsed / memTotal > t.memory)
        m["memorydisablethreshold"] = .bool(memTotal > 0 && memUsed / memTotal > t.memoryDisable)
        m["memoryallocatedthreshold"] = .bool(memTotal > 0 && memUsed / memTotal > t.memory)
        m["memoryallocateddisablethreshold"] = .bool(memTotal > 0 && memUsed / memTotal > t.memoryDisable)
        return m
    }

    /// The alert thresholds the metrics compare with (notification 0.75, disable 0.85 unless set).
    static func thresholds(_ store: Store) -> (cpu: Double, cpuDisable: Double, memory: Double, memoryDisable: Double) {
        (
            setting(store, "cluster.cpu.allocated.capacity.notificationthreshold", 0.75),
            setting(store, "cluster.cpu.allocated.capacity.disablethreshold", 0.85),
            setting(store, "cluster.memory.allocated.capacity.notificationthreshold", 0.75),
            setting(store, "cluster.memory.allocated.capacity.disablethreshold", 0.85)
        )
    }

    static func setting(_ store: Store, _ name: String, _ fallback: Double) -> Double {
        ConfigurationAPIs.globalValue(name, store).flatMap(Double.init) ?? fallback
    }

    static func number(_ v: Value?) -> Double { v.flatMap { Double($0.plainText) } ?? 0 }
    static func number(_ s: String?) -> Double { s.flatMap(Double.init) ?? 0 }
    /// "12.5%" as 12.5.
    static func percent(_ s: String?) -> Double { number(s.map { $0.filter { $0 != "%" } }) }

    /// Java's `%.2f` (or `%.1f`): rounded half up, always that many decimals.
    static func fixed(_ x: Double, _ places: Int = 2) -> String {
        guard x.isFinite else { return "NaN" }
        let scale = places == 1 ? 10.0 : 100.0
        let n = Int((abs(x) * scale).rounded(.toNearestOrAwayFromZero))
        let whole = n / Int(scale), frac = String(n % Int(scale))
        let padded = String(repeating: "0", count: places - frac.count) + frac
        return (x < 0 && n != 0 ? "-" : "") + "\(whole).\(padded)"
    }
}

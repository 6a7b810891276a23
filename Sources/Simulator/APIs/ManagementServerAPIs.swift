import APICatalog
import FoundationEssentials
import OrderedCollections
import Values

/// The management server's own views (root admin): the server itself (listManagementServers and
/// its metrics), its database and usage server, and listInfrastructure's counts of everything.
/// The simulator is one server keeping its state in process (SQLite when kept in a file), with no
/// usage server.
enum ManagementServerAPIs {
    static let responseFields = Set(Catalog.bundled.api(named: "listManagementServers")?.responseFields ?? [])

    static let handlers: [Handler] = [
        Handler("listManagementServers") { c throws(APIError) in try servers(c) { _ in [:] } },
        Handler("listManagementServersMetrics") { c throws(APIError) in
            let includeSystem = try c.bool("system")
            return try servers(c) { _ in
                var m: Record = [
                    "collectiontime": .string(c.created),
                    "agentcount": .int(c.store.table("host").rows.filter { $0["state"] == "Up" }.count),
                    "sessions": .int(c.server.auth.sessions.count), "dbislocal": .bool(true),
                    "usageislocal": .bool(false),
                    "availableprocessors": .int(ProcessInfo.processInfo.activeProcessorCount),
                ]
                if includeSystem { m["systemmemorytotal"] = .string(gib(ProcessInfo.processInfo.physicalMemory)) }
                return m
            }
        },
        Handler("listDbMetrics") { c throws(APIError) in
            let file: String = if case .file = c.store.options.state { "an SQLite file" } else { "memory" }
            let queries = c.server.counts.values.reduce(0) { $0 + $1.count }
            return .object([
                "dbMetrics": .record([
                    "collectiontime": .string(c.created), "hostname": .string("localhost"), "connections": .int(1),
                    "queries": .int(queries), "version": .string("acsh simulator"),
                    "versioncomment": .string("the simulator keeps its state in process, saved to \(file)"),
                    "replicas": .list([]),
                ])
            ])
        },
        // No usage server runs beside the simulator: the server's answer for one that is down.
        Handler("listUsageServerMetrics") { c throws(APIError) in
            .object(["usageMetrics": .record(["collectiontime": .string(c.created), "state": .string("Down")])])
        },
        Handler("listInfrastructure") { c throws(APIError) in
            func count(_ noun: String, _ keep: (Entity) -> Bool = { _ in true }) -> Value {
                .int(c.store.table(noun).rows.filter(keep).count)
            }
            let hosts = c.store.table("host").rows.filter { $0["type"] == "Routing" }
            return .object([
                "count": .int(1),
                "infrastructure": .record([
                    "zones": count("zone"), "pods": count("pod"), "clusters": count("cluster"),
                    "hosts": .int(hosts.count),
                    "storagepools": count("storagepool"), "imagestores": count("imagestore"),
                    "systemvms": count(Store.systemVMNoun),
                    "routers": count("router") { $0["role"] != "INTERNAL_LB_VM" },
                    "ilbvms": count("router") { $0["role"] == "INTERNAL_LB_VM" },
                    "cpusockets": .int(hosts.reduce(0) { $0 + (Int($1["cpusockets"] ?? "") ?? 0) }),
                    "managementservers": count(Store.managementServerNoun), "alerts": count(AlertAPIs.noun),
                ]),
            ])
        },
    ]

    static func servers(_ c: Call, _ metrics: (Entity) -> Record) throws(APIError) -> Reply {
        guard case .list(let noun, let items, let total) = try c.listEntities(Store.managementServerNoun) else {
            return .list(noun: "managementserver", items: [], total: 0)
        }
        let rows = c.store.table(Store.managementServerNoun)
        return .list(
            noun: noun,
            items: items.map { item in
                guard let r = item.record, let e = r["id"].flatMap({ rows.get($0.plainText) }) else { return item }
                var shown = r.filter { responseFields.contains($0.key) }
                shown.merge(metrics(e), uniquingKeysWith: { $1 })
                return .record(shown)
            }, total: total)
    }

    static func gib(_ bytes: UInt64) -> String { MetricsAPIs.fixed(Double(bytes) / 1_073_741_824) + " GB" }
}

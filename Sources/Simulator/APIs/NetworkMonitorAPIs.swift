import OrderedCollections
import Values

/// Traffic monitors (NetworkUsageManagerImpl) and OpenDaylight controllers
/// (OpenDaylightControllerResourceManagerImpl). A traffic monitor is a Traffic Sentinel the server adds as a
/// host without contacting it (its resource only reads the parameters), one per zone; the simulator keeps
/// it in a table of its own, not among listHosts' hosts (a simplification). An OpenDaylight controller
/// needs the Opendaylight provider on the physical network, which this cloud cannot have (VendorDeviceSteps).
enum NetworkMonitorAPIs {
    static let monitorNoun = "trafficmonitor"

    static let handlers: [Handler] = [
        Handler("addTrafficMonitor") { c throws(APIError) in
            let zone = try ServiceProviderAPIs.known(c, "zoneid", "zone")
            let url = try c.required("url")
            if c.store.table(monitorNoun).first(where: { $0["zoneid"] == zone.id }) != nil {
                throw APIError.refused("Already added an traffic monitor in zone: \(zone["name"] ?? "")")
            }
            var fields: Record = ["zoneid": .string(zone.id), "url": .string(url)]
            if let ip = host(of: url) { fields["ipaddress"] = .string(ip) }
            let row = c.store.insert(monitorNoun, fields)
            return .object([monitorNoun: .record(monitor(row))])
        },
        // Simplification: the server deletes whatever host the id names; here only a traffic monitor.
        Handler("deleteTrafficMonitor") { c throws(APIError) in
            let row = try ServiceProviderAPIs.known(c, "id", monitorNoun)
            c.store.table(monitorNoun).remove(row.id)
            return .object(["success": .bool(true)])
        },
        Handler("listTrafficMonitors") { c throws(APIError) in
            let zone = try ServiceProviderAPIs.known(c, "zoneid", "zone")
            let rows = c.store.table(monitorNoun).rows.filter { $0["zoneid"] == zone.id }
            let page = try c.pageRange(count: rows.count)
            return .list(noun: monitorNoun, items: rows[page].map { .record(monitor($0)) }, total: rows.count)
        },
        Handler("addOpenDaylightController", async: true) { c throws(APIError) in
            let pn = try VendorDeviceSteps.physicalNetwork(c)
            return VendorDeviceSteps.failingJob(
                "org.apache.cloudstack.network.opendaylight.api.commands.AddOpenDaylightControllerCmd"
            ) { store in VendorDeviceSteps.providerMissing("Opendaylight", on: pn, store: store) }
        },
        VendorDeviceSteps.onDevice("deleteOpenDaylightController", async: true, "id"),
        Handler("listOpenDaylightControllers") { c throws(APIError) in
            if c.optional("id") != nil { try VendorDeviceSteps.noDevice(c, "id") }
            if c.optional("physicalnetworkid") != nil { _ = try VendorDeviceSteps.physicalNetwork(c) }
            return .list(noun: "opendaylightcontroller", items: [], total: 0)
        },
    ]

    /// A traffic monitor as the server answers it: its id and the address the url names (the numretries
    /// and timeout it shows are host details the add does not set).
    static func monitor(_ e: Entity) -> Record {
        var r: Record = ["id": .string(e.id)]
        if let ip = e.fields["ipaddress"] { r["ipaddress"] = ip }
        return r
    }

    /// The host part of a url (java.net.URI's getHost): between "//" and the next ":", "/" or "?".
    static func host(of url: String) -> String? {
        let parts = url.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let rest = parts[1]
        let host = rest.prefix { $0 != ":" && $0 != "/" && $0 != "?" }
        return host.isEmpty ? nil : String(host)
    }
}

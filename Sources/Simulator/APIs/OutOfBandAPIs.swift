import OrderedCollections
import Values

/// Out-of-band management (root admin): a host's BMC configured with a driver, address and
/// credentials, enabled per host, cluster and zone (zones and clusters start enabled, hosts once
/// configured and enabled); power actions need all three enabled. The simulator's BMCs answer:
/// a host is On until powered off. The password is kept but never shown.
enum OutOfBandAPIs {
    static let noun = "outofbandmanagement"
    /// Zones and clusters with out-of-band management disabled (the server's resource detail).
    static let disabledNoun = "outofbandmanagementdisabled"
    static let cmdPrefix = "org.apache.cloudstack.api.command.admin.outofbandmanagement."
    static let drivers: Set<String> = ["ipmitool", "nestedcloudstack", "redfish"]
    static let actions: Set<String> = ["ON", "OFF", "CYCLE", "RESET", "SOFT", "STATUS"]

    static let handlers: [Handler] = [
        Handler("configureOutOfBandManagement") { c throws(APIError) in
            let host = try HostHAAPIs.host(c)
            let driver = try c.required("driver").lowercased()
            guard drivers.contains(driver) else {
                throw APIError.invalid(
                    "driver",
                    "'\(driver)' is not an out-of-band management driver (ipmitool, nestedcloudstack, redfish)")
            }
            var f: Record = [
                "hostid": .string(host.id), "driver": .string(driver), "address": .string(try c.required("address")),
                "port": .string(try c.required("port")), "username": .string(try c.required("username")),
            ]
            _ = try c.required("password")
            let old = c.store.table(noun).get(host.id)
            f["enabled"] = old?.fields["enabled"] ?? .bool(false)
            f["powerstate"] = old?.fields["powerstate"] ?? .string("Disabled")
            c.store.table(noun).put(Entity(id: host.id, fields: f))
            return .object(["outofbandmanagement": .record(f)])
        },
        toggleHost("enableOutOfBandManagementForHost", on: true),
        toggleHost("disableOutOfBandManagementForHost", on: false),
        toggleScope("enableOutOfBandManagementForCluster", "cluster", on: true),
        toggleScope("disableOutOfBandManagementForCluster", "cluster", on: false),
        toggleScope("enableOutOfBandManagementForZone", "zone", on: true),
        toggleScope("disableOutOfBandManagementForZone", "zone", on: false),
        Handler("issueOutOfBandManagementPowerAction", async: true) { c throws(APIError) in
            let host = try HostHAAPIs.host(c)
            let action = try c.required("action").uppercased()
            guard actions.contains(action) else {
                throw APIError.invalid(
                    "action", "'\(action)' is not a power operation (ON, OFF, CYCLE, RESET, SOFT, STATUS)")
            }
            _ = try c.int("timeout", in: 1...Int(Int32.max))
            try checkEnabled(c.store, host)
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "IssueOutOfBandManagementPowerActionCmd", instanceType: "Host",
                    instanceID: host.id,
                    immediateID: nil
                ) { store, _ in
                    let state =
                        action == "OFF" || action == "SOFT"
                        ? "Off" : action == "STATUS" ? powerState(store, hostID: host.id) : "On"
                    store.table(noun).update(host.id) { $0.fields["powerstate"] = .string(state) }
                    return [
                        "outofbandmanagement": .record([
                            "hostid": .string(host.id), "action": .string(action), "powerstate": .string(state),
                            "status": .bool(true),
                            "description": .string("Successfully issued \(action) on host \(host["name"] ?? host.id)"),
                        ])
                    ]
                })
        },
        Handler("changeOutOfBandManagementPassword", async: true) { c throws(APIError) in
            let host = try HostHAAPIs.host(c)
            try checkEnabled(c.store, host)
            return .job(
                JobSpec(
                    cmd: cmdPrefix + "ChangeOutOfBandManagementPasswordCmd", instanceType: "Host", instanceID: host.id,
                    immediateID: nil
                ) { _, _ in
                    [
                        "outofbandmanagement": .record([
                            "hostid": .string(host.id), "status": .bool(true),
                            "description": .string(
                                "Out-of-band management password changed for host \(host["name"] ?? host.id)"),
                        ])
                    ]
                })
        },
    ]

    /// What listHosts and listHostsMetrics show as the host's power state: Disabled unless out-of-band
    /// management is configured and enabled for it, its cluster and its zone.
    static func powerState(_ store: Store, hostID: String) -> String {
        guard let host = store.table("host").get(hostID), let oobm = store.table(noun).get(hostID), enabled(store, host)
        else {
            return "Disabled"
        }
        let s = oobm["powerstate"] ?? "On"
        return s == "Disabled" ? "On" : s
    }

    static func enabled(_ store: Store, _ host: Entity) -> Bool {
        store.table(noun).get(host.id)?["enabled"] == "true" && scopeEnabled(store, host) == nil
    }

    /// The first of the host's zone and cluster with out-of-band management disabled.
    static func scopeEnabled(_ store: Store, _ host: Entity) -> String? {
        if let z = host["zoneid"], store.table(disabledNoun).get(z) != nil { return "zone" }
        if let cl = host["clusterid"], store.table(disabledNoun).get(cl) != nil { return "cluster" }
        return nil
    }

    static func checkEnabled(_ store: Store, _ host: Entity) throws(APIError) {
        if let scope = scopeEnabled(store, host) {
            throw APIError.internalError(
                "Out-of-band management is disabled for the host's \(scope). Aborting Operation.")
        }
        guard store.table(noun).get(host.id)?["enabled"] == "true" else {
            throw APIError.internalError(
                "Out-of-band management is disabled or not configured for the host. Aborting Operation.")
        }
    }

    static func toggleHost(_ name: String, on: Bool) -> Handler {
        Handler(name, async: true) { c throws(APIError) in
            let host = try HostHAAPIs.host(c)
            guard c.store.table(noun).get(host.id) != nil else {
                return .job(
                    JobSpec(cmd: cmdPrefix + cmdName(name), instanceType: "Host", instanceID: host.id, immediateID: nil)
                    { _, _ in
                        [
                            "outofbandmanagement": .record([
                                "status": .bool(false),
                                "description": .string(
                                    "Out-of-band management is not configured for the host. Please configure the host before enabling/disabling it."
                                ),
                            ])
                        ]
                    })
            }
            return .job(
                JobSpec(cmd: cmdPrefix + cmdName(name), instanceType: "Host", instanceID: host.id, immediateID: nil) {
                    store, _ in
                    store.table(noun).update(host.id) {
                        $0.fields["enabled"] = .bool(on)
                        $0.fields["powerstate"] = .string(on ? "On" : "Disabled")
                    }
                    return [
                        "outofbandmanagement": .record([
                            "hostid": .string(host.id), "enabled": .bool(on), "status": .bool(true),
                        ])
                    ]
                })
        }
    }

    static func toggleScope(_ name: String, _ kind: String, on: Bool) -> Handler {
        Handler(name, async: true) { c throws(APIError) in
            let param = kind + "id"
            let id = try c.required(param)
            guard c.store.table(kind).get(id) != nil else { throw CatalogCheck.noEntity(param, id, command: c.command) }
            return .job(
                JobSpec(cmd: cmdPrefix + cmdName(name), instanceType: nil, instanceID: nil, immediateID: nil) {
                    store, _ in
                    if on {
                        store.table(disabledNoun).remove(id)
                    } else {
                        store.table(disabledNoun).put(Entity(id: id, fields: ["kind": .string(kind)]))
                    }
                    return ["outofbandmanagement": .record(["enabled": .bool(on), "status": .bool(true)])]
                })
        }
    }

    /// enableOutOfBandManagementForHost -> EnableOutOfBandManagementForHostCmd.
    static func cmdName(_ api: String) -> String { api.prefix(1).uppercased() + api.dropFirst() + "Cmd" }
}

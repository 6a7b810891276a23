import APICatalog
import FoundationEssentials
import Values
import OrderedCollections

/// The event log `listEvents` shows: every call that changes something leaves an event
/// (async ones a Scheduled event when accepted and a Completed one, INFO or ERROR, when the
/// job ends), typed the way the server types them (VM.CREATE, VOLUME.ATTACH, SG.AUTH.INGRESS...).
enum Events {
    /// The server's event types for the APIs the simulator models; others get NOUN.VERB.
    static let types: [String: String] = [
        "deployVirtualMachine": "VM.CREATE", "startVirtualMachine": "VM.START", "stopVirtualMachine": "VM.STOP",
        "rebootVirtualMachine": "VM.REBOOT", "destroyVirtualMachine": "VM.DESTROY",
        "recoverVirtualMachine": "VM.RECOVER",
        "expungeVirtualMachine": "VM.EXPUNGE", "updateVirtualMachine": "VM.UPDATE",
        "changeServiceForVirtualMachine": "VM.UPGRADE",
        "scaleVirtualMachine": "VM.SCALE", "resetPasswordForVirtualMachine": "VM.RESETPASSWORD",
        "createVolume": "VOLUME.CREATE", "attachVolume": "VOLUME.ATTACH", "detachVolume": "VOLUME.DETACH",
        "deleteVolume": "VOLUME.DELETE", "resizeVolume": "VOLUME.RESIZE",
        "createSecurityGroup": "SG.CREATE", "deleteSecurityGroup": "SG.DELETE",
        "authorizeSecurityGroupIngress": "SG.AUTH.INGRESS", "revokeSecurityGroupIngress": "SG.REVOKE.INGRESS",
        "authorizeSecurityGroupEgress": "SG.AUTH.EGRESS", "revokeSecurityGroupEgress": "SG.REVOKE.EGRESS",
        "createSSHKeyPair": "REGISTER.SSH.KEYPAIR", "registerSSHKeyPair": "REGISTER.SSH.KEYPAIR",
        "deleteSSHKeyPair": "DELETE.SSH.KEYPAIR", "createTags": "CREATE_TAGS", "deleteTags": "DELETE_TAGS",
        "createNetwork": "NETWORK.CREATE", "deleteNetwork": "NETWORK.DELETE", "updateNetwork": "NETWORK.UPDATE",
        "restartNetwork": "NETWORK.RESTART", "associateIpAddress": "NET.IPASSIGN",
        "disassociateIpAddress": "NET.IPRELEASE",
        "createPortForwardingRule": "NET.RULEADD", "deletePortForwardingRule": "NET.RULEDELETE",
        "createFirewallRule": "FIREWALL.OPEN", "deleteFirewallRule": "FIREWALL.CLOSE",
        "createSnapshot": "SNAPSHOT.CREATE", "deleteSnapshot": "SNAPSHOT.DELETE",
        "createAffinityGroup": "AG.CREATE", "deleteAffinityGroup": "AG.DELETE",
        "createZone": "ZONE.CREATE", "updateZone": "ZONE.EDIT", "deleteZone": "ZONE.DELETE",
        "createServiceOffering": "SERVICE.OFFERING.CREATE", "updateServiceOffering": "SERVICE.OFFERING.EDIT",
        "deleteServiceOffering": "SERVICE.OFFERING.DELETE", "createDiskOffering": "DISK.OFFERING.CREATE",
        "updateDiskOffering": "DISK.OFFERING.EDIT", "deleteDiskOffering": "DISK.OFFERING.DELETE",
        "createAccount": "ACCOUNT.CREATE", "updateAccount": "ACCOUNT.UPDATE", "deleteAccount": "ACCOUNT.DELETE",
        "enableAccount": "ACCOUNT.ENABLE", "disableAccount": "ACCOUNT.DISABLE",
        "createUser": "USER.CREATE", "updateUser": "USER.UPDATE", "deleteUser": "USER.DELETE",
        "createDomain": "DOMAIN.CREATE", "updateDomain": "DOMAIN.UPDATE", "deleteDomain": "DOMAIN.DELETE",
        "registerUserKeys": "REGISTER.USER.KEY", "login": "USER.LOGIN", "logout": "USER.LOGOUT",
        "revertToVMSnapshot": "VMSNAPSHOT.REVERTTO",
    ].merging(NetworkEvents.types, uniquingKeysWith: { a, _ in a }).merging(
        OperatorEvents.types, uniquingKeysWith: { a, _ in a })

    /// Commands that record no event here: login and logout record theirs with the server's own
    /// descriptions (SessionAPIs); simulatorFault is not a CloudStack API; archiving or deleting events
    /// and alerts is no action event on the server.
    static let selfRecorded: Set<String> = [
        "login", "logout", "simulatorFault", "archiveEvents", "deleteEvents",
        "archiveAlerts", "deleteAlerts",
    ]

    /// The event type for `command`, or nil when it changes nothing.
    static func type(of command: String) -> String? {
        if selfRecorded.contains(command) { return nil }
        if let t = types[command] { return t }
        let verb = String(command.prefix { $0.isLowercase })
        if API.isReadOnly(command) { return nil }
        return "\(command.dropFirst(verb.count).uppercased()).\(verb.uppercased())"
    }

    /// Records the events of one call and, for a job, arranges its completion event.
    static func observe(_ c: Call, _ reply: Reply) -> Reply {
        guard let type = type(of: c.command) else { return reply }
        switch reply {
        case .list, .objectSettingCookies:
            return reply
        case .object(let r):
            let id = c.optional("id") ?? r.values.first?[field: "id"]?.plainText
            record(
                c.store, c.caller, type: type, state: "Completed", level: "INFO", created: c.created,
                description: "Successfully completed \(c.command)" + (id.map { " for \($0)" } ?? ""),
                resource: (id, nil))
            UsageLedger.observe(c.store, result: r, id: c.optional("id"), at: c.now)
            return reply
        case .job(var spec):
            let type = spec.eventType ?? type
            let resource = (spec.instanceID ?? c.optional("id"), spec.instanceType)
            let what = resource.0.map { " for \(resource.1 ?? "resource") \($0)" } ?? ""
            let parent = record(
                c.store, c.caller, type: type, state: "Scheduled", level: "INFO", created: c.created,
                description: "Scheduled \(c.command)\(what)", resource: resource)
            let work = spec.work, onFailure = spec.onFailure, caller = c.caller, command = c.command,
                created = c.created, named = c.optional("id")
            spec.work = { store, date in
                let result = try work(store, date)
                UsageLedger.observe(store, result: result, id: named, at: date)
                record(
                    store, caller, type: type, state: "Completed", level: "INFO",
                    created: SimClock.cloudStackTime(date),
                    description: "Successfully completed \(command)\(what)", resource: resource, parent: parent)
                return result
            }
            spec.onFailure = { store in
                onFailure?(store)
                record(
                    store, caller, type: type, state: "Completed", level: "ERROR", created: created,
                    description: "Error while \(command)\(what)", resource: resource, parent: parent)
            }
            return .job(spec)
        }
    }

    @discardableResult
    static func record(
        _ store: Store, _ caller: Caller, type: String, state: String, level: String, created: String,
        description: String, resource: (String?, String?), parent: String? = nil
    ) -> String {
        var f: Record = [
            "username": .string(caller.username), "type": .string(type), "level": .string(level),
            "description": .string(description), "account": .string(caller.account),
            "domainid": .string(caller.domainID), "domain": .string(caller.domain),
            "created": .string(created), "state": .string(state),
        ]
        if let id = resource.0 { f["resourceid"] = .string(id) }
        if let t = resource.1 { f["resourcetype"] = .string(t) }
        if let parent { f["parentid"] = .string(parent) }
        return store.insert("event", f).id
    }

    static let handlers: [Handler] = [
        Handler("listEvents") { c throws(APIError) in
            // Newest first, as the server sorts them.
            let rows = Array(c.store.table("event").rows.reversed())
            let start = c.optional("startdate"), end = c.optional("enddate")
            return try c.listEntities("event", rows: rows, owned: true) { e in
                guard let created = e["created"] else { return true }
                if let start, created.prefix(start.count) < start { return false }
                if let end, created.prefix(end.count) > end { return false }
                return true
            }
        },
        Handler("listEventTypes") { c throws(APIError) in
            let names = Set(types.values).sorted()
            return .list(noun: "eventtype", items: names.map { .record(["name": .string($0)]) }, total: names.count)
        },
    ]
}

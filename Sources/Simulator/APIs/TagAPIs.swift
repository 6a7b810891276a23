import Values

/// Resource tags: createTags/deleteTags (async), listTags; resources show theirs in `tags`.
enum TagAPIs {
    /// resourcetype (as the API names it) -> whether a resource with that id exists.
    static func exists(_ type: String, _ id: String, _ store: Store) -> Bool {
        switch type.lowercased() {
        case "uservm": store.vms[id: id] != nil
        case "volume": store.vms.owner(ofRootVolume: id) != nil || store.table("volume").get(id) != nil
        case "template": store.table("template").get(id) != nil
        case "iso": store.table("iso").get(id) != nil
        case "network": store.table("network").get(id) != nil
        case "securitygroup": store.table("securitygroup").get(id) != nil
        case "publicipaddress": store.table("publicipaddress").get(id) != nil
        case "snapshot": store.table("snapshot").get(id) != nil
        case "firewallrule": store.table("firewallrule").get(id) != nil
        case "portforwardingrule": store.table("portforwardingrule").get(id) != nil
        default: tableTypes.first { $0.key.lowercased() == type.lowercased() }.map { store.table($0.value).get(id) != nil } ?? false
        }
    }

    /// Other taggable resource types (the server's ResourceObjectType names) and the table holding them.
    static let tableTypes: [String: String] = [
        "Vpc": "vpc", "Project": "project", "NetworkACL": "networkacl", "NetworkACLList": "networkacllist",
        "VMSnapshot": "vmsnapshot", "LoadBalancer": "loadbalancerrule", "SnapshotPolicy": "snapshotpolicy",
        "StaticRoute": "staticroute", "PrivateGateway": "privategateway", "VpnGateway": "vpngateway",
        "CustomerGateway": "vpncustomergateway", "VpnConnection": "vpnconnection", "RemoteAccessVpn": "remoteaccessvpn",
        "Zone": "zone", "ServiceOffering": "serviceoffering", "DiskOffering": "diskoffering", "Storage": "storagepool",
        "AutoScaleVmGroup": "autoscalevmgroup", "AutoScaleVmProfile": "autoscalevmprofile", "Account": "account",
        "User": "user", "Domain": "domain", "NetworkOffering": "networkoffering", "VpcOffering": "vpcoffering",
    ]

    static let types = ["UserVm", "Volume", "Template", "ISO", "Network", "SecurityGroup", "PublicIpAddress",
                        "Snapshot", "FirewallRule", "PortForwardingRule"] + tableTypes.keys.sorted()

    static let handlers: [Handler] = [
        Handler("createTags", async: true) { c throws(APIError) in
            let ids = try c.required("resourceids").split(separator: ",").map(String.init)
            let rawType = try c.required("resourcetype")
            guard let type = types.first(where: { $0.lowercased() == rawType.lowercased() }) else {
                throw APIError.invalid("resourcetype", "'\(rawType)' is not one of \(types.joined(separator: ", "))")
            }
            let tags = c.params.map("tags")
            guard !tags.isEmpty else { throw APIError.missing("tags", command: c.command) }
            for id in ids where !exists(type, id, c.store) {
                throw APIError.notFound(type, id: id, param: "resourceids")
            }
            for t in tags where t["key"] == nil {
                throw APIError.invalid("tags", "every tag needs a key: tags[0].key=...&tags[0].value=...")
            }
            let caller = c.caller
            return .job(JobSpec(cmd: "org.apache.cloudstack.api.command.user.tag.CreateTagsCmd", instanceType: nil,
                                instanceID: nil, immediateID: nil) { store, _ in
                for id in ids {
                    for t in tags {
                        store.removeTags(resourceID: id) { $0.key == t["key"] }
                        store.addTag(Tag(key: t["key"]!, value: t["value"] ?? "", resourceType: type, resourceID: id,
                                         account: caller.account, domainID: caller.domainID, domain: caller.domain))
                    }
                }
                return ["success": .bool(true)]
            })
        },
        Handler("deleteTags", async: true) { c throws(APIError) in
            let ids = try c.required("resourceids").split(separator: ",").map(String.init)
            _ = try c.required("resourcetype")
            let tags = c.params.map("tags")
            return .job(JobSpec(cmd: "org.apache.cloudstack.api.command.user.tag.DeleteTagsCmd", instanceType: nil,
                                instanceID: nil, immediateID: nil) { store, _ in
                for id in ids {
                    store.removeTags(resourceID: id) { t in
                        tags.isEmpty || tags.contains { w in w["key"] == t.key && (w["value"].map { $0 == t.value } ?? true) }
                    }
                }
                return ["success": .bool(true)]
            })
        },
        Handler("listTags") { c throws(APIError) in
            let key = c.optional("key"), value = c.optional("value")
            let type = c.optional("resourcetype")?.lowercased(), rid = c.optional("resourceid")
            let visible = try c.visibility()
            let matches = c.store.tags.filter { t in
                (key == nil || t.key == key) && (value == nil || t.value == value)
                    && (type == nil || t.resourceType.lowercased() == type) && (rid == nil || t.resourceID == rid)
                    && visible.allows(account: t.account, domainID: t.domainID)
            }
            let range = try c.pageRange(count: matches.count)
            return .list(noun: "tag", items: matches[range].map(\.record), total: matches.count)
        },
    ]
}

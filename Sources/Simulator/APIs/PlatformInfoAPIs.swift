import Crypto
import FoundationEssentials
import OrderedCollections
import Values

/// Small facts about the platform: the cloud's identifier, API limits (only while throttling is
/// on, as the rate-limit plugin registers them), quota, two-factor providers, CA providers,
/// deployment planners, isolation methods, usage types and configuration groups.
enum PlatformInfoAPIs {
    /// The usage types of 4.18 (UsageTypes): id and description.
    static let usageTypes: [(Int, String)] = [
        (1, "Running Vm Usage"), (2, "Allocated Vm Usage"), (3, "IP Address Usage"), (4, "Network Usage (Bytes Sent)"),
        (5, "Network Usage (Bytes Received)"), (6, "Volume Usage"), (7, "Template Usage"), (8, "ISO Usage"),
        (9, "Snapshot Usage"),
        (10, "Security Group Usage"), (11, "Load Balancer Usage"), (12, "Port Forwarding Usage"),
        (13, "Network Offering Usage"),
        (14, "VPN users usage"), (21, "VM Disk usage(I/O Read)"), (22, "VM Disk usage(I/O Write)"),
        (23, "VM Disk usage(Bytes Read)"),
        (24, "VM Disk usage(Bytes Write)"), (25, "VM Snapshot storage usage"),
        (26, "Volume on secondary storage usage"),
        (27, "VM Snapshot on primary storage usage"), (28, "Backup storage usage"),
    ]
    /// deployment.planners.order's options in 4.18.
    static let planners = [
        "FirstFitPlanner", "UserDispersingPlanner", "UserConcentratedPodPlanner", "ImplicitDedicationPlanner",
        "BareMetalPlanner",
    ]
    /// PhysicalNetwork.IsolationMethod's registered names.
    static let isolationMethods = [
        "VLAN", "L3", "GRE", "STT", "BCF_SEGMENT", "MIDO", "SSP", "VXLAN", "ODL", "L3VPN", "VSP", "VCS",
    ]
    static let twoFactorDescriptions = [
        "totp": "TOTP user two factor authentication provider Plugin",
        "staticpin": "Static Pin user two factor authentication provider Plugin",
    ]

    static let handlers: [Handler] = [
        Handler("getCloudIdentifier") { c throws(APIError) in
            let userID = try c.required("userid")
            guard let user = c.store.table("user").get(userID) else {
                throw APIError.refused("Unable to find active user of specified id")
            }
            try c.checkAccess(
                accountID: user["accountid"] ?? "", domainID: user["domainid"] ?? "", what: "user \(userID)")
            let identifier = cloudIdentifier(c.store)
            // Signed with the user's secret key, as a client can check it; no key, no signature.
            let secret = c.store.principals.first { $0.caller.userID == userID }?.user.secretKey ?? ""
            let signature =
                secret.isEmpty
                ? ""
                : Data(
                    HMAC<Insecure.SHA1>.authenticationCode(
                        for: Data(identifier.utf8), using: SymmetricKey(data: Data(secret.utf8)))
                ).base64EncodedString()
            return .object([
                "cloudidentifier": .record([
                    "userid": .string(userID), "cloudidentifier": .string(identifier),
                    "signature": .string(signature),
                ])
            ])
        },
        Handler("getApiLimit") { c throws(APIError) in
            guard let limit = c.server.throttleLimit else { throw APIAccess.notAvailable }
            let window = c.server.options.throttleInterval.seconds
            var w = c.server.throttle[c.caller.accountID] ?? (c.now, 0)
            if c.now.timeIntervalSince(w.windowStart) >= window { w = (c.now, 0) }
            let left = max(0, Int((window - c.now.timeIntervalSince(w.windowStart)) * 1000))
            return .object([
                "apilimit": .record([
                    "account": .string(c.caller.account), "accountid": .string(c.caller.accountID),
                    "apiIssued": .int(w.count),
                    "apiAllowed": .int(max(0, limit - w.count)), "expireAfter": .int(left),
                ])
            ])
        },
        Handler("resetApiLimit") { c throws(APIError) in
            guard c.server.throttleLimit != nil else { throw APIAccess.notAvailable }
            if let account = c.optional("account") {
                guard c.store.table("account").get(account) != nil else {
                    throw CatalogCheck.noEntity("account", account, command: c.command)
                }
                c.server.throttle[account] = nil
            } else {
                c.server.throttle = [:]
            }
            return .object(["success": .bool(true)])
        },
        Handler("quotaIsEnabled") { c throws(APIError) in
            .object([
                "quotaenabled": .record([
                    "isenabled": .bool(ConfigurationAPIs.globalValue("quota.enable.service", c.store) == "true")
                ])
            ])
        },
        Handler("listUserTwoFactorAuthenticatorProviders") { c throws(APIError) in
            names(c, TwoFactorAPIs.providers, noun: "providers") {
                ["description": .string(twoFactorDescriptions[$0] ?? "")]
            }
        },
        Handler("listCAProviders") { c throws(APIError) in
            names(c, ["root"], noun: "caprovider") { _ in
                ["description": .string("CloudStack's Root CA provider plugin")]
            }
        },
        Handler("listDeploymentPlanners") { c throws(APIError) in try paged(c, planners, noun: "deploymentPlanner") },
        Handler("listNetworkIsolationMethods") { c throws(APIError) in
            try paged(c, isolationMethods, noun: "isolationmethod")
        },
        Handler("listUsageTypes") { c throws(APIError) in
            .list(
                noun: "usagetype",
                items: usageTypes.map { .record(["usagetypeid": .int($0.0), "description": .string($0.1)]) },
                total: usageTypes.count)
        },
        Handler("listConfigurationGroups") { c throws(APIError) in
            let group = c.optional("group")?.lowercased(), keyword = c.optional("keyword")?.lowercased()
            let groups = ConfigurationGroups.all.filter {
                (group == nil || $0.name.lowercased() == group)
                    && (keyword == nil || $0.name.lowercased().contains(keyword!))
            }
            let range = try c.pageRange(count: groups.count)
            return .list(
                noun: "configurationgroup",
                items: groups[range].map { g in
                    .record([
                        "name": .string(g.name), "description": .string(g.description),
                        "precedence": .int(g.precedence),
                        "subgroup": .list(
                            g.subgroups.map { .record(["name": .string($0.name), "precedence": .int($0.precedence)]) }),
                    ])
                }, total: groups.count)
        },
    ]

    /// The cloud's identifier (the `cloud.identifier` setting a server makes at its first start), kept with the cloud.
    static func cloudIdentifier(_ store: Store) -> String {
        let cloud = store.table(Store.cloudNoun)
        if let id = cloud.get("cloud")?["identifier"] { return id }
        let id = store.newID()
        if cloud.get("cloud") == nil {
            store.insert(Store.cloudNoun, ["identifier": .string(id)], id: "cloud")
        } else {
            cloud.update("cloud") { $0.fields["identifier"] = .string(id) }
        }
        return id
    }

    /// A list of names filtered by `name`.
    static func names(_ c: Call, _ all: [String], noun: String, _ more: (String) -> Record) -> Reply {
        let wanted = c.optional("name")?.lowercased()
        let items: [Value] = all.filter { wanted == nil || $0 == wanted }.map { n in
            var r: Record = ["name": .string(n)]
            r.merge(more(n), uniquingKeysWith: { $1 })
            return .record(r)
        }
        return .list(noun: noun, items: items, total: items.count)
    }

    /// Names filtered by `keyword`, paged.
    static func paged(_ c: Call, _ all: [String], noun: String) throws(APIError) -> Reply {
        let keyword = c.optional("keyword")?.lowercased()
        let names = all.filter { keyword == nil || $0.lowercased().contains(keyword!) }
        let range = try c.pageRange(count: names.count)
        return .list(noun: noun, items: names[range].map { .record(["name": .string($0)]) }, total: names.count)
    }
}

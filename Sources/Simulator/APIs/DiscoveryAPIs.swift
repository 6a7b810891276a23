import APICatalog
import Values
import OrderedCollections

/// What the server tells a client about itself: its APIs (listApis, from the bundled
/// catalog, filtered by the caller's role rules) and its capabilities.
enum DiscoveryAPIs {
    static let handlers: [Handler] = [
        Handler("listApis", listApis),
        Handler("listCapabilities") { c throws(APIError) in
            // ManagementServerImpl.listCapabilities reads these settings (their 4.18 defaults when unset).
            func flag(_ name: String, _ fallback: Bool) -> Value {
                .bool(ConfigurationAPIs.globalValue(name, c.store).map { $0 == "true" } ?? fallback)
            }
            func number(_ name: String, _ fallback: Int) -> Value {
                .int(ConfigurationAPIs.globalValue(name, c.store).flatMap { Int($0) } ?? fallback)
            }
            return .object([
                "capability": .record([
                    "securitygroupsenabled": .bool(true), "dynamicrolesenabled": .bool(true),
                    "cloudstackversion": .string("4.18.0.0-acsh-simulator"), "userpublictemplateenabled": .bool(true),
                    "supportELB": .string("false"), "projectinviterequired": .bool(false),
                    "allowusercreateprojects": .bool(true), "customdiskofferingminsize": .int(1),
                    "customdiskofferingmaxsize": .int(1024), "regionsecondaryenabled": .bool(false),
                    "kvmsnapshotenabled": .bool(true), "allowuserviewdestroyedvm": .bool(true),
                    "allowuserexpungerecovervm": flag("allow.user.expunge.recover.vm", false),
                    "allowuserexpungerecovervolume": flag("allow.user.expunge.recover.volume", true),
                    "allowuserviewalldomainaccounts": flag("allow.user.view.all.domain.accounts", false),
                    "apilimitinterval": .int(1), "apilimitmax": .int(c.store.options.throttlePerSecond ?? 25),
                    "defaultuipagesize": .int(20),
                    // The settings' values now, not at start (a change shows before the restart it needs).
                    "kubernetesserviceenabled": flag(KubernetesService.enabledKey, false),
                    "kubernetesclusterexperimentalfeaturesenabled": flag(KubernetesService.experimentalKey, false),
                    "instancesstatsretentiontime": number("vm.stats.max.retention.time", 720),
                    "instancesstatsuseronly": flag("vm.stats.user.vm.only", false),
                    "instancesdisksstatsretentionenabled": flag("vm.disk.stats.retention.enabled", false),
                    "instancesdisksstatsretentiontime": number("vm.disk.stats.max.retention.time", 720),
                ])
            ])
        },
    ]

    /// listApis in the live server's shape: {"count": N, "api": [...]}, from the bundled catalog.
    static func listApis(_ c: Call) throws(APIError) -> Reply {
        let name = c.optional("name")
        let allowed = c.store.apiChecker(for: c.caller)
        let apis = (name.map { n in Catalog.bundled.api(named: n).map { [$0] } ?? [] } ?? Catalog.bundled.allAPIs)
            .filter { allowed($0.name) }
        let items: [Value] = apis.map { a in
            var r: Record = [
                "name": .string(a.name), "description": .string(a.description ?? ""),
                "isasync": .bool(a.isAsync), "related": .string(a.related.joined(separator: ",")),
            ]
            if let since = a.since { r["since"] = .string(since) }
            r["params"] = .list(
                a.params.map { p in
                    var pr: Record = [
                        "name": .string(p.name), "description": .string(p.description ?? ""),
                        "type": .string(p.type), "length": .int(p.length ?? 255), "required": .bool(p.required),
                    ]
                    if let since = p.since { pr["since"] = .string(since) }
                    if !p.related.isEmpty { pr["related"] = .string(p.related.joined(separator: ",")) }
                    return .record(pr)
                })
            r["response"] = .list(a.responseFields.map { .record(["name": .string($0), "description": .string("")]) })
            return .record(r)
        }
        return .list(noun: "api", items: items, total: items.count)
    }
}

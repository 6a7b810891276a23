import OrderedCollections
import Values

/// isAccountAllowedToCreateOfferingsWithTags: root admins always may; a domain admin's account when
/// its `allow.domain.admins.to.create.tagged.offerings` says so (false by default); users never.
/// Without `id` the question is about the caller's own account.
enum OfferingTagPermissionAPIs {
    static let setting = "allow.domain.admins.to.create.tagged.offerings"

    static let handlers: [Handler] = [
        Handler("isAccountAllowedToCreateOfferingsWithTags") { c throws(APIError) in
            let accountID = c.optional("id") ?? c.caller.accountID
            guard let account = c.store.table("account").get(accountID) else {
                throw CatalogCheck.noEntity("id", accountID, command: c.command)
            }
            try c.checkAccess(accountID: account.id, domainID: account["domainid"] ?? "", what: "account \(account.id)")
            let allowed: Bool
            switch Role(accountType: Int(account["accounttype"] ?? "") ?? 0) {
            case .rootAdmin: allowed = true
            case .user: allowed = false
            case .domainAdmin:
                let target = ConfigurationAPIs.Target(scope: .account, answer: "account", id: account.id)
                allowed = Settings.byName[setting].flatMap { ConfigurationAPIs.value($0, c.store, target) } == "true"
            }
            return .object(["isallowed": .bool(allowed)])
        }
    ]
}

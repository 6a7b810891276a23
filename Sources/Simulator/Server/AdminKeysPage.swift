import Values
import OrderedCollections

/// `GET /admin.json`: the root admin's keys as the official simulator container publishes them
/// once its zones are deployed (getUserKeys' `userkeys` object: apikey and secretkey), so test
/// harnesses written for that container (ansible-test's CloudStack provider) find them.
/// Served with `--datacenter cloudstack-simulator` only: a loopback-only server whose keys are
/// printed at start anyway; the sandbox has no such page.
enum AdminKeysPage {
    static let path = "/admin.json"

    static func response(_ store: Store) -> OutgoingResponse {
        guard store.options.datacenter == .cloudstackSimulator,
            let admin = store.principals.first(where: { $0.caller.isAdmin && $0.caller.account == "admin" })
                ?? store.principals.first(where: { $0.caller.isAdmin })
        else {
            return Responses.htmlPage(404)
        }
        let keys: Value = .record(["apikey": .string(admin.user.apiKey), "secretkey": .string(admin.user.secretKey)])
        return OutgoingResponse(status: 200, body: JSONWriter.pretty(keys) + "\n")
    }
}

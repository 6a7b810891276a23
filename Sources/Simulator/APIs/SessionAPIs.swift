import Values
import OrderedCollections

/// login and logout: the server's API authenticators. They run before its API dispatcher
/// (no role check, no catalog check, no throttling); login needs no caller at all.
enum SessionAPIs {
    static let handlers: [Handler] = [
        Handler("login", entry: .anonymous, login),
        Handler("logout", entry: .authenticator) { c throws(APIError) in
            c.server.auth.logout(cookies: c.request.cookies)
            Events.record(
                c.store, c.caller, type: "USER.LOGOUT", state: "Completed", level: "INFO", created: c.created,
                description: "user has logged out", resource: (c.caller.userID, "User"))
            return .object(["description": .string("success")])
        },
    ]

    /// A session for username + password (+ domain): loginresponse as the server sends it
    /// (every value a string), plus the JSESSIONID and sessionkey cookies.
    static func login(_ c: Call) throws(APIError) -> Reply {
        guard c.request.method == "POST" else { throw APIError(405, "Method not allowed: login must be sent by POST") }
        let session = try c.server.auth.login(
            c.params, store: c.store, timeout: c.server.options.sessionTimeout, now: c.now)
        let caller = session.principal.caller
        Events.record(
            c.store, caller, type: "USER.LOGIN", state: "Completed", level: "INFO", created: c.created,
            description: "user has logged in from the API", resource: (caller.userID, "User"))
        let (timeout, _) = c.server.options.sessionTimeout.components
        var r: Record = [
            "username": .string(caller.username), "userid": .string(caller.userID),
            "domainid": .string(caller.domainID),
            "timeout": .string(String(timeout)), "account": .string(caller.account),
            "firstname": .string(caller.username),
            "lastname": .string("Sandbox"), "type": .string(caller.isAdmin ? "1" : "0"), "timezone": .string("UTC"),
            "registered": .string("false"), "sessionkey": .string(session.sessionKey),
            "is2faenabled": .string(session.verified2FA ? "false" : "true"),
        ]
        // A two-factor user's session can only check its code next (TwoFactorAPIs).
        if !session.verified2FA, let provider = c.store.table("user").get(caller.userID)?["providerfor2fa"] {
            r["providerfor2fa"] = .string(provider)
            r["is2faverified"] = .string("false")
        }
        return .objectSettingCookies(
            r,
            cookies: [
                "JSESSIONID=\(session.jsessionID); Path=/client; HttpOnly",
                "sessionkey=\(session.sessionKey); Path=/client",
            ])
    }
}

/// Who is calling: the integration port and `--open` act as the root admin; otherwise a signed
/// request (API key) or a login session. Then the role check. Only authenticated requests are
/// counted, so an anonymous caller cannot grow the counters. Login (an anonymous authenticator)
/// skips this stage: it authenticates by password itself.
enum AuthStage {
    static func run(_ x: inout Exchange, _ s: EngineState, _ handler: Handler?) throws(APIError) {
        let entry = handler?.entry ?? .api
        if entry == .anonymous { return }
        let principal = try identify(x, s)
        x.principal = principal
        s.count(x.command)
        // Authenticators (logout) come before the API checker, as on the server.
        if entry == .api, !s.store.allows(x.command, principal.caller) { throw APIAccess.notAvailable }
        // Acting in a project, a member is also bound by its project role (ProjectRoleBasedApiAccessChecker).
        if entry == .api, let project = x.params["projectid"],
            !s.store.projectRolePermits(x.command, principal.caller, projectID: project)
        {
            throw APIError(432, "The API \(x.command) is denied for the user's/account's project role.")
        }
    }

    static func identify(_ x: Exchange, _ s: EngineState) throws(APIError) -> Principal {
        if s.options.auth == .open || x.request.integration {
            return s.store.principals.first { $0.caller.isAdmin } ?? s.store.principals[0]
        } else if x.params["apikey"] != nil || x.params["signature"] != nil {
            return try s.auth.verifySigned(x.params, store: s.store, now: x.now)
        }
        return try s.auth.verifySession(
            x.params, command: x.command, cookies: x.request.cookies, store: s.store,
            timeout: s.options.sessionTimeout, now: x.now)
    }
}

import CloudClient
import FoundationEssentials

/// A `login` session: the JSESSIONID cookie plus the session key sent back as a parameter.
struct LoginSession {
    var jsessionID: String
    var sessionKey: String
    var principal: Principal
    var lastUsed: Date
    /// False while a two-factor user's code is not checked yet (see TwoFactorAPIs).
    var verified2FA = true
}

/// Decides who is calling: API-key signature (with `expires` for signatureVersion 3),
/// a login session, or nobody (401). Runs under the engine lock.
struct Authenticator {
    var sessions: [String: LoginSession] = [:]

    func principal(forAPIKey key: String, in store: Store) -> Principal? {
        store.principals.first { $0.user.apiKey == key && !key.isEmpty }
    }

    /// Checks a signed request exactly as the management server does; any failure is the same 401.
    func verifySigned(_ params: RequestParams, store: Store, now: Date) throws(APIError) -> Principal {
        guard let key = params["apikey"], let signature = params["signature"],
            let p = principal(forAPIKey: key, in: store), store.isActive(p)
        else { throw APIError.unauthorized }
        let version = params["signatureVersion"]
        if let expires = params["expires"] {
            guard let date = SimClock.parseCloudStackTime(expires), now < date else { throw APIError.unauthorized }
        } else if version == "3" {
            throw APIError.unauthorized
        }
        let expected = Signer.signature(params.pairs, secretKey: p.user.secretKey)
        guard Self.sameBytes(expected, signature) else { throw APIError.unauthorized }
        return p
    }

    /// A session call needs the JSESSIONID cookie and the matching `sessionkey` parameter.
    mutating func verifySession(
        _ params: RequestParams, command: String, cookies: [String: String], store: Store,
        timeout: Duration, now: Date
    ) throws(APIError) -> Principal {
        guard let jsession = cookies["JSESSIONID"], var s = sessions[jsession],
            let p = store.principals.first(where: {
                $0.caller.userID == s.principal.caller.userID
            }), store.isActive(p)
        else { throw APIError.unauthorized }
        if now.timeIntervalSince(s.lastUsed) > timeout.seconds {
            sessions[jsession] = nil
            throw APIError.unauthorized
        }
        // The parameter, never the cookie alone: a browser sends cookies to any page's request (CSRF).
        guard let key = params["sessionkey"], Self.sameBytes(key, s.sessionKey) else {
            throw APIError.unauthorized
        }
        s.lastUsed = now
        sessions[jsession] = s
        if !s.verified2FA, command != TwoFactorAPIs.validate {
            sessions[jsession] = nil
            throw TwoFactorAPIs.notVerified
        }
        return p
    }

    /// `login`: username, password and domain path (or domainId); 531 on any mismatch.
    mutating func login(_ params: RequestParams, store: Store, timeout: Duration, now: Date) throws(APIError)
        -> LoginSession
    {
        guard let username = params.value("username") else { throw APIError.missing("username", command: "login") }
        guard let password = params.value("password") else { throw APIError.missing("password", command: "login") }
        let domainPath = Self.normalizedDomain(params.value("domain") ?? "/")
        let domainID = params.value("domainId")
        let match = store.principals.first { p in
            guard p.user.username == username else { return false }
            if let domainID { return p.caller.domainID == domainID }
            return Self.normalizedDomain(p.user.domainPath) == domainPath
        }
        guard let p = match, p.user.password == password, store.isActive(p) else {
            throw APIError(
                531,
                "Failed to authenticate user \(username) in domain \(domainPath); check username, password and domain",
                cs: 4365)
        }
        purgeExpired(now: now, timeout: timeout)
        let twoFactor = store.table("user").get(p.caller.userID)?["is2faenabled"] == "true"
        let s = LoginSession(
            jsessionID: Self.token(store), sessionKey: Self.token(store), principal: p, lastUsed: now,
            verified2FA: !twoFactor)
        sessions[s.jsessionID] = s
        return s
    }

    /// Drops sessions idle past the timeout (each login does, so the table cannot grow without end).
    mutating func purgeExpired(now: Date, timeout: Duration) {
        sessions = sessions.filter { now.timeIntervalSince($0.value.lastUsed) <= timeout.seconds }
    }

    mutating func logout(cookies: [String: String]) {
        if let j = cookies["JSESSIONID"] { sessions[j] = nil }
    }

    /// Compares secrets in time that depends on their lengths only, not on where they first differ.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var diff = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) { diff |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0) }
        return diff == 0
    }

    /// "/", "ROOT", "" all mean the root domain; "/dev/" is "/dev".
    static func normalizedDomain(_ d: String) -> String {
        var parts = d.split(separator: "/").map(String.init)
        if parts.first?.uppercased() == "ROOT" { parts.removeFirst() }
        return "/" + parts.joined(separator: "/")
    }

    /// Session secrets come from the system generator, not the seeded one: they must not be guessable.
    static func token(_ store: Store) -> String {
        var rng = SystemRandomNumberGenerator()
        let hex = Array("0123456789ABCDEF")
        return String((0..<32).map { _ in hex[Int(rng.next() & 15)] })
    }
}

import Testing
import Values
import NIOConcurrencyHelpers
@testable import CloudClient

/// A server with CloudStack's session rules: `login` by POST only, then JSESSIONID
/// cookie + sessionkey cookie + sessionkey parameter on every call.
private final class SessionServer: Sendable {
    let keys = NIOLockedValueBox<[String]>([])
    /// Calls (0-based, logins excluded) answered 401 as if the session had expired.
    let expireOn: Set<Int>
    let calls = NIOLockedValueBox(0)

    init(expireOn: Set<Int> = []) { self.expireOn = expireOn }

    func reply(_ req: SeenRequest) -> Reply {
        if req.command == "login" {
            guard req.method == "POST" else { return .apiError("login", code: 405, cs: 9999, text: "login by GET") }
            guard req.param("username") == "admin", req.param("password") == "p@ss word", req.param("domain") == "/"
            else {
                return .apiError(
                    "login", code: 531, cs: 4365,
                    text: "Failed to authenticate user admin in domain 1; please provide valid credentials")
            }
            let key = "key\(keys.withLockedValue { $0.append("k"); return $0.count })+/="
            var r = Reply.json(#"{"loginresponse":{"username":"admin","sessionkey":"\#(key)","timeout":"1800"}}"#)
            r.headers = [
                ("Set-Cookie", "JSESSIONID=JS\(key.prefix(4)); Path=/client; HttpOnly"),
                ("Set-Cookie", "sessionkey=\(Signer.encode(key)); Path=/client"),
            ]
            return r
        }
        let n = calls.withLockedValue { c in
            defer { c += 1 }; return c
        }
        let current = keys.withLockedValue { "key\($0.count)+/=" }
        let cookie = req.cookie ?? ""
        guard !expireOn.contains(n), req.param("sessionkey") == current, req.param("apiKey") == nil,
            cookie.contains("JSESSIONID=JS\(current.prefix(4))"),
            cookie.contains("sessionkey=\(Signer.encode(current))")
        else { return .apiError(req.command, code: 401, cs: 9999, text: "unable to verify user credentials") }
        return .json(#"{"listzonesresponse":{"count":0}}"#)
    }
}

@Suite struct LoginSessionTests {
    let password = Credentials.password(username: "admin", password: "p@ss word", domain: "/")

    @Test func logsInOnceAndSendsCookieAndParameter() async throws {
        let s = SessionServer()
        try await TestServer.with({ req, _ in s.reply(req) }) { server in
            try await withClient(testOptions(server, credentials: password)) { c in
                _ = try await c.request("listZones")
                _ = try await c.request("listZones")
            }
            let logins = server.seen.filter { $0.command == "login" }
            #expect(logins.count == 1)
            #expect(logins.first?.method == "POST" && logins.first?.rawQuery.isEmpty == true)
            #expect(server.seen.count == 3)
        }
    }

    @Test func concurrentCallsShareOneLogin() async throws {
        let s = SessionServer()
        try await TestServer.with({ req, _ in s.reply(req) }) { server in
            try await withClient(testOptions(server, credentials: password)) { c in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<6 { group.addTask { _ = try await c.request("listZones") } }
                    try await group.waitForAll()
                }
            }
            #expect(server.seen.filter { $0.command == "login" }.count == 1)
            #expect(server.seen.count == 7)
        }
    }

    @Test func expiredSessionLogsInAgainOnce() async throws {
        let s = SessionServer(expireOn: [1])
        try await TestServer.with({ req, _ in s.reply(req) }) { server in
            try await withClient(testOptions(server, credentials: password)) { c in
                _ = try await c.request("listZones")
                _ = try await c.request("listZones")
                #expect(c.requestCount == 5)
            }
            #expect(server.seen.map(\.command) == ["login", "listZones", "listZones", "login", "listZones"])
        }
    }

    @Test func logoutEndsTheSession() async throws {
        let s = SessionServer()
        try await TestServer.with({ req, _ in
            req.command == "logout" ? .json(#"{"logoutresponse":{"description":"success"}}"#) : s.reply(req)
        }) { server in
            try await withClient(testOptions(server, credentials: password)) { c in
                try await c.logout()  // no session yet: nothing sent
                _ = try await c.request("listZones")
                try await c.logout()
            }
            #expect(server.seen.map(\.command) == ["login", "listZones", "logout"])
            #expect(server.seen.last?.param("sessionkey") != nil)
        }
    }

    @Test func reLoginHappensAtMostOnce() async throws {
        let s = SessionServer(expireOn: [0, 1, 2, 3])
        try await TestServer.with({ req, _ in s.reply(req) }) { server in
            let e = await cloudError {
                _ = try await withClient(testOptions(server, credentials: password)) {
                    try await $0.request("listZones")
                }
            }
            #expect(e?.errorcode == 401)
            #expect(server.seen.filter { $0.command == "login" }.count == 2)
        }
    }

    @Test func cancellingDuringLoginEndsAtOnce() async throws {
        // Login answers after 300 s; cancelling must end the call well before (120 s: room for any loaded machine).
        try await TestServer.with({ _, _ in Reply(body: "{}", delay: .seconds(300)) }) { server in
            let client = CloudStackClient(options: testOptions(server, credentials: password))
            let task = Task { try await client.request("listZones") }
            let (result, took) = try await server.cancelOnceSeen(task)
            #expect(took < .seconds(120))
            if case .failure(let e as CloudStackError) = result {
                #expect(e.exitCode == 130)
            } else {
                Issue.record("got \(result)")
            }
            #expect(server.seen.map(\.command) == ["login"])
            try await client.shutdown()
        }
    }

    @Test func failedLoginIsClear() async throws {
        let s = SessionServer()
        try await TestServer.with({ req, _ in s.reply(req) }) { server in
            let bad = Credentials.password(username: "admin", password: "wrong", domain: "/")
            let e = await cloudError {
                _ = try await withClient(testOptions(server, credentials: bad)) { try await $0.request("listZones") }
            }
            let err = try #require(e)
            guard case .loginFailed("admin", 531, _) = err.kind else { Issue.record("kind \(err.kind)"); return }
            #expect(err.message.contains("login as admin failed") && !err.message.contains("wrong"))
            #expect(server.seen.count == 1)
        }
    }

    @Test func apiKeyProfileNeverLogsIn() async throws {
        let s = SessionServer()
        try await TestServer.with({ req, _ in s.reply(req) }) { server in
            let e = await cloudError {
                _ = try await withClient(testOptions(server)) { try await $0.request("listZones") }
            }
            #expect(e?.errorcode == 401)
            #expect(server.seen.map(\.command) == ["listZones"])
        }
    }

    @Test func noCredentialsSendsNoAuth() async throws {
        try await TestServer.with({ _, _ in .json(#"{"listzonesresponse":{}}"#) }) { server in
            _ = try await withClient(testOptions(server, credentials: .none)) { try await $0.request("listZones") }
            let req = try #require(server.seen.first)
            #expect(req.param("apiKey") == nil && req.param("signature") == nil && req.param("sessionkey") == nil)
            #expect(req.param("response") == "json")
        }
    }
}

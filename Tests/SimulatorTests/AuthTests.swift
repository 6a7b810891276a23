import CloudClient
import FoundationEssentials
import Simulator
import TestSupport
import Testing
import Values

@Suite struct AuthTests {
    @Test func signedRequestIsAccepted() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let r = try await TestClient(sim).get("listZones")
            #expect(r.status == 200)
            #expect(r.inner["count"]?.text == "2")
            #expect(r.headers.first(name: "Date") != nil)
        }
    }

    @Test func wrongSecretTamperingAndUnknownKeyGive401() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            var c = TestClient(sim)
            c.secretKey = "not-the-secret"
            let bad = try await c.get("listZones")
            #expect(bad.status == 401)
            #expect(bad.inner["errorcode"]?.text == "401")
            #expect(bad.inner["errortext"]?.text == "unable to verify user credentials and/or request signature")

            let good = TestClient(sim)
            let tampered = good.query("listZones", [("name", "Sandbox-1")]).replacingOccurrences(
                of: "Sandbox-1", with: "Sandbox-2")
            let t = try await good.send(method: .GET, url: sim.baseURL + "?" + tampered, body: nil)
            #expect(t.status == 401)

            var unknown = TestClient(sim)
            unknown.apiKey = "nobody"
            #expect(try await unknown.get("listZones").status == 401)

            var none = TestClient(sim)
            none.apiKey = nil
            #expect(try await none.get("listZones").status == 401)
        }
    }

    @Test func expiresIsCheckedAgainstTheServerClock() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            var c = TestClient(sim)
            c.expires = Signer.expiresString(Date().addingTimeInterval(60))
            #expect(try await c.get("listZones").status == 200)
            c.expires = Signer.expiresString(Date().addingTimeInterval(-1))
            #expect(try await c.get("listZones").status == 401)
        }
        // Server clock 10 minutes ahead: a request valid for 5 minutes by the client's clock is already expired.
        try await withSimulator(quickJobOptions { $0.clockOffset = .seconds(600) }) { sim async throws in
            var c = TestClient(sim)
            c.expires = Signer.expiresString(Date().addingTimeInterval(300))
            let r = try await c.get("listZones")
            #expect(r.status == 401)
            let date = try #require(r.headers.first(name: "Date"))
            #expect(date.hasSuffix("GMT"))
        }
    }

    @Test func signatureVersion3WithoutExpiresIsRefused() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            var p = [
                ("command", "listZones"), ("response", "json"), ("signatureVersion", "3"),
                ("apiKey", SimulatorOptions.sandboxAPIKey),
            ]
            p.append(("signature", Signer.signature(p, secretKey: SimulatorOptions.sandboxSecretKey)))
            let q = p.map { "\($0.0)=\(Signer.encode($0.1))" }.joined(separator: "&")
            #expect(try await c.send(method: .GET, url: sim.baseURL + "?" + q, body: nil).status == 401)
        }
    }

    @Test func postFormBodyIsSignedAndHandledLikeGet() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let r = try await TestClient(sim).post("listZones", [("name", "Sandbox 2 + more~")])
            #expect(r.status == 200)
            let g = try await TestClient(sim).post("listZones", [("name", "Sandbox-2")])
            #expect(g.inner["zone.0.name"]?.text == "Sandbox-2")
        }
    }

    @Test func loginSessionFlow() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            var c = TestClient(sim)
            c.apiKey = nil
            let byGet = try await c.get("login", [("username", "admin"), ("password", "password")])
            #expect(byGet.status == 405)
            let wrong = try await c.post("login", [("username", "admin"), ("password", "nope"), ("domain", "/")])
            #expect(wrong.status == 531)
            let ok = try await c.post("login", [("username", "dev"), ("password", "password"), ("domain", "/dev")])
            #expect(ok.status == 200)
            let key = try #require(ok.inner["sessionkey"]?.text)
            #expect(ok.inner["account"]?.text == "dev")
            #expect(ok.inner["type"]?.text == "0")
            let setCookies = ok.headers["Set-Cookie"]
            #expect(setCookies.contains { $0.hasPrefix("JSESSIONID=") })
            #expect(setCookies.contains { $0.hasPrefix("sessionkey=") })
            let jsession = try #require(
                setCookies.first { $0.hasPrefix("JSESSIONID=") }?
                    .split(separator: ";")[0].split(separator: "=")[1])

            // The cookie alone is not enough: the session key parameter must match.
            c.cookies = ["JSESSIONID": String(jsession)]
            #expect(try await c.get("listZones", [("sessionkey", "wrong")]).status == 401)
            // Nor the sessionkey cookie: a browser sends cookies with any site's request (CSRF).
            c.cookies["sessionkey"] = key
            #expect(try await c.get("listZones").status == 401)
            let zones = try await c.get("listZones", [("sessionkey", key)])
            #expect(zones.status == 200)
            #expect(try await c.get("logout", [("sessionkey", key)]).status == 200)
            #expect(try await c.get("listZones", [("sessionkey", key)]).status == 401)
        }
    }

    /// A session idle for longer than the timeout is gone. The server's clock is moved forward (the
    /// simulator's clock offset) instead of waiting, so the test does not depend on the machine's speed.
    @Test func sessionsExpire() async throws {
        try await withSimulator(quickJobOptions { $0.sessionTimeout = .seconds(1800) }) { sim async throws in
            let admin = TestClient(sim)
            var c = TestClient(sim)
            c.apiKey = nil
            let ok = try await c.post("login", [("username", "admin"), ("password", "password")])
            let key = try #require(ok.inner["sessionkey"]?.text)
            let j = try #require(ok.headers["Set-Cookie"].first { $0.hasPrefix("JSESSIONID=") })
            c.cookies = ["JSESSIONID": String(j.split(separator: ";")[0].dropFirst("JSESSIONID=".count))]
            #expect(try await c.get("listZones", [("sessionkey", key)]).status == 200)
            // Idle for 1,700 s: still there, and the call renews it.
            #expect(try await admin.get("simulatorFault", [("clockoffset", "1700")]).status == 200)
            #expect(try await c.get("listZones", [("sessionkey", key)]).status == 200)
            // Then idle past the timeout: gone.
            #expect(try await admin.get("simulatorFault", [("clockoffset", "3601")]).status == 200)
            #expect(try await c.get("listZones", [("sessionkey", key)]).status == 401)
        }
    }

    @Test func openModeNeedsNoCredentials() async throws {
        try await withSimulator(quickJobOptions { $0.auth = .open }) { sim async throws in
            var c = TestClient(sim)
            c.apiKey = nil
            #expect(try await c.get("listZones").status == 200)
        }
    }
}

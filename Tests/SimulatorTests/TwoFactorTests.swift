import FoundationEssentials
@testable import Simulator
import TestSupport
import Testing
import Values

/// Two-factor login as CloudStack 4.18 does it: setup, a login that must check its code
/// before anything else, validateUserTwoFactorAuthenticationCode.
@Suite struct TwoFactorTests {
    @Test func totpCodesFollowRFC6238() throws {
        // RFC 6238 appendix B (SHA-1 secret "12345678901234567890"), last six digits.
        let key = try #require(TOTP.decodeBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"))
        #expect(key == Array("12345678901234567890".utf8))
        #expect(TOTP.code(key: key, counter: 59 / 30) == "287082")
        #expect(TOTP.code(key: key, counter: 1_111_111_109 / 30) == "081804")
        #expect(TOTP.code(key: key, counter: 2_000_000_000 / 30) == "279037")
        #expect(
            TOTP.accepts(
                "279037", secret: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", at: Date(timeIntervalSince1970: 2_000_000_000)))
        #expect(
            !TOTP.accepts(
                "279038", secret: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", at: Date(timeIntervalSince1970: 2_000_000_000)))
    }

    /// A password login of `dev`: the client with its session cookie, and the login answer.
    static func login(_ sim: Simulator) async throws -> (TestClient, Value, String) {
        var c = TestClient(sim)
        c.apiKey = nil
        let ok = try await c.post("login", [("username", "dev"), ("password", "password"), ("domain", "/dev")])
        let key = try #require(ok.inner["sessionkey"]?.text)
        let j = try #require(ok.headers["Set-Cookie"].first { $0.hasPrefix("JSESSIONID=") })
        c.cookies = ["JSESSIONID": String(j.split(separator: ";")[0].dropFirst("JSESSIONID=".count))]
        return (c, ok.inner, key)
    }

    @Test func aStaticPinGuardsTheSession() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let (first, answer, key) = try await Self.login(sim)
            #expect(answer["is2faenabled"]?.text == "false")
            let setup = try await first.get(
                "setupUserTwoFactorAuthentication", [("provider", "staticpin"), ("sessionkey", key)])
            let pin = try #require(setup.inner["setup2fa.secretcode"]?.text, "\(setup.body)")
            #expect(setup.inner["setup2fa.username"]?.text == "dev")
            // listUsers shows that 2FA is on, never the secret.
            let users = try await TestClient(sim).get("listUsers", [("username", "dev"), ("listall", "true")])
            #expect(users.inner["user.0.is2faenabled"]?.text == "true")
            #expect(!users.body.contains(pin))

            // Anything before the code: 511, and the session is over.
            var (c, again, k) = try await Self.login(sim)
            #expect(again["is2faenabled"]?.text == "true")
            #expect(again["providerfor2fa"]?.text == "staticpin")
            let early = try await c.get("listZones", [("sessionkey", k)])
            #expect(early.status == 511)
            #expect(early.inner["errortext"]?.text?.contains("validateUserTwoFactorAuthenticationCode") == true)
            #expect(try await c.get(TwoFactorAPIs.validate, [("codefor2fa", pin), ("sessionkey", k)]).status == 401)

            // A wrong code ends the session too; the right one opens it.
            (c, _, k) = try await Self.login(sim)
            #expect(
                try await c.get(TwoFactorAPIs.validate, [("codefor2fa", "x" + pin), ("sessionkey", k)]).status == 511)
            #expect(try await c.get("listZones", [("sessionkey", k)]).status == 401)
            (c, _, k) = try await Self.login(sim)
            let checked = try await c.get(TwoFactorAPIs.validate, [("codefor2fa", pin), ("sessionkey", k)])
            #expect(checked.status == 200, "\(checked.body)")
            #expect(try await c.get("listZones", [("sessionkey", k)]).status == 200)
            // API keys are not affected; turning it off ends the need for a code.
            #expect(try await TestClient(sim).signed().get("listZones").status == 200)
            #expect(
                try await c.get("setupUserTwoFactorAuthentication", [("enable", "false"), ("sessionkey", k)]).status
                    == 200)
            let (_, off, _) = try await Self.login(sim)
            #expect(off["is2faenabled"]?.text == "false")
        }
    }

    @Test func anAuthenticatorAppCodeOpensTheSession() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let dev = TestClient(sim).signed()
            let setup = try await dev.get("setupUserTwoFactorAuthentication", [("provider", "totp")])
            let secret = try #require(setup.inner["setup2fa.secretcode"]?.text, "\(setup.body)")
            #expect(try await dev.get("setupUserTwoFactorAuthentication", [("provider", "sms")]).status == 431)
            let (c, answer, k) = try await Self.login(sim)
            #expect(answer["providerfor2fa"]?.text == "totp")
            let key = try #require(TOTP.decodeBase32(secret))
            let code = TOTP.code(key: key, counter: UInt64(Date().timeIntervalSince1970 / 30))
            #expect(try await c.get(TwoFactorAPIs.validate, [("codefor2fa", code), ("sessionkey", k)]).status == 200)
            #expect(try await c.get("listVirtualMachines", [("sessionkey", k)]).status == 200)
        }
    }
}

import CloudClient
import Simulator
import Testing
import Values

/// A password login on a two-factor account: the code is asked for once, the session then works;
/// no code or a wrong one is a login error saying what to do.
@Suite struct TwoFactorLoginTests {
    /// Turns 2FA on for `dev` (static PIN) as the admin; the PIN.
    static func enable(_ sim: Simulator) async throws -> String {
        let admin = CloudStackClient(options: ClientOptions(url: sim.baseURL, credentials: .apiKey(
            key: SimulatorOptions.sandboxAPIKey, secret: SimulatorOptions.sandboxSecretKey), timeout: 30))
        defer { Task { try? await admin.shutdown() } }
        let users = try await admin.request("listUsers", [("username", "dev"), ("listall", "true")])
        let dev = try #require(users[field: "user"]?[index: 0]?[field: "id"]?.string)
        let setup = try await admin.request("setupUserTwoFactorAuthentication", [("userid", dev), ("provider", "staticpin")])
        return try #require(setup[field: "setup2fa"]?[field: "secretcode"]?.string)
    }

    static func client(_ sim: Simulator, code: String?) -> CloudStackClient {
        var o = ClientOptions(url: sim.baseURL, credentials: .password(username: "dev", password: "password", domain: "/dev"),
                              timeout: 30)
        o.twoFactorCode = { code }
        return CloudStackClient(options: o)
    }

    @Test func theCodeOpensTheSessionAndMissingOrWrongOnesSaySo() async throws {
        let sim = try await Simulator.start()
        do {
            let pin = try await Self.enable(sim)
            let good = Self.client(sim, code: pin)
            #expect(try await good.request("listZones")[field: "count"] != nil)
            #expect(try await good.request("listZones")[field: "count"] != nil)
            #expect(sim.requestCount(command: "login") == 1)
            try await good.shutdown()
            for code in [nil, "0" + pin] {
                let c = Self.client(sim, code: code)
                do {
                    _ = try await c.request("listZones")
                    Issue.record("a login without the right code worked")
                } catch let e as CloudStackError {
                    guard case .loginFailed("dev", 511, let text) = e.kind else { Issue.record("got \(e)"); continue }
                    if code == nil { #expect(text.contains("--2fa-code")) }
                }
                try await c.shutdown()
            }
        } catch {
            await sim.stop()
            throw error
        }
        await sim.stop()
    }
}

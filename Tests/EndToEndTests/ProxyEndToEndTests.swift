import Simulator
import Testing
import TestSupport

/// The binary honours the proxy environment as curl does: a counting CONNECT proxy
/// proves the calls went through it, and that no_proxy sends them around it.
@Suite struct ProxyEndToEndTests {
    @Test func httpProxyFromTheEnvironmentCarriesTheCalls() async throws {
        let proxy = try await CountingProxy()
        try await withSimulator { sim in
            let acsh = try ACSHProcess()
            var env = acsh.cloud(sim)
            env["http_proxy"] = proxy.url
            let r = try await acsh.run(["-o", "json", "list", "zones"], env: env)
            #expect(r.code == 0, "\(r.err)")
            #expect(r.out.contains("\"name\""))
            #expect(proxy.requests >= 1)
            #expect(proxy.tunnels.allSatisfy { sim.baseURL.contains("//\($0)/") })

            let before = proxy.requests
            env["NO_PROXY"] = "127.0.0.1"
            let direct = try await acsh.run(["list", "zones"], env: env)
            #expect(direct.code == 0, "\(direct.err)")
            #expect(proxy.requests == before)
        }
        try await proxy.stop()
    }
}

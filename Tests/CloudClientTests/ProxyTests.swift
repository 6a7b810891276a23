import CloudClient
import Foundation
import TestSupport
import Testing

/// Proxies as curl chooses them, and requests really going through one.
struct ProxyTests {
    @Test func parsesTheFormsCurlTakes() throws {
        let p = try Proxy(parsing: "http://alice:s%40cret@proxy.corp:3128/")
        #expect(p.kind == .http && p.host == "proxy.corp" && p.port == 3128)
        #expect(p.username == "alice" && p.password == "s@cret")
        #expect(p.display == "http://alice@proxy.corp:3128")  // never the password
        #expect(try Proxy(parsing: "proxy.corp").port == 1080)
        #expect(try Proxy(parsing: "socks5://[::1]:9050").kind == .socks5)
        #expect(try Proxy(parsing: "socks5://[::1]:9050").host == "::1")
        for bad in ["https://p:3128", "ftp://p", "http://p:0", "http://p:99999", "http://:3128"] {
            #expect(throws: Proxy.Invalid.self) { try Proxy(parsing: bad) }
        }
        // The message never shows the password of a proxy URL it refuses.
        do { _ = try Proxy(parsing: "https://bob:hunter2@p:1") } catch {
            #expect(!error.description.contains("hunter2"))
        }
    }

    @Test func environmentByScheme() throws {
        let env = ["https_proxy": "http://tls-proxy:3128", "http_proxy": "http://plain-proxy:8080"]
        #expect(
            try Proxy.forEndpoint("https://cloud.example.com/client/api", configured: nil, environment: env)?.host
                == "tls-proxy")
        #expect(
            try Proxy.forEndpoint("http://cloud.example.com:8080/client/api", configured: nil, environment: env)?.host
                == "plain-proxy")
        #expect(
            try Proxy.forEndpoint("https://c/client/api", configured: nil, environment: ["HTTPS_PROXY": "h:1"])?.host
                == "h")
        #expect(
            try Proxy.forEndpoint("https://c/client/api", configured: nil, environment: ["ALL_PROXY": "a:2"])?.host
                == "a")
        #expect(try Proxy.forEndpoint("https://c/client/api", configured: nil, environment: [:]) == nil)
        // The profile's setting wins; `none` goes direct whatever the environment says.
        #expect(try Proxy.forEndpoint("https://c", configured: "http://mine:1", environment: env)?.host == "mine")
        #expect(try Proxy.forEndpoint("https://c", configured: "none", environment: env) == nil)
    }

    @Test(arguments: [
        ("cloud.example.com", "example.com", true), ("cloud.example.com", ".example.com", true),
        ("example.com", "example.com", true), ("badexample.com", "example.com", false),
        ("10.1.2.3", "10.0.0.0/8", true), ("11.1.2.3", "10.0.0.0/8", false), ("10.1.2.3", "10.1.2.3", true),
        ("anything", "*", true), ("cloud", " other , cloud ", true), ("::1", "[::1]", true), ("cloud", "", false),
    ])
    func noProxy(host: String, list: String, bypass: Bool) throws {
        let env = ["https_proxy": "http://p:1", "no_proxy": list]
        let url = host.contains(":") ? "https://[\(host)]/client/api" : "https://\(host)/client/api"
        #expect((try Proxy.forEndpoint(url, configured: nil, environment: env) == nil) == bypass)
    }

    @Test func aRefusedProxyIsNamed() async throws {
        var o = ClientOptions(url: "http://127.0.0.1:9/client/api", maxAttempts: 1)
        o.proxy = try Proxy(parsing: "http://127.0.0.1:1")
        let c = CloudStackClient(options: o)
        await #expect { try await c.request("listZones", []) } throws: { e in
            "\(e)".contains("refused by the proxy; is http://127.0.0.1:1 running?")
        }
        try await c.shutdown()
    }

    /// Every call goes through the proxy's tunnel to the server and nothing goes around it.
    @Test func callsGoThroughTheProxy() async throws {
        let proxy = try await CountingProxy()
        try await TestServer.with({ _, _ in .json(#"{"listzonesresponse":{"count":1,"zone":[{"id":"z1"}]}}"#) }) {
            server in
            var o = testOptions(server)
            o.proxy = try Proxy.forEndpoint(server.url, configured: nil, environment: ["http_proxy": proxy.url])
            let client = CloudStackClient(options: o)
            _ = try await client.request("listZones")
            _ = try await client.request("listZones", [("name", "a b")])
            try await client.shutdown()
            #expect(server.seen.count == 2)
            #expect(proxy.requests == 2)
            #expect(!proxy.tunnels.isEmpty && proxy.tunnels.allSatisfy { $0 == "127.0.0.1:\(server.port)" })
        }
        try await proxy.stop()
    }

    /// A host that no_proxy lists is reached directly: the proxy sees nothing.
    @Test func noProxyGoesAround() async throws {
        let proxy = try await CountingProxy()
        try await TestServer.with({ _, _ in .json(#"{"listzonesresponse":{}}"#) }) { server in
            var o = testOptions(server)
            o.proxy = try Proxy.forEndpoint(
                server.url, configured: nil,
                environment: ["http_proxy": proxy.url, "no_proxy": "localhost,127.0.0.1"])
            let client = CloudStackClient(options: o)
            _ = try await client.request("listZones")
            try await client.shutdown()
            #expect(server.seen.count == 1)
        }
        #expect(proxy.tunnels.isEmpty && proxy.requests == 0)
        try await proxy.stop()
    }
}

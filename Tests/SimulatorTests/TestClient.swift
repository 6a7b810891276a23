import AsyncHTTPClient
import CloudClient
import FoundationEssentials
import NIOCore
import NIOHTTP1
import Simulator
import Testing
import Values

/// A minimal signed HTTP client for the simulator's own tests: enough to check
/// the wire format byte by byte (the real CloudStackClient is tested in CloudClientTests).
struct TestClient {
    let baseURL: String
    var apiKey: String? = SimulatorOptions.sandboxAPIKey
    var secretKey: String = SimulatorOptions.sandboxSecretKey
    var expires: String? = nil
    var cookies: [String: String] = [:]

    init(_ sim: Simulator) { baseURL = sim.baseURL }

    /// An unsigned client of `url` (the integration port).
    init(unsigned url: String) {
        baseURL = url
        apiKey = nil
    }

    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: String
        var json: Value { (try? JSONParser.parse(body)) ?? .null }
        /// The object inside `<command>response`.
        var inner: Value { json.record?.values.first ?? .null }
    }

    /// Signed query string for `params` (sorted like real clients do not need to; the server sorts).
    func query(_ command: String, _ params: [(String, String)]) -> String {
        var p = [("command", command), ("response", "json")] + params
        if let apiKey {
            p.append(("apiKey", apiKey))
            if let expires { p += [("signatureVersion", "3"), ("expires", expires)] }
            p.append(("signature", Signer.signature(p, secretKey: secretKey)))
        }
        // Names are encoded too: `tags[0].key` must not reach the URL parser raw.
        return p.map { "\(Signer.encode($0.0))=\(Signer.encode($0.1))" }.joined(separator: "&")
    }

    func get(_ command: String, _ params: [(String, String)] = []) async throws -> Reply {
        try await send(method: .GET, url: baseURL + "?" + query(command, params), body: nil)
    }

    func post(_ command: String, _ params: [(String, String)] = []) async throws -> Reply {
        try await send(method: .POST, url: baseURL, body: query(command, params))
    }

    func send(method: HTTPMethod, url: String, body: String?, headers: [(String, String)] = []) async throws -> Reply {
        var req = HTTPClientRequest(url: url)
        req.method = method
        for (name, value) in headers { req.headers.replaceOrAdd(name: name, value: value) }
        if let body {
            req.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            req.body = .bytes(ByteBuffer(string: body))
        }
        if !cookies.isEmpty {
            req.headers.add(name: "Cookie", value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        // Only a bound against a hung server: the full suite runs hundreds of simulators at once,
        // and on a loaded machine one answer has taken over 30 s.
        let resp = try await HTTPClient.shared.execute(req, timeout: .seconds(180))
        let bytes = try await resp.body.collect(upTo: 64 << 20)
        return Reply(status: Int(resp.status.code), headers: resp.headers, body: String(buffer: bytes))
    }

    /// Polls queryAsyncJobResult until the job leaves status 0 (or `limit` passes).
    func wait(job: String, limit: Duration = .seconds(120)) async throws -> Value {
        let clock = ContinuousClock(), end = clock.now + limit
        while true {
            let r = try await get("queryAsyncJobResult", [("jobid", job)]).inner
            if r[field: "jobstatus"]?.number?.int != 0 || clock.now > end { return r }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

extension Value {
    subscript(_ path: String) -> Value? {
        var v: Value? = self
        for part in path.split(separator: ".") {
            if let i = Int(part) { v = v?[index: i] } else { v = v?[field: String(part)] }
        }
        return v
    }
    var text: String? { self.isNull ? nil : plainText }
}

extension TestClient {
    /// The same server as another user (the seeded `dev` by default).
    func signed(
        as key: String = SimulatorOptions.defaultUsers[1].apiKey,
        secret: String = SimulatorOptions.defaultUsers[1].secretKey
    ) -> TestClient {
        var c = self
        c.apiKey = key
        c.secretKey = secret
        return c
    }

    /// One value out of a call's answer, e.g. `value("listZones", [], "zone.0.id")`; fails the test when absent.
    func value(
        _ command: String, _ params: [(String, String)] = [], _ path: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let r = try await get(command, params)
        return try #require(r.inner[path]?.text, "\(command) \(path): \(r.body)", sourceLocation: sourceLocation)
    }

    /// Runs an async command and waits for its job; the finished job record.
    func job(
        _ command: String, _ params: [(String, String)] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Value {
        let r = try await get(command, params)
        let id = try #require(r.inner["jobid"]?.text, "\(command): \(r.body)", sourceLocation: sourceLocation)
        return try await wait(job: id)
    }

    /// A new project named `name` (its display text the same); its id.
    func project(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let made = try await job("createProject", [("name", name), ("displaytext", name)])
        return try #require(made["jobresult.project.id"]?.text, "\(made)", sourceLocation: sourceLocation)
    }

    /// A new isolated network (the default offering with source NAT) in `zone`; its id.
    func isolatedNetwork(_ name: String, zone: String = "Sandbox-1") async throws -> String {
        let zoneID = try await value("listZones", [("name", zone)], "zone.0.id")
        let offering = try await value(
            "listNetworkOfferings", [("name", "DefaultIsolatedNetworkOfferingWithSourceNatService")],
            "networkoffering.0.id")
        return try await value(
            "createNetwork",
            [("name", name), ("displaytext", name), ("zoneid", zoneID), ("networkofferingid", offering)], "network.id")
    }

    /// A new VPC of the default VPC offering in `zone`; its id.
    func vpc(_ name: String, cidr: String, zone: String = "Sandbox-1") async throws -> String {
        let zoneID = try await value("listZones", [("name", zone)], "zone.0.id")
        let offering = try await value("listVPCOfferings", [("name", "Default VPC offering")], "vpcoffering.0.id")
        let made = try await job(
            "createVPC",
            [("name", name), ("displaytext", name), ("cidr", cidr), ("zoneid", zoneID), ("vpcofferingid", offering)])
        return try #require(made["jobresult.vpc.id"]?.text, "\(made)")
    }

    /// The zone, template and offering parameters of a deploy from the seed's `zone`, first featured
    /// template and `offering`.
    func deployParameters(offering: String = "Small Instance", zone: String = "Sandbox-1") async throws
        -> [(String, String)]
    {
        let zone = try await value("listZones", [("name", zone)], "zone.0.id")
        let tmpl = try await value("listTemplates", [("templatefilter", "featured")], "template.0.id")
        let so = try await value("listServiceOfferings", [("name", offering)], "serviceoffering.0.id")
        return [("zoneid", zone), ("templateid", tmpl), ("serviceofferingid", so)]
    }

    /// Deploys a VM from the seed's first zone, template and `offering`; the finished job.
    func deploy(_ extra: [(String, String)] = [], offering: String = "Small Instance", zone: String = "Sandbox-1")
        async throws -> Value
    {
        try await job("deployVirtualMachine", try await deployParameters(offering: offering, zone: zone) + extra)
    }
}

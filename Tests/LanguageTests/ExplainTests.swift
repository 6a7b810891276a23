import APICatalog
import CloudClient
import Foundation
import Simulator
import TestSupport
import Testing
@testable import Language

/// `explain` against a fresh simulator (its ids are the same every run), output
/// compared with Golden/explain/*.txt after the two things that change between
/// runs are masked: the simulator's port, the signature's `expires` time and
/// the byte count (the signature's encoded length varies).
/// ACSH_UPDATE_GOLDEN=1 rewrites the files (then read the diff).
@Suite struct ExplainTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Golden/explain")

    /// Runs `source` in a session on a fresh simulator with the client's real poll schedule.
    static func explain(_ source: String) async throws -> (
        out: String, err: String, code: Int32, vmsBefore: Int, vmsAfter: Int
    ) {
        try await withSandbox(client: { o in
            let real = ClientOptions(url: o.url, credentials: o.credentials)
            (o.pollFirst, o.pollCap) = (real.pollFirst, real.pollCap)
        }) { _, client in
            let before = try await client.listAll("listVirtualMachines", [("listall", "true")]).count
            let host = TestHost(api: client)
            let code = await Session(host: host).run(source: source, file: "explain.cs")
            let after = try await client.listAll("listVirtualMachines", [("listall", "true")]).count
            return (host.output, host.errors, code, before, after)
        }
    }

    static func masked(_ s: String) -> String {
        s.replacingOccurrences(of: #"127\.0\.0\.1:[0-9]+"#, with: "127.0.0.1:PORT", options: .regularExpression)
            .replacingOccurrences(of: #"expires=[^&"]+"#, with: "expires=EXPIRES", options: .regularExpression)
            // The signature's URL-encoded length varies (+, / and = take three bytes each).
            .replacingOccurrences(
                of: #"[0-9]+ bytes of parameters"#, with: "N bytes of parameters", options: .regularExpression)
    }

    func check(_ name: String, _ source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws
        -> String
    {
        let r = try await Self.explain(source)
        #expect(r.code == 0, "\(name): \(r.err)", sourceLocation: sourceLocation)
        #expect(r.vmsBefore == r.vmsAfter, "explain changed the cloud", sourceLocation: sourceLocation)
        Self.expectNoSecret(r.out + r.err, sourceLocation: sourceLocation)
        let actual = Self.masked(r.out)
        let url = Self.dir.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["ACSH_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.dir, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
        } else {
            let expected = try String(contentsOf: url, encoding: .utf8)
            #expect(actual == expected, "Golden/explain/\(name) differs:\n\(actual)", sourceLocation: sourceLocation)
        }
        return r.out
    }

    /// Neither key appears, and the only signature is the placeholder.
    static func expectNoSecret(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(!text.contains(SimulatorOptions.sandboxSecretKey), sourceLocation: sourceLocation)
        #expect(!text.contains(SimulatorOptions.sandboxAPIKey), sourceLocation: sourceLocation)
        let signatures = text.components(separatedBy: "signature=").dropFirst()
        #expect(signatures.allSatisfy { $0.hasPrefix("$SIGNATURE") }, sourceLocation: sourceLocation)
    }

    @Test func deployWithNamesResolved() async throws {
        let out = try await check(
            "deploy-names.txt",
            #"explain deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:web-1"#)
        #expect(out.contains("curl \"http://127.0.0.1:"))
        #expect(out.contains("&apiKey=$KEY&"))
        #expect(!out.contains("zoneid=Sandbox-1"))
    }

    @Test func ambiguousNoun() async throws {
        let out = try await check("ambiguous-noun.txt", "explain authorize sg")
        #expect(out.contains("authorizeSecurityGroupIngress") && out.contains("authorizeSecurityGroupEgress"))
    }

    @Test func verbAloneWithManyAPIs() async throws {
        let r = try await Self.explain("explain create")
        #expect(r.code == 0)
        #expect(r.out.contains("'create' alone could be any of"))
        #expect(r.out.contains("createVolume") || r.out.contains("more"))
    }

    @Test func missingParameter() async throws {
        let out = try await check("missing-parameter.txt", "explain deploy vm zone:Sandbox-1")
        #expect(out.contains("missing    templateid (template:NAME or templateid=ID)"))
        #expect(
            out.contains(
                "a run stops here and sends nothing: deployVirtualMachine is missing required parameters templateid, serviceofferingid"
            ))
    }

    @Test func postSizedValue() async throws {
        let out = try await check(
            "post-sized.txt",
            #"""
            data = join(range(600), "-")
            explain deploy vm template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" userdata:$data
            """#)
        #expect(out.contains("request    POST,"))
        let bytes = out.firstMatch(of: /POST, ([0-9]+) bytes/).map { Int($0.1)! } ?? 0
        #expect(bytes > 2000 && bytes < 2800)
        #expect(out.contains("curl -X POST \"http://127.0.0.1:"))
        #expect(out.contains("userdata=$USERDATA"))
        #expect(!out.contains("1-2-3-4"))
    }

    @Test func secretsStayHidden() async throws {
        let r = try await Self.explain(
            """
            explain createUser account:admin username:u1 email:u@x firstname:a lastname:b password:hunter2
            explain registerUserKeys id:00000000-0000-0000-0000-000000000000
            """)
        #expect(r.code == 0, "\(r.err)")
        #expect(!r.out.contains("hunter2"))
        #expect(r.out.contains("password=$PASSWORD"))
        Self.expectNoSecret(r.out + r.err)
    }

    @Test func changingCallsInsideTheLineAreNotSent() async throws {
        let r = try await Self.explain(
            "explain stop vm id:(deploy template:\"Debian 12\" zone:Sandbox-1 serviceoffering:\"Small Instance\").id")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("dry-run: deployVirtualMachine"))
        #expect(r.vmsBefore == r.vmsAfter)
    }

    @Test func assignmentTargetAndStagesAndVariables() async throws {
        let r = try await Self.explain(
            """
            z = 1
            explain vms = list vms | where state == "Running" | count
            explain z
            """)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("API        listVirtualMachines"))
        #expect(r.out.contains("| where: pipeline stage"))
        #expect(r.out.contains("z: the variable 'z'"))
    }

    @Test func badArgumentsAreExplainedNotThrown() async throws {
        let r = try await Self.explain(
            """
            explain list zones nmae:x
            explain deploy template:"Debian 12" zone:Sandbox-9 serviceoffering:"Small Instance" &
            """)
        #expect(r.code == 0, "\(r.err)")
        #expect(
            r.out.contains("a run stops here and sends nothing: listZones has no parameter 'nmae'; did you mean name?"))
        #expect(r.out.contains("-> (not sent)  (required; fails: no zone named 'Sandbox-9' for zoneid; did you mean"))
        #expect(r.out.contains("with & (or set async nowait) acsh gives you the job"))
    }

    @Test func withoutACloudTheRequestIsNotShown() async throws {
        let r = await run("explain list zones name:x")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("request    not shown: no cloud configured"))
    }

    @Test func explainNeedsALine() async throws {
        let r = await run("explain")
        #expect(r.code == 2)
        #expect(r.err.contains("'explain' needs a line to work on"))
    }

    @Test func whyNamesEachRoute() {
        let c = Catalog.bundled
        #expect(c.resolveExplained(verb: "listZones", noun: nil).why.contains("API's own name"))
        #expect(c.resolveExplained(verb: "list", noun: "zone").why.contains("the API spells it in the plural, 'zones'"))
        #expect(c.resolveExplained(verb: "stop", noun: nil).why.contains("usual noun 'virtualmachine'"))
        #expect(c.resolveExplained(verb: "associate", noun: "ip").why.contains("is short for 'publicipaddress'"))
    }

    @Test func pollTimesFollowTheClientSchedule() {
        let o = ClientOptions(url: "http://x")
        let times = ExplainText.pollTimes((o.pollFirst, o.pollCap), count: 8).map(ExplainText.trim)
        #expect(times == ["0.25", "0.63", "1.19", "2.03", "3.3", "5.2", "8.04", "11.04"])
    }
}

import FoundationEssentials
import Simulator
import TestSupport
import Testing
import Values

/// Requests meant to break the simulator: each is refused with an API error (or the request's
/// job fails cleanly), and the simulator answers the next request as before.
@Suite struct HostileRequestTests {
    /// After each hostile request the simulator still answers.
    static func stillAnswers(_ c: TestClient, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        #expect(try await c.get("listZones").status == 200, sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        ("listZones", [("page", "2"), ("pagesize", "9223372036854775807")]),
        ("listZones", [("page", "9223372036854775807"), ("pagesize", "500")]),
        ("listAsyncJobs", [("page", "-9223372036854775808"), ("pagesize", "10")]),
        ("simulatorFault", [("clockoffset", "9223372036854775807")]),
        ("simulatorFault", [("clockoffset", "-9223372036854775808")]),
        ("simulatorFault", [("throttle", "9223372036854775807")]),
        (
            "createServiceOffering",
            [
                ("name", "big"), ("displaytext", "big"), ("cpunumber", "4611686018427387904"),
                ("cpuspeed", "1000"), ("memory", "512"),
            ]
        ),
        ("createDiskOffering", [("name", "big"), ("displaytext", "big"), ("disksize", "9223372036854775807")]),
        ("listCapacity", [("type", "9223372036854775807")]),
    ])
    func outOfRangeNumbersAreRefused(command: String, params: [(String, String)]) async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let r = try await c.get(command, params)
            #expect(r.status == 431, "\(command): \(r.body)")
            #expect(r.inner["errortext"]?.text?.isEmpty == false)
            try await Self.stillAnswers(c)
        }
    }

    @Test func theLargestAcceptedNumbersDoNotOverflow() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let page = try await c.get("listZones", [("page", "2147483647"), ("pagesize", "500")])
            #expect(page.status == 200)
            let vms = try await c.get(
                "listVirtualMachines", [("listall", "true"), ("page", "2147483647"), ("pagesize", "500")])
            #expect(vms.status == 200)
            // A Java int's largest pagesize is a number, but over default.page.size.
            #expect(try await c.get("listZones", [("pagesize", "2147483647")]).status == 431)
            let offset = try await c.get("simulatorFault", [("clockoffset", "3162240000")])
            #expect(offset.status == 200, "\(offset.body)")
            try await Self.stillAnswers(c)
            #expect(try await c.get("simulatorFault", [("clockoffset", "0")]).status == 200)
            // The biggest offering a Java int allows: CPUs x MHz fits; the deploy fails for capacity (533).
            let big = try await c.value(
                "createServiceOffering",
                [
                    ("name", "huge"), ("displaytext", "huge"),
                    ("cpunumber", "2147483647"), ("cpuspeed", "2147483647"),
                    ("memory", "2147483647"),
                ], "serviceoffering.id")
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let tmpl = try await c.value("listTemplates", [("templatefilter", "featured")], "template.0.id")
            let job = try await c.job(
                "deployVirtualMachine",
                [
                    ("zoneid", zone), ("templateid", tmpl), ("serviceofferingid", big),
                    ("rootdisksize", "2147483647"),
                ])
            #expect(job["jobstatus"]?.text == "2")
            #expect(job["jobresult.errorcode"]?.text == "533")
            #expect(
                try await c.get(
                    "deployVirtualMachine",
                    [
                        ("zoneid", zone), ("templateid", tmpl), ("serviceofferingid", big),
                        ("rootdisksize", "2147483648"),
                    ]
                ).status == 431)
            try await Self.stillAnswers(c)
        }
    }

    @Test func anotherHostOrSiteIsRefused() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let url = sim.baseURL + "?" + c.query("listZones", [])
            for (name, value) in [
                ("Host", "127.lan.corp.example"), ("Host", "evil.example:8080"), ("Origin", "https://evil.example"),
                ("Origin", "null"), ("Origin", "http://127.0.0.1.evil.example"),
            ] {
                let r = try await c.send(method: .GET, url: url, body: nil, headers: [(name, value)])
                #expect(r.status == 403, "\(name): \(value)")
            }
            for (name, value) in [
                ("Host", "localhost:8080"), ("Host", "[::1]:1"), ("Host", "127.0.0.2"),
                ("Origin", "http://localhost:5173"), ("Origin", "http://[::1]:3000"),
            ] {
                let r = try await c.send(method: .GET, url: url, body: nil, headers: [(name, value)])
                #expect(r.status == 200, "\(name): \(value)")
            }
        }
    }

    @Test func onlyLoopbackLiteralsAreListenedOn() async throws {
        for host in [
            "127.lan.corp.example", "127.1", "0x7f.0.0.1", "10.0.0.1", "::", "example.com", "127.0.0.1.nip.io",
        ] {
            await #expect(throws: SimulatorError.self, "\(host)") {
                try await Simulator.start(quickJobOptions { $0.host = host })
            }
        }
        for host in ["127.0.0.1", "::1"] {
            try await withSimulator(quickJobOptions { $0.host = host }) { sim async throws in
                #expect(try await TestClient(sim).get("listZones").status == 200)
            }
        }
    }

    /// The fuzz target's seeds and every input it found a problem with (scripts/fuzz simulator).
    @Test func everyRequestSeedIsAnsweredAndTheNextRequestToo() throws {
        let folder = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "RequestSeeds")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files.count >= 10)
        let harness = try RequestHarness(seedVMs: 3)
        for file in files {
            let bytes = try Data(contentsOf: folder.appending(path: file))
            let answer = harness.replay(bytes)
            #expect(answer.status != 0, "\(file)")
            harness.clearFaults()
            #expect(harness.handle(query: "command=listZones").status == 200, "after \(file)")
        }
        #expect(harness.replay(Array("\u{1}command=listVirtualMachines&name=web-1".utf8)).body.contains("\"count\":1"))
    }
}

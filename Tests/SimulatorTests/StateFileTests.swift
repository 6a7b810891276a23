import FoundationEssentials
@testable import Simulator
import TestSupport
import Testing
import Values
#if canImport(Glibc)
    import Glibc
#endif

/// The state file: what a simulator deployed is there after a restart, with the same ids.
@Suite struct StateFileTests {
    /// A fresh directory per test; the file itself is created by the simulator.
    static func stateFile(_ name: String = "state.sqlite") throws -> String {
        let dir = FileManager.default.temporaryDirectory.path + "/acsh-state-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir + "/" + name
    }

    static func options(_ path: String, fresh: Bool = false, _ change: (inout SimulatorOptions) -> Void = { _ in })
        -> SimulatorOptions
    {
        quickJobOptions {
            $0.state = .file(path)
            $0.fresh = fresh
            change(&$0)
        }
    }

    /// Deploys a VM from the first zone, template and offering; returns (vm id, job id).
    static func deploy(_ c: TestClient, name: String) async throws -> (String, String) {
        let zone = try #require(try await c.get("listZones").inner["zone.0.id"]?.text)
        let tmpl = try #require(
            try await c.get("listTemplates", [("templatefilter", "featured")]).inner["template.0.id"]?.text)
        let so = try #require(try await c.get("listServiceOfferings").inner["serviceoffering.0.id"]?.text)
        let d = try await c.get(
            "deployVirtualMachine",
            [
                ("zoneid", zone), ("templateid", tmpl), ("serviceofferingid", so),
                ("name", name),
            ]
        ).inner
        return (try #require(d["id"]?.text), try #require(d["jobid"]?.text))
    }

    @Test func aDeployedVMIsThereAfterARestartWithTheSameIds() async throws {
        let path = try Self.stateFile()
        let (vmID, deployJob, zones) = try await withSimulator(Self.options(path)) { sim async throws in
            let c = TestClient(sim)
            let (vm, job) = try await Self.deploy(c, name: "kept-1")
            #expect(try await c.wait(job: job)["jobstatus"]?.text == "1")
            let tag = try await c.get(
                "createTags",
                [
                    ("resourceids", vm), ("resourcetype", "UserVm"),
                    ("tags[0].key", "team"), ("tags[0].value", "blue"),
                ]
            ).inner
            #expect(try await c.wait(job: try #require(tag["jobid"]?.text))["jobstatus"]?.text == "1")
            return (vm, job, try await c.get("listZones").inner)
        }
        let newID = try await withSimulator(Self.options(path)) { sim async throws in
            let c = TestClient(sim)
            #expect(try await c.get("listZones").inner == zones)
            let vms = try await c.get("listVirtualMachines").inner
            #expect(vms["count"]?.text == "1")
            #expect(vms["virtualmachine.0.id"]?.text == vmID)
            #expect(vms["virtualmachine.0.name"]?.text == "kept-1")
            #expect(vms["virtualmachine.0.state"]?.text == "Running")
            #expect(vms["virtualmachine.0.tags.0.value"]?.text == "blue")
            // The job that made it is still there, and its internal id still finds the VM.
            let first = try await c.get("queryAsyncJobResult", [("jobid", deployJob)]).inner
            #expect(first["jobresult.virtualmachine.id"]?.text == vmID)
            #expect(try await c.get("listVirtualMachines", [("id", "1")]).inner["virtualmachine.0.id"]?.text == vmID)
            // New ids continue the sequence instead of repeating the first run's.
            let (second, job) = try await Self.deploy(c, name: "kept-2")
            #expect(try await c.wait(job: job)["jobstatus"]?.text == "1")
            #expect(try await c.get("listVirtualMachines", [("id", "2")]).inner["virtualmachine.0.id"]?.text == second)
            return second
        }
        #expect(newID != vmID)
        try await withSimulator(Self.options(path, fresh: true)) { sim async throws in
            #expect(try await TestClient(sim).get("listVirtualMachines").inner == .record([:]))
        }
    }

    @Test func aCleanStopFinishesJobsStillRunning() async throws {
        let path = try Self.stateFile()
        let (vm, job) = try await withSimulator(Self.options(path) { $0.jobTime = .seconds(600) }) { sim async throws in
            try await Self.deploy(TestClient(sim), name: "pending-1")
        }
        try await withSimulator(Self.options(path)) { sim async throws in
            let c = TestClient(sim)
            let result = try await c.get("queryAsyncJobResult", [("jobid", job)]).inner
            #expect(result["jobstatus"]?.text == "1")
            #expect(result["jobresult.virtualmachine.id"]?.text == vm)
            #expect(
                try await c.get("listVirtualMachines", [("id", vm)]).inner["virtualmachine.0.state"]?.text == "Running")
        }
    }

    @Test func theFileIsPrivateEvenWhenItWasNot() async throws {
        let path = try Self.stateFile()
        #expect(FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o644]))
        try await withSimulator(Self.options(path)) { _ in }
        var st = stat()
        #expect(stat(path, &st) == 0)
        #expect(st.st_mode & 0o777 == 0o600)
    }

    @Test func aStateFileInADirectoryThatDoesNotExistYetIsCreatedPrivate() async throws {
        let path = try Self.stateFile("deeper/still/state.sqlite")
        try await withSimulator(Self.options(path)) { _ in }
        var st = stat()
        #expect(stat(path, &st) == 0)
        #expect(st.st_mode & 0o777 == 0o600)
    }

    @Test func oneSimulatorAtATimePerFile() async throws {
        let path = try Self.stateFile()
        try await withSimulator(Self.options(path)) { _ in
            let error = await #expect(throws: SimulatorError.self) { try await Simulator.start(Self.options(path)) }
            #expect(error?.isStateInUse == true)
            #expect(error?.message.contains("in use by another simulator") == true)
        }
        // Released at stop: the next one opens it.
        try await withSimulator(Self.options(path)) { _ in }
    }

    @Test func aFileThatIsNotOursIsRefusedAndLeftAlone() async throws {
        let path = try Self.stateFile()
        let text = "not a database, and precious\n"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        for fresh in [false, true] {
            let error = await #expect(throws: SimulatorError.self) {
                try await Simulator.start(Self.options(path, fresh: fresh))
            }
            #expect(error?.message.contains("not an SQLite database") == true)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test func anotherProgramsSQLiteFileIsRefused() async throws {
        let path = try Self.stateFile()
        let db = try SQLiteDatabase(path: path)
        try db.execute("CREATE TABLE notes(t TEXT)")
        db.close()
        let error = await #expect(throws: SimulatorError.self) {
            try await Simulator.start(Self.options(path, fresh: true))
        }
        #expect(error?.message.contains("another program") == true)
    }

    @Test func aNewerSchemaIsRefusedClearlyAndFreshStartsOver() async throws {
        let path = try Self.stateFile()
        try await withSimulator(Self.options(path)) { _ in }
        let db = try SQLiteDatabase(path: path)
        try db.execute("PRAGMA user_version = 99")
        db.close()
        let error = await #expect(throws: SimulatorError.self) { try await Simulator.start(Self.options(path)) }
        #expect(error?.message.contains("newer acsh (state schema 99") == true)
        try await withSimulator(Self.options(path, fresh: true)) { sim async throws in
            #expect(try await TestClient(sim).get("listZones").inner["count"]?.text == "2")
        }
    }

    @Test func adminKeysGivenAtStartReplaceTheSavedOnes() async throws {
        let path = try Self.stateFile()
        try await withSimulator(Self.options(path)) { _ in }
        let opts = Self.options(path) { $0.setAdminKeys(apiKey: "my-admin-key", secretKey: "my-admin-secret") }
        try await withSimulator(opts) { sim async throws in
            #expect(sim.adminKeys.apiKey == "my-admin-key")
            var c = TestClient(sim)
            c.apiKey = "my-admin-key"
            c.secretKey = "my-admin-secret"
            #expect(try await c.get("listZones").status == 200)
            #expect(try await TestClient(sim).get("listZones").status == 401)
        }
    }

    @Test func theSameSeedGivesTheSameIds() async throws {
        func zones(_ seed: UInt64) async throws -> Value {
            try await withSimulator(quickJobOptions { $0.seed = seed }) {
                try await TestClient($0).get("listZones").inner
            }
        }
        #expect(try await zones(7) == zones(7))
        #expect(try await zones(7) != zones(8))
    }
}

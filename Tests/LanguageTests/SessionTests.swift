import CloudClient
import Contracts
import Foundation
import Simulator
import TestSupport
import Testing
@testable import Language

@Suite struct SessionTests {
    @Test func replEntriesShareVariablesAndFunctions() async {
        let host = TestHost()
        let s = Session(host: host)
        #expect(await s.execute(source: "x = 20", file: "<input>") == .success)
        #expect(await s.evaluate("def twice(n) { return n * 2 }") == 0)
        #expect(await s.evaluate("print twice(x) + 2") == 0)
        #expect(host.output == "42\n")
        #expect(s.variables.contains { $0.name == "x" })
        #expect(s.requestedExit == nil)
        #expect(await s.execute(source: "exit 3", file: "<input>") == .exit(3))
        #expect(s.requestedExit == 3)
        #expect(await s.execute(source: "print nope", file: "<input>") == .failure(exitCode: 2))
        #expect(host.errors.hasPrefix("<input>:1:7: unknown variable 'nope'"))
    }

    @Test func registriesAreExposedForCompletion() {
        #expect(Session.stageNames.contains("where") && Session.stageNames.contains("each"))
        #expect(Session.builtinNames.contains("print") && Session.builtinNames.contains("set"))
        #expect(Session.functionNames.contains("len"))
    }

    @Test func helpComesFromTheCatalogAndRegistries() async {
        let r = await run("help deploy vm\nhelp where\nhelp len")
        #expect(r.out.contains("deployVirtualMachine  (deploy virtualmachine)  async"))
        #expect(r.out.contains("Required:\n  serviceofferingid"))
        #expect(r.out.contains("where CONDITION    (pipeline stage)"))
        #expect(r.out.contains("len(x)"))
    }

    @Test func firstStopsFetchingPages() async throws {
        try await withSandbox({ $0.seedVMs = 60 }) { sim, client in
            let host = TestHost(api: client)
            var options = SessionOptions()
            options.pageSize = 10
            let s = Session(host: host, options: options)
            let before = sim.requestCount(command: "listVirtualMachines")
            #expect(await s.run(source: "v = list vms | first 5\nprint len(v)", file: "t.cs") == 0)
            #expect(host.output == "5\n")
            #expect(sim.requestCount(command: "listVirtualMachines") - before == 1)
            #expect(await s.run(source: "print (list vms | count)", file: "t.cs") == 0)
            #expect(sim.requestCount(command: "listVirtualMachines") - before == 1 + 6)  // 6 pages, then `count` says it is all
        }
    }

    @Test func interruptStopsAWaitAndNamesTheJob() async throws {
        try await withSandbox({ $0.jobTime = .seconds(600) }) { sim, client in
            let host = TestHost(api: client)
            let s = Session(host: host)
            let started = ContinuousClock.now
            async let code = s.run(source: "vm = deploy template:\"Debian 12\" zone:Sandbox-1 serviceoffering:\"Small Instance\"", file: "t.cs")
            // Interrupt once the job runs on the server (name lookups come first).
            while s.interpreter.jobs.running.isEmpty, ContinuousClock.now - started < .seconds(120) {
                try await Task.sleep(for: .milliseconds(20))
            }
            s.interrupt()
            #expect(await code == 130)  // the job takes 600 s: returning at all proves the wait ended
            #expect(host.errors.contains("is still running on the server"))
            #expect(host.errors.contains("queryAsyncJobResult jobid="))
            let jobid = try #require(s.interpreter.jobs.running.first?.jobid)
            #expect(host.errors.contains("; wait for it with: wait \"\(jobid)\""), "\(host.errors)")
        }
    }

    @Test func interruptingParallelWaitsNamesEveryRunningJob() async throws {
        try await withSandbox({ $0.jobTime = .seconds(600) }) { sim, client in
            let host = TestHost(api: client)
            let s = Session(host: host)
            let src = "r = range(3) | each -p 3 { deploy template:\"Debian 12\" zone:Sandbox-1 serviceoffering:\"Small Instance\" name:\"i-$it\" }"
            async let code = s.run(source: src, file: "t.cs")
            let started = ContinuousClock.now
            while s.interpreter.jobs.running.count < 3, ContinuousClock.now - started < .seconds(120) {
                try await Task.sleep(for: .milliseconds(20))
            }
            s.interrupt()
            #expect(await code == 130)
            let lines = host.errors.split(separator: "\n")
            #expect(lines.count == 3, "\(host.errors)")  // the interrupted wait, then the two other jobs
            #expect(lines.dropFirst().allSatisfy { $0.contains("is still running on the server; wait for it with: wait \"") })
        }
    }

    @Test func deadlineEndsTheWaitWith124() async throws {
        try await withSandbox({ $0.jobTime = .seconds(30) }) { sim, client in
            let host = TestHost(api: client)
            var options = SessionOptions()
            options.timeout = 0.3
            let s = Session(host: host, options: options)
            let code = await s.run(source: "vm = deploy template:\"Debian 12\" zone:Sandbox-1 serviceoffering:\"Small Instance\"", file: "t.cs")
            #expect(code == 124)
            #expect(host.errors.hasPrefix("t.cs:1:6: deadline passed while job"))
        }
    }

    @Test func parallelEachKeepsCallsPerJobLow() async throws {
        // The client's own poll intervals, as users get them.
        let (sim, client) = try await SandboxServer.fresh(fastPolls: false) { $0.jobTime = .milliseconds(1000) }
        let host = TestHost(api: client)
        let s = Session(host: host)
        let src = """
        ids = range(16) | each -p 8 { (deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:"p-$it").id }
        print len(ids)
        """
        #expect(await s.run(source: src, file: "t.cs") == 0, "\(host.errors)")
        #expect(host.output == "16\n")
        let deploys = sim.requestCount(command: "deployVirtualMachine")
        let polls = sim.requestCount(command: "queryAsyncJobResult")
        #expect(deploys == 16)
        #expect(Double(deploys + polls) / 16 <= 5, "calls per job: \(Double(deploys + polls) / 16)")
        try await client.shutdown()
        await sim.stop()
    }

    @Test func noServerIsAClearError() async {
        let r = await run("list zones")
        #expect(r.code == 2)
        #expect(r.err.hasPrefix("test.cs:1:1: no CloudStack server to talk to"))
    }

    @Test func printingAHugeListStreams() async throws {
        // 100,000 records through a stream and the json writer, never collected.
        var n = 0
        let stream = ValueStream {
            guard n < 100_000 else { return nil }
            n += 1
            return .record(["id": .int(n)])
        }
        let host = TestHost()
        try await Printer(host: host, format: .json).print(.stream(stream))
        #expect(host.output.hasPrefix("[{\"id\":1},{\"id\":2}"))
        #expect(host.output.hasSuffix("{\"id\":100000}]\n"))
    }
}

/// What a person at the prompt sees (issue 17 point 9).
@Suite struct PromptTests {
    @Test func aOneLineEntryShowsTheCaretWithoutTheInputLocation() async {
        let host = TestHost()
        let s = Session(host: host)
        #expect(await s.evaluate("print nope") == 2)
        #expect(host.errors == "unknown variable 'nope'\n    print nope\n          ^\n")
        #expect(await s.evaluate("x = 1 +* 2") == 2)
        #expect(host.errors.hasSuffix("expected an expression, found '*'\n    x = 1 +* 2\n           ^\n"))
        #expect(!host.errors.contains("<input>"))
        // Several lines keep FILE:LINE:COL, which then says which line.
        #expect(await s.evaluate("if true {\n  print nope\n}") == 2)
        #expect(host.errors.hasSuffix("<input>:2:9: unknown variable 'nope'\n"))
    }

    @Test func anEmptyResultSaysSoAtATerminal() async throws {
        let api = try await SandboxServer.shared.api()
        let host = TestHost(api: api, terminal: true)
        let s = Session(host: host)
        #expect(await s.evaluate("list zones name:Nowhere") == 0)
        #expect(await s.evaluate("[]") == 0)
        #expect(await s.evaluate("x = list zones name:Nowhere") == 0)
        #expect(host.output == "(no records)\n(no records)\n")
        // Not at a terminal (scripts, pipes), an empty list stays `[]` for the next program.
        let plain = TestHost(api: api)
        #expect(await Session(host: plain).evaluate("list zones name:Nowhere") == 0)
        #expect(plain.output == "[]\n")
    }
}

import AsyncHTTPClient
import Simulator
import TestSupport
import Testing
import Values

@Suite struct FaultTests {
    @Test func parsesTheTextSyntax() throws {
        #expect(
            try FaultSpec(parsing: "http502:0.3") == FaultSpec(kind: .httpPage(status: 502), when: .probability(0.3)))
        let f = try FaultSpec(parsing: "throttle=200@listZones:first2")
        #expect(f.kind == .throttle(retryAfterMilliseconds: 200))
        #expect(f.command == "listZones")
        #expect(f.when == .first(2))
        #expect(try FaultSpec(parsing: "error=536@deleteNetwork").kind == .apiError(code: 536))
        #expect(try FaultSpec(parsing: "job-fail").kind == .jobFails(code: 530))
        #expect(throws: FaultSpecError.self) { try FaultSpec(parsing: "explode") }
        #expect(throws: FaultSpecError.self) { try FaultSpec(parsing: "error=404") }
        #expect(throws: FaultSpecError.self) { try FaultSpec(parsing: "http502:2") }
        let e = try? { () throws(FaultSpecError) -> FaultSpec in try FaultSpec(parsing: "delay") }()
        #expect(e == nil)
    }

    @Test func failsThenSucceeds() async throws {
        let o = quickJobOptions { $0.faults = [try! FaultSpec(parsing: "http502@listZones:first2")] }
        try await withSimulator(o) { sim async throws in
            let c = TestClient(sim)
            let first = try await c.get("listZones")
            #expect(first.status == 502)
            #expect(first.body.contains("<html>"))
            #expect(try await c.get("listZones").status == 502)
            #expect(try await c.get("listZones").status == 200)
            #expect(try await c.get("listTemplates", [("templatefilter", "all")]).status == 200)
            #expect(sim.requestCount(command: "listZones") == 3)
        }
    }

    @Test func truncatedThrottledAndAPIErrors() async throws {
        let o = quickJobOptions {
            $0.faults = [
                try! FaultSpec(parsing: "truncate@listZones"),
                try! FaultSpec(parsing: "throttle=250@listOsTypes:first1"),
                try! FaultSpec(parsing: "error=536@listDiskOfferings"),
            ]
        }
        try await withSimulator(o) { sim async throws in
            let c = TestClient(sim)
            let t = try await c.get("listZones")
            #expect(t.status == 200)
            #expect((try? JSONParser.parse(t.body)) == nil)
            let th = try await c.get("listOsTypes")
            #expect(th.status == 429)
            #expect(th.inner["errortext"]?.text?.contains("retry after 250 ms") == true)
            #expect(try await c.get("listOsTypes").status == 200)
            let e = try await c.get("listDiskOfferings")
            #expect(e.status == 536)
            #expect(e.inner["errorcode"]?.text == "536")
        }
    }

    @Test func delayAndDrop() async throws {
        let o = quickJobOptions {
            $0.faults = [try! FaultSpec(parsing: "delay=300@listZones"), try! FaultSpec(parsing: "drop@listOsTypes")]
        }
        try await withSimulator(o) { sim async throws in
            let c = TestClient(sim)
            let clock = ContinuousClock(), start = clock.now
            #expect(try await c.get("listZones").status == 200)
            #expect(clock.now - start >= .milliseconds(290))
            await #expect(throws: (any Error).self) { _ = try await c.get("listOsTypes") }
            #expect(try await c.get("listZones").status == 200)  // the server is still up
        }
    }

    @Test func jobFaults() async throws {
        let o = quickJobOptions {
            $0.faults = [
                try! FaultSpec(parsing: "job-fail=535@deployVirtualMachine:first1"),
                try! FaultSpec(parsing: "job-cancel@stopVirtualMachine:first1"),
                try! FaultSpec(parsing: "job-unknown@rebootVirtualMachine:first1"),
                try! FaultSpec(parsing: "job-hang@startVirtualMachine:first1"),
            ]
            $0.seedVMs = 1
        }
        try await withSimulator(o) { sim async throws in
            let c = TestClient(sim)
            let vm = try #require(try await c.get("listVirtualMachines").inner["virtualmachine.0"])
            let args = [
                ("zoneid", vm[field: "zoneid"]!.text!), ("templateid", vm[field: "templateid"]!.text!),
                ("serviceofferingid", vm[field: "serviceofferingid"]!.text!),
            ]
            let failed = try await c.wait(job: try await c.get("deployVirtualMachine", args).inner["jobid"]!.text!)
            #expect(failed["jobstatus"]?.text == "2")
            #expect(failed["jobresult.errorcode"]?.text == "535")
            #expect(
                try await c.wait(job: try await c.get("deployVirtualMachine", args).inner["jobid"]!.text!)["jobstatus"]?
                    .text == "1")

            let id = vm[field: "id"]!.text!
            #expect(
                try await c.wait(job: try await c.get("rebootVirtualMachine", [("id", id)]).inner["jobid"]!.text!)[
                    "jobstatus"]?.text == "7")
            #expect(
                try await c.wait(job: try await c.get("stopVirtualMachine", [("id", id)]).inner["jobid"]!.text!)[
                    "jobstatus"]?.text == "3")
            _ = try await c.wait(job: try await c.get("stopVirtualMachine", [("id", id)]).inner["jobid"]!.text!)
            let hang = try await c.get("startVirtualMachine", [("id", id)]).inner["jobid"]!.text!
            #expect(try await c.wait(job: hang, limit: .milliseconds(400))["jobstatus"]?.text == "0")
        }
    }

    @Test func throttlingPerAccountRootAdminExempt() async throws {
        let dev = { (sim: Simulator) -> TestClient in
            var c = TestClient(sim)
            c.apiKey = SimulatorOptions.defaultUsers[1].apiKey
            c.secretKey = SimulatorOptions.defaultUsers[1].secretKey
            return c
        }
        // A long window so the count does not depend on how fast this machine is.
        try await withSimulator(
            quickJobOptions {
                $0.throttlePerSecond = 3; $0.throttleInterval = .seconds(3600)
            }
        ) { sim async throws in
            let c = dev(sim)
            var statuses: [Int] = []
            for _ in 0..<5 { statuses.append(try await c.get("listZones").status) }
            #expect(statuses == [200, 200, 200, 429, 429])
            let text = try #require(try await c.get("listZones").inner["errortext"]?.text)
            #expect(text.contains("please retry after"))
            for _ in 0..<6 { #expect(try await TestClient(sim).get("listZones").status == 200) }
        }
        // A short window: the account is let in again once it has passed.
        try await withSimulator(
            quickJobOptions {
                $0.throttlePerSecond = 1; $0.throttleInterval = .seconds(2)
            }
        ) { sim async throws in
            let c = dev(sim)
            // Two calls inside one window: the second is refused. A loaded machine may spread two
            // calls over a whole window, so try a few pairs (each later call is refused too until it passes).
            var refused = false
            for _ in 0..<10 where !refused {
                _ = try await c.get("listZones")
                refused = try await c.get("listZones").status == 429
            }
            #expect(refused)
            try await Task.sleep(for: .milliseconds(2100))  // the window's length: then the account is let in
            #expect(try await c.get("listZones").status == 200)
        }
    }
}

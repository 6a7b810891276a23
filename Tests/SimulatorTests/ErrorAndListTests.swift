import Simulator
import TestSupport
import Testing
import Values

@Suite struct ErrorAndListTests {
    @Test func errorShapeAndCodes() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let missing = try await c.get("deployVirtualMachine", [("templateid", "x"), ("serviceofferingid", "y")])
            #expect(missing.status == 431)
            #expect(missing.inner["errorcode"]?.text == "431")
            #expect(missing.inner["errortext"]?.text?.contains("zoneid") == true)
            #expect(missing.inner["uuidList"]?.list?.isEmpty == true)
            #expect(missing.inner["cserrorcode"] != nil)
            #expect(missing.json.record?.keys.first == "deployvirtualmachineresponse")

            let unknown = try await c.get("fooBar")
            #expect(unknown.status == 432)
            #expect(unknown.json.record?.keys.first == "foobarresponse")

            let control = try await c.get("listZones", [("name", "a\u{01}b")])
            #expect(control.status == 431)
            #expect(control.inner["errortext"]?.text?.contains("name") == true)
            // CR and LF are allowed.
            #expect(try await c.get("listZones", [("keyword", "a\nb")]).status == 200)

            // Unknown parameters are ignored, as the real server does.
            #expect(try await c.get("listZones", [("nosuchparam", "1")]).inner["count"]?.text == "2")

            let badFilter = try await c.get("listTemplates", [("templatefilter", "nope")])
            #expect(badFilter.status == 431)
        }
    }

    @Test func longValuesNeedPost() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.get("listZones").inner["zone.0.id"]!.text!
            let tmpl = try await c.get("listTemplates", [("templatefilter", "featured")]).inner["template.0.id"]!.text!
            let so = try await c.get("listServiceOfferings").inner["serviceoffering.0.id"]!.text!
            let userdata = String(repeating: "QUJD", count: 2048)  // 8 KB of base64
            let args = [("zoneid", zone), ("templateid", tmpl), ("serviceofferingid", so), ("userdata", userdata)]
            let get = try await c.get("deployVirtualMachine", args)
            #expect(get.status == 414)
            let post = try await c.post("deployVirtualMachine", args)
            #expect(post.status == 200)
            let notBase64 = try await c.post(
                "deployVirtualMachine",
                [
                    ("zoneid", zone), ("templateid", tmpl),
                    ("serviceofferingid", so), ("userdata", "not base64!"),
                ])
            #expect(notBase64.status == 431)
            #expect(sim.summary.contains(sim.baseURL))
        }
    }

    @Test func emptyListIsAnEmptyObject() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let r = try await TestClient(sim).get("listZones", [("name", "nowhere")])
            #expect(r.body == "{\"listzonesresponse\":{}}")
        }
    }

    @Test func pagingFiltersAndTags() async throws {
        try await withSimulator(quickJobOptions { $0.seedVMs = 25 }) { sim async throws in
            let c = TestClient(sim)
            let p1 = try await c.get("listVirtualMachines", [("listall", "true"), ("page", "1"), ("pagesize", "10")])
                .inner
            let p3 = try await c.get("listVirtualMachines", [("listall", "true"), ("page", "3"), ("pagesize", "10")])
                .inner
            #expect(p1["count"]?.text == "25")
            #expect(p1["virtualmachine"]?.list?.count == 10)
            #expect(p3["virtualmachine"]?.list?.count == 5)
            #expect(p1["virtualmachine.0.name"]?.text == "seed-1")
            #expect(p3["virtualmachine.4.name"]?.text == "seed-25")
            // BaseListCmd: a page below 1 is the first; a pagesize over default.page.size is refused, and so
            // is a page with pagesize -1 (every record).
            let zeroth = try await c.get(
                "listVirtualMachines", [("listall", "true"), ("page", "0"), ("pagesize", "10")])
            #expect(zeroth.inner["virtualmachine.0.name"]?.text == "seed-1", "\(zeroth.body)")
            let big = try await c.get("listVirtualMachines", [("page", "1"), ("pagesize", "501")])
            #expect(big.status == 431)
            #expect(big.inner["errortext"]?.text == "Page size can't exceed max allowed page size value: 500")
            let unlimited = try await c.get("listVirtualMachines", [("page", "2"), ("pagesize", "-1")])
            #expect(
                unlimited.inner["errortext"]?.text == "Can't specify page parameter when pagesize is -1 (Unlimited)")
            #expect(
                try await c.get("listVirtualMachines", [("listall", "true"), ("pagesize", "-1")]).inner[
                    "virtualmachine"]?.list?.count == 25)
            // Otherwise page and pagesize go together, in the dispatcher's words.
            let sizeOnly = try await c.get("listVirtualMachines", [("pagesize", "10")])
            #expect(sizeOnly.status == 431)
            #expect(
                sizeOnly.inner["errortext"]?.text == "\"page\" parameter is required when \"pagesize\" is specified")
            let pageOnly = try await c.get("listZones", [("page", "2")])
            #expect(
                pageOnly.inner["errortext"]?.text == "\"pagesize\" parameter is required when \"page\" is specified")

            let byName = try await c.get("listVirtualMachines", [("name", "seed-7")]).inner
            #expect(byName["count"]?.text == "1")
            let kw = try await c.get("listVirtualMachines", [("keyword", "seed-2")]).inner
            #expect(kw["count"]?.text == "7")  // seed-2, seed-20..seed-25
            let a = try #require(p1["virtualmachine.0.id"]?.text), b = try #require(p1["virtualmachine.1.id"]?.text)
            #expect(try await c.get("listVirtualMachines", [("ids", "\(a),\(b)")]).inner["count"]?.text == "2")
            let zone = try #require(try await c.get("listZones", [("name", "Sandbox-2")]).inner["zone.0.id"]?.text)
            let inZone = try await c.get("listVirtualMachines", [("zoneid", zone)]).inner["count"]?.number?.int ?? 0
            #expect(inZone > 0 && inZone < 25)
            #expect(try await c.get("listVirtualMachines", [("state", "Stopped")]).body.contains("{}"))

            let tag = try await c.get(
                "createTags",
                [
                    ("resourceids", a), ("resourcetype", "UserVm"),
                    ("tags[0].key", "env"), ("tags[0].value", "prod"),
                ]
            ).inner
            let tagJob = try #require(tag["jobid"]?.text, "createTags answered \(tag)")
            #expect(try await c.wait(job: tagJob)["jobstatus"]?.text == "1")
            let tagged = try await c.get("listVirtualMachines", [("tags[0].key", "env"), ("tags[0].value", "prod")])
                .inner
            #expect(tagged["count"]?.text == "1")
            #expect(tagged["virtualmachine.0.tags.0.key"]?.text == "env")
            #expect(try await c.get("listTags", [("key", "env")]).inner["tag.0.resourceid"]?.text == a)
        }
    }

    @Test func userSeesOnlyOwnResourcesAdminWithListall() async throws {
        try await withSimulator(quickJobOptions { $0.seedVMs = 3 }) { sim async throws in
            var dev = TestClient(sim)
            dev.apiKey = SimulatorOptions.defaultUsers[1].apiKey
            dev.secretKey = SimulatorOptions.defaultUsers[1].secretKey
            #expect(try await dev.get("listVirtualMachines", [("listall", "true")]).body.contains("{}"))
            let nets = try await dev.get("listNetworks").inner["network"]?.list ?? []
            #expect(nets.allSatisfy { $0[field: "account"]?.string == "dev" || $0[field: "type"]?.string == "Shared" })
            #expect(
                try await TestClient(sim).get("listVirtualMachines", [("listall", "true")]).inner["count"]?.text == "3")
        }
    }

    /// Without page or pagesize a list answers one page of default.page.size records and the whole count,
    /// as the server does; the setting moves the bound (and what pagesize may ask for).
    @Test func anUnpagedListAnswersOnePageOfTheDefaultSize() async throws {
        try await withSimulator(quickJobOptions { $0.seedVMs = 510 }) { sim async throws in
            let c = TestClient(sim)
            let all = try await c.get("listVirtualMachines", [("listall", "true")]).inner
            #expect(all["count"]?.text == "510")
            #expect(all["virtualmachine"]?.list?.count == 500)
            _ = try await c.get("updateConfiguration", [("name", "default.page.size"), ("value", "100")])
            let smaller = try await c.get("listVirtualMachines", [("listall", "true")]).inner
            #expect(smaller["virtualmachine"]?.list?.count == 100)
            #expect(
                try await c.get("listVirtualMachines", [("page", "1"), ("pagesize", "500")]).inner["errortext"]?.text
                    == "Page size can't exceed max allowed page size value: 100")
        }
    }

    /// How fast is scripts/bench's question ("simulator page cost"); this proves the last page is right.
    @Test func hundredThousandVMsSeedAndPage() async throws {
        try await withSimulator(quickJobOptions { $0.seedVMs = 100_000 }) { sim async throws in
            let c = TestClient(sim)
            let last = try await c.get(
                "listVirtualMachines", [("listall", "true"), ("page", "200"), ("pagesize", "500")]
            ).inner
            #expect(last["count"]?.text == "100000")
            #expect(last["virtualmachine.499.name"]?.text == "seed-100000")
        }
    }
}

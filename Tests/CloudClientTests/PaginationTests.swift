import Testing
import Values
@testable import CloudClient

/// A list of `total` zones served `pagesize` at a time, with CloudStack's `count`.
private func zonePages(total: Int) -> @Sendable (SeenRequest, Int) async -> Reply {
    { req, _ in
        let page = Int(req.param("page") ?? "") ?? 1, size = Int(req.param("pagesize") ?? "") ?? 500
        let ids = Array(((page - 1) * size)..<min(total, page * size))
        if ids.isEmpty { return .json(#"{"listzonesresponse":{}}"#) }
        let items = ids.map { #"{"id":"z\#($0)"}"# }.joined(separator: ",")
        return .json(#"{"listzonesresponse":{"count":\#(total),"zone":[\#(items)]}}"#)
    }
}

@Suite struct PaginationTests {
    @Test func streamsEveryPageAndStopsOnAShortOne() async throws {
        try await TestServer.with(zonePages(total: 7)) { server in
            let pages = try await withClient(testOptions(server)) { c in
                var got: [[String]] = []
                for try await page in c.pages("listZones", [("available", "true")], pageSize: 3) {
                    got.append(page.compactMap { $0[field: "id"]?.string })
                }
                return got
            }
            #expect(pages == [["z0", "z1", "z2"], ["z3", "z4", "z5"], ["z6"]])
            #expect(server.seen.map { $0.param("page") } == ["1", "2", "3"])
            #expect(server.seen.allSatisfy { $0.param("pagesize") == "3" && $0.param("available") == "true" })
        }
    }

    @Test func stopsWhenCountIsReached() async throws {
        try await TestServer.with(zonePages(total: 6)) { server in
            let all = try await withClient(testOptions(server)) { try await $0.listAll("listZones", pageSize: 3) }
            #expect(all.count == 6)
            #expect(server.seen.count == 2)
        }
    }

    @Test func fetchesLazily() async throws {
        try await TestServer.with(zonePages(total: 100)) { server in
            let first = try await withClient(testOptions(server)) { c -> [Value] in
                for try await page in c.pages("listZones", pageSize: 10) { return Array(page.prefix(5)) }
                return []
            }
            #expect(first.count == 5)
            #expect(server.seen.count == 1)
        }
    }

    @Test func emptyListYieldsNothing() async throws {
        try await TestServer.with(zonePages(total: 0)) { server in
            let all = try await withClient(testOptions(server)) { try await $0.listAll("listZones") }
            #expect(all.isEmpty)
            #expect(server.seen.count == 1)
        }
    }

    @Test func callerGivenPageFetchesThatPageOnly() async throws {
        try await TestServer.with(zonePages(total: 100)) { server in
            let all = try await withClient(testOptions(server)) {
                try await $0.listAll("listZones", [("page", "2"), ("pagesize", "5")])
            }
            #expect(all.compactMap { $0[field: "id"]?.string } == ["z5", "z6", "z7", "z8", "z9"])
            #expect(server.seen.count == 1)
        }
    }

    @Test func errorsEndTheStream() async throws {
        try await TestServer.with({ _, _ in
            .apiError("listZones", code: 432, cs: 9999, text: "The given command does not exist")
        }) { server in
            let e = await cloudError {
                _ = try await withClient(testOptions(server)) { try await $0.listAll("listZones") }
            }
            #expect(e?.errorcode == 432)
        }
    }
}

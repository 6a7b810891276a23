import APICatalog
import Testing
import Values
@testable import Language

/// APIs newer than the catalog (issue 11 point 3): a camelCase name with `name=value`
/// arguments that the active catalog does not list is sent as typed, after one warning.
@Suite struct UnlistedAPITests {
    /// The bundled catalog without stopVirtualMachine: a server that has an API acsh has not synced.
    static let olderCatalog: Catalog = {
        try! Catalog(apis: Catalog.bundled.allAPIs.filter { $0.name != "stopVirtualMachine" }, source: "an older sync")
    }()

    @Test func anUnlistedAPIIsSentAndItsJobWaitedFor() async throws {
        let (sim, client) = try await SandboxServer.fresh()
        defer { Task { await sim.stop() } }
        let host = TestHost(api: client, catalog: Self.olderCatalog)
        let session = Session(host: host)
        let code = await session.run(
            source: """
                vm = deploy template:3 zone:1 serviceoffering:1 name:unlisted-1
                stopped = stopVirtualMachine id=$vm.id
                print $stopped.state
                try { stopVirtualMachine id=$vm.id forced=true } catch e { }
                """, file: "t.cs")
        #expect(code == 0, "\(host.errors)")
        #expect(host.output.hasPrefix("Stopped\n"))
        let warnings = host.errors.split(separator: "\n")
        #expect(warnings.count == 1, "one line, the first time only: \(host.errors)")
        #expect(
            warnings.first?.hasPrefix(
                "t.cs:2:11: warning: the catalog synced from this profile's server (an older sync) does not list stopVirtualMachine; sending it as typed; did you mean 'startVirtualMachine'"
            ) == true)
        #expect(warnings.first?.hasSuffix("(run `sync` to fetch this server's own catalog)") == true)
    }

    @Test func aTypoGetsTheServersAnswerAsAnAPIError() async throws {
        let client = try await SandboxServer.shared.client()
        let host = TestHost(api: client)
        let session = Session(host: host)
        let code = await session.run(source: "listZonez available=true", file: "t.cs")
        #expect(code == 1)
        #expect(
            host.errors.contains(
                "t.cs:1:1: warning: the bundled CloudStack 4.18.0 catalog does not list listZonez; sending it as typed; did you mean 'listZones'"
            ), "\(host.errors)")
        #expect(host.errors.contains("432"), "\(host.errors)")
    }

    @Test func onlyTheCamelCaseShapeWithArgumentsIsSent() {
        #expect(CommandResolver.isCamelCase("cancelHostForMaintenance"))
        #expect(
            !CommandResolver.isCamelCase("zonez") && !CommandResolver.isCamelCase("ListZones")
                && !CommandResolver.isCamelCase("list_Zones"))
        let resolver = CommandResolver()
        let loc = SourceLocation(file: "t", line: 1, column: 1)
        let bare = Command(words: ["listThings"], args: [], location: loc)
        #expect(resolver.unlisted(bare, catalog: .bundled) == nil, "a bare word stays an unknown variable or command")
        let positional = Command(
            words: ["listThings"], args: [.positional(Expr(.literal(.string("x")), loc))], location: loc)
        #expect(resolver.unlisted(positional, catalog: .bundled) == nil)
        let verbNoun = Command(
            words: ["list", "thingz"],
            args: [.named(name: "a", friendly: false, value: Expr(.literal(.string("b")), loc), location: loc)],
            location: loc)
        #expect(resolver.unlisted(verbNoun, catalog: .bundled) == nil)
    }
}

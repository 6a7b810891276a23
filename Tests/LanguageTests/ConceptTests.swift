import APICatalog
import Contracts
import Foundation
import TestSupport
import Testing
@testable import Language

/// Every concept of `help concepts` has an example that runs in the sandbox.
@Suite struct ConceptTests {
    @Test func everyExampleRunsInTheSandbox() async throws {
        try await withSandbox { _, client in
            for c in Concepts.all {
                let host = TestHost(api: client)
                var options = SessionOptions()
                options.output = .json
                let code = await Session(host: host, options: options).run(source: c.example, file: "concept \(c.name)")
                // An example must show something: the simulator answers lists it does not model with none.
                let showed =
                    code == 0 && !["", "[]"].contains(host.output.trimmingCharacters(in: .whitespacesAndNewlines))
                #expect(
                    showed, "\(c.name) example failed or showed nothing: \(c.example)\n\(host.output)\(host.errors)")
            }
        }
    }

    @Test func commandsNameRealAPIs() {
        let catalog = Catalog.bundled
        for c in Concepts.all {
            for command in c.commands {
                let words = command.split(separator: " ").map(String.init)
                guard let first = words.first,
                    !catalog.apiNames(forVerb: first).isEmpty || catalog.api(named: first) != nil
                else {
                    continue  // wait, explain: language words, checked by their own tests
                }
                let noun = words.count > 1 && !words[1].contains(":") && !words[1].contains("=") ? words[1] : nil
                let r = noun == nil ? catalog.resolve(word: first) : catalog.resolve(verb: first, noun: noun)
                #expect(r.api != nil, "\(c.name): '\(command)' names no API")
            }
        }
    }

    @Test func helpShowsConceptsByNameAndAlias() async {
        let overview = await run("print (help concepts)")
        for c in Concepts.all { #expect(overview.out.contains("  \(c.name) ")) }
        let sg = await run("print (help security group)")
        #expect(sg.out.hasPrefix("security group    (concept)"))
        #expect(sg.out.contains("example:  create securitygroup"))
        let job = await run("print (help job)")
        #expect(job.out.hasPrefix("async job    (concept)"))
        let api = await run("print (help list zones)")
        #expect(api.out.hasPrefix("listZones"))
    }

    @Test func conceptTextIsShortAndOurOwn() {
        for c in Concepts.all {
            #expect(c.text.count < 420, "\(c.name): keep it short")
            #expect(!c.commands.isEmpty && !c.example.isEmpty)
        }
        #expect(Set(Concepts.all.map(\.name)).count == Concepts.all.count)
    }
}

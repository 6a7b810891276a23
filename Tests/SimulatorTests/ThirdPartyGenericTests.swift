import APICatalog
@testable import Simulator
import TestSupport
import Testing
import Values

/// The generic engine's families driven by the Python `cs` client, the library the Ansible
/// CloudStack modules call (in ThirdPartyClientTests' serialized suite: one virtualenv).
extension ThirdPartyClientTests {
    @Test func csDrivesAGenericFamily() async throws {
        let cs = try await Self.csExecutable()
        try await withSimulator(quickJobOptions()) { sim async throws in
            let zone = try #require(try await self.cs(cs, ["listZones", "name=Sandbox-1"], sim)["zone.0.id"]?.text)
            let seeded = try await Self.run(cs, ["listVPCOfferings"], env: env(sim))  // 432 until seeded
            var found = (try? JSONParser.parse(seeded.out))?["vpcoffering.0.id"]?.text
            if found == nil {  // none seeded: make one through the API
                found = try await self.cs(
                    cs,
                    [
                        "createVPCOffering", "name=cs offering", "displaytext=cs",
                        "supportedservices=Dhcp,Dns",
                    ], sim)["vpcoffering.id"]?.text
            }
            let offering = try #require(found)
            // cs polls the job and prints its result: the entity under the server's key.
            let made = try await self.cs(
                cs,
                [
                    "createVPC", "name=cs-vpc", "cidr=10.20.0.0/16", "zoneid=\(zone)",
                    "vpcofferingid=\(offering)", "displaytext=from cs",
                ], sim)
            #expect(made["vpc.name"]?.text == "cs-vpc")
            #expect(made["vpc.zonename"]?.text == "Sandbox-1")
            let id = try #require(made["vpc.id"]?.text)
            let listed = try await self.cs(cs, ["listVPCs", "name=cs-vpc"], sim)
            #expect(listed["count"]?.text == "1")
            #expect(listed["vpc.0.displaytext"]?.text == "from cs")
            let deleted = try await self.cs(cs, ["deleteVPC", "id=\(id)"], sim)
            #expect(deleted["success"]?.bool == true)
            let gone = try await Self.run(cs, ["listVPCs", "id=\(id)"], env: env(sim))
            #expect(gone.status == 0 && gone.out.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(gone.out)")

            // An API nothing models answers 432 with the reason, a list API too.
            let list = try #require(
                Coverage.current.none.compactMap(Catalog.bundled.api(named:)).first {
                    $0.verb == "list" && $0.requiredParams.isEmpty
                })
            let unmodelled = try await Self.run(cs, [list.name], env: env(sim))
            #expect(unmodelled.status == 1)
            #expect(unmodelled.out.contains("does not implement \(list.name)"), "\(unmodelled.out)")
        }
    }
}

import FoundationEssentials
@testable import Simulator
import TestSupport
import Testing
import Values

/// Images and compute driven by the Python `cs` client (the library the Ansible CloudStack
/// modules call), in ThirdPartyClientTests' serialized suite.
extension ThirdPartyClientTests {
    @Test func csRegistersAnISOAttachesItAndSnapshotsTheVM() async throws {
        let cs = try await Self.csExecutable()
        try await withSimulator(quickJobOptions { $0.jobTime = .milliseconds(100) }) { sim async throws in
            let zone = try #require(try await self.cs(cs, ["listZones", "name=Sandbox-1"], sim)["zone.0.id"]?.text)
            let os = try #require(
                try await self.cs(cs, ["listOsTypes", "description=Debian GNU/Linux 7(64-bit)"], sim)["ostype.0.id"]?
                    .text)
            let iso = try await self.cs(
                cs,
                [
                    "registerIso", "name=cs-iso", "displaytext=cs iso", "url=http://images.example/cs.iso",
                    "zoneid=-1", "ostypeid=\(os)",
                ], sim)
            let isoID = try #require(iso["iso.0.id"]?.text, "\(iso)")
            #expect(iso["iso.0.crossZones"]?.bool == true)
            // The download finishes on the simulator's clock: poll as a client would.
            let clock = ContinuousClock(), end = clock.now + .seconds(120)
            while clock.now < end {
                let ready = try await Self.run(
                    cs, ["listIsos", "isofilter=self", "id=\(isoID)", "zoneid=\(zone)", "isready=true"], env: env(sim))
                if ready.out.contains(isoID) { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            let (tmpl, so) = try await self.csDeployIDs(cs, sim)
            let vm = try await self.cs(
                cs,
                [
                    "deployVirtualMachine", "zoneid=\(zone)", "templateid=\(tmpl)", "serviceofferingid=\(so)",
                    "name=cs-iso-vm", "group=cs-group",
                ], sim)
            let vmID = try #require(vm["virtualmachine.id"]?.text)
            #expect(vm["virtualmachine.group"]?.text == "cs-group")
            // cs polls the async attach and prints the VM with its ISO.
            let attached = try await self.cs(cs, ["attachIso", "id=\(isoID)", "virtualmachineid=\(vmID)"], sim)
            #expect(attached["virtualmachine.isoname"]?.text == "cs-iso", "\(attached)")
            let detached = try await self.cs(cs, ["detachIso", "virtualmachineid=\(vmID)"], sim)
            #expect(detached["virtualmachine.isoid"] == nil)

            let snap = try await self.cs(cs, ["createVMSnapshot", "virtualmachineid=\(vmID)", "name=cs-snap"], sim)
            #expect(snap["vmsnapshot.displayname"]?.text == "cs-snap")
            #expect(snap["vmsnapshot.state"]?.text == "Ready")
            let listed = try await self.cs(cs, ["listVMSnapshot", "virtualmachineid=\(vmID)", "name=cs-snap"], sim)
            #expect(listed["vmSnapshot.0.id"]?.text == snap["vmsnapshot.id"]?.text)

            let volume = try #require(
                try await self.cs(cs, ["listVolumes", "virtualmachineid=\(vmID)"], sim)["volume.0.id"]?.text)
            let policy = try await self.cs(
                cs,
                [
                    "createSnapshotPolicy", "volumeid=\(volume)", "intervaltype=daily",
                    "schedule=30:04", "maxsnaps=4", "timezone=UTC",
                ], sim)
            #expect(policy["snapshotpolicy.intervaltype"]?.number?.int == 1)
            #expect(policy["snapshotpolicy.schedule"]?.text == "30:04")
            // A bad schedule: cs exits 1 with the server's 431.
            let bad = try await Self.run(
                cs,
                [
                    "createSnapshotPolicy", "volumeid=\(volume)", "intervaltype=daily",
                    "schedule=30", "maxsnaps=4", "timezone=UTC",
                ], env: env(sim))
            #expect(bad.status == 1)
            #expect(bad.err.contains("431"), "\(bad.err)")
        }
    }
}

import Simulator
import TestSupport
import Testing
import Values

/// Annotations as AnnotationManagerImpl keeps them: who may add and see which, and the
/// `hasannotations` every annotatable resource answers.
@Suite struct AnnotationTests {
    static func user(_ admin: TestClient, _ name: String) async throws -> TestClient {
        let role = try await admin.value("listRoles", [("name", "User")], "role.0.id")
        return try await DynamicRoleTests.account(admin, name, roleID: role)
    }

    @Test func resourcesSayWhetherTheyCarryAnnotationsTheCallerMaySee() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim)
            let ann = try await Self.user(admin, "ann")
            let vm = try #require(try await ann.deploy()["jobresult.virtualmachine.id"]?.text)
            #expect(
                try await ann.get("listVirtualMachines", [("id", vm)]).inner["virtualmachine.0.hasannotations"]?.bool
                    == false)

            let note = try await ann.get(
                "addAnnotation", [("entitytype", "VM"), ("entityid", vm), ("annotation", "web tier")]
            ).inner
            #expect(note["annotation.username"]?.text == "ann")
            #expect(note["annotation.entityname"]?.text != nil)
            #expect(note["annotation.adminsonly"]?.bool == false)
            let hidden = try await admin.get(
                "addAnnotation",
                [("entitytype", "VM"), ("entityid", vm), ("annotation", "billing dispute"), ("adminsonly", "true")]
            ).inner
            #expect(hidden["annotation.adminsonly"]?.bool == true)

            // The user sees the shared note only; the root admin both, newest first.
            let mine = try await ann.get("listAnnotations", [("entitytype", "VM"), ("entityid", vm)]).inner
            #expect(mine["annotation"]?.list?.compactMap { $0[field: "annotation"]?.text } == ["web tier"])
            let all = try await admin.get("listAnnotations", [("entityid", vm)]).inner
            #expect(
                all["annotation"]?.list?.compactMap { $0[field: "annotation"]?.text } == [
                    "billing dispute", "web tier",
                ])
            #expect(try await admin.get("listAnnotations", [("keyword", "BILLING")]).inner["count"]?.number?.int == 1)

            #expect(
                try await ann.get("listVirtualMachines", [("id", vm)]).inner["virtualmachine.0.hasannotations"]?.bool
                    == true)
            let shared = try #require(note["annotation.id"]?.text)
            _ = try await ann.get("removeAnnotation", [("id", shared)])
            // Only the admins-only note is left: the owner no longer sees any, the root admin does.
            #expect(
                try await ann.get("listVirtualMachines", [("id", vm)]).inner["virtualmachine.0.hasannotations"]?.bool
                    == false)
            #expect(
                try await admin.get("listVirtualMachines", [("id", vm), ("listall", "true")]).inner[
                    "virtualmachine.0.hasannotations"]?.bool == true)
        }
    }

    @Test func usersMayNotAnnotateTheInfrastructureNorRemoveOthersNotes() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim)
            let bob = try await Self.user(admin, "bob")
            let zone = try await admin.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let zoneNote = try await admin.value(
                "addAnnotation", [("entitytype", "ZONE"), ("entityid", zone), ("annotation", "power work")],
                "annotation.id")
            #expect(try await admin.value("listZones", [("id", zone)], "zone.0.hasannotations") == "true")

            let refused = try await bob.get(
                "addAnnotation", [("entitytype", "ZONE"), ("entityid", zone), ("annotation", "mine")])
            // The manager's CloudRuntimeExceptions: their text reaches the root admin only (ApiServer hides
            // an unwrapped exception's text from everyone else).
            let hidden = "Internal error executing command, please contact your system administrator"
            #expect(refused.status == 530)
            #expect(refused.inner["errortext"]?.text == hidden)
            let bogus = try await admin.get("addAnnotation", [("entitytype", "Vm"), ("entityid", zone)])
            #expect(bogus.inner["errortext"]?.text == "'Vm' is not a valid EntityType to put annotations on")
            let missing = try await bob.get("addAnnotation", [("entitytype", "VM"), ("entityid", "no-such-vm")])
            #expect(missing.status == 530)
            #expect(missing.inner["errortext"]?.text == hidden)
            let adminsMissing = try await admin.get(
                "removeAnnotation", [("id", "no-such-note")])
            #expect(adminsMissing.inner["errortext"]?.text == "Unable to find annotation with uuid: no-such-note")

            // A zone note is the infrastructure's: users neither list it nor remove it.
            #expect(try await bob.get("listAnnotations").inner["count"] == nil)
            #expect(try await bob.get("listAnnotations", [("entitytype", "ZONE")]).inner["count"] == nil)
            let removal = try await bob.get("removeAnnotation", [("id", zoneNote)])
            #expect(removal.status == 530)
            #expect(removal.inner["errortext"]?.text == hidden)
            #expect(try await admin.get("listAnnotations", [("entitytype", "ZONE")]).inner["count"]?.number?.int == 1)
        }
    }

    @Test func aHostShowsItsLatestAdminNote() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let admin = TestClient(sim)
            let host = try await admin.value("listHosts", [("type", "Routing")], "host.0.id")
            _ = try await admin.get("updateHost", [("id", host), ("annotation", "fan noise")])
            let shown = try await admin.get("updateHost", [("id", host), ("annotation", "fan replaced")]).inner
            #expect(shown["host.annotation"]?.text == "fan replaced")
            #expect(shown["host.username"]?.text == "admin")
            #expect(shown["host.lastannotated"]?.text != nil)
            #expect(shown["host.hasannotations"]?.bool == true)
            let notes = try await admin.get("listAnnotations", [("entitytype", "HOST"), ("entityid", host)]).inner
            #expect(notes["count"]?.number?.int == 2)
            #expect(notes["annotation"]?.list?.allSatisfy { $0[field: "adminsonly"]?.bool == true } == true)
        }
    }

    @Test func aResourcesNotesGoWithItButANoteOnNothingStays() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let vm = try #require(try await c.deploy()["jobresult.virtualmachine.id"]?.text)
            _ = try await c.get("addAnnotation", [("entitytype", "VM"), ("entityid", vm), ("annotation", "temp")])
            _ = try await c.get("addAnnotation", [("entitytype", "VM"), ("entityid", "not-a-vm"), ("annotation", "x")])
            #expect(try await c.get("listAnnotations", [("entitytype", "VM")]).inner["count"]?.number?.int == 2)
            _ = try await c.job("destroyVirtualMachine", [("id", vm), ("expunge", "true")])
            let left = try await c.get("listAnnotations", [("entitytype", "VM")]).inner
            #expect(left["annotation"]?.list?.compactMap { $0[field: "entityid"]?.text } == ["not-a-vm"])
        }
    }
}

import Simulator
import TestSupport
import Testing
import Values

/// Alerts (listAlerts, generateAlert, archiveAlerts, deleteAlerts) and archiveEvents/deleteEvents.
@Suite struct AlertTests {
    @Test func generatedAlertsAreListedArchivedAndDeleted() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            // The server's start raised the management node's alert.
            let start = try await c.get("listAlerts").inner
            #expect(start["alert.0.name"]?.text == "ALERT.MANAGEMENT")
            #expect(start["alert.0.type"]?.number?.int == 14)
            #expect(start["alert.0.description"]?.text == "Management server node 127.0.0.1 is up")
            let made = try await c.job(
                "generateAlert", [("type", "101"), ("name", "BACKUP.LATE"), ("description", "backup is late")])
            #expect(made["jobresult.success"]?.bool == true)
            #expect(made["cmd"]?.text == "org.apache.cloudstack.api.command.admin.resource.GenerateAlertCmd")
            _ = try await c.job(
                "generateAlert", [("type", "102"), ("name", "BACKUP.FAILED"), ("description", "backup failed")])
            let listed = try await c.get("listAlerts").inner
            #expect(listed["count"]?.number?.int == 3)
            #expect(listed["alert.0.name"]?.text == "BACKUP.FAILED")  // newest first
            #expect(try await c.value("listAlerts", [("type", "101")], "alert.0.description") == "backup is late")
            #expect(try await c.value("listAlerts", [("keyword", "failed")], "count") == "1")
            // A default type keeps its name.
            let clash = try await c.get("generateAlert", [("type", "14"), ("name", "MINE"), ("description", "x")])
            #expect(clash.status == 431)
            #expect(
                clash.inner["errortext"]?.text == "There is a default alert having type 14 and name ALERT.MANAGEMENT")

            let late = try await c.value("listAlerts", [("type", "101")], "alert.0.id")
            let noCriteria = try await c.get("archiveAlerts")
            #expect(noCriteria.inner["errortext"]?.text == "either ids, type or enddate must be specified")
            let startOnly = try await c.get("archiveAlerts", [("startdate", "2020-01-01"), ("type", "1")])
            #expect(startOnly.inner["errortext"]?.text == "enddate must be specified with startdate parameter")
            // An id that names no alert fails in the dispatcher; one already archived matches nothing to archive.
            let unknown = try await c.get("archiveAlerts", [("ids", "\(late),00000000-0000-0000-0000-000000000000")])
            #expect(unknown.status == 431)
            #expect(unknown.inner["errortext"]?.text?.contains("Invalid parameter ids value=00000000-") == true)
            #expect(try await c.get("archiveAlerts", [("ids", late)]).inner["success"]?.bool == true)
            #expect(try await c.value("listAlerts", [], "count") == "2")
            let again = try await c.get("archiveAlerts", [("ids", late)])
            #expect(again.status == 530)
            #expect(
                again.inner["errortext"]?.text == "Unable to archive Alerts, one or more parameters has invalid values")
            #expect(try await c.get("deleteAlerts", [("type", "102")]).inner["success"]?.bool == true)
            #expect(try await c.value("listAlerts", [], "count") == "1")
            // Everything up to a day far ahead.
            #expect(
                try await c.get("deleteAlerts", [("enddate", "2999-12-31 23:59:59")]).inner["success"]?.bool == true)
            #expect(try await c.get("listAlerts").inner["count"] == nil)
            // Root admins only.
            #expect(try await c.signed().get("listAlerts").status == 432)
        }
    }

    @Test func eventsAreArchivedAndDeletedByTheirOwnersAndAdmins() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim), dev = c.signed()
            _ = try await dev.get("createSSHKeyPair", [("name", "dev-key")])
            _ = try await dev.get("createSSHKeyPair", [("name", "dev-key-2")])
            _ = try await c.get("createSSHKeyPair", [("name", "admin-key")])
            let devEvents = try #require(try await dev.get("listEvents").inner["event"]?.list)
            let devEvent = try #require(devEvents.first?[field: "id"]?.text)
            let adminEvent = try await c.value("listEvents", [("type", "REGISTER.SSH.KEYPAIR")], "event.0.id")
            // A user touches only its own events: another's id is "invalid".
            let foreign = try await dev.get("archiveEvents", [("ids", adminEvent)])
            #expect(foreign.status == 530)
            #expect(
                foreign.inner["errortext"]?.text
                    == "Unable to archive Events, one or more parameters has invalid values")
            #expect(try await dev.get("archiveEvents", [("ids", devEvent)]).inner["success"]?.bool == true)
            let after = try await dev.get("listEvents")
            #expect(devEvents.count == 2)
            #expect(after.inner["count"]?.number?.int == 1)
            // enddate at today's midnight leaves today's events; a far one takes them all (the user's only).
            let today = String(try #require(devEvents.first?[field: "created"]?.text).prefix(10))
            #expect(try await dev.get("deleteEvents", [("enddate", today)]).inner["success"]?.bool == true)
            #expect(try await dev.get("listEvents").inner["count"]?.number?.int == 1)
            #expect(try await dev.get("deleteEvents", [("enddate", "2999-01-01")]).inner["success"]?.bool == true)
            #expect(try await dev.get("listEvents").inner["count"] == nil)
            #expect(try await c.value("listEvents", [("id", adminEvent)], "count") == "1")
            let bad = try await c.get("deleteEvents", [("enddate", "yesterday")])
            #expect(bad.status == 431)
            #expect(bad.inner["errortext"]?.text?.contains("enddate") == true)
            // The admin sweeps its domain tree: the type of event everyone made.
            #expect(try await c.get("deleteEvents", [("type", "REGISTER.SSH.KEYPAIR")]).inner["success"]?.bool == true)
            #expect(
                try await c.get("listEvents", [("type", "REGISTER.SSH.KEYPAIR"), ("listall", "true")]).inner["count"]
                    == nil)
        }
    }
}

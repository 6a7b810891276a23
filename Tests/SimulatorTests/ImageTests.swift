import FoundationEssentials
@testable import Simulator
import TestSupport
import Testing
import Values

/// Templates and ISOs: registration by URL with a download that progresses on the simulator's
/// clock, the list filters, updates, permissions, copies, extraction, deletion, ISOs in VMs.
@Suite struct ImageTests {
    static func register(_ c: TestClient, _ name: String, zone: String, _ extra: [(String, String)] = []) async throws
        -> Value
    {
        try await c.get(
            "registerTemplate",
            [
                ("name", name), ("displaytext", name), ("format", "QCOW2"),
                ("hypervisor", "Simulator"), ("url", "http://images.example/\(name).qcow2"),
                ("zoneid", zone),
            ] + extra
        ).inner
    }

    /// Polls listTemplates until the template is ready in the zone (or 120 s pass: a loaded machine is slow).
    static func waitReady(_ c: TestClient, _ id: String, zone: String, filter: String = "self") async throws -> Value {
        let clock = ContinuousClock(), end = clock.now + .seconds(120)
        while true {
            let t =
                try await c.get("listTemplates", [("templatefilter", filter), ("id", id), ("zoneid", zone)]).inner[
                    "template.0"] ?? .null
            if t["isready"]?.bool == true || clock.now > end { return t }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test func aRegisteredTemplateDownloadsBeforeItCanBeDeployed() async throws {
        // Long jobs: the download takes four job times, so it is still running on the next calls (even on a loaded machine).
        try await withSimulator(quickJobOptions { $0.jobTime = .seconds(120) }) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let made = try await Self.register(c, "alpine", zone: zone, [("ispublic", "true")])
            // The server answers registerTemplate with a list (one entry per zone).
            #expect(made["count"]?.text == "1")
            #expect(made["template.0.zonename"]?.text == "Sandbox-1")
            #expect(made["template.0.isready"]?.bool == false)
            #expect(made["template.0.status"]?.text?.hasSuffix("% Downloaded") == true, "\(made)")
            #expect(made["template.0.crossZones"]?.bool == false)
            let id = try #require(made["template.0.id"]?.text)
            let so = try await c.value("listServiceOfferings", [("name", "Small Instance")], "serviceoffering.0.id")
            let early = try await c.get(
                "deployVirtualMachine", [("zoneid", zone), ("templateid", id), ("serviceofferingid", so)])
            #expect(early.status == 431)
            #expect(early.inner["errortext"]?.text?.contains("is not ready in zone Sandbox-1") == true, "\(early.body)")
            // executable lists only what can be deployed now; self lists it downloading.
            #expect(
                try await c.get("listTemplates", [("templatefilter", "executable"), ("id", id)]).inner["count"] == nil)
            #expect(
                try await c.get("listTemplates", [("templatefilter", "self"), ("id", id), ("isready", "false")]).inner[
                    "count"]?.text == "1")
            #expect(
                try await c.get("listTemplates", [("templatefilter", "self"), ("id", id), ("isready", "true")]).inner[
                    "count"] == nil)
            // Not ready: it cannot be copied or extracted yet.
            let zone2 = try await c.value("listZones", [("name", "Sandbox-2")], "zone.0.id")
            #expect(try await c.get("copyTemplate", [("id", id), ("destzoneid", zone2)]).status == 431)
        }
    }

    @Test func downloadsCompleteAndCopiesAddZones() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone1 = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let zone2 = try await c.value("listZones", [("name", "Sandbox-2")], "zone.0.id")
            let id = try #require(try await Self.register(c, "tiny", zone: zone1)["template.0.id"]?.text)
            let ready = try await Self.waitReady(c, id, zone: zone1)
            #expect(ready["isready"]?.bool == true)
            #expect(ready["status"]?.text == "Download Complete")
            #expect(try await c.get("copyTemplate", [("id", id), ("destzoneid", zone1)]).status == 431)  // same zone
            let copied = try await c.job("copyTemplate", [("id", id), ("destzoneid", zone2)])
            #expect(copied["jobresult.template.zoneid"]?.text == zone2, "\(copied)")
            #expect(try await Self.waitReady(c, id, zone: zone2)["isready"]?.bool == true)
            #expect(
                try await c.get("listTemplates", [("templatefilter", "self"), ("id", id)]).inner["count"]?.text == "2")
            // Deleting from one zone leaves the other; deleting without a zone removes it.
            #expect(
                try await c.job("deleteTemplate", [("id", id), ("zoneid", zone1)])["jobresult.success"]?.bool == true)
            let left = try await c.get("listTemplates", [("templatefilter", "self"), ("id", id)]).inner
            #expect(left["count"]?.text == "1")
            #expect(left["template.0.zonename"]?.text == "Sandbox-2")
            #expect(try await c.job("deleteTemplate", [("id", id)])["jobresult.success"]?.bool == true)
            #expect(try await c.get("listTemplates", [("templatefilter", "self"), ("id", id)]).inner["count"] == nil)
        }
    }

    @Test func updatesAndFiltersFollowTheServer() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let os = try await c.value("listOsTypes", [("description", "Debian GNU/Linux 7(64-bit)")], "ostype.0.id")
            let made = try await c.get(
                "registerTemplate",
                [
                    ("name", "web"), ("displaytext", "web"), ("format", "qcow2"),
                    ("hypervisor", "simulator"), ("url", "https://images.example/web.qcow2"),
                    ("zoneid", "-1"), ("ostypeid", os),
                ]
            ).inner
            #expect(made["count"]?.text == "2")  // cross-zone: one entry per zone, one id
            #expect(made["template.0.crossZones"]?.bool == true)
            #expect(made["template.0.ostypename"]?.text == "Debian GNU/Linux 7(64-bit)")
            #expect(made["template.0.format"]?.text == "QCOW2")
            #expect(made["template.0.hypervisor"]?.text == "Simulator")
            let id = try #require(made["template.0.id"]?.text)
            let changed = try await c.get(
                "updateTemplate", [("id", id), ("displaytext", "Web server"), ("passwordenabled", "true")]
            ).inner
            #expect(changed["template.displaytext"]?.text == "Web server")
            #expect(changed["template.passwordenabled"]?.bool == true)
            // Filters: keyword, name, featured (public and featured only), community.
            #expect(
                try await c.get("listTemplates", [("templatefilter", "self"), ("keyword", "web serv")]).inner[
                    "template.0.id"]?.text == id)
            #expect(
                try await c.get("listTemplates", [("templatefilter", "featured"), ("id", id)]).inner["count"] == nil)
            #expect(
                try await c.get(
                    "updateTemplatePermissions", [("id", id), ("ispublic", "true"), ("isfeatured", "true")]
                )
                .inner["success"]?.bool == true)
            #expect(
                try await c.get("listTemplates", [("templatefilter", "featured"), ("id", id)]).inner["count"]?.text
                    == "2")
            #expect(
                try await c.get("updateTemplatePermissions", [("id", id), ("isfeatured", "false")]).inner["success"]?
                    .bool == true)
            let dev = c.signed()
            #expect(
                try await dev.get("listTemplates", [("templatefilter", "community"), ("id", id)]).inner["count"]?.text
                    == "2")
            #expect(try await dev.get("listTemplates", [("templatefilter", "self"), ("id", id)]).inner["count"] == nil)
            // A user may not change someone else's template, nor feature its own.
            #expect(try await dev.get("updateTemplate", [("id", id), ("name", "mine")]).status == 531)
            let bad = try await c.get(
                "registerTemplate",
                [
                    ("name", "x"), ("displaytext", "x"), ("format", "ZIP"), ("hypervisor", "KVM"),
                    ("url", "http://images.example/x"), ("zoneid", "-1"),
                ])
            #expect(bad.status == 431)
            #expect(bad.inner["errortext"]?.text?.hasPrefix("Image format: ZIP is incorrect.") == true, "\(bad.body)")
            let ftp = try await c.get(
                "registerTemplate",
                [
                    ("name", "x"), ("displaytext", "x"), ("format", "RAW"), ("hypervisor", "KVM"),
                    ("url", "ftp://images.example/x"), ("zoneid", "-1"),
                ])
            #expect(ftp.inner["errortext"]?.text?.hasPrefix("Unsupported scheme for url") == true, "\(ftp.body)")
        }
    }

    /// With projectid the project is the owner `self` means; public images stay listed, as a
    /// project's VMs deploy from them (ngine_io.cloudstack's instance target deploys so).
    @Test func aProjectListsItsOwnAndThePublicImages() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let project = try await c.project("web")
            let featured = try await c.value("listTemplates", [("templatefilter", "featured")], "template.0.id")
            for filter in ["featured", "executable"] {
                let listed = try await c.get("listTemplates", [("templatefilter", filter), ("projectid", project)])
                #expect(listed.inner["template.0.id"]?.text == featured, "\(filter): \(listed.body)")
            }
            let os = try await c.value("listOsTypes", [], "ostype.0.id")
            let own = try await c.get(
                "registerTemplate",
                [
                    ("name", "prj"), ("displaytext", "prj"), ("format", "qcow2"), ("hypervisor", "simulator"),
                    ("url", "https://images.example/prj.qcow2"), ("zoneid", "-1"), ("ostypeid", os),
                    ("projectid", project),
                ])
            let id = try #require(own.inner["template.0.id"]?.text, "\(own.body)")
            let mine = try await c.get("listTemplates", [("templatefilter", "self"), ("projectid", project)])
            #expect(mine.inner["template.0.id"]?.text == id, "\(mine.body)")
            #expect(try await c.get("listTemplates", [("templatefilter", "self"), ("id", id)]).inner["count"] == nil)
        }
    }

    @Test func launchPermissionsShareWithAccounts() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim), dev = c.signed()
            // An account in the template owner's domain (ROOT), with keys.
            let root = try await c.value("listDomains", [("name", "ROOT")], "domain.0.id")
            let made = try await c.get(
                "createAccount",
                [
                    ("username", "ops"), ("password", "pw-ops"), ("email", "ops@example.org"),
                    ("firstname", "ops"), ("lastname", "Test"), ("accounttype", "0"),
                    ("domainid", root),
                ])
            let userID = try #require(made.inner["account.user.0.id"]?.text, "\(made.body)")
            let keys = try await c.get("registerUserKeys", [("id", userID)]).inner
            let ops = c.signed(
                as: try #require(keys["userkeys.apikey"]?.text), secret: try #require(keys["userkeys.secretkey"]?.text))
            let id = try #require(try await Self.register(c, "private", zone: "-1")["template.0.id"]?.text)
            _ = try await Self.waitReady(
                c, id, zone: try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id"))
            #expect(
                try await ops.get("listTemplates", [("templatefilter", "sharedexecutable"), ("id", id)]).inner["count"]
                    == nil)
            // no op
            #expect(try await c.get("updateTemplatePermissions", [("id", id), ("accounts", "ops")]).status == 431)
            // Accounts are looked up in the owner's domain: dev (in ROOT/dev) is not found there.
            let elsewhere = try await c.get(
                "updateTemplatePermissions", [("id", id), ("accounts", "dev"), ("op", "add")])
            #expect(
                elsewhere.inner["errortext"]?.text?.hasPrefix("Unable to grant a launch permission to account dev")
                    == true, "\(elsewhere.body)")
            #expect(
                try await c.get("updateTemplatePermissions", [("id", id), ("accounts", "ops"), ("op", "add")]).inner[
                    "success"]?.bool == true)
            let perms = try await c.get("listTemplatePermissions", [("id", id)]).inner
            #expect(perms["templatepermission.account"]?.list?.compactMap(\.text) == ["ops"])
            #expect(perms["templatepermission.ispublic"]?.bool == false)
            #expect(
                try await ops.get("listTemplates", [("templatefilter", "sharedexecutable"), ("id", id)]).inner["count"]?
                    .text == "2")
            #expect(
                try await dev.get("listTemplates", [("templatefilter", "executable"), ("id", id)]).inner["count"] == nil
            )
            #expect(
                try await c.get("updateTemplatePermissions", [("id", id), ("op", "reset")]).inner["success"]?.bool
                    == true)
            #expect(
                try await c.get("listTemplatePermissions", [("id", id)]).inner["templatepermission.account"]?.list?
                    .isEmpty == true)
            #expect(
                try await ops.get("listTemplates", [("templatefilter", "sharedexecutable"), ("id", id)]).inner["count"]
                    == nil)
            // Extraction: a user needs an extractable template; the answer is a download URL.
            #expect(
                try await c.get("updateTemplatePermissions", [("id", id), ("ispublic", "true")]).inner["success"]?.bool
                    == true)
            #expect(try await dev.get("extractTemplate", [("id", id), ("mode", "HTTP_DOWNLOAD")]).status == 431)
            let extracted = try await c.job("extractTemplate", [("id", id), ("mode", "HTTP_DOWNLOAD")])
            #expect(extracted["jobresult.template.state"]?.text == "DOWNLOAD_URL_CREATED")
            #expect(extracted["jobresult.template.url"]?.text?.hasPrefix("https://") == true)
            #expect(try await c.get("extractTemplate", [("id", id), ("mode", "FTP_UPLOAD")]).status == 431)
        }
    }

    @Test func isosAttachToVMsAndDetach() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let os = try await c.value("listOsTypes", [("description", "CentOS 7")], "ostype.0.id")
            #expect(
                try await c.get(
                    "registerIso",
                    [
                        ("name", "boot"), ("displaytext", "boot"), ("url", "http://images.example/b.iso"),
                        ("zoneid", "-1"),
                    ]
                ).status == 431)  // bootable needs an OS type
            let made = try await c.get(
                "registerIso",
                [
                    ("name", "tools"), ("displaytext", "Tools ISO"), ("url", "http://images.example/t.iso"),
                    ("zoneid", "-1"), ("ostypeid", os),
                ]
            ).inner
            #expect(made["iso.0.bootable"]?.bool == true)
            #expect(made["iso.0.format"]?.text == "ISO")
            let iso = try #require(made["iso.0.id"]?.text)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            // isready=false is no filter (clients pass it by default).
            #expect(
                try await c.get(
                    "listIsos", [("isofilter", "self"), ("name", "tools"), ("isready", "false"), ("zoneid", zone)]
                )
                .inner["iso.0.id"]?.text == iso)
            let vm = try #require(try await c.deploy()["jobresult.virtualmachine.id"]?.text)
            let clock = ContinuousClock(), end = clock.now + .seconds(120)
            let readyNow = [("isofilter", "self"), ("id", iso), ("isready", "true"), ("zoneid", zone)]
            while try await c.get("listIsos", readyNow).inner["count"] == nil, clock.now < end {  // still downloading
                try await Task.sleep(for: .milliseconds(20))
            }
            let attached = try await c.job("attachIso", [("id", iso), ("virtualmachineid", vm)])
            #expect(attached["jobresult.virtualmachine.isoid"]?.text == iso, "\(attached)")
            #expect(attached["jobresult.virtualmachine.isoname"]?.text == "tools")
            #expect(attached["jobresult.virtualmachine.isodisplaytext"]?.text == "Tools ISO")
            #expect(try await c.get("deleteIso", [("id", iso)]).status == 536)  // in use
            let detached = try await c.job("detachIso", [("virtualmachineid", vm)])
            #expect(detached["jobresult.virtualmachine.isoid"] == nil)
            #expect(try await c.get("detachIso", [("virtualmachineid", vm)]).status == 431)
            let renamed = try await c.get("updateIso", [("id", iso), ("displaytext", "Tools")]).inner
            #expect(renamed["iso.displaytext"]?.text == "Tools")
            #expect(try await c.job("deleteIso", [("id", iso)])["jobresult.success"]?.bool == true)
            #expect(try await c.get("listIsos", [("isofilter", "self"), ("id", iso)]).inner["count"] == nil)
        }
    }
}

import Simulator
import TestSupport
import Testing
import Values

/// runDiagnostics and getDiagnosticsData on system VMs and routers.
@Suite struct DiagnosticsTests {
    @Test func pingTracerouteAndArpingAnswerAsTheVMsScriptPrintsThem() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let ssvm = try await c.value("listSystemVms", [("systemvmtype", "secondarystoragevm")], "systemvm.0.id")
            let net = try await c.value("listNetworks", [("name", "admin-network")], "network.0.id")
            let router = try await c.value("listRouters", [("networkid", net)], "router.0.id")
            let gateway = try await c.value("listRouters", [("id", router)], "router.0.guestipaddress")

            // An address the cloud holds answers four pings (the script's default count) at once.
            let ping = try await c.job(
                "runDiagnostics", [("targetid", router), ("type", "PING"), ("ipaddress", gateway)])
            #expect(ping["jobresult.diagnostics.exitcode"]?.text == "0")
            let out = try #require(ping["jobresult.diagnostics.stdout"]?.text)
            #expect(out.hasPrefix("PING \(gateway) (\(gateway)) 56(84) bytes of data."))
            #expect(out.contains("4 packets transmitted, 4 received, 0% packet loss"))
            #expect(out.contains("icmp_seq=4 ttl=64"))
            #expect(ping["jobresult.diagnostics.stderr"]?.text == "")
            #expect(ping["cmd"]?.text == "org.apache.cloudstack.api.command.admin.diagnostics.RunDiagnosticsCmd")

            // -c from the options; a public address answers from further away.
            let far = try await c.job(
                "runDiagnostics", [("targetid", ssvm), ("type", "ping"), ("ipaddress", "8.8.8.8"), ("params", "-c 2")])
            #expect(far["jobresult.diagnostics.stdout"]?.text?.contains("2 packets transmitted, 2 received") == true)
            #expect(far["jobresult.diagnostics.stdout"]?.text?.contains("ttl=117") == true)
            // A private address nothing holds never answers: exit code 1, all packets lost.
            let lost = try await c.job(
                "runDiagnostics", [("targetid", ssvm), ("type", "ping"), ("ipaddress", "10.99.0.7")])
            #expect(lost["jobresult.diagnostics.exitcode"]?.text == "1")
            #expect(lost["jobresult.diagnostics.stdout"]?.text?.contains("100% packet loss") == true)
            // A name nobody resolves: ping's words on stderr, exit code 2.
            let name = try await c.job(
                "runDiagnostics", [("targetid", ssvm), ("type", "ping"), ("ipaddress", "nohost")])
            #expect(name["jobresult.diagnostics.stderr"]?.text == "ping: nohost: Name or service not known")
            #expect(name["jobresult.diagnostics.exitcode"]?.text == "2")

            let trace = try await c.job(
                "runDiagnostics", [("targetid", router), ("type", "traceroute"), ("ipaddress", "8.8.8.8")])
            let hops = try #require(trace["jobresult.diagnostics.stdout"]?.text)
            #expect(hops.hasPrefix("traceroute to 8.8.8.8 (8.8.8.8), 20 hops max, 60 byte packets"))
            #expect(hops.contains(" 2  8.8.8.8 (8.8.8.8)"))

            // arping answers only on the link: the router's own gateway address does, an unknown one does not.
            let arp = try await c.job(
                "runDiagnostics", [("targetid", router), ("type", "arping"), ("ipaddress", gateway)])
            #expect(arp["jobresult.diagnostics.stdout"]?.text?.hasSuffix("Received 4 response(s)") == true)
            let silent = try await c.job(
                "runDiagnostics", [("targetid", router), ("type", "arping"), ("ipaddress", "10.99.0.7")])
            #expect(silent["jobresult.diagnostics.stdout"]?.text?.hasSuffix("Received 0 response(s)") == true)
            #expect(silent["jobresult.diagnostics.exitcode"]?.text == "1")
            // The event names the VM's kind.
            let events = try await c.get("listEvents", [("type", "ROUTER.DIAGNOSTICS")]).inner
            #expect((events["count"]?.number?.int ?? 0) >= 1)
        }
    }

    @Test func badTypesOptionsAndTargetsFailTheJobInTheServersWords() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let ssvm = try await c.value("listSystemVms", [("systemvmtype", "secondarystoragevm")], "systemvm.0.id")
            let type = try await c.job(
                "runDiagnostics", [("targetid", ssvm), ("type", "nmap"), ("ipaddress", "8.8.8.8")])
            #expect(type["jobresult.errorcode"]?.number?.int == 530)
            #expect(type["jobresult.errortext"]?.text == "nmap Is not a valid diagnostics command type. ")
            let opts = try await c.job(
                "runDiagnostics",
                [("targetid", ssvm), ("type", "ping"), ("ipaddress", "8.8.8.8"), ("params", "-c 1;reboot")])
            #expect(opts["jobresult.errortext"]?.text == "Optional parameters contain unwanted characters: -c 1;reboot")
            // A user VM is a VM, but not a system VM.
            let vm = try #require(try await c.deploy()["jobresult.virtualmachine.id"]?.text)
            let user = try await c.job(
                "runDiagnostics", [("targetid", vm), ("type", "ping"), ("ipaddress", "8.8.8.8")])
            #expect(user["jobresult.errorcode"]?.number?.int == 431)
            #expect(user["jobresult.errortext"]?.text?.hasPrefix("Unable to find a system vm with id ") == true)
            let unknown = try await c.get(
                "runDiagnostics",
                [("targetid", "0b3c7e5e-0000-4000-8000-000000000000"), ("type", "ping"), ("ipaddress", "8.8.8.8")])
            #expect(unknown.status == 431)
            // A stopped system VM has no host to run the command on.
            _ = try await c.job("stopSystemVm", [("id", ssvm)])
            let stopped = try await c.job(
                "runDiagnostics", [("targetid", ssvm), ("type", "ping"), ("ipaddress", "8.8.8.8")])
            #expect(
                stopped["jobresult.errortext"]?.text?.hasPrefix("Unable to find host for virtual machine instance: ")
                    == true)
            // Admins only.
            #expect(
                try await c.signed().get(
                    "runDiagnostics", [("targetid", ssvm), ("type", "ping"), ("ipaddress", "8.8.8.8")]
                ).status == 432)
        }
    }

    @Test func diagnosticsDataIsADownloadLinkOnTheZonesSecondaryStorage() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let proxy = try await c.value("listSystemVms", [("systemvmtype", "consoleproxy")], "systemvm.0.id")
            let data = try await c.job("getDiagnosticsData", [("targetid", proxy)])
            let url = try #require(data["jobresult.diagnostics.url"]?.text)
            #expect(url.hasPrefix("https://") && url.hasSuffix(".zip") && url.contains("/userdata/"))
            #expect(try await c.get("listEvents", [("type", "PROXY.DIAGNOSTICS")]).inner["count"] != nil)
            // Without secondary storage in the zone there is nowhere to put the file.
            let stores = try await c.get("listImageStores").inner
            for case .record(let s) in stores["imagestore"]?.list ?? [] {
                _ = try await c.get("deleteImageStore", [("id", s["id"]?.text ?? "")])
            }
            let none = try await c.job("getDiagnosticsData", [("targetid", proxy)])
            #expect(
                none["jobresult.errortext"]?.text?.hasPrefix("No Secondary storage found in Zone with Id: ") == true)
        }
    }
}

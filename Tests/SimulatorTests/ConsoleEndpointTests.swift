import Simulator
import TestSupport
import Testing
import Values

/// createConsoleEndpoint.
@Suite struct ConsoleEndpointTests {
    @Test func aRunningVMsConsoleIsALinkThroughTheZonesProxy() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let user = c.signed()
            let vm = try #require(try await user.deploy()["jobresult.virtualmachine.id"]?.text)
            let proxyIP = try await c.value("listSystemVms", [("systemvmtype", "consoleproxy")], "systemvm.0.publicip")
            let r = try await user.get("createConsoleEndpoint", [("virtualmachineid", vm), ("token", "extra1")]).inner
            #expect(r["consoleendpoint.success"]?.bool == true)
            let url = try #require(r["consoleendpoint.url"]?.text)
            #expect(url.hasPrefix("http://\(proxyIP)/resource/noVNC/vnc.html?autoconnect=true&port=8080&token="))
            #expect(url.hasSuffix("&extra=extra1"))
            #expect(r["consoleendpoint.websocket.host"]?.text == proxyIP)
            #expect(r["consoleendpoint.websocket.path"]?.text == "websockify")
            #expect(r["consoleendpoint.websocket.extra"]?.text == "extra1")
            // Each call is a new session.
            let again = try await user.get("createConsoleEndpoint", [("virtualmachineid", vm)]).inner
            #expect(again["consoleendpoint.websocket.token"]?.text != r["consoleendpoint.websocket.token"]?.text)

            // Refusals are answers, not errors.
            let ssvm = try await c.value("listSystemVms", [("systemvmtype", "secondarystoragevm")], "systemvm.0.id")
            let denied = try await user.get("createConsoleEndpoint", [("virtualmachineid", ssvm)])
            #expect(denied.status == 200)
            #expect(denied.inner["consoleendpoint.details"]?.text == "Permission denied")
            #expect(
                try await c.get("createConsoleEndpoint", [("virtualmachineid", ssvm)]).inner["consoleendpoint.success"]?
                    .bool == true)
            _ = try await c.job("stopVirtualMachine", [("id", vm)])
            let stopped = try await user.get("createConsoleEndpoint", [("virtualmachineid", vm)]).inner
            #expect(stopped["consoleendpoint.success"]?.bool == false)
            #expect(
                stopped["consoleendpoint.details"]?.text?.hasSuffix(
                    "must be running to connect console, sending blank response for console access request") == true)
        }
    }
}

import OrderedCollections
import Values

/// createConsoleEndpoint: a one-session noVNC link to a running VM's console through its zone's
/// console proxy. The server answers every refusal as `success: false` with details, never as an
/// error: an unknown VM, someone else's VM, a system VM, a VM not running, a zone whose proxy is
/// not up yet.
enum ConsoleEndpointAPIs {
    /// The proxy's noVNC port when it serves plain HTTP (consoleproxy.sslEnabled false, the default).
    static let vncPort = 8080

    static let handlers: [Handler] = [
        Handler("createConsoleEndpoint") { c throws(APIError) in
            let id = try c.required("virtualmachineid")
            func refused(_ details: String) -> Reply {
                .object(["consoleendpoint": .record(["success": .bool(false), "details": .string(details)])])
            }
            // Root admins reach any VM's console, system VMs included; others only user VMs they may operate.
            let state: String, zoneID: String
            if let vm = c.store.vms[id: id] {
                do throws(APIError) {
                    try c.checkAccess(accountID: vm.accountID, domainID: vm.domainID, what: "virtual machine \(vm.id)")
                } catch {
                    return refused("Permission denied")
                }
                (state, zoneID) = (vm.state, vm.zoneID)
            } else if let sys = c.store.table(Store.systemVMNoun).get(id) ?? c.store.table("router").get(id) {
                guard c.caller.isAdmin else { return refused("Permission denied") }
                (state, zoneID) = (sys["state"] ?? "", sys["zoneid"] ?? "")
            } else {
                throw CatalogCheck.noEntity("virtualmachineid", id, command: c.command)
            }
            if ["Stopped", "Error", "Destroyed", "Expunging"].contains(state) {
                return refused(
                    "Server Internal Error: VM \(id) must be running to connect console, sending blank response "
                        + "for console access request")
            }
            let proxy = c.store.table(Store.systemVMNoun).first {
                $0["zoneid"] == zoneID && $0["systemvmtype"] == "consoleproxy" && $0["state"] == "Running"
            }
            guard let address = proxy?["publicip"] else {
                return refused(
                    "Server Internal Error: Console access will be ready in a few minutes. Please try it again later.")
            }
            // The token stands for the proxy's encrypted session ticket: opaque, new for every session.
            let token = (c.store.newID() + c.store.newID()).filter { $0 != "-" }
            var url = "http://\(address)/resource/noVNC/vnc.html?autoconnect=true&port=\(vncPort)&token=\(token)"
            var websocket: Record = [
                "token": .string(token), "host": .string(address), "port": .string(String(vncPort)),
                "path": .string("websockify"),
            ]
            if let extra = c.optional("token"), !extra.isEmpty {
                url += "&extra=\(extra)"
                websocket["extra"] = .string(extra)
            }
            return .object([
                "consoleendpoint": .record([
                    "success": .bool(true), "url": .string(url), "websocket": .record(websocket),
                ])
            ])
        }
    ]
}

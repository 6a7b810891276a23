import OrderedCollections
import Values

/// The one management server this simulator is (listManagementServers, the metrics and
/// listInfrastructure count it), and what a server's start leaves behind: its record marked Up
/// with the start time, and the "node is up" alert the cluster manager raises.
extension Store {
    static let managementServerNoun = "managementserver"
    static let managementServerName = "acsh-simulator"
    static let managementServerIP = "127.0.0.1"
    static let serverVersion = "4.18.0.0"

    func managementServerStarted(_ now: String) {
        registerPluginsAtStart(now)
        let table = table(Self.managementServerNoun)
        if table.rows.isEmpty {
            insert(
                Self.managementServerNoun,
                [
                    "name": .string(Self.managementServerName), "state": .string("Up"),
                    "version": .string(Self.serverVersion),
                    "javadistribution": .string("none (acsh simulator)"), "javaversion": .string("none"),
                    "osdistribution": .string("Linux"), "kernelversion": .string("n/a"), "lastboottime": .string(now),
                    "serviceip": .string(Self.managementServerIP),
                ])
        }
        for ms in table.rows {
            table.update(ms.id) {
                $0.fields["state"] = .string("Up")
                $0.fields["lastserverstart"] = .string(now)
            }
        }
        addAlert(
            type: AlertAPIs.managementNode, name: "ALERT.MANAGEMENT",
            description: "Management server node \(Self.managementServerIP) is up", sent: now)
    }

    @discardableResult
    func addAlert(type: Int, name: String, description: String, sent: String) -> Entity {
        insert(
            AlertAPIs.noun,
            ["type": .int(type), "name": .string(name), "description": .string(description), "sent": .string(sent)])
    }
}

import FoundationEssentials
import OrderedCollections
import Values

/// Host credentials and rolling maintenance (root admin). updateHostPassword changes the agent
/// login the management server keeps for KVM and XenServer hosts (a XenServer pool only as a whole
/// cluster); the password itself is never kept here. startRollingMaintenance walks KVM hosts one by
/// one through the maintenance hooks their agents run; other hypervisors are left out, as the server
/// leaves them, and a KVM host without hooks is skipped once it passed the state and capacity checks.
enum HostMaintenanceAPIs {
    /// The agent username per host id (`host_details` on the server).
    static let credentialTable = "hostcredential"
    static let passwordHypervisors: Set<String> = ["KVM", "XenServer"]

    static let handlers: [Handler] = [
        Handler("updateHostPassword") { c throws(APIError) in
            let username = try c.required("username").filter { !$0.isWhitespace }
            _ = try c.required("password")
            let hosts: [Entity]
            if c.optional("clusterid") != nil {
                let cluster = try c.entity("cluster", "clusterid", what: "cluster")
                guard passwordHypervisors.contains(cluster["hypervisortype"] ?? "") else {
                    throw APIError.refused("This operation is not supported for this hypervisor type")
                }
                hosts = c.store.table("host").rows.filter { $0["clusterid"] == cluster.id }
            } else {
                guard c.optional("hostid") != nil else { throw APIError.refused("You should provide an host id.") }
                let host = try c.entity("host", "hostid", what: "host")
                if host["hypervisor"] == "XenServer" {
                    throw APIError.refused(
                        "Single host update is not supported by XenServer hypervisors. Please try again informing "
                            + "the Cluster ID.")
                }
                guard passwordHypervisors.contains(host["hypervisor"] ?? "") else {
                    throw APIError.refused("This operation is not supported for this hypervisor type")
                }
                hosts = [host]
            }
            guard !username.isEmpty else { throw APIError.refused("Username should be non empty string") }
            let credentials = c.store.table(credentialTable)
            // All or nothing: one host known under another username refuses the whole change.
            for h in hosts {
                if let known = credentials.get(h.id)?["username"], known != username {
                    throw APIError.refused(
                        hosts.count > 1 && c.optional("clusterid") != nil
                            ? "The username is not same for all hosts, please modify passwords for individual hosts."
                            : "The username is not same for the hosts..")
                }
            }
            for h in hosts { recordUsername(c.store, host: h.id, username) }
            return .object(["success": .bool(true)])
        },
        Handler("startRollingMaintenance", async: true, RollingMaintenance.start),
    ]

    /// Called by addHost too, so a later password change compares with the username the host was added with.
    static func recordUsername(_ store: Store, host: String, _ username: String) {
        store.table(credentialTable).put(Entity(id: host, fields: ["username": .string(username)]))
    }
}

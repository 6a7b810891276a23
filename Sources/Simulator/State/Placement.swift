import Values

/// Where a deploy or start asks a VM to run (`podid`, `clusterid`, `hostid`), checked as the server's
/// start does (UserVmManagerImpl's getDestinationPod/Cluster/Host). The dispatcher drops `podid` and
/// `clusterid` from anyone but the root admin (only the admin command classes have them), while `hostid`
/// is on the user commands too and is refused inside the job: the VM the deploy made then ends in Error.
struct Placement: Sendable {
    var pod: String?
    var cluster: String?
    var host: String?
    /// Whether the caller may choose a host (the root admin only).
    var byRootAdmin: Bool

    init(_ c: Call) throws(APIError) {
        pod = try c.optional("podid").map { _ throws(APIError) in try c.entity("pod", "podid").id }
        cluster = try c.optional("clusterid").map { _ throws(APIError) in try c.entity("cluster", "clusterid").id }
        host = try c.optional("hostid").map { _ throws(APIError) in try c.entity("host", "hostid").id }
        byRootAdmin = c.caller.role == .rootAdmin
    }

    /// The checks the job runs before it asks the planner for a host.
    func check(_ store: Store) throws(APIError) {
        guard let host else { return }
        guard byRootAdmin else {
            throw APIError.permission("Parameter hostid can only be specified by a Root Admin, permission denied")
        }
        guard let h = store.table("host").get(host), h["resourcestate"] == "Enabled", h["state"] == "Up" else {
            let name = store.table("host").get(host)?["name"] ?? host
            throw APIError.refused("Unable to deploy the VM as the host: \(name) is not in the right state")
        }
    }

    /// Whether a host lies where the caller asked.
    func admits(_ h: Entity) -> Bool {
        (host == nil || h.id == host) && (cluster == nil || h["clusterid"] == cluster)
            && (pod == nil || h["podid"] == pod)
    }
}

extension Store {
    /// Places a VM as a deploy or start asked: the checks, then the first host with room where asked.
    func place(_ vmID: String, as asked: Placement) throws(APIError) {
        try asked.check(self)
        try place(vmID, where: asked.admits, describing: asked.host.map { "host \($0)" })
    }
}

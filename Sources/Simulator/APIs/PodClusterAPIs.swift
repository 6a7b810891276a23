import Values
import OrderedCollections

/// Pods and clusters (root admin): create, update, delete. A pod holds a management IP range
/// in its gateway's subnet; a pod or cluster still holding clusters, hosts or storage cannot go.
enum PodClusterAPIs {
    static let handlers: [Handler] = [
        Handler("createPod", createPod),
        Handler("updatePod", updatePod),
        Handler("deletePod") { c throws(APIError) in
            let pod = try c.entity("pod", "id", what: "pod")
            if c.store.table("cluster").first(where: { $0["podid"] == pod.id }) != nil {
                throw APIError.inUse("The pod is not deletable because there are clusters in this pod")
            }
            if c.store.table("host").first(where: { $0["podid"] == pod.id }) != nil {
                throw APIError.inUse("The pod is not deletable because there are servers in this pod")
            }
            c.store.table("pod").remove(pod.id)
            return .object(["success": .bool(true)])
        },
        Handler("addCluster", addCluster),
        Handler("updateCluster", updateCluster),
        Handler("deleteCluster") { c throws(APIError) in
            let cluster = try c.entity("cluster", "id", what: "cluster")
            if c.store.table("host").first(where: { $0["clusterid"] == cluster.id }) != nil {
                throw APIError.inUse("Cluster: \(cluster.id) cannot be removed. Cluster still has hosts")
            }
            if c.store.table("storagepool").first(where: { $0["clusterid"] == cluster.id }) != nil {
                throw APIError.inUse("Cluster: \(cluster.id) cannot be removed. Cluster still has storage pools")
            }
            c.store.table("cluster").remove(cluster.id)
            return .object(["success": .bool(true)])
        },
    ]

    static func createPod(_ c: Call) throws(APIError) -> Reply {
        let name = try c.required("name")
        let zone = try c.entity("zone", "zoneid", what: "zone")
        if c.store.table("pod").first(where: {
            $0["zoneid"] == zone.id && $0["name"]?.lowercased() == name.lowercased()
        }) != nil {
            throw APIError.invalid("name", "A pod with name \(name) already exists in zone \(zone["name"] ?? zone.id)")
        }
        let gateway = try c.required("gateway"), netmask = try c.required("netmask"), start = try c.required("startip")
        let end = try range(c, gateway: gateway, netmask: netmask, start: start, end: c.optional("endip"))
        let f = Store.podFields(
            name: name, zone: zone, gateway: gateway, netmask: netmask, start: start, end: end,
            allocation: try ZoneAPIs.allocationState(c) ?? "Enabled")
        return .object(["pod": .record(c.store.insert("pod", f).fields)])
    }

    static func updatePod(_ c: Call) throws(APIError) -> Reply {
        let pod = try c.entity("pod", "id", what: "pod")
        let gateway = c.optional("gateway") ?? pod["gateway"] ?? "",
            netmask = c.optional("netmask") ?? pod["netmask"] ?? ""
        let start = c.optional("startip") ?? pod.fields["startip"]?[index: 0]?.plainText ?? ""
        let oldEnd = pod.fields["endip"]?[index: 0]?.plainText
        let end = try range(c, gateway: gateway, netmask: netmask, start: start, end: c.optional("endip") ?? oldEnd)
        let state = try ZoneAPIs.allocationState(c)
        let name = c.optional("name")
        if let name, name.lowercased() != pod["name"]?.lowercased(),
            c.store.table("pod").first(where: {
                $0["zoneid"] == pod["zoneid"] && $0["name"]?.lowercased() == name.lowercased()
            }) != nil
        {
            throw APIError.invalid("name", "A pod with name \(name) already exists in this zone")
        }
        let zone = c.store.table("zone").get(pod["zoneid"] ?? "") ?? Entity(id: pod["zoneid"] ?? "", fields: [:])
        c.store.table("pod").update(pod.id) { p in
            let f = Store.podFields(
                name: name ?? p["name"] ?? "", zone: zone, gateway: gateway, netmask: netmask, start: start,
                end: end, allocation: state ?? p["allocationstate"] ?? "Enabled")
            p.fields.merge(f, uniquingKeysWith: { $1 })
        }
        for e in c.store.table("cluster").rows where e["podid"] == pod.id && name != nil {
            c.store.table("cluster").update(e.id) { $0.fields["podname"] = .string(name!) }
        }
        return .object(["pod": .record(c.store.table("pod").get(pod.id)!.fields)])
    }

    /// Checks a pod's range and answers its end address (the subnet's last host when not given).
    static func range(_ c: Call, gateway: String, netmask: String, start: String, end: String?) throws(APIError)
        -> String
    {
        guard IPv4.parse(gateway) != nil else {
            throw APIError.invalid("gateway", "'\(gateway)' is not an IPv4 address")
        }
        guard let cidr = IPv4.cidr(gateway, netmask), let hosts = IPv4.hosts(cidr) else {
            throw APIError.invalid("netmask", "'\(netmask)' is not a netmask for a pod (255.0.0.0 to 255.255.255.252)")
        }
        guard let s = IPv4.parse(start), hosts.contains(s) else {
            throw APIError.invalid(
                "startip", "The start address \(start) is not in the subnet \(cidr) of gateway \(gateway)")
        }
        guard let end else { return IPv4.text(hosts.upperBound) }
        guard let e = IPv4.parse(end), hosts.contains(e) else {
            throw APIError.invalid("endip", "The end address \(end) is not in the subnet \(cidr) of gateway \(gateway)")
        }
        guard s <= e else {
            throw APIError.invalid("endip", "The start address \(start) is after the end address \(end)")
        }
        return end
    }

    /// The hypervisor types the server knows, in its spelling.
    static let hypervisors = [
        "XenServer", "KVM", "VMware", "Hyperv", "BareMetal", "Simulator", "Ovm", "Ovm3", "LXC", "Custom",
    ]

    static func hypervisor(_ c: Call, _ param: String = "hypervisor") throws(APIError) -> String? {
        guard let v = c.optional(param) else { return nil }
        guard let h = hypervisors.first(where: { $0.lowercased() == v.lowercased() }) else {
            throw APIError.invalid(
                param,
                "Unable to resolve \(v) to a valid supported hypervisor type (\(hypervisors.joined(separator: ", ")))")
        }
        return h
    }

    static func clusterType(_ c: Call) throws(APIError) -> String? {
        guard let v = c.optional("clustertype") else { return nil }
        guard let t = ["CloudManaged", "ExternalManaged"].first(where: { $0.lowercased() == v.lowercased() }) else {
            throw APIError.invalid(
                "clustertype", "Unable to resolve \(v) to a supported cluster type (CloudManaged, ExternalManaged)")
        }
        return t
    }

    /// addCluster answers a list of one cluster, as the server does.
    static func addCluster(_ c: Call) throws(APIError) -> Reply {
        let name = try c.required("clustername")
        let zone = try c.entity("zone", "zoneid", what: "zone")
        let pod = try c.entity("pod", "podid", what: "pod")
        guard pod["zoneid"] == zone.id else {
            throw APIError.invalid("podid", "Pod \(pod.id) does not belong to zone \(zone.id)")
        }
        _ = try c.required("hypervisor")
        let hv = try hypervisor(c)!
        _ = try c.required("clustertype")
        let type = try clusterType(c)!
        if c.store.table("cluster").first(where: {
            $0["podid"] == pod.id && $0["name"]?.lowercased() == name.lowercased()
        }) != nil {
            throw APIError.invalid(
                "clustername", "A cluster with name \(name) already exists in pod \(pod["name"] ?? pod.id)")
        }
        let cluster = c.store.insert(
            "cluster",
            Store.clusterFields(
                name: name, pod: pod, hypervisor: hv, type: type,
                allocation: try ZoneAPIs.allocationState(c) ?? "Enabled"))
        return .list(noun: "cluster", items: [withDetails(.record(cluster.fields))], total: 1)
    }

    static func updateCluster(_ c: Call) throws(APIError) -> Reply {
        let cluster = try c.entity("cluster", "id", what: "cluster")
        if let hv = try hypervisor(c), hv != cluster["hypervisortype"] {
            throw APIError.invalid(
                "hypervisor",
                "The hypervisor type of a cluster cannot be changed (it is \(cluster["hypervisortype"] ?? ""))")
        }
        let type = try clusterType(c), state = try ZoneAPIs.allocationState(c)
        let managed = c.optional("managedstate")
        if let managed, !["managed", "unmanaged"].contains(managed.lowercased()) {
            throw APIError.invalid("managedstate", "'\(managed)' is not Managed or Unmanaged")
        }
        c.store.table("cluster").update(cluster.id) { e in
            if let v = c.optional("clustername") { e.fields["name"] = .string(v) }
            if let type { e.fields["clustertype"] = .string(type) }
            if let state { e.fields["allocationstate"] = .string(state) }
            if let managed {
                e.fields["managedstate"] = .string(managed.lowercased() == "managed" ? "Managed" : "Unmanaged")
            }
        }
        return .object(["cluster": withDetails(.record(c.store.table("cluster").get(cluster.id)!.fields))])
    }

    /// A cluster record with its details (ApiResponseHelper.createClusterResponse's resourcedetails: the
    /// cluster_details rows, which hold the overcommit ratios every cluster gets when it is made).
    static func withDetails(_ item: Value) -> Value {
        guard var r = item.record else { return item }
        r["resourcedetails"] = .record([
            "cpuOvercommitRatio": r["cpuovercommitratio"] ?? .string("1.0"),
            "memoryOvercommitRatio": r["memoryovercommitratio"] ?? .string("1.0"),
        ])
        return .record(r)
    }
}

import Values
import OrderedCollections

/// The records the server renders for the physical cloud (pods, clusters, hosts, storage
/// pools, image stores), built in one place for the seed and for the APIs that add them.
extension Store {
    static func podFields(
        name: String, zone: Entity, gateway: String, netmask: String, start: String, end: String,
        allocation: String = "Enabled"
    ) -> Record {
        // Lists since 4.11: a pod may hold several management IP ranges.
        let range: Value = .record([
            "gateway": .string(gateway), "cidr": .string(IPv4.cidr(gateway, netmask) ?? ""),
            "startip": .string(start), "endip": .string(end), "forsystemvms": .string("0"),
            "vlanid": .string("vlan://untagged"),
        ])
        return [
            "name": .string(name), "zoneid": .string(zone.id), "zonename": zone.fields["name"] ?? .string(""),
            "gateway": .string(gateway), "netmask": .string(netmask), "startip": .list([.string(start)]),
            "endip": .list([.string(end)]), "forsystemvms": .list([.string("0")]),
            "vlanid": .list([.string("vlan://untagged")]),
            "ipranges": .list([range]), "allocationstate": .string(allocation), "hasannotations": .bool(false),
        ]
    }

    static func clusterFields(
        name: String, pod: Entity, hypervisor: String, type: String, allocation: String = "Enabled"
    ) -> Record {
        [
            "name": .string(name), "podid": .string(pod.id), "podname": pod.fields["name"] ?? .string(""),
            "zoneid": pod.fields["zoneid"] ?? .string(""), "zonename": pod.fields["zonename"] ?? .string(""),
            "hypervisortype": .string(hypervisor), "clustertype": .string(type), "allocationstate": .string(allocation),
            "managedstate": .string("Managed"), "cpuovercommitratio": .string("1.0"),
            "memoryovercommitratio": .string("1.0"),
            "hasannotations": .bool(false),
        ]
    }

    /// A routing host that just connected: Up, Enabled, nothing allocated.
    static func hostFields(
        name: String, ip: String, cluster: Entity, created: String, tags: String? = nil,
        allocation: String = "Enabled"
    ) -> Record {
        var f: Record = [
            "name": .string(name), "state": .string("Up"), "type": .string("Routing"), "ipaddress": .string(ip),
            "zoneid": cluster.fields["zoneid"] ?? .string(""), "zonename": cluster.fields["zonename"] ?? .string(""),
            "podid": cluster.fields["podid"] ?? .string(""), "podname": cluster.fields["podname"] ?? .string(""),
            "clusterid": .string(cluster.id), "clustername": cluster.fields["name"] ?? .string(""),
            "clustertype": cluster.fields["clustertype"] ?? .string("CloudManaged"),
            "hypervisor": cluster.fields["hypervisortype"] ?? .string("Simulator"),
            "hypervisorversion": .string("4.18.0.0"),
            "cpunumber": .int(hostCPUs), "cpusockets": .int(1), "cpuspeed": .int(hostCPUSpeed),
            "cpuallocated": .string("0%"), "cpuallocatedvalue": .int(0), "cpuallocatedpercentage": .string("0%"),
            "cpuallocatedwithoverprovisioning": .string("0%"), "hahost": .bool(false),
            "cpuwithoverprovisioning": .string(String(hostCPUs * hostCPUSpeed)),
            "memorytotal": .int(hostMemoryBytes), "memoryallocated": .int(0), "memoryallocatedbytes": .int(0),
            "memoryallocatedpercentage": .string("0%"), "memorywithoverprovisioning": .string(String(hostMemoryBytes)),
            "resourcestate": .string(allocation), "islocalstorageactive": .bool(false), "capabilities": .string("hvm"),
            "version": .string("4.18.0.0"), "created": .string(created), "lastpinged": .string(created),
            "hasannotations": .bool(false), "encryptionsupported": .bool(true), "ueficapability": .bool(false),
        ]
        if let tags, !tags.isEmpty { f["hosttags"] = .string(tags) }
        return f
    }

    static func storagePoolFields(
        name: String, url: StorageURL, zone: Entity, pod: Entity?, cluster: Entity?,
        provider: String, created: String, tags: String? = nil, capacity: Int? = nil
    ) -> Record {
        var f: Record = [
            "name": .string(name), "zoneid": .string(zone.id), "zonename": zone.fields["name"] ?? .string(""),
            "ipaddress": .string(url.host), "path": .string(url.path), "type": .string(url.poolType),
            "created": .string(created),
            "state": .string("Up"), "scope": .string(cluster == nil ? "ZONE" : "CLUSTER"),
            "provider": .string(provider),
            "disksizetotal": .int(capacity ?? poolBytes), "disksizeallocated": .int(0), "disksizeused": .int(0),
            "overprovisionfactor": .string("2.0"), "hasannotations": .bool(false), "suitableformigration": .bool(false),
            "storagecapabilities": .record(["VOLUME_SNAPSHOT_QUIESCEVM": .string("false")]),
        ]
        if let pod { f["podid"] = .string(pod.id); f["podname"] = pod.fields["name"] }
        if let cluster {
            f["clusterid"] = .string(cluster.id)
            f["clustername"] = cluster.fields["name"]
            f["hypervisor"] = cluster.fields["hypervisortype"]
        }
        if let tags, !tags.isEmpty { f["tags"] = .string(tags) }
        return f
    }

    static func imageStoreFields(name: String, url: String, provider: String, zone: Entity?) -> Record {
        var f: Record = [
            "name": .string(name), "url": .string(url), "providername": .string(provider),
            "protocol": .string(url.split(separator: ":").first.map { $0.lowercased() } ?? ""),
            "scope": .string(zone == nil ? "REGION" : "ZONE"), "readonly": .bool(false),
            "disksizetotal": .int(poolBytes), "disksizeused": .int(0), "hasannotations": .bool(false),
        ]
        if let zone { f["zoneid"] = .string(zone.id); f["zonename"] = zone.fields["name"] }
        return f
    }

    /// 2 TB per pool and store: plenty for any sandbox.
    static let poolBytes = 2 << 40
}

/// A primary storage URL as createStoragePool takes it (nfs://host/path, rbd://user:key@mons/pool,
/// ...): what the pool shows as its type, address and path. Credentials in it are never kept.
struct StorageURL {
    let scheme: String
    let host: String
    let path: String

    /// The pool types by URL scheme, as the server names them.
    static let types = [
        "nfs": "NetworkFilesystem", "rbd": "RBD", "iscsi": "IscsiLUN", "file": "Filesystem",
        "sharedmountpoint": "SharedMountPoint",
        "clvm": "CLVM", "gluster": "Gluster", "presetup": "PreSetup", "datastorecluster": "DatastoreCluster",
        "vmfs": "VMFS",
        "ocfs2": "OCFS2", "smb": "SMB", "cifs": "SMB", "powerflex": "PowerFlex", "linstor": "Linstor",
        "storpool": "StorPool",
    ]

    var poolType: String { Self.types[scheme] ?? scheme.uppercased() }

    init?(_ text: String) {
        guard let sep = text.firstRange(of: "://") else { return nil }
        let scheme = text[..<sep.lowerBound].lowercased()
        guard Self.types[scheme] != nil else { return nil }
        var rest = text[sep.upperBound...]
        let authority = rest.prefix { $0 != "/" }
        rest = rest.dropFirst(authority.count)
        var host = authority.split(separator: "@").last.map(String.init) ?? ""
        if host.hasSuffix(":") { host.removeLast() }  // nfs://server:/export
        if let colon = host.lastIndex(of: ":"), !host.contains("]") { host = String(host[..<colon]) }
        self.scheme = scheme
        self.host = host
        // RBD names a pool, not a path.
        self.path = scheme == "rbd" ? String(rest.drop { $0 == "/" }) : String(rest)
    }
}

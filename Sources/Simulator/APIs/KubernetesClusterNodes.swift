import FoundationEssentials
import Values
import OrderedCollections

/// A Kubernetes cluster's nodes: provisioning them as VMs, their names, the kubeconfig and endpoint.
extension KubernetesClusterAPIs {
    /// The start worker on a new cluster: Starting, the control nodes then the workers, Running.
    static func provision(_ c: Call, _ k: Entity, _ store: Store, now: Date) throws(APIError) {
        set(store, k.id, "Starting")
        let controls = Int(k["controlnodes"] ?? "") ?? 1, size = Int(k["size"] ?? "") ?? 1
        for i in 0..<controls { try addNode(c, k, control: true, index: i, store, now: now) }
        for i in 0..<size { try addNode(c, k, control: false, index: i, store, now: now) }
        setDetail(store, k.id, "kubeConfigData", kubeconfig(k, store))
        set(store, k.id, "Running")
    }

    /// The node name prefix (getKubernetesClusterNodeNamePrefix): the cluster's name when it is a
    /// valid host name label, else `k8s-` and its letters, digits and dashes; at most 40 characters.
    static func namePrefix(_ k: Entity) -> String {
        var prefix = k["name"] ?? ""
        // NetUtils.verifyDomainNameLabel for a host name: 1 to 63 letters, digits and dashes, a letter first.
        let label =
            prefix.utf8.count <= 63 && prefix.first.map { $0.isASCII && $0.isLetter } == true
            && !prefix.hasSuffix("-") && prefix.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        if !label {
            prefix = String(prefix.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
            if prefix.isEmpty { prefix = k.id }
            prefix = "k8s-" + prefix
        }
        return String(prefix.prefix(40))
    }

    /// One node: a VM deployed as deployVirtualMachine deploys one (owner, limits, network, keypair),
    /// started at once, and mapped to the cluster.
    static func addNode(_ c: Call, _ k: Entity, control: Bool, index: Int, _ store: Store, now: Date) throws(APIError) {
        // The suffix is the hex clock in milliseconds; nodes made in the same millisecond step it on.
        let taken = Set(store.vms.live.map(\.name))
        var millis = Int(now.timeIntervalSince1970 * 1000)
        var hostName: String
        repeat {
            hostName = "\(namePrefix(k))-\(control ? "control" : "node")-\(String(millis, radix: 16))"
            millis += 1
        } while taken.contains(hostName)
        var params: [(String, String)] = [
            ("zoneid", k["zoneid"] ?? ""), ("templateid", k["templateid"] ?? ""),
            ("serviceofferingid", k["serviceofferingid"] ?? ""), ("networkids", k["networkid"] ?? ""),
            ("name", hostName), ("displayname", hostName),
        ]
        if let keypair = k["keypair"] { params.append(("keypair", keypair)) }
        if let size = k["noderootdisksize"] { params.append(("rootdisksize", size)) }
        if let project = k["projectid"] {
            params.append(("projectid", project))
        } else if let account = k["account"] {
            params += [("account", account), ("domainid", k["domainid"] ?? "")]
        }
        let deploy = c.with(params: RequestParams(params))
        guard case .job(let spec) = try VirtualMachineAPIs.deploy(deploy), let vmID = spec.immediateID else {
            throw APIError.internalError(
                "Unable to provision the node \(hostName) of Kubernetes cluster : \(k["name"] ?? "")")
        }
        store.insert(
            KubernetesService.nodeNoun,
            ["clusterid": .string(k.id), "vmid": .string(vmID), "control": .bool(control)])
        do { _ = try spec.work(store, now) } catch let e as APIError { throw e } catch {
            throw APIError.internalError("Unable to provision the node \(hostName): \(error)")
        }
    }

    /// Destroying a node expunges its VM (the destroy worker's destroyVm with expunge).
    static func destroyNode(_ vmID: String, _ store: Store) {
        if store.vms[id: vmID].map({ !$0.expunged }) == true { store.expungeVM(vmID) }
        for r in store.table(KubernetesService.nodeNoun).rows where r["vmid"] == vmID {
            store.table(KubernetesService.nodeNoun).remove(r.id)
        }
    }

    /// The kubeconfig the cluster's control node hands out (the admin's, for the API endpoint).
    static func kubeconfig(_ k: Entity, _ store: Store) -> String {
        let name = k["name"] ?? k.id
        let server =
            endpoint(k, store)
            ?? "https://\(store.vms[id: store.kubernetesNodes(k.id).first?.vmID ?? ""]?.ip ?? "127.0.0.1"):6443/"
        return """
            apiVersion: v1
            clusters:
            - cluster:
                certificate-authority-data: \(Data("acsh-simulator-ca-\(k.id)".utf8).base64EncodedString())
                server: \(server)
              name: \(name)
            contexts:
            - context:
                cluster: \(name)
                user: kubernetes-admin
              name: kubernetes-admin@\(name)
            current-context: kubernetes-admin@\(name)
            kind: Config
            preferences: {}
            users:
            - name: kubernetes-admin
              user:
                token: \(k.id)

            """
    }

    /// The API endpoint on the isolated network's source NAT address.
    static func endpoint(_ k: Entity, _ store: Store) -> String? {
        sourceNAT(k, store).flatMap { $0["ipaddress"] }.map { "https://\($0):6443/" }
    }

    static func sourceNAT(_ k: Entity, _ store: Store) -> Entity? {
        guard let n = store.table("network").get(k["networkid"] ?? ""), n["type"] == "Isolated" else { return nil }
        return store.table("publicipaddress").first {
            $0["associatednetworkid"] == n.id && $0["issourcenat"] == "true"
        }
    }
}

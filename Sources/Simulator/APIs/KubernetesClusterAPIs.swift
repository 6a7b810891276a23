import FoundationEssentials
import Values
import OrderedCollections

/// Kubernetes clusters, as KubernetesClusterManagerImpl and its action workers run them. A create
/// checks everything at once (the command's create phase), records the cluster in Created (with an
/// isolated network of its own on `cloud.kubernetes.cluster.network.offering` when none is given)
/// and its job starts it: control nodes then worker nodes, real VMs deployed through
/// deployVirtualMachine's path on the system VM template, named `<cluster>-control-<hex>` and
/// `<cluster>-node-<hex>`; then Running, with a kubeconfig. The other commands do their checks in
/// their jobs (their execute), so a refusal fails the job. Delete expunges the nodes and the network
/// the cluster made, and the cluster is gone.
/// Simplified: no firewall, port-forwarding or load-balancer rules are made on the cluster's
/// network, no capacity planning beyond what each node's deploy checks, no autoscaler, and nodes
/// are ready once their VMs run (no SSH setup, no timeouts).
enum KubernetesClusterAPIs {
    static let noun = KubernetesService.clusterNoun
    static let detailNoun = "kubernetesclusterdetail"
    static let cmdPrefix = "org.apache.cloudstack.api.command.user.kubernetes.cluster."

    static let handlers: [Handler] = [
        Handler("createKubernetesCluster", async: true, create),
        Handler("listKubernetesClusters") { c throws(APIError) in
            try KubernetesService.checkEnabled(c.store)
            guard case .list(_, let items, let total) = try c.listEntities(noun, owned: true) else {
                return .list(noun: noun, items: [], total: 0)
            }
            let rendered = items.compactMap { item -> Value? in
                guard let id = item[field: "id"]?.plainText, let e = c.store.table(noun).get(id) else { return nil }
                return render(e, c.store)
            }
            return .list(noun: noun, items: rendered, total: total)
        },
        Handler("startKubernetesCluster", async: true) { c throws(APIError) in
            let k = try cluster(c)
            return job(c, "StartKubernetesClusterCmd", k, answer: true) { store, now throws(APIError) in
                let k = try live(store, k.id)
                switch k["state"] {
                case "Running", "Starting": return
                case "Stopped", "Alert":
                    set(store, k.id, "Starting")
                    for node in store.kubernetesNodes(k.id) where store.vms[id: node.vmID]?.state == "Stopped" {
                        try store.place(node.vmID)
                        store.vms.update(node.vmID) { $0.state = "Running" }
                    }
                    set(store, k.id, "Running")
                case "Created":
                    try provision(c, k, store, now: now)
                default:
                    // (The server's state machine has no transition here; the words are the simulator's.)
                    throw APIError.internalError(
                        "Failed to start Kubernetes cluster : \(k["name"] ?? "") as it is in \(k["state"] ?? "") state")
                }
            }
        },
        Handler("stopKubernetesCluster", async: true) { c throws(APIError) in
            let k = try cluster(c)
            return job(c, "StopKubernetesClusterCmd", k, answer: false) { store, _ throws(APIError) in
                let k = try live(store, k.id)
                switch k["state"] {
                case "Stopped", "Stopping": return
                case "Running", "Alert":
                    set(store, k.id, "Stopping")
                    for node in store.kubernetesNodes(k.id) where store.vms[id: node.vmID]?.state == "Running" {
                        store.unplace(node.vmID)
                        store.vms.update(node.vmID) { $0.state = "Stopped" }
                    }
                    set(store, k.id, "Stopped")
                default:
                    // (As for start: no transition on the server; the simulator's words.)
                    throw APIError.internalError(
                        "Failed to stop Kubernetes cluster : \(k["name"] ?? "") as it is in \(k["state"] ?? "") state")
                }
            }
        },
        Handler("deleteKubernetesCluster", async: true) { c throws(APIError) in
            let k = try cluster(c)
            return job(c, "DeleteKubernetesClusterCmd", k, answer: false) { store, _ throws(APIError) in
                let k = try live(store, k.id)
                // KubernetesClusterDestroyWorker.validateClusterSate.
                guard ["Running", "Stopped", "Alert", "Error", "Destroying"].contains(k["state"] ?? "") else {
                    throw APIError.permission(
                        "Cannot perform delete operation on cluster : \(k["name"] ?? "") in state: \(k["state"] ?? "")")
                }
                set(store, k.id, "Destroying")
                for node in store.kubernetesNodes(k.id) { destroyNode(node.vmID, store) }
                if detail(store, k.id, "networkCleanup") == "true", let networkID = k["networkid"] {
                    store.removeNetworkDependents(networkID: networkID)
                    store.table("network").remove(networkID)
                }
                for r in store.table(detailNoun).rows where r["clusterid"] == k.id {
                    store.table(detailNoun).remove(r.id)
                }
                set(store, k.id, "Destroyed")
                store.table(noun).remove(k.id)
            }
        },
        Handler("getKubernetesClusterConfig") { c throws(APIError) in
            try KubernetesService.checkEnabled(c.store)
            // Its id is optional in the command; none finds no cluster.
            guard c.optional("id") != nil else { throw APIError.refused("Invalid Kubernetes cluster ID specified") }
            let k = try cluster(c)
            guard let config = detail(c.store, k.id, "kubeConfigData") else {
                throw APIError.internalError(
                    k["state"] == "Starting"
                        ? "Setup is in progress for Kubernetes cluster : \(k["name"] ?? ""), config not available at this moment"
                        : "Config not found for Kubernetes cluster : \(k["name"] ?? "")")
            }
            return .object([
                "clusterconfig": .record([
                    "id": .string(k.id), "name": k.fields["name"] ?? .string(""), "configdata": .string(config),
                ])
            ])
        },
        Handler("scaleKubernetesCluster", async: true, scale),
        Handler("upgradeKubernetesCluster", async: true, upgrade),
    ]

    // MARK: lookups

    /// The cluster `id` names, the caller's to operate (OperateEntry).
    static func cluster(_ c: Call) throws(APIError) -> Entity {
        let id = try c.required("id")
        guard let k = c.store.table(noun).get(id) else { throw CatalogCheck.noEntity("id", id, command: c.command) }
        try c.checkAccess(owner: k, what: "Kubernetes cluster \(k["name"] ?? k.id)")
        return k
    }

    /// The cluster again inside a job (deleted meanwhile: the manager's words).
    static func live(_ store: Store, _ id: String) throws(APIError) -> Entity {
        try KubernetesService.checkEnabled(store)
        guard let k = store.table(noun).get(id) else {
            throw APIError.refused("Failed to find Kubernetes cluster with given ID")
        }
        return k
    }

    static func set(_ store: Store, _ id: String, _ state: String) {
        store.table(noun).update(id) { $0.fields["state"] = .string(state) }
    }

    static func detail(_ store: Store, _ clusterID: String, _ name: String) -> String? {
        store.table(detailNoun).first { $0["clusterid"] == clusterID && $0["name"] == name }?["value"]
    }

    static func setDetail(_ store: Store, _ clusterID: String, _ name: String, _ value: String) {
        if let r = store.table(detailNoun).first(where: { $0["clusterid"] == clusterID && $0["name"] == name }) {
            store.table(detailNoun).update(r.id) { $0.fields["value"] = .string(value) }
        } else {
            store.insert(detailNoun, ["clusterid": .string(clusterID), "name": .string(name), "value": .string(value)])
        }
    }

    /// A cluster job: its work under the store lock, answered with the cluster (start, scale, upgrade)
    /// or success (stop, delete). A failure once the work began moves the cluster on OperationFailed
    /// (`failed`); one in the checks before leaves it as it was.
    static func job(
        _ c: Call, _ cmd: String, _ k: Entity, answer: Bool,
        _ work: @escaping (Store, Date) throws(APIError) -> Void
    ) -> Reply {
        .job(
            JobSpec(
                cmd: cmdPrefix + cmd, instanceType: "KubernetesCluster", instanceID: k.id, immediateID: nil,
                work: { store, now in
                    try work(store, now)
                    guard answer, let done = store.table(noun).get(k.id) else { return ["success": .bool(true)] }
                    return [noun: render(done, store)]
                },
                onFailure: { store in
                    if let state = store.table(noun).get(k.id)?["state"], let next = failed(state) {
                        set(store, k.id, next)
                    }
                }))
    }

    /// KubernetesCluster.State's OperationFailed transitions: provisioning and destroying end in Error,
    /// the other operations of a cluster that runs in Alert.
    static func failed(_ state: String) -> String? {
        switch state {
        case "Starting", "Destroying": "Error"
        case "Stopping", "Scaling", "Upgrading": "Alert"
        default: nil
        }
    }

    // MARK: create

    static func create(_ c: Call) throws(APIError) -> Reply {
        try KubernetesService.checkEnabled(c.store)
        let store = c.store
        let name = try c.required("name")
        if name.isEmpty { throw APIError.refused("Invalid name for the Kubernetes cluster name:\(name)") }
        // Both are Java longs; controlnodes wins over its older name masternodes, and one is the default.
        let control = try c.int("controlnodes", in: Int.min...Int.max)
        let masters = try c.int("masternodes", in: Int.min...Int.max)
        let controlNodes = control ?? masters ?? 1
        let size = try c.int("size", in: Int.min...Int.max) ?? 0
        if controlNodes < 1 || controlNodes > 100 {
            throw APIError.refused("Invalid cluster control nodes count: \(controlNodes)")
        }
        if size < 1 || size > 100 { throw APIError.refused("Invalid cluster size: \(size)") }
        var project: Entity? = nil
        if c.optional("projectid") != nil { project = try ProjectAPIs.project(c, "projectid", admin: false) }
        let owner = if let project { store.projectOwner(project, caller: c.caller) } else { try c.owner() }
        let maxSize = KubernetesService.maxClusterSize(store, accountID: owner.accountID)
        if controlNodes + size > maxSize {
            throw APIError.refused("Maximum cluster size can not exceed \(maxSize). Please contact your administrator")
        }
        let zone = try reference(c, "zoneid", "zone")
        if zone["allocationstate"] == "Disabled" {
            throw APIError.permission("Cannot perform this operation, zone ID: \(zone.id) is currently disabled")
        }
        let offeringName = ConfigurationAPIs.globalValue(KubernetesService.networkOfferingKey, store) ?? ""
        let networkOffering = store.table("networkoffering").first { $0["name"] == offeringName }
        guard systemTemplate(store) != nil, c.optional("networkid") != nil || networkOffering?["state"] == "Enabled"
        else {
            throw APIError.internalError(
                "Kubernetes service has not been configured properly to provision Kubernetes clusters")
        }
        let version = try reference(c, "kubernetesversionid", KubernetesService.versionNoun)
        if version["state"] != "Enabled" {
            throw APIError.refused("Kubernetes version ID: \(version.id) is in \(version["state"] ?? "") state")
        }
        if let z = version["zoneid"], z != zone.id {
            throw APIError.refused("Kubernetes version ID: \(version.id) is not available for zone ID: \(zone.id)")
        }
        let semver = version["semanticversion"] ?? ""
        if controlNodes > 1, try KubernetesService.compare(semver, KubernetesService.minHAVersion) < 0 {
            throw APIError.refused(
                "HA support is available only for Kubernetes version \(KubernetesService.minHAVersion) and above. Given version ID: \(version.id) is \(semver)"
            )
        }
        if !KubernetesService.isoReady(version, zoneID: zone.id, store, now: c.now) {
            throw APIError.refused(
                "ISO associated with version ID: \(version.id) is not in Ready state for datacenter ID: \(zone.id)")
        }
        let offering = try reference(c, "serviceofferingid", "serviceoffering")
        if let keypair = c.optional("keypair"), !keypair.isEmpty {
            let exists = store.table(KeyPairAPIs.noun).rows.contains { kp in
                guard kp["name"] == keypair else { return false }
                if let project { return kp["projectid"] == project.id }
                return kp["account"] == owner.account && kp["domainid"] == owner.domainID
            }
            if !exists {
                throw APIError.refused(
                    "Given SSH key pair with name: \(keypair) was not found for the account \(owner.account)")
            }
        }
        if let rootSize = try c.int("noderootdisksize", in: Int.min...Int.max), rootSize <= 0 {
            throw APIError.refused("Invalid value for noderootdisksize")
        }
        try checkOffering(offering, version)
        let registry = ["dockerregistryusername", "dockerregistrypassword", "dockerregistryurl"]
        if registry.contains(where: { !(c.optional($0) ?? "").isEmpty }) {
            if ConfigurationAPIs.globalValue(KubernetesService.experimentalKey, store) != "true" {
                throw APIError.internalError(
                    "Private registry for the Kubernetes cluster is an experimental feature. Use \(KubernetesService.experimentalKey) configuration for enabling experimental features"
                )
            }
            // Simplified: the simulator keeps no private registry for the nodes; it says so rather than drop them.
            throw APIError.internalError("The acsh simulator does not model a Kubernetes cluster's private registry")
        }
        if c.optional("externalloadbalanceripaddress") != nil {
            throw APIError.internalError(
                "The acsh simulator does not model externalloadbalanceripaddress (clusters on shared networks)")
        }
        let network: Entity
        if c.optional("networkid") != nil {
            network = try reference(c, "networkid", "network")
            if network["type"] == "Isolated" {
                if store.table(noun).rows.contains(where: { $0["networkid"] == network.id }) {
                    throw APIError.refused(
                        "Network ID: \(network.id) is already under use by another Kubernetes cluster")
                }
                try c.checkAccess(owner: network, what: "network \(network["name"] ?? network.id)")
            } else if network["type"] == "Shared", controlNodes > 1 {
                throw APIError.refused(
                    "Multi-control nodes, HA Kubernetes cluster with Shared network ID: \(network.id) needs an external load balancer IP address. externalloadbalanceripaddress parameter can be used"
                )
            }
        } else {
            // getKubernetesClusterNetworkIfMissing: an isolated network of the cluster's own.
            network = store.insertNetwork(
                name: "\(name)-network", zone: zone, offering: networkOffering!, type: "Isolated",
                cidr: store.defaultGuestCIDR(zone: zone), owner: owner, c.created,
                displayText: "\(owner.account)-network")
            if let project {
                store.table("network").update(network.id) { n in
                    n.fields["account"] = nil
                    n.fields["projectid"] = .string(project.id)
                    n.fields["project"] = project.fields["name"]
                }
            }
        }
        let cpu = Int(offering["cpunumber"] ?? "") ?? 0, ram = Int(offering["memory"] ?? "") ?? 0
        var f: Record = [
            "name": .string(name), "description": .string(c.optional("description") ?? ""),
            "zoneid": .string(zone.id), "zonename": zone.fields["name"] ?? .string(""),
            "kubernetesversionid": .string(version.id), "kubernetesversionname": version.fields["name"] ?? .string(""),
            "serviceofferingid": .string(offering.id), "serviceofferingname": offering.fields["name"] ?? .string(""),
            "templateid": .string(systemTemplate(store)!.id), "networkid": .string(network.id),
            "associatednetworkname": network.fields["name"] ?? .string(""),
            "controlnodes": .int(controlNodes), "masternodes": .int(controlNodes), "size": .int(size),
            "cpunumber": .string(String(cpu * (controlNodes + size))),
            "memory": .string(String(ram * (controlNodes + size))),
            "state": .string("Created"), "autoscalingenabled": .bool(false), "created": .string(c.created),
            "domainid": .string(owner.domainID), "domain": .string(owner.domain),
        ]
        if let project {
            f["projectid"] = .string(project.id)
            f["project"] = project.fields["name"]
        } else {
            f["account"] = .string(owner.account)
        }
        if let keypair = c.optional("keypair"), !keypair.isEmpty { f["keypair"] = .string(keypair) }
        if let rootSize = c.optional("noderootdisksize") { f["noderootdisksize"] = .string(rootSize) }
        let k = store.insert(noun, f)
        setDetail(store, k.id, "networkCleanup", String(c.optional("networkid") == nil))
        return .job(
            JobSpec(
                cmd: cmdPrefix + "CreateKubernetesClusterCmd", instanceType: "KubernetesCluster", instanceID: k.id,
                immediateID: k.id,
                work: { store, now in
                    try provision(c, try live(store, k.id), store, now: now)
                    return [noun: render(store.table(noun).get(k.id)!, store)]
                },
                onFailure: { store in
                    if let state = store.table(noun).get(k.id)?["state"] { set(store, k.id, failed(state) ?? "Error") }
                }))
    }

    /// A uuid parameter naming an entity of `table`, or the dispatcher's refusal.
    static func reference(_ c: Call, _ param: String, _ table: String) throws(APIError) -> Entity {
        let id = try c.required(param)
        guard let e = c.store.table(table).get(id) else { throw CatalogCheck.noEntity(param, id, command: c.command) }
        return e
    }

    /// The template the nodes run: the system VM template (4.18's CKS nodes use it).
    static func systemTemplate(_ store: Store) -> Entity? {
        store.table("template").first { $0["templatetype"] == "SYSTEM" }
    }

    /// validateServiceOffering: fixed, at least the service's and the version's minimums.
    static func checkOffering(_ offering: Entity, _ version: Entity) throws(APIError) {
        let cpu = Int(offering["cpunumber"] ?? "") ?? 0, ram = Int(offering["memory"] ?? "") ?? 0
        if offering["iscustomized"] == "true" || offering["cpunumber"] == nil {
            throw APIError.refused(
                "Custom service offerings are not supported for creating clusters, service offering ID: \(offering.id)")
        }
        if cpu < KubernetesService.minNodeCPU || ram < KubernetesService.minNodeRAM {
            throw APIError.refused(
                "Kubernetes cluster cannot be created with service offering ID: \(offering.id), Kubernetes cluster template(CoreOS) needs minimum \(KubernetesService.minNodeCPU) vCPUs and \(KubernetesService.minNodeRAM) MB RAM"
            )
        }
        let minCPU = Int(version["mincpunumber"] ?? "") ?? 0, minRAM = Int(version["minmemory"] ?? "") ?? 0
        if cpu < minCPU {
            throw APIError.refused(
                "Kubernetes cluster cannot be created with service offering ID: \(offering.id), Kubernetes version ID: \(version.id) needs minimum \(minCPU) vCPUs"
            )
        }
        if ram < minRAM {
            throw APIError.refused(
                "Kubernetes cluster cannot be created with service offering ID: \(offering.id), associated Kubernetes version ID: \(version.id) needs minimum \(minRAM) MB RAM"
            )
        }
    }

    // MARK: nodes

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

    // MARK: answers

    /// createKubernetesClusterResponse: the record, its network's source NAT address and endpoint,
    /// and its nodes as VM answers.
    static func render(_ k: Entity, _ store: Store) -> Value {
        var f = k.fields
        f["noderootdisksize"] = nil
        if let ip = sourceNAT(k, store) {
            f["ipaddress"] = ip.fields["ipaddress"]
            f["ipaddressid"] = .string(ip.id)
        }
        if let e = endpoint(k, store), detail(store, k.id, "kubeConfigData") != nil { f["endpoint"] = .string(e) }
        if let n = store.table("network").get(k["networkid"] ?? "") { f["associatednetworkname"] = n.fields["name"] }
        f["virtualmachines"] = .list(
            store.kubernetesNodes(k.id).compactMap { node in
                store.vms[id: node.vmID].flatMap { $0.expunged ? nil : store.render($0) }
            })
        return .record(f)
    }

    // MARK: scale and upgrade

    /// scaleKubernetesCluster: a new offering for every node and/or a new worker count; checks in the job
    /// (validateKubernetesClusterScaleParameters), then Scaling, the nodes, and back.
    static func scale(_ c: Call) throws(APIError) -> Reply {
        let k = try cluster(c)
        if try c.bool("autoscalingenabled") || c.optional("nodeids") != nil {
            // Simplified: never silent about what is not modelled.
            throw APIError.internalError(
                "The acsh simulator does not model the cluster autoscaler or removing chosen nodes (autoscalingenabled, nodeids)"
            )
        }
        let newSize = try c.int("size", in: Int.min...Int.max)
        var offering: Entity? = nil
        if c.optional("serviceofferingid") != nil {
            offering = try reference(c, "serviceofferingid", "serviceoffering")
        }
        let name = k["name"] ?? ""
        return job(c, "ScaleKubernetesClusterCmd", k, answer: true) { store, now throws(APIError) in
            let k = try live(store, k.id)
            let state = k["state"] ?? ""
            if offering == nil && newSize == nil {
                throw APIError.refused(
                    "Kubernetes cluster : \(name) cannot be scaled, either a new service offering or a new cluster size must be passed"
                )
            }
            guard let version = store.table(KubernetesService.versionNoun).get(k["kubernetesversionid"] ?? "") else {
                throw APIError.internalError("Invalid Kubernetes version associated with Kubernetes cluster : \(name)")
            }
            if let offering {
                try checkScaleOffering(offering, version, k, store)
            }
            guard ["Created", "Running", "Stopped"].contains(state) else {
                throw APIError.permission("Kubernetes cluster : \(name) is in \(state) state")
            }
            if let newSize {
                if state == "Stopped" { throw APIError.permission("Kubernetes cluster : \(name) is in \(state) state") }
                if newSize < 1 {
                    throw APIError.refused("Kubernetes cluster : \(name) cannot be scaled for size, \(newSize)")
                }
                let ownerAccount =
                    k["projectid"]
                    ?? store.table("account").first { $0["name"] == k["account"] && $0["domainid"] == k["domainid"] }?
                    .id
                let maxSize = KubernetesService.maxClusterSize(store, accountID: ownerAccount ?? "")
                if newSize + (Int(k["controlnodes"] ?? "") ?? 1) > maxSize {
                    throw APIError.refused(
                        "Maximum cluster size can not exceed \(maxSize). Please contact your administrator")
                }
            }
            set(store, k.id, "Scaling")
            if let offering {
                let nodes = store.kubernetesNodes(k.id).map(\.vmID)
                for id in nodes { store.vms.update(id) { $0.offeringID = offering.id } }
                let total = (Int(k["controlnodes"] ?? "") ?? 1) + (newSize ?? Int(k["size"] ?? "") ?? 0)
                store.table(noun).update(k.id) { e in
                    e.fields["serviceofferingid"] = .string(offering.id)
                    e.fields["serviceofferingname"] = offering.fields["name"]
                    e.fields["cpunumber"] = .string(String((Int(offering["cpunumber"] ?? "") ?? 0) * total))
                    e.fields["memory"] = .string(String((Int(offering["memory"] ?? "") ?? 0) * total))
                }
            }
            if let newSize {
                let current = store.table(noun).get(k.id)!
                let workers = store.kubernetesNodes(k.id).filter { !$0.control }.map(\.vmID)
                if newSize > workers.count {
                    for i in workers.count..<newSize {
                        try addNode(c, current, control: false, index: i, store, now: now)
                    }
                } else {
                    // The scale worker removes the newest workers first.
                    for id in workers.suffix(workers.count - newSize).reversed() { destroyNode(id, store) }
                }
                let total = (Int(current["controlnodes"] ?? "") ?? 1) + newSize
                let off = store.table("serviceoffering").get(current["serviceofferingid"] ?? "")
                store.table(noun).update(k.id) { e in
                    e.fields["size"] = .int(newSize)
                    e.fields["cpunumber"] = .string(String((Int(off?["cpunumber"] ?? "") ?? 0) * total))
                    e.fields["memory"] = .string(String((Int(off?["memory"] ?? "") ?? 0) * total))
                }
            }
            set(store, k.id, state)
        }
    }

    static func checkScaleOffering(_ offering: Entity, _ version: Entity, _ k: Entity, _ store: Store) throws(APIError)
    {
        let name = k["name"] ?? "", oname = offering["name"] ?? ""
        let cpu = Int(offering["cpunumber"] ?? "") ?? 0, ram = Int(offering["memory"] ?? "") ?? 0
        if offering["iscustomized"] == "true" || offering["cpunumber"] == nil {
            throw APIError.refused(
                "Custom service offerings are not supported for Kubernetes clusters. Kubernetes cluster : \(name), service offering : \(oname)"
            )
        }
        if cpu < KubernetesService.minNodeCPU || ram < KubernetesService.minNodeRAM {
            throw APIError.refused(
                "Kubernetes cluster : \(name) cannot be scaled with service offering : \(oname), Kubernetes cluster template(CoreOS) needs minimum \(KubernetesService.minNodeCPU) vCPUs and \(KubernetesService.minNodeRAM) MB RAM"
            )
        }
        let vname = version["name"] ?? ""
        let minCPU = Int(version["mincpunumber"] ?? "") ?? 0, minRAM = Int(version["minmemory"] ?? "") ?? 0
        if cpu < minCPU {
            throw APIError.refused(
                "Kubernetes cluster : \(name) cannot be scaled with service offering : \(oname), associated Kubernetes version : \(vname) needs minimum \(minCPU) vCPUs"
            )
        }
        if ram < minRAM {
            throw APIError.refused(
                "Kubernetes cluster : \(name) cannot be scaled with service offering : \(oname), associated Kubernetes version : \(vname) needs minimum \(minRAM) MB RAM"
            )
        }
        if let existing = store.table("serviceoffering").get(k["serviceofferingid"] ?? "") {
            let speed = { (o: Entity) in (Int(o["cpunumber"] ?? "") ?? 0) * (Int(o["cpuspeed"] ?? "") ?? 0) }
            if ram < Int(existing["memory"] ?? "") ?? 0 || speed(offering) < speed(existing) {
                throw APIError.internalError(
                    "Kubernetes cluster cannot be scaled down for service offering. Service offering : \(oname) offers lesser resources as compared to service offering : \(existing["name"] ?? "") of Kubernetes cluster : \(name)"
                )
            }
        }
    }

    /// upgradeKubernetesCluster: a Running cluster to an enabled version one minor release on at most
    /// (validateKubernetesClusterUpgradeParameters, in the job), Upgrading, then Running on it.
    static func upgrade(_ c: Call) throws(APIError) -> Reply {
        let k = try cluster(c)
        let versionID = try c.required("kubernetesversionid")
        return job(c, "UpgradeKubernetesClusterCmd", k, answer: true) { store, now throws(APIError) in
            let k = try live(store, k.id)
            let name = k["name"] ?? ""
            guard k["state"] == "Running" else {
                throw APIError.refused("Kubernetes cluster : \(name) is not in running state")
            }
            guard let target = store.table(KubernetesService.versionNoun).get(versionID) else {
                throw APIError.refused("Invalid Kubernetes version ID")
            }
            if target["state"] != "Enabled" {
                throw APIError.refused(
                    "Kubernetes version ID: \(target.id) for upgrade is in \(target["state"] ?? "") state")
            }
            guard let current = store.table(KubernetesService.versionNoun).get(k["kubernetesversionid"] ?? "") else {
                throw APIError.refused("Invalid Kubernetes version associated with cluster ID: \(k.id)")
            }
            let offering = store.table("serviceoffering").get(k["serviceofferingid"] ?? "")
            let cpu = Int(offering?["cpunumber"] ?? "") ?? 0, ram = Int(offering?["memory"] ?? "") ?? 0
            let tname = target["name"] ?? "", oname = offering?["name"] ?? ""
            let minCPU = Int(target["mincpunumber"] ?? "") ?? 0, minRAM = Int(target["minmemory"] ?? "") ?? 0
            if cpu < minCPU {
                throw APIError.refused(
                    "Kubernetes cluster : \(name) cannot be upgraded with Kubernetes version : \(tname) which needs minimum \(minCPU) vCPUs while associated service offering : \(oname) offers only \(cpu) vCPUs"
                )
            }
            if ram < minRAM {
                throw APIError.refused(
                    "Kubernetes cluster : \(name) cannot be upgraded with Kubernetes version : \(tname) which needs minimum \(minRAM) MB RAM while associated service offering : \(oname) offers only \(ram) MB RAM"
                )
            }
            try checkUpgrade(from: current["semanticversion"] ?? "", to: target["semanticversion"] ?? "")
            if !KubernetesService.isoReady(target, zoneID: k["zoneid"] ?? "", store, now: now) {
                let zone = store.name(ofID: k["zoneid"] ?? "") ?? ""
                throw APIError.refused(
                    "ISO associated with version : \(tname) is not in Ready state for datacenter : \(zone)")
            }
            set(store, k.id, "Upgrading")
            store.table(noun).update(k.id) { e in
                e.fields["kubernetesversionid"] = .string(target.id)
                e.fields["kubernetesversionname"] = target.fields["name"]
            }
            set(store, k.id, "Running")
        }
    }

    /// canUpgradeKubernetesVersion: never down, and at most to the next minor release.
    static func checkUpgrade(from current: String, to next: String) throws(APIError) {
        if try KubernetesService.compare(next, current) < 0 {
            throw APIError.refused(
                "Kubernetes clusters can not be downgraded, current version: \(current), upgrade version: \(next)")
        }
        let a = current.split(separator: ".").map { Int($0) ?? 0 }, b = next.split(separator: ".").map { Int($0) ?? 0 }
        if b[0] != a[0] || b[1] - a[1] > 1 {
            throw APIError.refused(
                "Kubernetes clusters can be upgraded between next minor or patch version releases, current version: \(current), upgrade version: \(next)"
            )
        }
    }
}

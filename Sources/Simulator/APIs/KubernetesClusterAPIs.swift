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
                    try moveNodes(store, k, via: "Starting", to: "Running")
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
                    try moveNodes(store, k, via: "Stopping", to: "Stopped")
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
        let (minCPU, minRAM) = KubernetesService.minimums(version)
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

    /// Starts (`to: "Running"`) or stops (`to: "Stopped"`) the cluster's nodes that are in the other state,
    /// taking or freeing their hosts, with the cluster `via` meanwhile and `to` after.
    static func moveNodes(_ store: Store, _ k: Entity, via: String, to: String) throws(APIError) {
        let starting = to == "Running"
        set(store, k.id, via)
        for node in store.kubernetesNodes(k.id)
        where store.vms[id: node.vmID]?.state == (starting ? "Stopped" : "Running") {
            if starting { try store.place(node.vmID) } else { store.unplace(node.vmID) }
            store.vms.update(node.vmID) { $0.state = to }
        }
        set(store, k.id, to)
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
}

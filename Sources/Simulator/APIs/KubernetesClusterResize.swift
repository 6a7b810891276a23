import FoundationEssentials
import Values
import OrderedCollections

/// scaleKubernetesCluster and upgradeKubernetesCluster, with their checks.
extension KubernetesClusterAPIs {
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
        let (minCPU, minRAM) = KubernetesService.minimums(version)
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
            let (minCPU, minRAM) = KubernetesService.minimums(target)
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

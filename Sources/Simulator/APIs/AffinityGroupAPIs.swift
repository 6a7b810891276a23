import Values
import OrderedCollections

/// Affinity groups: host affinity and anti-affinity for VMs.
enum AffinityGroupAPIs {
    static let handlers: [Handler] = [
        Handler("listAffinityGroupTypes") { c throws(APIError) in
            .list(
                noun: "affinityGroupType",
                items: ["host anti-affinity", "host affinity"].map { .record(["type": .string($0)]) },
                total: 2)
        },
        Handler("listAffinityGroups") { c throws(APIError) in
            try c.listEntities("affinitygroup", owned: true) { g in
                guard let vm = c.optional("virtualmachineid") else { return true }
                return c.store.vms[id: vm]?.affinityGroupIDs.contains(g.id) ?? false
            }
        },
        Handler("createAffinityGroup", async: true) { c throws(APIError) in
            let name = try c.required("name")
            let type = try c.required("type")
            guard ["host anti-affinity", "host affinity"].contains(type) else {
                throw APIError.invalid(
                    "type", "'\(type)' is not an affinity group type; use host anti-affinity or host affinity")
            }
            var f: Record = [
                "name": .string(name), "description": .string(c.optional("description") ?? ""), "type": .string(type),
            ]
            f.merge(try c.ownerFields(), uniquingKeysWith: { $1 })
            f["virtualmachineIds"] = .list([])
            let id = c.store.newID()
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.user.affinitygroup.CreateAffinityGroupCmd",
                    instanceType: "AffinityGroup", instanceID: id, immediateID: id
                ) { store, _ in
                    ["affinitygroup": .record(store.insert("affinitygroup", f, id: id).fields)]
                })
        },
        Handler("deleteAffinityGroup", async: true) { c throws(APIError) in
            let g: Entity
            if let id = c.optional("id") {
                guard let e = c.store.table("affinitygroup").get(id) else {
                    throw APIError.notFound("affinity group", id: id, param: "id")
                }
                g = e
            } else {
                // DeleteAffinityGroupCmd.getId looks the name up among its entity owner's groups.
                let name = try c.required("name")
                let owner = try c.namedOwner()
                guard let e = c.store.table("affinitygroup").first(where: { $0["name"] == name && owner.owns($0) })
                else {
                    throw APIError.refused(
                        "Unable to find affinity group by name \(name) for the account id=\(owner.seq)")
                }
                g = e
            }
            try c.checkAccess(account: g["account"], domainID: g["domainid"], what: "affinity group \(g.id)")
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.user.affinitygroup.DeleteAffinityGroupCmd",
                    instanceType: "AffinityGroup", instanceID: g.id, immediateID: nil
                ) { store, _ in
                    // The server drops the group's VM mappings with it (AffinityGroupServiceImpl), in use or not.
                    for vm in store.vms.live where vm.affinityGroupIDs.contains(g.id) {
                        store.vms.update(vm.id) { $0.affinityGroupIDs.removeAll { $0 == g.id } }
                    }
                    store.table("affinitygroup").remove(g.id)
                    return ["success": .bool(true)]
                })
        },
    ]
}

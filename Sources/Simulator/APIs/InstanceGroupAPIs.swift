import Values

/// Instance groups: create and list are the generic engine's; a VM joins one by name
/// (deployVirtualMachine/updateVirtualMachine `group`, which makes the group when the
/// account has none of that name), so renaming and deleting a group act on its VMs too.
enum InstanceGroupAPIs {
    static let handlers: [Handler] = [
        Handler("updateInstanceGroup") { c throws(APIError) in
            let g = try group(c)
            if let name = c.optional("name"), name != g["name"] {
                if c.store.instanceGroup(named: name, account: g["account"] ?? "", domainID: g["domainid"] ?? "") != nil {
                    throw APIError.refused("Unable to update instance group, a group with name \(name) already exists")
                }
                rename(g, to: name, c.store)
            }
            return .object(["instancegroup": .record(c.store.table("instancegroup").get(g.id)!.fields)])
        },
        Handler("deleteInstanceGroup") { c throws(APIError) in
            let g = try group(c)
            rename(g, to: nil, c.store)
            c.store.table("instancegroup").remove(g.id)
            return .object(["success": .bool(true)])
        },
    ]

    static func group(_ c: Call) throws(APIError) -> Entity {
        let id = try c.required("id")
        guard let g = c.store.table("instancegroup").get(id) else { throw CatalogCheck.noEntity("id", id, command: c.command) }
        try c.checkAccess(account: g["account"], domainID: g["domainid"], what: "instance group \(g["name"] ?? g.id)")
        return g
    }

    /// The group's VMs follow it to its new name, or leave it (nil).
    static func rename(_ g: Entity, to name: String?, _ store: Store) {
        let members = store.vms.live.filter { $0.group == g["name"] && $0.account == g["account"] && $0.domainID == g["domainid"] }
        for vm in members { store.vms.update(vm.id) { $0.group = name } }
        if let name { store.table("instancegroup").update(g.id) { $0.fields["name"] = .string(name) } }
    }
}

extension Store {
    func instanceGroup(named name: String, account: String, domainID: String) -> Entity? {
        table("instancegroup").first { $0["name"] == name && $0["account"] == account && $0["domainid"] == domainID }
    }

    /// The account's group of this name, made when missing (as deploy with `group` does).
    func ensureInstanceGroup(_ name: String, account: String, domainID: String, domain: String, created: String) {
        guard instanceGroup(named: name, account: account, domainID: domainID) == nil else { return }
        insert("instancegroup", ["name": .string(name), "account": .string(account), "domainid": .string(domainID),
                                 "domain": .string(domain), "created": .string(created), "hasannotations": .bool(false)])
    }
}

import Values
import OrderedCollections

/// Registered user data (4.18): named, base64 cloud-init text an account keeps, links to templates and
/// ISOs, and gives to VMs (deployVirtualMachine / updateVirtualMachine / resetUserDataForVirtualMachine
/// userdataid=...); getVirtualMachineUserData reads a VM's back.
enum UserDataAPIs {
    static let noun = "userdata"

    static let handlers: [Handler] = [
        Handler("registerUserData") { c throws(APIError) in
            let name = try c.required("name"), text = try c.required("userdata")
            try VirtualMachineAPIs.validateUserData(text)
            var project: Entity? = nil, owner: Caller? = nil
            if let id = c.optional("projectid") { project = try Self.project(c, id) } else { owner = try c.owner() }
            let mine = { (e: Entity) in
                project.map { e["projectid"] == $0.id }
                    ?? (e["account"] == owner?.account && e["domainid"] == owner?.domainID)
            }
            if c.store.table(noun).first(where: { mine($0) && $0["name"] == name }) != nil {
                throw APIError.refused("A userdata with name \(name) already exists for this account.")
            }
            if let same = c.store.table(noun).first(where: { mine($0) && $0["userdata"] == text }) {
                throw APIError.refused(
                    "Userdata \(same["name"] ?? "") with same content already exists for this account.")
            }
            var f: Record = ["name": .string(name)]
            if let project {
                f.merge(Store.projectOwnerFields(project), uniquingKeysWith: { $1 })
            } else if let owner {
                f.merge(
                    [
                        "accountid": .string(owner.accountID), "account": .string(owner.account),
                        "domainid": .string(owner.domainID),
                        "domain": .string(owner.domain),
                    ], uniquingKeysWith: { $1 })
            }
            f["userdata"] = .string(text)
            if let params = c.optional("params") { f["params"] = .string(params) }
            f["hasannotations"] = .bool(false)
            let e = c.store.insert(noun, f)
            return .object(["userdata": .record(e.fields)])
        },
        Handler("listUserData") { c throws(APIError) in
            try c.listEntities(noun, owned: true)
        },
        Handler("deleteUserData") { c throws(APIError) in
            let e = try find(c, try c.required("id"), param: "id")
            let name = e["name"] ?? e.id
            let linked = ["template", "iso"].contains { c.store.tables[$0]?.first { $0["userdataid"] == e.id } != nil }
            if linked {
                throw APIError.unhandled(
                    "Userdata \(name) cannot be removed as it is linked to active template/templates")
            }
            if c.store.vms.live.contains(where: { $0.userDataID == e.id && !$0.expunged }) {
                throw APIError.unhandled("Userdata \(name) cannot be removed as it is being used by some VMs")
            }
            c.store.table(noun).remove(e.id)
            return .object(["success": .bool(true)])
        },
        Handler("linkUserDataToTemplate") { c throws(APIError) in
            let (noun, param) = try templateParam(c)
            let id = c.optional(param)!
            guard let t = c.store.table(noun).get(id) else {
                throw CatalogCheck.noEntity(param, id, command: c.command)
            }
            if t["account"] != nil {
                try c.checkAccess(account: t["account"], domainID: t["domainid"], what: t["name"] ?? id)
            }
            let policy = (c.optional("userdatapolicy") ?? "ALLOWOVERRIDE").uppercased()
            guard ["ALLOWOVERRIDE", "APPEND", "DENYOVERRIDE"].contains(policy) else {
                throw APIError.invalid("userdatapolicy", "'\(policy)' is not ALLOWOVERRIDE, APPEND or DENYOVERRIDE")
            }
            // No userdataid: the link is removed.
            var ud: Entity? = nil
            if let id = c.optional("userdataid") { ud = try find(c, id, param: "userdataid") }
            c.store.table(noun).update(id) { r in
                for k in ["userdataid", "userdataname", "userdataparams", "userdatapolicy"] { r.fields[k] = nil }
                if let ud {
                    r.fields["userdataid"] = .string(ud.id)
                    r.fields["userdataname"] = ud.fields["name"]
                    if let p = ud.fields["params"] { r.fields["userdataparams"] = p }
                    r.fields["userdatapolicy"] = .string(policy)
                }
            }
            return .object(["template": .record(c.store.table(noun).get(id)!.fields)])
        },
        // A stopped VM's user data replaced (by userdataid, or userdata given as text).
        Handler("resetUserDataForVirtualMachine") { c throws(APIError) in
            let id = try c.required("id")
            guard let vm = c.store.vms[id: id], !vm.expunged else {
                throw CatalogCheck.noEntity("id", id, command: c.command)
            }
            try c.checkAccess(accountID: vm.accountID, domainID: vm.domainID, what: "VM \(vm.name)")
            guard vm.state == "Stopped" else {
                throw APIError.refused("Vm \(vm.name) should be stopped to do UserData reset (it is \(vm.state))")
            }
            let userData = try resolve(c, template: c.store.table("template").get(vm.templateID))
            c.store.vms.update(vm.id) {
                $0.userdata = userData.text; $0.userDataID = userData.id
            }
            return .object(["virtualmachine": c.store.render(c.store.vms[id: vm.id]!)])
        },
        Handler("getVirtualMachineUserData") { c throws(APIError) in
            let id = try c.required("virtualmachineid")
            guard let vm = c.store.vms[id: id], !vm.expunged else {
                throw CatalogCheck.noEntity("virtualmachineid", id, command: c.command)
            }
            try c.checkAccess(accountID: vm.accountID, domainID: vm.domainID, what: "VM \(vm.name)")
            var r: Record = ["virtualmachineid": .string(vm.id)]
            if let ud = vm.userdata { r["userdata"] = .string(ud) }
            return .object(["virtualmachineuserdata": .record(r)])
        },
    ]

    static func project(_ c: Call, _ id: String) throws(APIError) -> Entity {
        guard let p = c.store.table("project").get(id) else {
            throw CatalogCheck.noEntity("projectid", id, command: c.command)
        }
        try Generic.checkOwner(c, p)
        return p
    }

    /// A registered user data the caller may use.
    static func find(_ c: Call, _ id: String, param: String) throws(APIError) -> Entity {
        guard let e = c.store.table(noun).get(id) else { throw CatalogCheck.noEntity(param, id, command: c.command) }
        if let pid = e["projectid"], let p = c.store.table("project").get(pid) {
            try Generic.checkOwner(c, p)
        } else {
            try c.checkAccess(account: e["account"], domainID: e["domainid"], what: "userdata \(e["name"] ?? id)")
        }
        return e
    }

    /// templateid or isoid, exactly one.
    static func templateParam(_ c: Call) throws(APIError) -> (String, String) {
        switch (c.optional("templateid"), c.optional("isoid")) {
        case (.some, .some): throw APIError.refused("Both template ID and ISO ID are passed, API accepts only one")
        case (nil, nil): throw APIError.refused("Either template ID or ISO ID must be passed")
        case (.some, nil): return ("template", "templateid")
        case (nil, .some): return ("iso", "isoid")
        }
    }

    /// What a VM gets from `userdataid` (and the template's linked user data, by its policy) or `userdata`.
    /// Returns the base64 text and the registered user data's id, if any.
    static func resolve(_ c: Call, template: Entity?) throws(APIError) -> (text: String?, id: String?) {
        var given: Entity? = nil
        if let id = c.optional("userdataid") { given = try find(c, id, param: "userdataid") }
        if let text = c.optional("userdata") { try VirtualMachineAPIs.validateUserData(text) }
        if let linked = template?["userdataid"], template?["userdatapolicy"] == "DENYOVERRIDE",
            given != nil || c.optional("userdata") != nil
        {
            throw APIError.refused(
                "User data is not allowed to be passed while deploying the VM, as the template's user data "
                    + "\(linked) has the policy DENYOVERRIDE")
        }
        if let given { return (given["userdata"], given.id) }
        if let text = c.optional("userdata") { return (text, nil) }
        if let linked = template?["userdataid"], let ud = c.store.table(noun).get(linked) {
            return (ud["userdata"], ud.id)
        }
        return (nil, nil)
    }
}

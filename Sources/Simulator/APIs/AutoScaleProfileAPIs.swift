import Values
import OrderedCollections

/// Autoscale VM profiles: what a group's VMs are deployed from (zone, template, offering, the deploy
/// parameters the server passes on, user data), checked as AutoScaleManagerImpl.checkValidityAndPersist
/// does; what the VMs are made of changes only while every group using the profile is disabled.
enum AutoScaleProfileAPIs {
    /// The otherdeployparams keys the server passes on to the deploy.
    static let deployParams = [
        "rootdisksize", "diskofferingid", "disksize", "securitygroupids", "overridediskofferingid", "keypairs",
        "affinitygroupids", "networkids",
    ]
    /// NetUtils.DEFAULT_AUTOSCALE_EXPUNGE_VM_GRACE_PERIOD, in seconds.
    static let defaultGracePeriod = 120
    /// The parameters whose change reaches the VMs (updateAutoScaleVmProfile's physicalParameterUpdate).
    static let physical = [
        "templateid", "autoscaleuserid", "counterparam", "otherdeployparams", "expungevmgraceperiod", "userdata",
    ]

    static let handlers: [Handler] = [
        Handler("createAutoScaleVmProfile", async: true) { c throws(APIError) in
            var f: Record = [:]
            if c.optional("projectid") != nil {
                f = Store.projectOwnerFields(try ProjectAPIs.project(c, "projectid", admin: false))
            } else {
                f = try c.ownerFields()
            }
            let zone = try AutoScalePolicyAPIs.known(c, "zoneid", "zone")
            f["zoneid"] = .string(zone.id)
            try changes(c, into: &f)
            if f["templateid"] == nil { throw APIError.missing("templateid", command: c.command) }
            if f["serviceofferingid"] == nil { throw APIError.missing("serviceofferingid", command: c.command) }
            if f["expungevmgraceperiod"] == nil { f["expungevmgraceperiod"] = .int(defaultGracePeriod) }
            if f["otherdeployparams"] == nil { f["otherdeployparams"] = .record([:]) }
            f["fordisplay"] = .bool(try c.bool("fordisplay", default: true))
            let id = c.store.newID()
            let fields = f
            return .job(
                JobSpec(
                    cmd: AutoScalePolicyAPIs.cmdPrefix + "CreateAutoScaleVmProfileCmd",
                    instanceType: "AutoScaleVmProfile", instanceID: id, immediateID: id
                ) { store, _ in
                    ["autoscalevmprofile": store.renderProfile(store.insert(Store.profileNoun, fields, id: id))]
                })
        },
        Handler("updateAutoScaleVmProfile", async: true) { c throws(APIError) in
            let profile = try AutoScalePolicyAPIs.own(c, Store.profileNoun)
            try VMOwnershipAPIs.refuseCustomID(c)
            let touchesVMs = physical.contains { c.optional($0) != nil || !c.params.map($0).isEmpty }
            let running = c.store.table(Store.groupNoun).rows.contains {
                $0["vmprofileid"] == profile.id && $0["state"] != "Disabled"
            }
            if touchesVMs, running {
                throw APIError.refused(
                    "The AutoScale Vm Profile can be updated only if the Vm Group it is associated with is disabled in state"
                )
            }
            var f = profile.fields
            try changes(c, into: &f)
            if c.optional("fordisplay") != nil { f["fordisplay"] = .bool(try c.bool("fordisplay")) }
            let fields = f
            return .job(
                JobSpec(
                    cmd: AutoScalePolicyAPIs.cmdPrefix + "UpdateAutoScaleVmProfileCmd",
                    instanceType: "AutoScaleVmProfile", instanceID: profile.id, immediateID: nil
                ) { store, _ in
                    store.table(Store.profileNoun).update(profile.id) { $0.fields = fields }
                    return [
                        "autoscalevmprofile": store.renderProfile(try store.jobEntity(Store.profileNoun, profile.id))
                    ]
                })
        },
        Handler("deleteAutoScaleVmProfile", async: true) { c throws(APIError) in
            let profile = try AutoScalePolicyAPIs.own(c, Store.profileNoun)
            if c.store.table(Store.groupNoun).first(where: { $0["vmprofileid"] == profile.id }) != nil {
                throw APIError.refused("Cannot delete AutoScale Vm Profile when it is in use by one more vm groups")
            }
            return AutoScaleCounterAPIs.removal(
                Store.profileNoun, profile.id, "user.autoscale.DeleteAutoScaleVmProfileCmd", "AutoScaleVmProfile")
        },
        // templateid, serviceofferingid, zoneid and fordisplay equal; otherdeployparams as LIKE on the
        // server's `k=v&k=v` text (not equal to the shown map, so taken out of the shared equality filter).
        Handler("listAutoScaleVmProfiles") { c throws(APIError) in
            let like = c.optional("otherdeployparams")?.lowercased()
            var params = c.params
            params.replace("otherdeployparams", with: "")
            let reply = try c.with(params: params).listEntities(Store.profileNoun, owned: true) { e in
                like.map { (e["otherdeployparamstext"] ?? "").lowercased().contains($0) } ?? true
            }
            return AutoScalePolicyAPIs.rendered(reply, c.store, Store.profileNoun, c.store.renderProfile)
        },
    ]

    /// What a create or update sets, checked in the server's order: the offering (not a custom one), the
    /// template, the grace period, the deploy parameters' keys, the user and the user data.
    static func changes(_ c: Call, into f: inout Record) throws(APIError) {
        if c.optional("serviceofferingid") != nil {
            let offering = try AutoScalePolicyAPIs.known(c, "serviceofferingid", "serviceoffering")
            if offering["iscustomized"] == "true" {
                throw APIError.refused("Unable to use dynamic service offering in AutoScale vm profile")
            }
            f["serviceofferingid"] = .string(offering.id)
        }
        if c.optional("templateid") != nil {
            f["templateid"] = .string(try AutoScalePolicyAPIs.known(c, "templateid", "template").id)
        }
        if let grace = try c.int("expungevmgraceperiod") {
            if grace < 0 { throw APIError.refused("Expunge Vm Grace Period cannot be less than 0.") }
            f["expungevmgraceperiod"] = .int(grace)
        }
        let pairs = c.params.map("otherdeployparams")
        if !pairs.isEmpty {
            var shown: Record = [:]
            for p in pairs {
                let key = p["name"] ?? ""
                guard deployParams.contains(key) else {
                    throw APIError.refused(
                        "Unsupported otherdeployparams key: \(key). Supported values are [\(deployParams.joined(separator: ", "))]"
                    )
                }
                shown[key] = .string(p["value"] ?? "")
            }
            f["otherdeployparams"] = .record(shown)
            f["otherdeployparamstext"] = .string(shown.map { "\($0.key)=\($0.value.plainText)" }.joined(separator: "&"))
        }
        if c.optional("autoscaleuserid") != nil {
            f["autoscaleuserid"] = .string(try AutoScalePolicyAPIs.known(c, "autoscaleuserid", "user").id)
        }
        if let ud = c.optional("userdata") {
            try VirtualMachineAPIs.validateUserData(ud)
            f["userdata"] = .string(ud)
        }
    }
}

import OrderedCollections
import Values

/// Guest OS to hypervisor name mappings (root admin), as 4.18's ManagementServerImpl keeps them: the
/// installed ones (State/GuestOSMappings.swift) and those an admin adds for KVM, XenServer or VMware
/// at a version hypervisor_capabilities lists. Only added (user-defined) mappings change or go.
enum GuestOSMappingAPIs {
    static let noun = Store.guestOSMappingNoun
    static let cmdPrefix = "org.apache.cloudstack.api.command.admin.guest."
    /// The hypervisors addGuestOsMapping accepts, as HypervisorType names them.
    static let mappable = ["KVM", "XenServer", "VMware"]

    static let handlers: [Handler] = [
        // 4.18 filters by id, OS type and hypervisor (and version) only, equal in any case (MySQL's
        // collation), ordered by hypervisor; it has no name filters and ignores `keyword`.
        Handler("listGuestOsMapping") { c throws(APIError) in
            let hypervisor = c.optional("hypervisor"), version = c.optional("hypervisorversion")
            if version != nil, hypervisor?.isEmpty ?? true {
                throw APIError.refused(
                    "Hypervisor version parameter cannot be used without specifying a hypervisor : XenServer, KVM or VMware"
                )
            }
            let id = try c.optional("id").map { (id: String) throws(APIError) in try mapping(c, "id", id).id }
            let os = try c.optional("ostypeid").map { (id: String) throws(APIError) in try osType(c, "ostypeid", id).id
            }
            let rows = c.store.table(noun).rows.filter { m in
                (id == nil || m.id == id) && (os == nil || m["ostypeid"] == os)
                    && (hypervisor.map { m["hypervisor"]?.lowercased() == $0.lowercased() } ?? true)
                    && (version.map { m["hypervisorversion"]?.lowercased() == $0.lowercased() } ?? true)
            }.enumerated().sorted { a, b in
                let (x, y) = (a.element["hypervisor"]?.lowercased() ?? "", b.element["hypervisor"]?.lowercased() ?? "")
                return x != y ? x < y : a.offset < b.offset
            }.map(\.element)
            let range = try c.pageRange(count: rows.count)
            return .list(noun: noun, items: rows[range].map { answer($0, c.store) }, total: rows.count)
        },
        Handler("addGuestOsMapping", async: true) { c throws(APIError) in
            let hypervisor = try c.required("hypervisor"), version = try c.required("hypervisorversion")
            let name = try c.required("osnameforhypervisor")
            let byID = c.optional("ostypeid"), byName = c.optional("osdisplayname")
            if byID == nil, byName?.isEmpty ?? true {
                throw APIError.refused("Please specify either a guest OS name or UUID")
            }
            // The dispatcher resolves the UUID before the command runs.
            let given = try byID.map { (id: String) throws(APIError) in try osType(c, "ostypeid", id) }
            guard let type = mappable.first(where: { $0.lowercased() == hypervisor.lowercased() }) else {
                throw APIError.refused("Please specify a valid hypervisor : XenServer, KVM or VMware")
            }
            let supported = c.store.table("hypervisorcapability").first {
                $0["hypervisor"]?.lowercased() == type.lowercased()
                    && $0["hypervisorversion"]?.lowercased() == version.lowercased()
            }
            if supported == nil {
                throw APIError.refused("Please specify a valid hypervisor and supported version")
            }
            // The UUID wins when both are given.
            guard
                let os = given
                    ?? c.store.table("ostype").first(where: {
                        $0["description"]?.lowercased() == byName?.lowercased()
                    })
            else {
                throw APIError.refused("Unable to find the guest OS by name or UUID")
            }
            // Only another added mapping counts as a duplicate: an installed one may be overridden.
            let duplicate = c.store.table(noun).first { m in
                m["isuserdefined"] == "true" && m["ostypeid"] == os.id
                    && m["hypervisor"]?.lowercased() == type.lowercased()
                    && m["hypervisorversion"]?.lowercased() == version.lowercased()
            }
            if duplicate != nil {
                throw APIError.refused(
                    "Mapping from hypervisor : \(type), version : \(version) and guest OS : \(os["description"] ?? "") already exists!"
                )
            }
            let m = c.store.insert(
                noun,
                [
                    "hypervisor": .string(type), "hypervisorversion": .string(version), "ostypeid": .string(os.id),
                    "osnameforhypervisor": .string(name), "isuserdefined": .bool(true),
                ])
            return job(c, "AddGuestOsMappingCmd", m.id, immediate: true) { store in
                ["guestosmapping": answer(try store.jobEntity(noun, m.id), store)]
            }
        },
        Handler("updateGuestOsMapping", async: true) { c throws(APIError) in
            let m = try mapping(c, "id", try c.required("id"))
            let name = try c.required("osnameforhypervisor")
            return job(c, "UpdateGuestOsMappingCmd", m.id) { store in
                let current = try userDefined(store, m.id, "Unable to modify system defined Guest OS mapping")
                store.table(noun).update(current.id) { $0.fields["osnameforhypervisor"] = .string(name) }
                return ["guestosmapping": answer(try store.jobEntity(noun, m.id), store)]
            }
        },
        Handler("removeGuestOsMapping", async: true) { c throws(APIError) in
            let m = try mapping(c, "id", try c.required("id"))
            return job(c, "RemoveGuestOsMappingCmd", m.id) { store in
                _ = try userDefined(store, m.id, "Unable to remove system defined Guest OS mapping")
                store.table(noun).remove(m.id)
                return ["success": .bool(true)]
            }
        },
    ]

    /// A mapping as GuestOsMappingResponse shows it: `isuserdefined` is a string there, and the OS
    /// type's display name is looked up on each answer.
    static func answer(_ m: Entity, _ store: Store) -> Value {
        var f = m.fields
        f["isuserdefined"] = .string(m["isuserdefined"] == "true" ? "true" : "false")
        if let os = store.table("ostype").get(m["ostypeid"] ?? "") {
            f["osdisplayname"] = os.fields["description"] ?? .null
        }
        return .record(f)
    }

    static func mapping(_ c: Call, _ param: String, _ id: String) throws(APIError) -> Entity {
        guard let m = c.store.table(noun).get(id) else { throw CatalogCheck.noEntity(param, id, command: c.command) }
        return m
    }

    static func osType(_ c: Call, _ param: String, _ id: String) throws(APIError) -> Entity {
        guard let os = c.store.table("ostype").get(id) else {
            throw CatalogCheck.noEntity(param, id, command: c.command)
        }
        return os
    }

    /// The mapping when the job runs, if an admin added it; the server's refusal otherwise.
    static func userDefined(_ store: Store, _ id: String, _ refusal: String) throws -> Entity {
        let m = try store.jobEntity(noun, id)
        guard m["isuserdefined"] == "true" else { throw APIError.refused(refusal) }
        return m
    }

    static func job(
        _ c: Call, _ cmd: String, _ id: String, immediate: Bool = false, _ work: @escaping (Store) throws -> Record
    ) -> Reply {
        .job(cmdPrefix + cmd, on: "GuestOsMapping", id, immediate: immediate, work)
    }
}

import Values
import OrderedCollections

/// Projects and who belongs to them. A project's resources carry `projectid` (VMs: `VM.projectID`);
/// its members are the accounts in `projectaccount` (the owner with role Admin, others Regular).
extension Store {
    static let projectNoun = "project"
    static let memberNoun = "projectaccount"

    func members(ofProject id: String) -> [Entity] { table(Self.memberNoun).rows.filter { $0["projectid"] == id } }

    func isMember(_ accountID: String, ofProject id: String) -> Bool {
        table(Self.memberNoun).get("\(id)/\(accountID)") != nil
            // (projects made before members were recorded: the owner list)
            || table(Self.projectNoun).get(id)?.fields["owner"]?.list?.contains {
                $0[field: "accountid"]?.plainText == accountID
            } == true
    }

    @discardableResult
    func addMember(project: Entity, account: Entity, role: String) -> Entity {
        let e = Entity(
            id: "\(project.id)/\(account.id)",
            fields: [
                "projectid": .string(project.id), "project": project.fields["name"] ?? .string(""),
                "accountid": .string(account.id), "account": account.fields["name"] ?? .string(""),
                "role": .string(role),
                "domainid": account.fields["domainid"] ?? .string(""),
                "domain": account.fields["domain"] ?? .string(""),
            ])
        table(Self.memberNoun).put(e)
        return e
    }

    /// The owner-like identity a project's resources are created under: the VM owner index keys VMs
    /// by account name and domain, so a project's VMs are listed by this key, never shown as an account.
    func projectOwner(_ project: Entity, caller: Caller) -> Caller {
        Caller(
            userID: caller.userID, username: caller.username, accountID: project.id,
            account: Self.projectOwnerKey(project.id),
            domainID: project["domainid"] ?? "", domain: project["domain"] ?? "", isAdmin: false)
    }

    static func projectOwnerKey(_ projectID: String) -> String { "project:" + projectID }

    /// What a project's resource shows instead of an account: projectid, project, domainid and domain.
    static func projectOwnerFields(_ project: Entity) -> Record {
        [
            "projectid": .string(project.id), "project": project.fields["name"] ?? .string(""),
            "domainid": project.fields["domainid"] ?? .string(""), "domain": project.fields["domain"] ?? .string(""),
        ]
    }

    /// Removes a project with everything it owns (deleteProject cleanup=true).
    func removeProject(_ p: Entity) {
        for vm in vms.live where vm.projectID == p.id {
            unplace(vm.id)
            vms.update(vm.id) {
                $0.state = "Expunging"; $0.expunged = true
            }
        }
        for t in tables.values where t.noun != Self.projectNoun {
            for e in t.rows where e["projectid"] == p.id { t.remove(e.id) }
        }
        removeTags(resourceID: p.id) { _ in true }
        table(Self.projectNoun).remove(p.id)
    }
}

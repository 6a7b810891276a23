import APICatalog
import CloudClient
import Values
import OrderedCollections

/// The filters and paging every list API shares, as the server applies them.
extension Call {
    /// Parameters that steer listing itself rather than name a field to match.
    static let controlParams: Set<String> = [
        "command", "response", "apikey", "signature", "signatureversion", "expires", "sessionkey",
        "page", "pagesize", "listall", "isrecursive", "keyword", "tags", "id", "ids", "name", "projectid", "_",
    ]

    /// page/pagesize as a range into `count` items, as BaseListCmd reads them: a page holds at most
    /// `default.page.size` (500) records, also when neither is given (a client pages for the rest); a
    /// larger pagesize is refused; -1 means every record, but not with a page; a page below 1 is the first.
    func pageRange(count: Int) throws(APIError) -> Range<Int> {
        let page = try int("page")
        let size = try int("pagesize")
        let limit = Int(ConfigurationAPIs.globalValue("default.page.size", store) ?? "") ?? 500
        if let size, limit != -1, size > limit {
            throw APIError.refused(PageSizeRefusal.text(limit: limit))
        }
        if size == -1, page != nil {
            throw APIError.refused("Can't specify page parameter when pagesize is -1 (Unlimited)")
        }
        if let size, size < 1, size != -1 { throw APIError.invalid("pagesize", "must be 1 or more") }
        let s = size ?? limit
        if s == -1 { return 0..<count }
        // Both are Java ints (Call.int), so the offset below fits in an Int.
        let start = min(count, (max(page ?? 1, 1) - 1) * s)
        return start..<min(count, start + s)
    }

    func ownedByCaller(account: String?, domainID: String?) -> Bool {
        account == caller.account && domainID == caller.domainID
    }

    /// The display flag a list keeps to, for the list commands whose answer shows one. The server's list
    /// commands read an absent flag as true (BaseListAccountResourcesCmd.getDisplay), so what an admin hid
    /// is listed to no one by default; only the root admin's call still carries the flag
    /// (APIAccess.rootAdminOnly).
    func displayFilter() -> (field: String, shown: Bool)? {
        guard let api = Catalog.bundled.api(named: command) else { return nil }
        for field in ["displayvm", "displayvolume", "displaynetwork", "fordisplay"]
        where api.param(named: field) != nil && api.responseFields.contains(field) {
            return (field, optional(field).map { $0.lowercased() == "true" } ?? true)
        }
        return nil
    }

    /// Lists a family of entities with the shared filters: id, ids, name, keyword, tags,
    /// ownership, any parameter naming a field (equality), then paging.
    /// `owned` families are filtered by `visibility()` (listall, account, domainid, isrecursive);
    /// `ownerKey` names the field holding the owning account's name.
    func listEntities(
        _ noun: String, rows given: [Entity]? = nil, owned: Bool = false, ownerKey: String = "account",
        visible given2: Visibility? = nil, taggable: Bool = false, idNamesRecord: Bool = true,
        where extra: (Entity) -> Bool = { _ in true }
    ) throws(APIError) -> Reply {
        let rows = given ?? store.table(noun).rows
        var fieldNames = Set<String>()
        for r in rows.prefix(50) { fieldNames.formUnion(r.fields.keys) }
        let display = displayFilter()
        var equal: [(String, String)] = []
        for (k, v) in params.pairs {
            let lk = k.lowercased()
            if !Self.controlParams.contains(lk), !lk.contains("["), fieldNames.contains(lk), !v.isEmpty,
                lk != display?.field,
                !(owned && (lk == "account" || lk == "domainid"))
            {
                equal.append((lk, v.lowercased()))
            }
        }
        // (listDomainChildren's id names the parent, not a record to keep.)
        let id = idNamesRecord ? optional("id") : nil
        let ids = list("ids").map(Set.init)
        let name = optional("name")?.lowercased()
        let keyword = optional("keyword")?.lowercased()
        let wantedTags = params.map("tags")
        // Project resources show only with `projectid` (that project's) or `projectid=-1` (every
        // project's); without it an owned list shows accounts' resources, never a project's.
        let project = optional("projectid")
        // A project's resources show to those who see the project (its members, the admins above it).
        var visibleProjects: Set<String>? = nil
        if owned, let project {
            let projects = store.table(Store.projectNoun)
            if project == "-1" {
                if caller.role != .rootAdmin {
                    visibleProjects = Set(projects.rows.filter { ProjectAPIs.visible(self, $0) }.map(\.id))
                }
            } else if projects.get(project).map({ ProjectAPIs.visible(self, $0) }) != true {
                throw CatalogCheck.noEntity("projectid", project, command: command)
            }
        }
        var visible = Visibility.all
        if let given2 { visible = given2 } else if owned, project == nil { visible = try visibility() }
        let matches = rows.filter { e in
            if let display, (e[display.field]?.lowercased() != "false") != display.shown { return false }
            if let id, e.id != id { return false }
            if let ids, !ids.contains(e.id) { return false }
            if let name, e["name"]?.lowercased() != name { return false }
            if let keyword {
                let hay = [e["name"], e["displaytext"], e["displayname"], e["description"]].compactMap {
                    $0?.lowercased()
                }
                if !hay.contains(where: { $0.contains(keyword) }) { return false }
            }
            for (k, v) in equal where e[k]?.lowercased() != v { return false }
            if owned {
                let inProject = e["projectid"]
                switch project {
                case nil:
                    if inProject != nil || !visible.allows(account: e[ownerKey], domainID: e["domainid"]) {
                        return false
                    }
                case "-1":
                    if inProject == nil || visibleProjects.map({ !$0.contains(inProject!) }) == true { return false }
                case let p?: if inProject != p { return false }
                }
            }
            if !wantedTags.isEmpty, !store.hasTags(e.id, wantedTags) { return false }
            return extra(e)
        }
        let range = try pageRange(count: matches.count)
        let items: [Value] = matches[range].map { e in
            guard taggable else { return .record(e.fields) }
            var f = e.fields
            f["tags"] = store.tagsValue(e.id)
            return .record(f)
        }
        return .list(noun: noun, items: items, total: matches.count)
    }

    /// Renders one entity the way list APIs do (tags included when the family has them).
    func render(_ e: Entity, taggable: Bool = false) -> Value {
        guard taggable else { return .record(e.fields) }
        var f = e.fields
        f["tags"] = store.tagsValue(e.id)
        return .record(f)
    }
}

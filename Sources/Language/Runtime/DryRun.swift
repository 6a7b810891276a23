import APICatalog
import Contracts
import Values
import OrderedCollections

/// Dry-run (`set dryrun true`, `--dry-run`, and `explain`): each call that would
/// change something is printed once, as a line, with names beside ids, and gives
/// a record `{dryrun: true, command, ...parameters}` that is not printed again.
extension Interpreter {
    /// `destroyVirtualMachine id=9f03a1b2… (web-1) expunge=true`: secrets redacted; an id
    /// shortened when its name stands beside it (the name typed, the piped record's, or looked up).
    func dryRunLine(_ api: API, _ params: [(String, String)], labels: [String: String]) async -> String {
        var parts = [api.name]
        for (k, v) in params {
            let shown = SecretPolicy.shown(k, v)
            guard shown == v, EntityID.looksLikeID(v) else {
                parts.append("\(k)=\(shown)")
                continue
            }
            var label = labels[k]
            // Only UUIDs are looked up: a number may be an internal id of another kind of entity.
            if label == nil, v.count == 36, let p = api.param(named: k), p.takesID || k.lowercased() == "id" {
                label = await nameOf(id: v, param: p, api: api)
            }
            if let label, !label.isEmpty {
                parts.append("\(k)=\(v.count > 12 ? v.prefix(8) + "…" : Substring(v)) (\(label))")
            } else {
                parts.append("\(k)=\(v)")
            }
        }
        return parts.joined(separator: " ")
    }

    /// The name of the entity an id parameter names, through the related list API (read-only,
    /// as name lookups are); nil when there is none or the lookup fails.
    private func nameOf(id: String, param: APIParam, api: API) async -> String? {
        guard let list = host.catalog.listAPI(for: param, of: api), list.param(named: "id") != nil,
            let client = host.api
        else { return nil }
        let query = (list.lookupQuery ?? []) + [("id", id)]
        guard let first = try? await ValueStream.pages(client.recordPages(list.name, query, pageSize: 1)).next() else {
            return nil
        }
        return (first[field: "name"] ?? first[field: "displayname"])?.plainText
    }

    /// Prints the would-be call and gives the dry-run record (or job).
    func dryRun(_ api: API, _ params: [(String, String)], labels: [String: String], background: Bool) async
        -> PipeResult
    {
        host.writeOutput("dry-run: \(await dryRunLine(api, params, labels: labels))\n")
        var r: Record = ["dryrun": true, "command": .string(api.name)]
        for (k, v) in params { r[k] = .string(SecretPolicy.shown(k, v)) }
        if api.isAsync && background {
            return .value(.opaque(JobValue(dryRun: .record(r), command: api.name)))
        }
        return .value(.record(r))
    }

    /// Whether a statement's value is only dry-run records, already printed as lines.
    static func isDryRunResult(_ v: Value) -> Bool {
        switch v {
        case .record(let r): return r["dryrun"]?.bool == true && r["command"] != nil
        case .list(let items): return !items.isEmpty && items.allSatisfy(isDryRunResult)
        default: return false
        }
    }
}

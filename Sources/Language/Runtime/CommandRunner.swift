import APICatalog
import CloudClient
import Contracts
import Foundation
import Values

/// Running API commands: arguments to parameters, names to ids, the call,
/// waiting for async jobs, streaming list results, dry-run.
extension Interpreter {
    func runCommand(_ cmd: Command, input: PipeResult?, _ scope: Scope, background: Bool) async throws -> PipeResult {
        let catalog = host.catalog
        var cmd = cmd
        let api: API
        do {
            api = try resolver.api(for: cmd, catalog: catalog)
        } catch {
            guard let unlisted = resolver.unlisted(cmd, catalog: catalog) else { throw error }
            if let warning = unlisted.warning { host.writeError("\(cmd.location): warning: \(warning)\n") }
            api = unlisted.api
            cmd = unlisted.command
        }
        let given = try await bindArguments(cmd, api, scope)
        guard let input else {
            return try await invoke(api, given, background: background, cmd.location)
        }
        return try await runBulk(cmd, api, given, input, scope, background: background)
    }

    /// Evaluates `name:value` / `name=value` words against the API's parameters.
    func bindArguments(_ cmd: Command, _ api: API, _ scope: Scope) async throws -> [BoundParam] {
        var out: [BoundParam] = []
        for word in cmd.args {
            switch word {
            case .named(let name, let friendly, let valueExpr, let loc):
                let (p, sent) = try CommandResolver.parameter(name, friendly: friendly, of: api, at: loc)
                let v = try await evaluate(valueExpr, scope)
                if case .optional = valueExpr.kind, v.isNull { out.removeAll { $0.name == sent }; continue }
                if let e = await nullArgumentError(name + (friendly ? ":" : "="), valueExpr, v, scope, loc) { throw e }
                try Self.checkBoolean(p, name, v, loc)
                out.removeAll { $0.name == sent }
                out.append(BoundParam(param: p, name: sent, value: v, location: loc))
            case .flag("keep-going", _):
                continue  // read by runBulk
            case .positional, .flag, .block:
                if let e = Self.wordProblem(word, of: api) { throw e }
            }
        }
        return out
    }

    /// A word an API command cannot take, whatever its value (also for `acsh check`).
    static func wordProblem(_ word: CommandWord, of api: API) -> ScriptError? {
        switch word {
        case .positional(let e):
            ScriptError("unexpected argument to \(api.name): write parameters as name:value or name=value", at: e.location)
        case .flag("keep-going", _), .named: nil
        case .flag(let f, let loc):
            ScriptError("unexpected flag -\(f) for \(api.name): write parameters as name:value or name=value (or --keep-going after a pipe)", at: loc)
        case .block(_, let loc):
            ScriptError("\(api.name) takes no block; to run a block per record use '| each { ... }'", at: loc)
        }
    }

    /// A boolean parameter takes true or false: `expunge:yes` would reach the server as text.
    static func checkBoolean(_ p: APIParam, _ written: String, _ v: Value, _ loc: SourceLocation) throws {
        guard p.type.lowercased() == "boolean" else { return }
        if case .bool = v.data { return }
        let text = v.plainText.lowercased()
        guard text != "true" && text != "false" else { return }
        throw ScriptError("\(written) takes true or false, not '\(v.plainText)'", at: loc)
    }

    /// Checks, resolves names, sends (or prints in dry-run), waits for jobs.
    func invoke(_ api: API, _ given: [BoundParam], background: Bool, _ loc: SourceLocation) async throws -> PipeResult {
        let bound = given + defaultsFilling(api, given, at: loc)
        if let message = Self.missingRequired(api, given: bound.map(\.param.name)) { throw ScriptError(message, at: loc) }
        var params: [(String, String)] = []
        // Names known beside ids (typed names, piped records' names), for dry-run lines.
        var labels: [String: String] = [:]
        for b in bound {
            let before = params.count
            try await append(b, api, to: &params)
            if let label = b.label {
                labels[b.name] = label
            } else if params.count == before + 1, params[before].1 != b.value.plainText, b.param.takesID {
                labels[b.name] = b.value.plainText
            }
        }
        let readOnly = api.isReadOnly
        if (options.dryRun || Self.explaining) && !readOnly {
            return await dryRun(api, params, labels: labels, background: background)
        }
        let client = try client(loc)
        if Self.pages(api) && !params.contains(where: { $0.0 == "page" }) {
            return .stream(ValueStream.pages(client.recordPages(api.name, params, pageSize: options.pageSize))
                .mapErrors { [self] in convert($0, loc) })
        }
        let response: Value
        do {
            response = try await client.call(api.name, params)
        } catch {
            throw convert(error, loc)
        }
        guard api.isAsync, let jobid = response[field: "jobid"]?.plainText, !jobid.isEmpty else {
            return .value(Self.answer(response, of: api))
        }
        let job = JobValue(jobid: jobid, command: api.name, resourceID: response[field: "id"]?.plainText)
        jobs.add(job)
        if background || !options.asyncWait { return .value(.opaque(job)) }
        do {
            let result = try await waitJob(job, loc)
            jobs.remove(job)
            return .value(result)
        } catch {
            // An interrupted wait leaves the job in the table: it still runs on the
            // server, the interrupt report names it and a later `wait` can finish it.
            if !Task.isCancelled && (error as? ScriptError)?.exitCode != .interrupted { jobs.remove(job) }
            throw error
        }
    }

    /// The error for required parameters not given, nil when all are there.
    static func missingRequired(_ api: API, given: [String]) -> String? {
        let missing = api.params.filter { p in p.required && !given.contains(p.name) }
        guard !missing.isEmpty else { return nil }
        let names = missing.map(\.name).joined(separator: ", ")
        return "\(api.name) is missing required parameter\(missing.count == 1 ? "" : "s") \(names); see 'help \(api.name)'"
    }

    /// Whether the API's records come page by page: the catalog says it takes `pagesize`.
    static func pages(_ api: API) -> Bool { api.param(named: "pagesize") != nil }

    /// A one-call answer by its shape: a list gives its records, one object that
    /// object, nothing an empty list (list APIs) or the empty answer (others).
    static func answer(_ response: Value, of api: API) -> Value {
        switch AnswerShape(of: response) {
        case .records(let items, _): return .list(items)
        case .object(let v): return v
        case .empty: return api.verb == "list" ? .list([]) : response
        }
    }

    /// Adds one argument: lists comma-joined, records as map parameters, names resolved to ids.
    func append(_ b: BoundParam, _ api: API, to params: inout [(String, String)]) async throws {
        switch b.value.data {
        case .record(let r):
            if b.param.name.lowercased().hasSuffix("tags") {
                // `tags:{env: "prod"}` -> tags[0].key=env&tags[0].value=prod, as tag APIs read them.
                for (i, (k, v)) in r.enumerated() {
                    params.append(("\(b.name)[\(i)].key", k))
                    params.append(("\(b.name)[\(i)].value", v.plainText))
                }
            } else {
                for (k, v) in r { params.append(("\(b.name)[0].\(k)", v.plainText)) }
            }
        case .list(let items) where items.contains(where: { $0.record != nil }):
            for (i, item) in items.enumerated() {
                for (k, v) in item.record ?? [:] { params.append(("\(b.name)[\(i)].\(k)", v.plainText)) }
            }
        case .list(let items) where b.param.takesID:
            var ids: [String] = []
            for item in items { ids.append(try await resolveID(item.plainText, b, api)) }
            params.append((b.name, ids.joined(separator: ",")))
        default:
            let text = b.value.plainText
            if b.param.takesID, !b.name.contains("[") {
                if b.param.name.lowercased().hasSuffix("ids") {
                    var ids: [String] = []
                    for part in text.split(separator: ",") { ids.append(try await resolveID(String(part), b, api)) }
                    params.append((b.name, ids.joined(separator: ",")))
                } else {
                    params.append((b.name, try await resolveID(text, b, api)))
                }
            } else {
                params.append((b.name, text))
            }
        }
    }

    /// A name given where an id belongs, looked up through the related list API.
    func resolveID(_ text: String, _ b: BoundParam, _ api: API) async throws -> String {
        if text.isEmpty || EntityID.looksLikeID(text) { return text }
        let catalog = host.catalog
        guard let list = catalog.listAPI(for: b.param, of: api) else { return text }
        if let id = nameCache.get(list.name, text) { return id }
        guard let query = list.lookupQuery else {
            let needed = list.missingLookupParam?.name ?? "a parameter"
            throw ScriptError("cannot look up \(b.name) '\(text)' by name (\(list.name) needs \(needed)): give the id", at: b.location)
        }
        let what = list.noun.hasSuffix("s") ? String(list.noun.dropLast()) : list.noun
        let client = try client(b.location)
        let records: [Value]
        do {
            records = try await ValueStream.pages(client.recordPages(list.name, query + (list.param(named: "name") != nil ? [("name", text)] : [("keyword", text)]), pageSize: options.pageSize)).collect()
        } catch {
            throw convert(error, b.location)
        }
        var matches = records.filter { $0[field: "name"]?.plainText == text }
        if matches.isEmpty { matches = records.filter { $0[field: "name"]?.plainText.lowercased() == text.lowercased() } }
        // One resource may be listed more than once (a cross-zone template once per zone): same id, one match.
        let distinct = Set(matches.compactMap { $0[field: "id"]?.plainText })
        if distinct.count == 1, let id = distinct.first {
            nameCache.put(list.name, text, id)
            return id
        }
        if matches.isEmpty {
            var names: [String] = []
            if let all = try? await ValueStream.pages(client.recordPages(list.name, query, pageSize: options.pageSize)).collect() {
                var seen = Set<String>()
                names = all.compactMap { $0[field: "name"]?.plainText }.filter { seen.insert($0).inserted }
            }
            let close = Suggest.closest(text, among: names)
            let hint = close.isEmpty ? (names.isEmpty ? "" : " (there are: \(names.prefix(5).joined(separator: ", ")))") : "; did you mean \(close.map { "'\($0)'" }.joined(separator: " or "))?"
            throw ScriptError("no \(what) named '\(text)' for \(b.name)\(hint)", at: b.location, exitCode: .apiError)
        }
        let ids = distinct.sorted()
        throw ScriptError("\(ids.count) \(list.noun) are named '\(text)' (ids \(ids.joined(separator: ", "))): give \(b.name) one of these ids instead",
                          at: b.location, exitCode: .apiError)
    }
}

extension ValueStream {
    func mapErrors(_ f: @escaping (Error) -> Error) -> ValueStream {
        ValueStream { [self] in
            do { return try await self.next() } catch { throw f(error) }
        }
    }
}

/// Names already resolved in this run, so `each -p 16 { deploy zone:Sandbox-1 ... }`
/// looks the zone up once. Machines, volumes and snapshots come and go within
/// a script, so their names are looked up every time.
final class NameCache: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [String: String] = [:]
    static let volatile: Set<String> = ["listVirtualMachines", "listVolumes", "listSnapshots", "listVMSnapshot"]

    func get(_ list: String, _ name: String) -> String? {
        Self.volatile.contains(list) ? nil : lock.withLock { ids[list + "\u{0}" + name] }
    }

    func put(_ list: String, _ name: String, _ id: String) {
        guard !Self.volatile.contains(list) else { return }
        lock.withLock { ids[list + "\u{0}" + name] = id }
    }

    func clear() { lock.withLock { ids = [:] } }
}

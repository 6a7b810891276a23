import APICatalog
import CloudClient
import Contracts
import Values

/// `explain LINE`: how a line resolves, step by step, without changing anything.
/// Arguments are evaluated and names resolved the way a run does it (read-only
/// list calls may go out); any changing call inside the line runs as in dry-run.
/// The steps are the interpreter's own (resolver, binding, name lookup, the
/// client's request builder), so the explanation cannot drift from a real run.
extension Interpreter {
    /// Set while `explain` evaluates: changing calls are printed, never sent.
    @TaskLocal static var explaining = false

    func explain(_ e: Expr, _ scope: Scope) async throws -> String {
        try await Self.$explaining.withValue(true) {
            guard case .pipeline(let p) = e.kind else { return try await explainHead(e, scope, pipeline: nil) }
            var parts: [String] = []
            for (n, stage) in p.stages.enumerated() {
                let isLast = n == p.stages.count - 1
                switch stage.kind {
                case .expr(let e): parts.append(try await explainHead(e, scope, pipeline: p))
                case .command(let cmd):
                    var part = try await explainCommand(cmd, scope, piped: n > 0, background: p.background && isLast)
                    if n > 0 { part += "\n" + (await pipedRecords(p, before: n, scope)) }
                    parts.append(part)
                case .stage(let name, _, _):
                    let summary = Stages.signature(named: name)?.summary ?? ""
                    parts.append("| \(name): pipeline stage, runs here in acsh (no API call): \(summary)")
                case .builtin(let name, _, _):
                    parts.append(
                        "\(name): acsh builtin (no API call): \(Builtins.signature(named: name)?.summary ?? "")")
                }
            }
            return parts.joined(separator: "\n\n")
        }
    }

    /// How many records the stages before `n` hand to a command stage, and the first few
    /// names: what the command would hit. Read-only calls run; changing ones stay dry.
    private func pipedRecords(_ p: Pipeline, before n: Int, _ scope: Scope) async -> String {
        var head = p
        head.stages = Array(p.stages[..<n])
        head.background = false
        do {
            let items = try await runPipeline(head, scope).collect()
            let records = items.list ?? (items.isNull ? [] : [items])
            let names = records.prefix(5).map { r in
                (r[field: "name"] ?? r[field: "displayname"] ?? r[field: "id"])?.plainText ?? Builtins.display(r)
            }
            let more = records.count > 5 ? ", ..." : ""
            let which = records.isEmpty ? "" : ": " + names.joined(separator: ", ") + more
            return
                "  hits       \(records.count) record\(records.count == 1 ? "" : "s") piped in now\(which) (one call each)"
        } catch {
            return
                "  hits       cannot tell: the stages before it fail: \((convert(error, p.location) as? ScriptError)?.message ?? "\(error)")"
        }
    }

    private func explainHead(_ e: Expr, _ scope: Scope, pipeline: Pipeline?) async throws -> String {
        if case .variableOrCommand(let name, let cmd) = e.kind {
            if scope.lookup(name) != nil { return "\(name): the variable '\(name)' (a value, no API call)" }
            return try await explainCommand(cmd, scope, piped: false, background: pipeline?.background ?? false)
        }
        return "an expression: a value computed in acsh (no API call)"
    }

    /// Everything about one command, gathered, then rendered by `ExplainText`.
    func explainCommand(_ cmd: Command, _ scope: Scope, piped: Bool, background: Bool) async throws -> String {
        var x = ExplainText(typed: cmd.words.joined(separator: " "), piped: piped, background: background)
        let catalog = host.catalog
        let (resolution, why) = catalog.resolveExplained(
            verb: cmd.words[0], noun: cmd.words.count > 1 ? cmd.words[1] : nil)
        x.why = why
        let api: API
        do {
            api = try resolver.api(for: cmd, catalog: catalog)
        } catch let e as ScriptError {
            x.stop = e.message
            switch resolution {
            case .ambiguous(let apis): x.candidates = apis.map(\.name)
            case .notFound(let nouns):
                x.candidates = nouns.compactMap { catalog.resolve(verb: cmd.words[0], noun: $0).api?.name }
            case .found: break
            }
            return x.render()
        }
        x.api = api
        var params: [(String, String)] = []
        // A run stops at the first of: a bad argument, a missing parameter, a name not found.
        var bindStop: String?, lookupStop: String?
        var bound: [(typed: String, param: BoundParam)] = []
        for word in cmd.args {
            let single = Command(words: cmd.words, args: [word], location: cmd.location)
            do {
                bound += try await bindArguments(single, api, scope).map { (Self.typedName(word), $0) }
            } catch let e as ScriptError {
                bindStop = bindStop ?? e.message
            }
        }
        // Parameter defaults fill what the line left out, as in a run.
        bound += defaultsFilling(api, bound.map(\.param), at: cmd.location).map {
            ("\($0.fromDefault ?? $0.name):", $0)
        }
        for (typed, b) in bound {
            x.given.append(b.param.name)
            var line = ExplainText.ParamLine(
                typed: typed, value: SecretPolicy.shown(b.param.name, Self.shown(b.value)),
                required: b.param.required)
            if b.fromDefault != nil { line.note = "from set default" }
            let before = params.count
            do {
                try await append(b, api, to: &params)
                line.sent = params[before...].map { "\($0.0)=\(SecretPolicy.shown($0.0, $0.1))" }
                if b.param.takesID, params[before...].contains(where: { $0.1 != b.value.plainText }),
                    let list = catalog.listAPI(for: b.param, of: api)
                {
                    line.note = (line.note.map { $0 + "; " } ?? "") + "name looked up with \(list.name)"
                }
            } catch let e as ScriptError {
                line.note = "fails: \(e.message)"
                lookupStop = lookupStop ?? e.message
            }
            x.params.append(line)
        }
        x.required = api.requiredParams.map(\.name)
        x.missing = api.requiredParams.filter { p in !x.given.contains(p.name) }.map { p in
            let friendly = p.takesID ? api.friendlyName(of: p).map { " (\($0):NAME or \(p.name)=ID)" } ?? "" : ""
            return p.name + friendly
        }
        // Piped records may fill the missing ones: only the run knows.
        x.stop = bindStop ?? (piped ? nil : Self.missingRequired(api, given: x.given)) ?? lookupStop
        x.related = api.related
        x.readOnly = api.isReadOnly
        x.timeout = options.timeout
        x.nowait = background || !options.asyncWait
        if let client = host.api {
            x.poll = client.pollSchedule
            var sent = params
            if Self.pages(api) && !params.contains(where: { $0.0.lowercased() == "page" }) {
                x.pageSize = params.first { $0.0.lowercased() == "pagesize" }.flatMap { Int($0.1) } ?? options.pageSize
                sent =
                    params.filter { $0.0.lowercased() != "pagesize" } + [
                        ("page", "1"), ("pagesize", String(x.pageSize!)),
                    ]
            }
            x.request = client.preview(api.name, sent)
        }
        return x.render()
    }

    private static func typedName(_ w: CommandWord) -> String {
        if case .named(let name, let friendly, _, _) = w { return name + (friendly ? ":" : "=") }
        return ""
    }

    /// A value as it would be typed: quoted when it holds spaces, secrets hidden.
    static func shown(_ v: Value) -> String {
        switch v.data {
        case .string(let s): s.isEmpty || s.contains(where: { $0 == " " || $0 == "\"" }) ? "\"\(s)\"" : s
        case .list, .record: JSONWriter.compact(v.data)
        default: v.plainText
        }
    }
}

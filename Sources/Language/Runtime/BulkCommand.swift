import Contracts
import APICatalog
import Contracts
import Values
import OrderedCollections

/// An API command as a pipeline stage (`list vms | stop vm`): once per record,
/// stopping at the first failure (or going on with `--keep-going` / `set
/// onerror continue`) and saying what was done, what failed and what was not tried.
extension Interpreter {
    /// Which record of a bulk command is running, for the progress line:
    /// `stop vm 2/5: web-2`.
    @TaskLocal static var bulkStep: String?

    func runBulk(
        _ cmd: Command, _ api: API, _ given: [BoundParam], _ input: PipeResult, _ scope: Scope,
        background: Bool
    ) async throws -> PipeResult {
        // Read first: the count for the progress line, the names of what was not tried.
        let records = try await input.stream.collect()
        if mayAsk(api) { try await confirmBulk(api, records, cmd.location) }
        let label = cmd.words.joined(separator: " ")
        let keepGoing =
            options.keepGoing || cmd.args.contains { if case .flag("keep-going", _) = $0 { true } else { false } }
        var results: [Value] = []
        var done: [Value] = []
        var failed: [(Value, ScriptError)] = []
        var next = 0
        while next < records.count {
            let item = records[next]
            next += 1
            let params = Self.bind(item, into: given, api, cmd.location)
            let step = "\(label) \(next)/\(records.count): \(Self.displayName(item))"
            do {
                let r = try await Self.$bulkStep.withValue(step) {
                    try await invoke(api, params, background: background, cmd.location)
                }
                switch r {
                case .value(let v): if !v.isNull { results.append(v) }
                case .stream(let s): results += try await s.collect()
                }
                done.append(item)
            } catch let e as Flow {
                throw e
            } catch {
                let e =
                    (convert(error, cmd.location) as? ScriptError)
                    ?? ScriptError("\(error)", at: cmd.location, exitCode: 3)
                if e.exitCode == .interrupted || Task.isCancelled {
                    throw bulkError(
                        label, done: done, failed: [], interrupted: [item],
                        notTried: Array(records[next...]), cause: e, exitCode: .interrupted)
                }
                // One record, or a mistake in the line itself (no record can succeed): the error as it is.
                if records.count == 1 || (e.exitCode == .usage && done.isEmpty && failed.isEmpty) { throw e }
                failed.append((item, e))
                if !keepGoing { break }
            }
        }
        guard !failed.isEmpty else { return .value(.list(results)) }
        let code: ExitCode = keepGoing ? .apiError : failed[0].1.exitCode
        throw bulkError(
            label, done: done, failed: failed, interrupted: [], notTried: Array(records[next...]),
            cause: failed[0].1, exitCode: code)
    }

    /// The piped record's fields fill the parameters the line did not give, by name.
    static func bind(_ item: Value, into given: [BoundParam], _ api: API, _ loc: SourceLocation) -> [BoundParam] {
        var params = given
        guard case .record(let r) = item.data else { return params }
        for p in api.params where !params.contains(where: { $0.param.name == p.name }) {
            guard let v = r[p.name] ?? r.first(where: { $0.key.lowercased() == p.name.lowercased() })?.value else {
                continue
            }
            switch v {
            case .record, .list, .opaque, .null: continue;
            default: break
            }
            var b = BoundParam(param: p, name: p.name, value: v, location: loc)
            // The record's name stands beside its id in dry-run lines.
            if p.name == "id" { b.label = (r["name"] ?? r["displayname"])?.plainText }
            params.append(b)
        }
        return params
    }

    /// What a record is called in reports: its name, else its id.
    static func displayName(_ v: Value) -> String {
        for key in ["name", "displayname", "username", "id"] {
            if let s = v[field: key]?.plainText, !s.isEmpty { return s }
        }
        let text = v.plainText
        return text.count > 40 ? String(text.prefix(39)) + "…" : text
    }

    /// `stop vm: 1 done (demo-0), 1 failed (demo-3: in state Error), 1 not tried (demo-1)`;
    /// `catch e` gets the lists as e.done, e.failed (with each error) and e.nottried.
    func bulkError(
        _ label: String, done: [Value], failed: [(Value, ScriptError)], interrupted: [Value],
        notTried: [Value], cause: ScriptError, exitCode: ExitCode
    ) -> ScriptError {
        func names(_ items: [Value]) -> String {
            let shown = items.prefix(5).map(Self.displayName)
            return shown.joined(separator: ", ") + (items.count > 5 ? ", ... \(items.count - 5) more" : "")
        }
        var parts = ["\(done.count) done" + (done.isEmpty ? "" : " (\(names(done)))")]
        if !failed.isEmpty {
            let shown = failed.prefix(5).map { "\(Self.displayName($0.0)): \($0.1.errortext ?? $0.1.message)" }
            parts.append(
                "\(failed.count) failed (\(shown.joined(separator: "; "))\(failed.count > 5 ? "; ... \(failed.count - 5) more" : ""))"
            )
        }
        if !interrupted.isEmpty { parts.append("\(interrupted.count) interrupted (\(names(interrupted)))") }
        if !notTried.isEmpty { parts.append("\(notTried.count) not tried (\(names(notTried)))") }
        let what = exitCode == .interrupted ? "interrupted: \(label)" : label
        func entry(_ v: Value) -> Value {
            var r: Record = ["name": .string(Self.displayName(v))]
            if let id = v[field: "id"] { r["id"] = id }
            return .record(r)
        }
        let report: Record = [
            "done": .list(done.map(entry)),
            "failed": .list(
                failed.map { item, e in
                    guard case .record(var r) = entry(item).data else { return .null }
                    r["error"] = .string(e.errortext ?? e.message)
                    return .record(r)
                }),
            "nottried": .list((interrupted + notTried).map(entry)),
        ]
        var e = ScriptError(
            "\(what): \(parts.joined(separator: ", "))", at: cause.location, exitCode: exitCode,
            errorcode: cause.errorcode, cserrorcode: cause.cserrorcode,
            jobid: exitCode == .interrupted ? nil : cause.jobid)  // interrupted: every running job gets named
        e.report = report
        return e
    }
}

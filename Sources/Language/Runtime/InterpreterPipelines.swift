import Contracts
import Values

extension Interpreter {
    func runPipeline(_ p: Pipeline, _ scope: Scope) async throws -> PipeResult {
        var current: PipeResult?
        for (n, stage) in p.stages.enumerated() {
            let isLast = n == p.stages.count - 1
            switch stage.kind {
            case .expr(let e):
                current = try await evaluatePipe(e, scope)
            case .command(let cmd):
                current = try await runCommand(cmd, input: current, scope, background: p.background && isLast)
            case .stage(let name, let args, let expr):
                guard let def = Stages.all[name] else {
                    throw ScriptError("unknown stage '\(name)'", at: stage.location)
                }
                let call = StageCall(name: name, args: args, expr: expr, location: stage.location,
                                     interpreter: self, scope: scope)
                current = try await def.run(call, (current ?? .value(.null)).stream)
            case .builtin(let name, let args, let exprs):
                guard let def = Builtins.commands[name] else {
                    throw ScriptError("unknown builtin '\(name)'", at: stage.location)
                }
                let call = BuiltinCall(name: name, args: args, exprs: exprs, input: current,
                                       location: stage.location, interpreter: self, scope: scope)
                current = try await def.run(call)
            }
        }
        if p.background, case .command = p.stages.last?.kind {} else if p.background {
            throw ScriptError(Self.backgroundNeedsCommand, at: p.location)
        }
        return current ?? .value(.null)
    }

    static let backgroundNeedsCommand =
        "'&' runs an API command in the background; put it after a command such as 'deploy vm ...'"
    static func waitNeedsJob(got type: String) -> String { "wait needs a job (from a command ending in '&'), got a \(type)" }
    static func waitNeedsJobs(got type: String) -> String { "wait needs jobs (values from a command ending in '&'), got a \(type)" }

    /// `wait` (every job started here), `wait job`, `wait [$a, $b]`, `wait "jobid"`.
    func waitFor(_ target: Expr?, _ scope: Scope, _ loc: SourceLocation) async throws -> Value {
        guard let target else {
            let pending = jobs.all
            var out: [Value] = []
            try await withThrowingTaskGroup(of: (Int, Value).self) { group in
                for (n, job) in pending.enumerated() {
                    group.addTask { (n, try await self.waitJob(job, loc)) }
                }
                var results = [Value](repeating: .null, count: pending.count)
                for try await (n, v) in group { results[n] = v }
                out = results
            }
            for job in pending { jobs.remove(job) }
            return .list(out)
        }
        let v = try await evaluate(target, scope)
        switch v {
        case .opaque(let o) where o is JobValue:
            let job = o as! JobValue
            defer { jobs.remove(job) }
            return try await waitJob(job, loc)
        case .list(let items):
            var out: [Value] = []
            for item in items {
                guard case .opaque(let any) = item, let o = any as? JobValue else {
                    throw ScriptError(Self.waitNeedsJobs(got: item.typeName), at: loc)
                }
                out.append(try await waitJob(o, loc))
                jobs.remove(o)
            }
            return .list(out)
        case .string(let jobid):
            return try await waitJob(JobValue(jobid: jobid, command: "job", resourceID: nil), loc)
        case .record(let r) where r["jobid"] != nil:
            return try await waitJob(JobValue(jobid: r["jobid"]!.plainText, command: "job", resourceID: nil), loc)
        default:
            throw ScriptError(Self.waitNeedsJob(got: v.typeName), at: loc)
        }
    }

    /// Polls a job to its end with the session's timeout; the result record unwrapped.
    func waitJob(_ job: JobValue, _ loc: SourceLocation) async throws -> Value {
        if let r = job.dryRunResult { return r }
        let api = try client(loc)
        let timeout = options.timeout
        let host = self.host
        let showProgress = host.isTerminal
        let command = job.command, jobid = job.jobid, step = Self.bulkStep
        let progress: (@Sendable (JobProgress) -> Void)?
        if showProgress {
            progress = { (p: JobProgress) -> Void in
                let secs = Double(p.elapsed.components.seconds) + Double(p.elapsed.components.attoseconds) / 1e18
                let seconds = "\((secs * 10).rounded() / 10)s"
                if let step {
                    host.showProgress("\(step) (job \(jobid.prefix(8))…) \(seconds)")
                } else {
                    host.showProgress("waiting for \(command) (job \(jobid)) \(seconds)")
                }
            }
        } else {
            progress = nil
        }
        let deadline = ContinuousClock.now + (Bounded.duration(seconds: timeout, max: .seconds(Bounded.maxSeconds)) ?? .zero)
        do {
            let result = try await job.wait {
                try await api.awaitJob(jobid, deadline: deadline, progress: progress)
            }
            if showProgress { host.showProgress(nil) }
            return Self.unwrapResult(result)
        } catch {
            if showProgress { host.showProgress(nil) }
            throw convert(error, loc)
        }
    }

    /// `{"virtualmachine": {...}}` -> the record; other answers as they are.
    static func unwrapResult(_ v: Value) -> Value {
        if case .record(let r) = v, r.count == 1, let only = r.values.first, case .record = only { return only }
        return v
    }

    /// Any error as a ScriptError at this location (client errors keep their codes).
    func convert(_ error: Error, _ loc: SourceLocation) -> Error {
        switch error {
        case let e as ScriptError:
            return e.location == nil ? ScriptError(e.message, at: loc, exitCode: e.exitCode, errorcode: e.errorcode,
                                                   cserrorcode: e.cserrorcode, errortext: e.errortext, jobid: e.jobid) : e
        case is Flow: return error
        case let e as ScriptErrorConvertible: return e.scriptError(at: loc)
        case is CancellationError: return ScriptError("interrupted", at: loc, exitCode: .interrupted)
        default: return ScriptError("\(error)", at: loc, exitCode: .transport)
        }
    }

    func client(_ loc: SourceLocation) throws -> any CloudAPI {
        guard let api = host.api else {
            throw ScriptError("no CloudStack server to talk to: configure a profile (acsh profile add) or use --sandbox",
                              at: loc, exitCode: .usage)
        }
        return api
    }
}

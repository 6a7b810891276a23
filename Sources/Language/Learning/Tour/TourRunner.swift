import Values

/// Runs `tour` and its subcommands: loads the profile's progress, checks the
/// current step against the server, explains, advances and saves.
struct TourRunner {
    let host: any TourHost
    let interpreter: Interpreter
    let scope: Scope
    let location: SourceLocation
    var steps: [TourStep] = TourSteps.all

    init(host: any TourHost, interpreter: Interpreter, scope: Scope, location: SourceLocation) {
        self.host = host
        self.interpreter = interpreter
        self.scope = scope
        self.location = location
    }

    var profile: String { host.profileName ?? "" }
    var memory: TourMemory { host.tourMemory }

    func run(_ action: String, here: Bool) async throws -> String {
        let path = host.tourProgressFile
        if action == "reset" {
            // Before loading: reset is the way out of a damaged progress file.
            let progress = TourProgress.start(steps)
            try wrap { try TourProgress.remove(path) }
            try wrap { try progress.save(path) }
            return "Tour progress cleared for profile \(profile).\n" + present(progress)
        }
        let saved = try wrap { try TourProgress.load(path, steps: steps) }
        var progress = saved ?? .start(steps)
        switch action {
        case "status":
            return status(progress, path: path, started: saved != nil)
        case "show":
            return present(progress)
        case "skip":
            guard progress.current != TourProgress.finished else { return finishedText }
            progress.skipped.append(progress.current)
            advance(&progress)
            try wrap { try progress.save(path) }
            return progress.current == TourProgress.finished ? finishedText : present(progress)
        default:
            guard progress.current != TourProgress.finished else { return finishedText }
            let api = try cloud()
            if !here { try await requireSandbox(api) }
            var out = saved == nil ? welcome : ""
            let step = TourSteps.step(progress.current) ?? steps[0]
            let shownSince = memory.shownSince(step.id, profile: profile)
            let verdict = try await check(step, api: api, progress: progress)
            switch verdict {
            case .notYet(let hint):
                // Not shown in this run yet (a new start, or after a restart): show the step, not a hint.
                guard shownSince != nil else {
                    try wrap { try progress.save(path) }
                    return out + present(progress)
                }
                return
                    "Not yet (step \(number(step)) of \(steps.count), \(step.title)):\n  \(hint)\n  `tour show` repeats the step.\n"
            case .passed(let explanation, let equivalent, let remember):
                out += done(step, explanation: explanation, equivalent: equivalent, since: shownSince ?? 0)
                progress.done.append(step.id)
                progress.remembered.merge(remember) { $1 }
                advance(&progress)
                try wrap { try progress.save(path) }
                return out + (progress.current == TourProgress.finished ? finishedText : "\n" + present(progress))
            }
        }
    }

    /// Runs one step's check; a TourHint becomes a `notYet`.
    func check(_ step: TourStep, api: any CloudAPI, progress: TourProgress) async throws -> TourVerdict {
        let globals = scope
        let context = TourContext(api: api, variables: { globals.lookup($0) }, remembered: progress.remembered)
        do {
            return try await step.check(context)
        } catch let hint as TourHint {
            return .notYet(hint.text)
        } catch var e as ScriptError {
            e.location = e.location ?? location
            throw e
        }
    }

    // MARK: text

    var welcome: String {
        "Welcome to the acsh tour: \(steps.count) steps you type yourself; after each, `tour` checks it against the server.\n"
            + "Progress is kept for profile \(profile): `tour` continues where you stopped, `tour status` shows where you are, `tour reset` starts over.\n\n"
    }

    var finishedText: String {
        "The tour is complete: every step is done. `tour status` lists them, `tour reset` starts over.\n"
    }

    func number(_ step: TourStep) -> Int { (steps.firstIndex { $0.id == step.id } ?? 0) + 1 }

    /// The current step's goal and what to type; from now on the calls belong to it.
    func present(_ progress: TourProgress) -> String {
        guard let step = TourSteps.step(progress.current) else { return finishedText }
        memory.present(step.id, profile: profile)
        var out = "Step \(number(step)) of \(steps.count): \(step.title)\n"
        for line in step.goal { out += "  \(line)\n" }
        out += "Type:\n"
        for c in step.commands { out += "  \(c)\n" }
        out += "Then `tour` checks it (`tour show` repeats this, `tour skip` moves on).\n"
        return out
    }

    /// What happened, and the API calls behind it as this session sent them.
    func done(_ step: TourStep, explanation: [String], equivalent: [String], since: Int) -> String {
        var out = "Done: step \(number(step)) of \(steps.count), \(step.title).\n"
        for line in explanation { out += "  \(line)\n" }
        var seen = Set<String>()
        let sent = memory.calls.since(since).filter { $0.succeeded && step.apis.contains($0.command) }
            .map(\.text).filter { seen.insert($0).inserted }.suffix(8)
        if sent.isEmpty {
            out += "Behind it (this session sent none of these calls; they are what does it):\n"
            for c in equivalent { out += "  \(c)\n" }
        } else {
            out += "Behind it, the API calls this session sent (the client adds apiKey, expires and signature):\n"
            for c in sent { out += "  \(c)\n" }
        }
        return out
    }

    func status(_ progress: TourProgress, path: String, started: Bool) -> String {
        var out =
            "Tour for profile \(profile)" + (started ? " (progress in \(path)):\n" : ": not started; `tour` begins.\n")
        for (i, step) in steps.enumerated() {
            let mark =
                progress.done.contains(step.id)
                ? "done   "
                : progress.skipped.contains(step.id)
                    ? "skipped"
                    : step.id == progress.current ? "here > " : "       "
            out += "  \(mark) \(i + 1). \(step.title)\n"
        }
        if progress.current == TourProgress.finished { out += "Every step is done.\n" }
        return out
    }

    // MARK: helpers

    func advance(_ progress: inout TourProgress) {
        let i = steps.firstIndex { $0.id == progress.current } ?? steps.count - 1
        progress.current = i + 1 < steps.count ? steps[i + 1].id : TourProgress.finished
    }

    /// Runs `f`, placing a ScriptError it throws at the `tour` statement.
    func wrap<T>(_ f: () throws -> T) throws -> T {
        do { return try f() } catch var e as ScriptError {
            e.location = location
            throw e
        }
    }

    /// The client the learner uses, without the recording: the tour's own queries are not the learner's calls.
    func cloud() throws -> any CloudAPI {
        let api = try interpreter.client(location)
        return (api as? RecordingAPI)?.base ?? api
    }

    /// The tour creates a VM, a volume and a security group: on the sandbox only, unless asked.
    func requireSandbox(_ api: any CloudAPI) async throws {
        let version: String
        do {
            version = try await api.call("listCapabilities", [])[field: "capability"]?.text("cloudstackversion") ?? ""
        } catch {
            throw interpreter.convert(error, location)
        }
        if let refusal = Self.refusal(version: version, profile: profile) { throw ScriptError(refusal, at: location) }
    }

    /// Why the tour stops on this cloud, nil on the acsh simulator (its cloudstackversion says so).
    static func refusal(version: String, profile: String) -> String? {
        guard !version.contains("acsh-simulator") else { return nil }
        return
            "the tour creates a VM, a volume and a security group, so it runs on the sandbox (`acsh --sandbox`, or `use sandbox`); "
            + "profile \(profile) is a real cloud (CloudStack \(version.isEmpty ? "of unknown version" : version)): to take the tour here anyway, `tour --here`"
    }
}

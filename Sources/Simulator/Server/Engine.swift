import FoundationEssentials
import NIOConcurrencyHelpers
import Values
#if canImport(Glibc)
    import Glibc
#endif

/// The request path: a request passes through small stages in order (see `front`, `back`), all
/// under one lock; handlers are synchronous in-memory work, so a lock is cheaper than an
/// actor hop and keeps every request's view consistent.
final class Engine: Sendable {
    let options: SimulatorOptions
    private let state: NIOLockedValueBox<EngineState>

    /// A seeded cloud, or with a state file the cloud it holds (seeded when the file is new).
    init(options: SimulatorOptions) throws(SimulatorError) {
        self.options = options
        // the live one is EngineState.clock (simulatorFault moves it)
        let clock = SimClock(offset: options.clockOffset)
        var file: StateFile?
        if case .file(let path) = options.state { file = try StateFile(path: path, fresh: options.fresh) }
        let store = Store(options: options, journal: file?.journal)
        if let file, !file.isNew {
            try file.load(into: store, now: clock.now)
            try store.checkDataCenter(file.path)
            store.completeSeed(SimClock.cloudStackTime(clock.now))
            if options.adminKeysGiven { store.applyAdminKeys(options) }
        } else {
            let created = SimClock.cloudStackTime(clock.now)
            store.seed(created: created)
            store.seedVMs(options.seedVMs, created: created)
        }
        store.managementServerStarted(SimClock.cloudStackTime(clock.now))
        try file?.flush(store)
        state = NIOLockedValueBox(EngineState(options: options, store: store, clock: clock, stateFile: file))
    }

    /// The root admin's keys in effect (from the state file when one was loaded).
    var adminKeys: (apiKey: String, secretKey: String) {
        state.withLockedValue { s in
            let admin = s.store.principals.first { $0.caller.isAdmin }?.user
            return (admin?.apiKey ?? options.adminKeys.apiKey, admin?.secretKey ?? options.adminKeys.secretKey)
        }
    }

    /// After the server stopped: finishes pending jobs, saves, closes the state file.
    func shutdown() {
        state.withLockedValue { s in
            guard let file = s.stateFile else { return }
            s.store.finishAllJobs(now: s.clock.now)
            do { try file.close(s.store) } catch { Self.log("acsh simulator: \(error)", to: s.options.logDescriptor) }
            s.stateFile = nil
        }
    }

    func clearFaults() {
        state.withLockedValue { s in
            s.faults = []
            s.faultHits = []
        }
    }

    /// The id of the `index`-th (modulo the count) stored entity of `noun` (`vm`: a live virtual machine).
    func someID(of noun: String, index: Int) -> String? {
        state.withLockedValue { s in
            if noun == "vm" {
                let live = s.store.vms.owners.all
                return live.isEmpty ? nil : s.store.vms.rows[live[index % live.count]].id
            }
            guard let rows = s.store.tables[noun]?.rows, !rows.isEmpty else { return nil }
            return rows[index % rows.count].id
        }
    }

    func requestCount(command: String?) -> Int {
        state.withLockedValue { s in
            command.map { s.counts[$0.lowercased()]?.count ?? 0 } ?? s.counts.values.reduce(0) { $0 + $1.count }
        }
    }

    /// The secondary storage's upload endpoint (`POST /upload/UUID`; see PostUpload).
    func upload(_ r: PostUpload.Request) -> OutgoingResponse {
        state.withLockedValue { s in
            var out = PostUpload.receive(r, s.store, now: s.clock.now)
            Persist.run(s)
            out.headers.append(("Date", SimClock.httpDate(s.clock.now)))
            return out
        }
    }

    func handle(_ req: IncomingRequest) -> OutgoingResponse {
        // One locked pass, unless the handler has slow `prepare` work: that runs between two passes.
        let first: (step: Step, x: Exchange) = state.withLockedValue { s in
            var x = Exchange(req, now: s.clock.now)
            let step = Self.front(&x, s)
            if case .dispatch(let handler) = step, handler?.prepare != nil { return (step, x) }
            let out = Self.back(step, x, s)
            Persist.run(s)
            return (.answer(out), x)
        }
        var x = first.x
        var out: OutgoingResponse
        if case .answer(let answered) = first.step {
            out = answered
        } else {
            if case .dispatch(let handler?) = first.step, let prepare = handler.prepare {
                x.prepared = Result { () throws(APIError) -> any Sendable in try prepare() }
            }
            out = state.withLockedValue { s in
                let out = Self.back(first.step, x, s)
                Persist.run(s)
                return out
            }
        }
        out.headers.append(("Date", SimClock.httpDate(x.now)))
        return out
    }

    /// Where the front stages left a request: answered, or ready for its handler (nil: not modelled).
    enum Step {
        case answer(OutgoingResponse)
        case dispatch(Handler?)
    }

    /// The stages before the handler, in order. Routing and fault injection may answer by themselves
    /// (a page that is not the API, an injected fault); the others throw the API error that becomes the answer.
    static func front(_ x: inout Exchange, _ s: EngineState) -> Step {
        if let page = RouteStage.run(x, s) { return .answer(page) }
        if let faulted = FaultStage.run(&x, s) { return .answer(faulted) }
        do {
            let handler = try Admission.run(x)
            try AuthStage.run(&x, s, handler)
            if (handler?.entry ?? .api) == Handler.Entry.api { try ThrottleStage.run(x, s) }
            return .dispatch(handler)
        } catch {
            return .answer(finish(Responses.error(x.wrapper, error), x, s))
        }
    }

    /// The handler (dispatch), then what faults do to the answer, and the log line.
    static func back(_ step: Step, _ x: Exchange, _ s: EngineState) -> OutgoingResponse {
        switch step {
        case .answer(let out):
            return out
        case .dispatch(let handler):
            let out: OutgoingResponse
            do { out = try DispatchStage.run(x, handler, s) } catch { out = Responses.error(x.wrapper, error) }
            return finish(out, x, s)
        }
    }

    private static func finish(_ out: OutgoingResponse, _ x: Exchange, _ s: EngineState) -> OutgoingResponse {
        var out = out
        FaultStage.finish(&out, x)
        if s.options.logRequests {
            Self.log(
                "\(x.request.method) \(x.command.isEmpty ? "-" : x.command) \(out.status)", to: s.options.logDescriptor)
        }
        return out
    }

    static func log(_ line: String, to descriptor: Int32) {
        // The line quotes the request (its command): a control character in it must not act on the terminal.
        let bytes = Array((ControlCharacters.replaced(line) + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }
}

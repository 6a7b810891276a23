import APICatalog
import FoundationEssentials
import NIOConcurrencyHelpers
import Values
#if canImport(Glibc)
import Glibc
#endif

/// One HTTP request as the engine sees it (already read off the wire).
struct IncomingRequest: Sendable {
    var method: String
    var path: String
    var query: Substring
    var body: String?
    var contentType: String?
    var cookies: [String: String]
    /// Came in on the integration port: no authentication, the caller is the root admin.
    var integration = false
}

/// What to send back.
struct OutgoingResponse: Sendable {
    var status: Int
    var contentType = "application/json; charset=UTF-8"
    var body: String
    var headers: [(String, String)] = []
    var drop = false
    var delay: Duration?
}

/// The request pipeline: faults, auth, throttling, dispatch, rendering. All state
/// lives behind one lock; handlers are synchronous in-memory work, so a lock is
/// cheaper than an actor hop and keeps every request's view consistent.
final class Engine: Sendable {
    private struct State {
        var store: Store
        var auth = Authenticator()
        var faultRNG: IDGenerator
        /// Fault rules in force: the options' ones, changed at run time by `simulatorFault`.
        var faults: [FaultSpec]
        var faultHits: [Int] = []
        /// The server's clock (its offset can change at run time through `simulatorFault`).
        var clock: SimClock
        /// Requests per account per window (nil = off); set by options or `simulatorFault`.
        var throttleLimit: Int?
        /// Requests per command, keyed by the lowercased name (with the spelling first seen).
        var counts: [String: (name: String, count: Int)] = [:]
        var throttle: [String: (windowStart: Date, count: Int)] = [:]
        var pendingCookies: [(String, String)]?
        /// The durable copy, when the state lives in a file.
        var stateFile: StateFile?
        var saveFailed = false
    }

    let options: SimulatorOptions
    private let state: NIOLockedValueBox<State>

    /// A seeded cloud, or with a state file the cloud it holds (seeded when the file is new).
    init(options: SimulatorOptions) throws(SimulatorError) {
        self.options = options
        let clock = SimClock(offset: options.clockOffset)  // the live one is State.clock (simulatorFault moves it)
        var file: StateFile?
        if case .file(let path) = options.state { file = try StateFile(path: path, fresh: options.fresh) }
        let store = Store(options: options, journal: file?.journal)
        if let file, !file.isNew {
            try file.load(into: store, now: clock.now)
            try store.checkDataCenter(file.path)
            if options.adminKeysGiven { store.applyAdminKeys(options) }
        } else {
            let created = SimClock.cloudStackTime(clock.now)
            store.seed(created: created)
            store.seedVMs(options.seedVMs, created: created)
        }
        try file?.flush(store)
        state = NIOLockedValueBox(State(store: store, faultRNG: IDGenerator(seed: options.seed ^ 0xFA17), faults: options.faults,
                                        faultHits: Array(repeating: 0, count: options.faults.count), clock: clock,
                                        throttleLimit: options.throttlePerSecond, stateFile: file))
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
            do { try file.close(s.store) } catch { Self.log("acsh simulator: \(error)") }
            s.stateFile = nil
        }
    }

    /// Writes what the request changed; a failure is reported once per run of failures, and retried.
    private func save(_ s: inout State) {
        guard let file = s.stateFile else { return }
        do {
            try file.flush(s.store)
            s.saveFailed = false
        } catch {
            if !s.saveFailed { Self.log("acsh simulator: \(error)") }
            s.saveFailed = true
        }
    }

    func requestCount(command: String?) -> Int {
        state.withLockedValue { s in
            command.map { s.counts[$0.lowercased()]?.count ?? 0 } ?? s.counts.values.reduce(0) { $0 + $1.count }
        }
    }

    func handle(_ req: IncomingRequest) -> OutgoingResponse {
        var params = RequestParams()
        params.addEncoded(req.query)
        if req.method == "POST", let body = req.body,
           req.contentType.map({ $0.lowercased().hasPrefix("application/x-www-form-urlencoded") }) ?? true {
            params.addEncoded(Substring(body))
        }
        let command = params["command"] ?? ""
        var (response, now) = state.withLockedValue { s in
            let now = s.clock.now
            if req.path.hasPrefix("/client/api") { s.counts[command.lowercased(), default: (command, 0)].count += 1 }
            let out = respond(req, params, command, now, &s)
            save(&s)
            return (out, now)
        }
        response.headers.append(("Date", SimClock.httpDate(now)))
        return response
    }

    private func respond(_ req: IncomingRequest, _ params: RequestParams, _ command: String, _ now: Date,
                         _ s: inout State) -> OutgoingResponse {
        let wrapper = command.lowercased() + "response"
        if req.path == "/simulator/stats" { return stats(s) }
        if req.path == AdminKeysPage.path { return AdminKeysPage.response(s.store) }
        guard req.path == "/client/api" || req.path == "/client/api/" else {
            return OutgoingResponse(status: 404, contentType: "text/html", body: Self.htmlPage(404))
        }
        // Real deployments (Jetty, proxies) refuse long URLs; clients must send long values by POST.
        if req.method == "GET", req.query.utf8.count > Self.maxQueryLength {
            return OutgoingResponse(status: 414, contentType: "text/html", body: Self.htmlPage(414))
        }
        // Fault injection decides first: a broken proxy or server answers before any auth.
        var jobFault: FaultSpec.Kind?
        var delay: Duration?
        var truncate = false
        for (i, f) in s.faults.enumerated() where f.command.map({ $0.lowercased() == command.lowercased() }) ?? true {
            let fire: Bool
            switch f.when {
            case .always: fire = true
            case .probability(let p): fire = s.faultRNG.nextUnit() < p
            case .first(let n): fire = s.faultHits[i] < n
            }
            guard fire else { continue }
            if f.kind.isJobFault {
                if jobFault == nil, Registry.handler(command)?.isAsync == true { jobFault = f.kind; s.faultHits[i] += 1 }
                continue
            }
            s.faultHits[i] += 1
            switch f.kind {
            case .delay(let ms): delay = .milliseconds(ms)
            case .truncatedJSON: truncate = true
            case .httpPage(let status):
                return OutgoingResponse(status: status, contentType: "text/html", body: Self.htmlPage(status), delay: delay)
            case .dropConnection:
                return OutgoingResponse(status: 0, body: "", drop: true, delay: delay)
            case .throttle(let ms):
                return Self.error(wrapper, APIError(429, Self.throttleText(ms), cs: 9999), delay: delay)
            case .apiError(let code):
                return Self.error(wrapper, APIError.injected(code), delay: delay)
            default: break
            }
        }
        var out: OutgoingResponse
        do {
            let body = try process(req, params, command, now, jobFault, &s)
            out = OutgoingResponse(status: 200, body: "{\"\(wrapper)\":\(body)}")
            if let cookies = s.pendingCookies { out.headers += cookies; s.pendingCookies = nil }
        } catch {
            out = Self.error(wrapper, error)
        }
        if truncate, out.status == 200 {
            out.body = String(decoding: Array(out.body.utf8.prefix(max(1, out.body.utf8.count / 2))), as: UTF8.self)
        }
        out.delay = delay
        if options.logRequests { Self.log("\(req.method) \(command.isEmpty ? "-" : command) \(out.status)") }
        return out
    }

    private func process(_ req: IncomingRequest, _ params: RequestParams, _ command: String, _ now: Date,
                         _ jobFault: FaultSpec.Kind?, _ s: inout State) throws(APIError) -> String {
        if let bad = params.controlCharacterParam {
            throw APIError(431, "Received value for parameter \(bad) contains control characters, which are not allowed", cs: 4350)
        }
        guard !command.isEmpty else { throw APIAccess.notAvailable }
        if command == "login" {
            guard req.method == "POST" else { throw APIError(405, "Method not allowed: login must be sent by POST") }
            let session = try s.auth.login(params, store: s.store, now: now)
            Events.record(s.store, session.principal.caller, type: "USER.LOGIN", state: "Completed", level: "INFO",
                          created: SimClock.cloudStackTime(now), description: "user has logged in from the API",
                          resource: (session.principal.caller.userID, "User"))
            return try loginResponse(session, &s)
        }
        let principal: Principal
        if options.auth == .open || req.integration {
            principal = s.store.principals.first { $0.caller.isAdmin } ?? s.store.principals[0]
        } else if params["apikey"] != nil || params["signature"] != nil {
            principal = try s.auth.verifySigned(params, store: s.store, now: now)
        } else {
            principal = try s.auth.verifySession(params, cookies: req.cookies, store: s.store, timeout: options.sessionTimeout, now: now)
        }
        if command == "logout" {
            s.auth.logout(cookies: req.cookies)
            Events.record(s.store, principal.caller, type: "USER.LOGOUT", state: "Completed", level: "INFO",
                          created: SimClock.cloudStackTime(now), description: "user has logged out",
                          resource: (principal.caller.userID, "User"))
            return "{\"description\":\"success\"}"
        }
        guard APIAccess.allowed(command, for: principal.caller.role) else { throw APIAccess.notAvailable }
        if command == "simulatorFault" {
            return try FaultAPI.run(params, faults: &s.faults, hits: &s.faultHits, clock: &s.clock, throttle: &s.throttleLimit)
        }
        if let limit = s.throttleLimit, !principal.caller.isAdmin {
            var w = s.throttle[principal.caller.accountID] ?? (now, 0)
            let window = Self.seconds(options.throttleInterval)
            if now.timeIntervalSince(w.windowStart) >= window { w = (now, 0) }
            w.count += 1
            s.throttle[principal.caller.accountID] = w
            if w.count > limit {
                let ms = max(1, Int((window - now.timeIntervalSince(w.windowStart)) * 1000))
                throw APIError(429, Self.throttleText(ms))
            }
        }
        s.store.settleJobs(now: now)
        let api = Catalog.bundled.api(named: command)  // decoded once per request, shared by both checks
        let modelled = Registry.handler(command)
        try CatalogCheck.check(command, api, params, modelled: modelled != nil)
        guard let handler = modelled else { throw APIAccess.notAvailable }  // CatalogCheck threw already
        var params = params
        if let api { s.store.translateInternalIDs(api, &params) }
        let call = Call(command: command, params: params, caller: principal.caller, store: s.store, now: now)
        switch Events.observe(call, ResponseFill.complete(call, api, try handler.run(call))) {
        case .object(let r):
            return JSONWriter.compact(.record(r))
        case .list(let noun, let items, let total):
            if total == 0 { return "{}" }
            return JSONWriter.compact(.record(["count": .int(total), noun: .list(items)]))
        case .job(let spec):
            let id = s.store.newID()
            let due: Date? = jobFault == .jobNeverFinishes ? nil : now.addingTimeInterval(Self.seconds(options.jobTime))
            s.store.jobs.add(Job(id: id, cmd: spec.cmd, accountID: principal.caller.accountID, userID: principal.caller.userID,
                                 created: now, completesAt: due, instanceType: spec.instanceType,
                                 instanceID: spec.instanceID, work: spec.work, onFailure: spec.onFailure, fault: jobFault))
            if spec.instanceType == "VirtualMachine", let vmID = spec.instanceID {
                s.store.vms.update(vmID) { $0.pendingJobID = id }
            }
            var r: Record = [:]
            if let immediate = spec.immediateID { r["id"] = .string(immediate) }
            r["jobid"] = .string(id)
            return JSONWriter.compact(.record(r))
        }
    }

    /// Request counters for benchmarks run against a separate `acsh simulator` process
    /// (e.g. API calls per deployed VM): `{"requests": N, "commands": {"listZones": n, ...}}`.
    private func stats(_ s: State) -> OutgoingResponse {
        let commands = s.counts.values.filter { !$0.name.isEmpty }.sorted { $0.name < $1.name }
        let total = s.counts.values.reduce(0) { $0 + $1.count }
        let body: Value = .record(["requests": .int(total),
                                   "commands": .record(Record(uniqueKeysWithValues: commands.map { ($0.name, Value.int($0.count)) })),
                                   "jobs": .int(s.store.jobs.all.count), "virtualmachines": .int(s.store.vms.liveCount)])
        return OutgoingResponse(status: 200, body: JSONWriter.compact(body))
    }

    /// loginresponse as the server sends it (every value a string), plus the two cookies.
    private func loginResponse(_ session: LoginSession, _ s: inout State) throws(APIError) -> String {
        let c = session.principal.caller
        let (timeout, _) = options.sessionTimeout.components
        s.pendingCookies = [
            ("Set-Cookie", "JSESSIONID=\(session.jsessionID); Path=/client; HttpOnly"),
            ("Set-Cookie", "sessionkey=\(session.sessionKey); Path=/client"),
        ]
        let r: Record = [
            "username": .string(c.username), "userid": .string(c.userID), "domainid": .string(c.domainID),
            "timeout": .string(String(timeout)), "account": .string(c.account), "firstname": .string(c.username),
            "lastname": .string("Sandbox"), "type": .string(c.isAdmin ? "1" : "0"), "timezone": .string("UTC"),
            "registered": .string("false"), "sessionkey": .string(session.sessionKey), "is2faenabled": .string("false"),
        ]
        return JSONWriter.compact(.record(r))
    }

    static func seconds(_ d: Duration) -> Double {
        let (s, a) = d.components
        return Double(s) + Double(a) / 1e18
    }

    static func throttleText(_ ms: Int) -> String {
        "The given user has reached his/her account api limit, please retry after \(ms) ms."
    }

    static func error(_ wrapper: String, _ e: APIError, delay: Duration? = nil) -> OutgoingResponse {
        let body: Value = .record([wrapper: .record([
            "uuidList": .list([]), "errorcode": .int(e.code), "cserrorcode": .int(e.csCode), "errortext": .string(e.text),
        ])])
        return OutgoingResponse(status: e.code, body: JSONWriter.compact(body), delay: delay)
    }

    /// Longest GET query accepted (a URL of about 4 KB, as behind common proxies).
    static let maxQueryLength = 4000

    static func htmlPage(_ status: Int) -> String {
        let titles = [404: "Not Found", 414: "Request-URI Too Large", 502: "Bad Gateway", 503: "Service Unavailable",
                      504: "Gateway Time-out"]
        let title = titles[status] ?? "Error"
        return "<html><head><title>\(status) \(title)</title></head><body><center><h1>\(status) \(title)</h1></center>"
            + "<hr><center>nginx</center></body></html>\n"
    }

    static func log(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}

import FoundationEssentials
import Values
import OrderedCollections

/// An async job started with `&` (or being waited for in the foreground).
/// Prints as a record: jobid, command, status and, once done, the result.
public final class JobValue: OpaqueValue, @unchecked Sendable {
    public let jobid: String
    public let command: String
    /// The id the server gave the new resource at once, when it did.
    public let resourceID: String?
    private let lock = Lock()
    private var outcome: Result<Value, Error>?
    private var waiter: Task<Value, Error>?

    init(jobid: String, command: String, resourceID: String?) {
        self.jobid = jobid
        self.command = command
        self.resourceID = resourceID
    }

    /// A job of dry-run mode: nothing runs, waiting gives what would have been sent.
    init(dryRun record: Value, command: String) {
        jobid = "dry-run"
        self.command = command
        resourceID = nil
        dryRunResult = record
    }

    private(set) var dryRunResult: Value?

    public var typeName: String { "job" }

    public var isFinished: Bool { lock.withLock { outcome != nil } }

    /// The latest queryAsyncJobResult answer read on access (`j.status`), and when.
    private var polled: (status: String, result: Value?)?
    private var polledAt: ContinuousClock.Instant?

    /// Whether an access should ask the server again: the job is not known to
    /// have ended and the last look is older than `interval`.
    func isStale(_ interval: Duration) -> Bool {
        lock.withLock {
            guard outcome == nil, dryRunResult == nil, polled?.status ?? "running" == "running" else { return false }
            return polledAt.map { ContinuousClock.now - $0 >= interval } ?? true
        }
    }

    /// Keeps one poll's answer: jobstatus 0 running, 1 succeeded, 2 failed.
    func record(poll answer: Value) {
        let status: String
        switch answer[field: "jobstatus"]?.plainText {
        case "1": status = "succeeded"
        case "2": status = "failed"
        default: status = "running"
        }
        let result = answer[field: "jobresult"].map(Interpreter.unwrapResult)
        lock.withLock {
            polled = (status, result)
            polledAt = .now
        }
    }

    public var displayValue: Value {
        var r: Record = ["jobid": .string(jobid), "command": .string(command)]
        if let resourceID { r["id"] = .string(resourceID) }
        let (known, seen) = lock.withLock { (outcome, polled) }
        switch known {
        case nil:
            r["status"] = .string(seen?.status ?? "running")
            if let v = seen?.result, seen?.status != "running" { r["result"] = v }
        case .success(let v): r["status"] = "succeeded"; r["result"] = v
        case .failure: r["status"] = "failed"
        }
        return .record(r)
    }

    /// Waits for the job (one poller per job however many wait for it);
    /// cancelling the waiter stops polling but not the job on the server.
    func wait(_ poll: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let task: Task<Value, Error> = lock.withLock {
            if let waiter { return waiter }
            let t = Task { try await poll() }
            waiter = t
            return t
        }
        return try await withTaskCancellationHandler {
            do {
                let v = try await task.value
                lock.withLock { outcome = .success(v) }
                return v
            } catch {
                if !Task.isCancelled && !(error is CancellationError) {
                    lock.withLock { outcome = .failure(error) }
                } else {
                    lock.withLock { waiter = nil }
                }
                throw error
            }
        } onCancel: {
            task.cancel()
        }
    }
}

/// The jobs started in this session, to wait for all (`wait`) and to name
/// the ones still running when the user interrupts.
final class JobTable: @unchecked Sendable {
    private let lock = Lock()
    private var jobs: [JobValue] = []

    func add(_ job: JobValue) { lock.withLock { jobs.append(job) } }

    func remove(_ job: JobValue) { lock.withLock { jobs.removeAll { $0 === job } } }

    var all: [JobValue] { lock.withLock { jobs } }

    var running: [JobValue] { all.filter { !$0.isFinished } }
}

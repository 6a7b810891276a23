import CloudClient
import Contracts
import FoundationEssentials
import Values

/// One API call as the language handed it to the client: before signing, so it
/// never holds the api key, the signature or `expires`. Secret-looking values are
/// redacted and long ones (userdata) shortened before they are kept.
public struct CallRecord: Sendable {
    public let sequence: Int
    public let command: String
    /// As sent, but redacted and shortened.
    public let params: [(String, String)]
    /// Whether the server answered without an error.
    public let succeeded: Bool
    /// How many times a job was polled (queryAsyncJobResult), for waits.
    public let polls: Int?

    /// `command name=value ...` with secrets replaced, as the tour shows it.
    public var text: String {
        let shown = params.map { "\($0.0)=\($0.1)" }
        var line = ([command] + shown).joined(separator: " ")
        if let polls { line += "   (polled \(polls) time\(polls == 1 ? "" : "s") until the job ended)" }
        return line
    }
}

/// The recent calls of this run, newest last, kept so the tour can show the
/// real requests behind what the learner typed. Bounded: a long session keeps
/// only the last `capacity`.
public final class CallLog: @unchecked Sendable {
    private let lock = Lock()
    private var records: [CallRecord] = []
    private var next = 0
    let capacity: Int

    public init(capacity: Int = 200) { self.capacity = capacity }

    /// The sequence number the next call will get.
    public var position: Int { lock.withLock { next } }

    func append(_ command: String, _ params: [(String, String)], succeeded: Bool, polls: Int? = nil) {
        let params = params.map { name, value in
            let v = SecretPolicy.shown(name, value)
            return (name, v.utf8.count > 200 ? "\(v.prefix(40))... (\(v.utf8.count) bytes)" : v)
        }
        lock.withLock {
            records.append(
                CallRecord(sequence: next, command: command, params: params, succeeded: succeeded, polls: polls))
            next += 1
            if records.count > capacity { records.removeFirst(records.count - capacity) }
        }
    }

    /// The calls made since `position` (a value of `position` read earlier).
    public func since(_ position: Int) -> [CallRecord] {
        lock.withLock { records.filter { $0.sequence >= position } }
    }
}

/// A CloudAPI that writes every call into a CallLog and passes it on.
/// The shell's host hands this to the interpreter; the tour's own checks use
/// `base`, so they never show up as the learner's calls.
public struct RecordingAPI: CloudAPI {
    public let base: any CloudAPI
    public let log: CallLog

    public init(_ base: any CloudAPI, log: CallLog) {
        self.base = base
        self.log = log
    }

    public func call(_ command: String, _ params: [(String, String)]) async throws -> Value {
        do {
            let v = try await base.call(command, params)
            log.append(command, params, succeeded: true)
            return v
        } catch {
            log.append(command, params, succeeded: false)
            throw error
        }
    }

    public func awaitJob(
        _ jobid: String, deadline: ContinuousClock.Instant?,
        progress: (@Sendable (JobProgress) -> Void)?
    ) async throws -> Value {
        let polls = PollCounter()
        let counting: @Sendable (JobProgress) -> Void = { p in
            polls.set(p.polls)
            progress?(p)
        }
        do {
            let v = try await base.awaitJob(jobid, deadline: deadline, progress: counting)
            log.append("queryAsyncJobResult", [("jobid", jobid)], succeeded: true, polls: polls.value)
            return v
        } catch {
            log.append("queryAsyncJobResult", [("jobid", jobid)], succeeded: false, polls: polls.value)
            throw error
        }
    }

    public func preview(_ command: String, _ params: [(String, String)]) -> RequestPreview? {
        base.preview(command, params)
    }

    public var pollSchedule: (first: Duration, cap: Duration)? { base.pollSchedule }

    /// Logged when the listing starts; `page` and `pagesize` are added per page below.
    public func recordPages(_ command: String, _ params: [(String, String)], pageSize: Int) -> AsyncThrowingStream<
        [Value], Error
    > {
        log.append(command, params, succeeded: true)
        return base.recordPages(command, params, pageSize: pageSize)
    }
}

private final class PollCounter: @unchecked Sendable {
    private let lock = Lock()
    private var count: Int?
    func set(_ n: Int) { lock.withLock { count = n } }
    var value: Int? { lock.withLock { count } }
}

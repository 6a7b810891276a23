import Values
import OrderedCollections

/// One poll of an async job, for progress displays.
public struct JobStatus: Sendable {
    public let jobid: String
    /// 0 pending, 1 succeeded, 2 failed, 3 cancelled.
    public let status: Int
    /// `jobprocstatus`: the server's progress figure while pending.
    public let procStatus: Int?
    /// Polls so far, this one included.
    public let polls: Int
    public let elapsed: Duration
    /// The whole `queryAsyncJobResult` answer.
    public let response: Value
}

extension CloudStackClient {
    /// Sends `command`; when the answer names a `jobid` (an async API), waits for the
    /// job and returns its `jobresult`, otherwise returns the answer itself.
    public func requestAndWait(
        _ command: String, _ params: [(String, String)] = [],
        deadline: ContinuousClock.Instant? = nil,
        progress: (@Sendable (JobStatus) -> Void)? = nil
    ) async throws -> Value {
        let r = try await request(command, params)
        guard let jobid = r[field: "jobid"]?.plainText, !jobid.isEmpty else { return r }
        return try await waitForJob(jobid, deadline: deadline, progress: progress)
    }

    /// Polls `queryAsyncJobResult` until the job ends and returns its `jobresult`
    /// (e.g. `{"virtualmachine": {...}}`). The interval starts at `pollFirst` and grows
    /// ×1.5 up to `pollCap`. Throws on failure (2), cancellation (3), an unknown status,
    /// the deadline (the job goes on on the server), or Task cancellation (at once).
    public func waitForJob(
        _ jobid: String, deadline: ContinuousClock.Instant? = nil,
        progress: (@Sendable (JobStatus) -> Void)? = nil
    ) async throws -> Value {
        let clock = ContinuousClock()
        let start = clock.now
        var interval = options.pollFirst
        var polls = 0
        while true {
            // Sleep first: a job just submitted is rarely done already.
            var nap = interval
            if let deadline {
                let left = deadline - clock.now
                if left <= .zero && polls > 0 { throw CloudStackError(.deadline(jobid: jobid)) }
                nap = max(.zero, min(nap, left))
            }
            do { try await Task.sleep(for: nap) } catch { throw CloudStackError(.interrupted(jobid: jobid)) }
            interval = min(interval * 1.5, options.pollCap)

            let r: Value
            do {
                r = try await request("queryAsyncJobResult", [("jobid", jobid)])
            } catch let e as CloudStackError {
                switch e.kind {
                case .interrupted: throw CloudStackError(.interrupted(jobid: jobid))
                case .transport, .http, .malformed:
                    throw CloudStackError(.pollFailed(jobid: jobid, reason: e.transportReason))
                default: throw e
                }
            } catch {
                if Task.isCancelled { throw CloudStackError(.interrupted(jobid: jobid)) }
                throw error
            }
            polls += 1
            progress?(
                JobStatus(
                    jobid: jobid, status: r[field: "jobstatus"].flatMap(ResponseReader.intOf) ?? -1,
                    procStatus: r[field: "jobprocstatus"].flatMap(ResponseReader.intOf),
                    polls: polls, elapsed: clock.now - start, response: r))
            guard let result = try Self.jobOutcome(r, jobid: jobid) else {
                if let deadline, clock.now >= deadline { throw CloudStackError(.deadline(jobid: jobid)) }
                continue
            }
            return result
        }
    }

    /// What one `queryAsyncJobResult` answer says: the `jobresult` when the job
    /// succeeded, nil while it is pending, the job's error when it ended otherwise.
    static func jobOutcome(_ r: Value, jobid: String) throws(CloudStackError) -> Value? {
        let raw = r[field: "jobstatus"]
        let result = r[field: "jobresult"] ?? .record([:])
        switch raw.flatMap(ResponseReader.intOf) {
        case 0:
            return nil
        case 1:
            return result
        case 2:
            throw CloudStackError(
                .jobFailed(
                    jobid: jobid,
                    errorcode: result[field: "errorcode"].flatMap(ResponseReader.intOf)
                        ?? r[field: "jobresultcode"].flatMap(ResponseReader.intOf),
                    errortext: result[field: "errortext"]?.plainText ?? "no error text given"))
        case 3:
            throw CloudStackError(.jobCancelled(jobid: jobid, errortext: result[field: "errortext"]?.plainText ?? ""))
        default:
            throw CloudStackError(
                .jobUnknownStatus(jobid: jobid, status: raw.map { JSONWriter.compact($0) } ?? "(none)"))
        }
    }
}

import CloudClient
import Values

extension CloudStackClient: CloudAPI {
    public func call(_ command: String, _ params: [(String, String)]) async throws -> Value {
        try await request(command, params)
    }

    public func awaitJob(
        _ jobid: String, deadline: ContinuousClock.Instant?,
        progress: (@Sendable (JobProgress) -> Void)?
    ) async throws -> Value {
        guard let progress else { return try await waitForJob(jobid, deadline: deadline, progress: nil) }
        let forward: @Sendable (JobStatus) -> Void = { s in
            progress(JobProgress(jobid: s.jobid, polls: s.polls, elapsed: s.elapsed, percent: s.procStatus))
        }
        return try await waitForJob(jobid, deadline: deadline, progress: forward)
    }

    public func recordPages(_ command: String, _ params: [(String, String)], pageSize: Int) -> AsyncThrowingStream<
        [Value], Error
    > {
        pages(command, params, pageSize: pageSize)
    }

    public func preview(_ command: String, _ params: [(String, String)]) -> RequestPreview? {
        requestPreview(command, params)
    }

    public var pollSchedule: (first: Duration, cap: Duration)? { (options.pollFirst, options.pollCap) }
}

extension CloudStackError: ScriptErrorConvertible {
    /// Keeps errorcode/cserrorcode/errortext for `catch e` and the exit code for the script.
    public func scriptError(at location: SourceLocation?) -> ScriptError {
        ScriptError(
            message, at: location, exitCode: exitCode, errorcode: errorcode,
            cserrorcode: cserrorcode, errortext: errortext, jobid: jobid)
    }
}

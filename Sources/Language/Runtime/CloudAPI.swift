import CloudClient
import Values

/// What the interpreter needs from a CloudStack client. CloudStackClient
/// conforms (CloudStackClient+CloudAPI.swift); tests could plug another.
public protocol CloudAPI: Sendable {
    /// One call; the unwrapped `<command>response` object.
    func call(_ command: String, _ params: [(String, String)]) async throws -> Value
    /// Polls a job until it ends; its `jobresult`. Throws on failure, deadline, cancellation.
    func awaitJob(
        _ jobid: String, deadline: ContinuousClock.Instant?,
        progress: (@Sendable (JobProgress) -> Void)?
    ) async throws -> Value
    /// The records of a list call, page by page, fetched as consumed.
    func recordPages(_ command: String, _ params: [(String, String)], pageSize: Int) -> AsyncThrowingStream<
        [Value], Error
    >
    /// The request `call` would send, secrets as placeholders (`explain`); nil when unknown.
    func preview(_ command: String, _ params: [(String, String)]) -> RequestPreview?
    /// First interval between job polls and its cap (growing x1.5); nil when unknown.
    var pollSchedule: (first: Duration, cap: Duration)? { get }
}

/// One poll of a job, for the progress line.
public struct JobProgress: Sendable {
    public var jobid: String
    public var polls: Int
    public var elapsed: Duration
    public var percent: Int?

    public init(jobid: String, polls: Int, elapsed: Duration, percent: Int?) {
        self.jobid = jobid
        self.polls = polls
        self.elapsed = elapsed
        self.percent = percent
    }
}

/// Errors from below (client, transport) that know their script-facing form.
public protocol ScriptErrorConvertible: Error {
    func scriptError(at location: SourceLocation?) -> ScriptError
}

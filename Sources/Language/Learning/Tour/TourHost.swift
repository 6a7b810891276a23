import FoundationEssentials

/// What the `tour` builtin needs from the shell beyond ShellHost (whose
/// `profileName` names the profile progress is kept for): where that profile's
/// progress file lives, and the calls of this run. The executable's host
/// conforms; a host that does not gets a clear refusal.
public protocol TourHost: ShellHost {
    /// The progress file of the active profile, under the XDG state directory.
    var tourProgressFile: String { get }
    /// Kept for the whole run, across `use PROFILE`.
    var tourMemory: TourMemory { get }
}

/// What the tour remembers during one run of the shell: every API call sent
/// (to show the real request behind a step) and which step was last put on
/// the screen, so `tour` after a restart shows the step instead of a hint.
public final class TourMemory: @unchecked Sendable {
    public let calls: CallLog
    private let lock = Lock()
    private var shown: (profile: String, step: String, since: Int)?

    public init(calls: CallLog = CallLog()) { self.calls = calls }

    /// Notes that `step` is on the screen now; calls from here on belong to it.
    func present(_ step: String, profile: String) {
        let position = calls.position
        lock.withLock { shown = (profile, step, position) }
    }

    /// Where the calls of `step` start, when it was shown in this run.
    func shownSince(_ step: String, profile: String) -> Int? {
        lock.withLock {
            guard let shown, shown.profile == profile, shown.step == step else { return nil }
            return shown.since
        }
    }
}

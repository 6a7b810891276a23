#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Synchronization

/// One status line on stderr while an async job is waited for (`job 1f3e... 4.2s`),
/// rewritten in place and erased when the wait ends. Silent when stderr is not a terminal.
public final class ProgressLine: Sendable {
    private let enabled: Bool
    private let style: Style
    /// Whether a line is on screen; the mutex also keeps two writers apart.
    private let visible = Mutex(false)

    public init(enabled: Bool = TTY.isTerminal(STDERR_FILENO), style: Style = Style(enabled: false)) {
        self.enabled = enabled
        self.style = style
    }

    /// The text shown for a job waited for `elapsed` seconds.
    public static func text(jobID: String, elapsed: Double, label: String? = nil) -> String {
        let seconds = (elapsed * 10).rounded() / 10
        let what = label.map { "\($0) " } ?? ""
        return "waiting for \(what)job \(jobID) (\(seconds)s, Ctrl-C stops waiting)"
    }

    public func update(jobID: String, elapsed: Double, label: String? = nil) {
        show(Self.text(jobID: jobID, elapsed: elapsed, label: label))
    }

    /// Shows `text` in place of the previous line; nil erases it (the
    /// language's `Host.showProgress` contract).
    public func show(_ text: String?) {
        guard let text else { return clear() }
        guard enabled else { return }
        let width = TTY.width(STDERR_FILENO) ?? 80
        let line = String(text.prefix(max(10, width - 1)))
        visible.withLock { shown in
            Console.err("\r\u{1B}[2K" + style.dim(line))
            shown = true
        }
    }

    public func clear() {
        guard enabled else { return }
        visible.withLock { shown in
            guard shown else { return }
            Console.err("\r\u{1B}[2K")
            shown = false
        }
    }
}

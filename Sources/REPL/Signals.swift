#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Counts SIGINTs. The handler only bumps an atomic (async-signal-safe); the
/// prompt and the running-command watcher read and reset it.
private let interruptCount = Atomic<Int>(0)

public enum InterruptSignal {
    /// Installs the SIGINT handler, without SA_RESTART so a blocking read at the
    /// prompt returns with EINTR instead of swallowing the key.
    public static func install() {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { _ in interruptCount.add(1, ordering: .relaxed) }
        #else
        action.__sigaction_u.__sa_handler = { _ in interruptCount.add(1, ordering: .relaxed) }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// True when at least one SIGINT arrived since the last call; resets the count.
    public static func take() -> Bool {
        interruptCount.exchange(0, ordering: .relaxed) > 0
    }

    public static var pending: Bool { interruptCount.load(ordering: .relaxed) > 0 }
}

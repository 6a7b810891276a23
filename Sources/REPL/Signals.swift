#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Counts SIGINTs. The handler only bumps an atomic and writes a byte to a
/// pipe (both async-signal-safe): the signal may land on any thread, so the
/// prompt's reader waits on that pipe beside stdin instead of hoping its own
/// read is interrupted, and the running-command watcher polls the count.
private let interruptCount = Atomic<Int>(0)
private let wakeRead = Atomic<Int32>(-1)
private let wakeWrite = Atomic<Int32>(-1)

public enum InterruptSignal {
    /// Installs the SIGINT handler (once is enough; again is harmless).
    public static func install() {
        if wakeRead.load(ordering: .acquiring) < 0 {
            var fds: [Int32] = [0, 0]
            if pipe(&fds) == 0 {
                for fd in fds {
                    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                }
                wakeWrite.store(fds[1], ordering: .releasing)
                wakeRead.store(fds[0], ordering: .releasing)
            }
        }
        var action = sigaction()
        let handler: @convention(c) (Int32) -> Void = { _ in InterruptSignal.note() }
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// What a SIGINT does: count it and wake the reader (async-signal-safe: an atomic add and a
    /// one-byte write). Tests call it to stand in for the signal, which in a test process
    /// (all suites in one) another suite's simulator may be trapping.
    static func note() {
        interruptCount.add(1, ordering: .relaxed)
        let fd = wakeWrite.load(ordering: .relaxed)
        if fd >= 0 {
            var byte: UInt8 = 1
            _ = write(fd, &byte, 1)
        }
    }

    /// True when at least one SIGINT arrived since the last call; resets the count.
    public static func take() -> Bool {
        interruptCount.exchange(0, ordering: .relaxed) > 0
    }

    public static var pending: Bool { interruptCount.load(ordering: .relaxed) > 0 }

    /// The read end of the wake pipe (readable after a SIGINT), or -1 before `install`.
    static var wakeDescriptor: Int32 { wakeRead.load(ordering: .acquiring) }

    /// Empties the wake pipe.
    static func drainWake() {
        let fd = wakeDescriptor
        guard fd >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(fd, &buffer, buffer.count) > 0 {}
    }
}

import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Starts a program with posix_spawn and waits for it on a thread of its own. Foundation's
/// Process.run crashes now and then on this toolchain when many tests start programs at once
/// (a bad read inside run(), reproduced outside the project with /bin/true and a few thousand
/// concurrent runs), so the tests start programs without it.
public enum Spawn {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs `path args` in `directory` with exactly `environment`, stdout and stderr to the given files,
    /// `stdin` written to its standard input (then closed); answers the exit status, or the signal's number
    /// for a program a signal ended (as Process.terminationStatus does).
    public static func run(
        _ path: String, _ args: [String], environment: [String: String], directory: String,
        stdout: String, stderr: String, stdin: String?
    ) async throws -> Int32 {
        try await start(
            path, args, environment: environment, directory: directory, stdout: stdout, stderr: stderr, stdin: stdin
        ).wait()
    }

    /// Starts the program as `run` does and returns at once: signal it through `pid`, then `wait()`.
    public static func start(
        _ path: String, _ args: [String], environment: [String: String], directory: String,
        stdout: String, stderr: String, stdin: String? = nil
    ) throws -> Spawned {
        // `env -C` changes directory in the child: glibc's addchdir_np is not visible to Swift. env execs the
        // program, so the pid is the program's.
        let argv0 = ["/usr/bin/env", "-C", directory, path] + args
        var argv: [UnsafeMutablePointer<CChar>?] = argv0.map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0)=\($1)") } + [nil]
        defer { for p in argv + envp { free(p) } }

        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw Failure(description: "pipe: errno \(errno)") }
        // Neither end may leak into a program another test starts meanwhile (its stdin would never end).
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[0], 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        // The child starts with no blocked signals and default handlers, whatever the test runner set.
        var attrs = posix_spawnattr_t()
        posix_spawnattr_init(&attrs)
        defer { posix_spawnattr_destroy(&attrs) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attrs, &none)
        posix_spawnattr_setsigdefault(&attrs, &all)
        posix_spawnattr_setflags(&attrs, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv0[0], &actions, &attrs, &argv, &envp)
        close(fds[0])
        guard rc == 0 else {
            close(fds[1])
            throw Failure(description: "posix_spawn \(path): error \(rc)")
        }
        let spawned = Spawned(pid: pid)
        let input = fds[1], child = pid
        let text = Array((stdin ?? "").utf8)
        // A thread of its own: the wait blocks, and the concurrency pool must stay free for the in-process
        // simulators the program talks to.
        Thread {
            var sent = 0
            while sent < text.count {
                let n = text[sent...].withUnsafeBytes { write(input, $0.baseAddress, $0.count) }
                if n > 0 { sent += n } else if errno != EINTR { break }
            }
            close(input)
            var status: Int32 = 0
            while waitpid(child, &status, 0) == -1, errno == EINTR {}
            let signal = status & 0x7f
            spawned.finish(signal == 0 ? (status >> 8) & 0xff : signal)
        }.start()
        return spawned
    }
}

/// A program `Spawn.start` started: its pid, and its exit status once it ends.
public final class Spawned: @unchecked Sendable {
    public let pid: pid_t
    private let lock = NSLock()
    private var status: Int32?
    private var waiters: [CheckedContinuation<Int32, Never>] = []

    init(pid: pid_t) { self.pid = pid }

    /// nil while it runs.
    public var exitStatus: Int32? { lock.withLock { status } }

    public func wait() async -> Int32 {
        await withCheckedContinuation { (c: CheckedContinuation<Int32, Never>) in
            lock.lock()
            if let status {
                lock.unlock()
                c.resume(returning: status)
            } else {
                waiters.append(c)
                lock.unlock()
            }
        }
    }

    fileprivate func finish(_ value: Int32) {
        lock.lock()
        status = value
        let ready = waiters
        waiters = []
        lock.unlock()
        for c in ready { c.resume(returning: value) }
    }
}

import Foundation

/// Drives a program in a real pseudo-terminal through tmux: type keys, read
/// the screen, wait for text. Each session has its own tmux server socket, so
/// tests never touch the user's tmux and can run side by side.
final class TmuxSession {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// A socket of our own, so tests never touch the user's tmux server.
    let socket: String
    let target = "acsh-test"

    /// Fails with a clear message when tmux is not installed (scripts/setup.sh installs it).
    static func requireTmux() throws -> String {
        for dir in ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin", "/bin"] {
            let path = dir + "/tmux"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw Failure(description: "tmux is not installed: the REPL end-to-end tests need it (run scripts/setup.sh, or apt-get install tmux)")
    }

    private let tmux: String

    /// Starts `command` in a detached window of `width` x `height` with `environment` added.
    init(command: [String], environment: [String: String] = [:], width: Int = 160, height: Int = 50) throws {
        tmux = try Self.requireTmux()
        socket = "/tmp/acsh-tmux-\(UUID().uuidString.prefix(8)).sock"
        let env = environment.map { "\($0.key)=\(Self.quote($0.value))" }.sorted().joined(separator: " ")
        let line = "env \(env) " + command.map(Self.quote).joined(separator: " ")
        // One tmux command line, so the pane is kept (to see how the program
        // ended) even when it exits at once.
        try run(["new-session", "-d", "-s", "keep", ";", "set-option", "-g", "remain-on-exit", "on",
                 ";", "new-session", "-d", "-s", target, "-x", "\(width)", "-y", "\(height)", line])
    }

    deinit {
        _ = try? run(["kill-server"])
        unlink(socket)
    }

    /// Types text as is (no key names).
    func type(_ text: String) throws {
        try run(["send-keys", "-t", target, "-l", text])
    }

    /// Sends tmux key names: "Enter", "Tab", "C-c", "C-d", "Up".
    func press(_ keys: String...) throws {
        try run(["send-keys", "-t", target] + keys)
    }

    /// Changes the window size, as a person dragging the terminal's corner (SIGWINCH).
    func resize(width: Int, height: Int = 50) throws {
        try run(["resize-window", "-t", target, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The visible screen, plus scrollback.
    func screen() throws -> String {
        try run(["capture-pane", "-p", "-t", target, "-S", "-200"])
    }

    /// Waits until the screen contains `text` (or `predicate` holds); fails with the screen.
    /// Waits without holding a thread of the test pool (other tests need it).
    @discardableResult
    func waitFor(_ text: String, timeout: Duration = .seconds(60)) async throws -> String {
        try await waitUntil("'\(text)'", timeout: timeout) { $0.contains(text) }
    }

    @discardableResult
    func waitUntil(_ what: String, timeout: Duration = .seconds(60), _ predicate: (String) -> Bool) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        while ContinuousClock.now < deadline {
            last = try screen()
            if predicate(last) { return last }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure(description: "timed out after \(timeout) waiting for \(what); the screen was:\n\(last)")
    }

    /// Whether the program in the pane has exited.
    func hasExited() throws -> Bool {
        try run(["list-panes", "-t", target, "-F", "#{pane_dead}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    /// The last line of a screen that is not blank.
    static func lastLine(_ screen: String) -> String {
        screen.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init) ?? ""
    }

    /// Runs tmux with a clean signal mask and default handlers: a child
    /// inherits the spawning thread's blocked signals, and a tmux server
    /// started with SIGCHLD blocked never notices its panes.
    @discardableResult
    private func run(_ args: [String]) throws -> String {
        // Output goes to a file, not a pipe: the tmux server started by the
        // first command would hold a pipe open forever.
        let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)").path
        defer { unlink(outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = [tmux, "-S", socket, "-f", "/dev/null"] + args
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { for a in cArgs { free(a) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, tmux, &actions, &attributes, &cArgs, environ)
        guard rc == 0 else { throw Failure(description: "could not start tmux: error \(rc)") }
        var status: Int32 = 0
        let deadline = ContinuousClock.now + .seconds(60)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if ContinuousClock.now > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                throw Failure(description: "tmux \(args.joined(separator: " ")) did not finish within 60 s")
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
        let text = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let exited = (status & 0x7f) == 0
        guard exited && (status >> 8) & 0xff == 0 else {
            throw Failure(description: "tmux \(args.joined(separator: " ")) failed: \(text)")
        }
        return text
    }

    private static func quote(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

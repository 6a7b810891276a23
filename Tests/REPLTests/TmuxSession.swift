import Foundation

/// Drives a program in a real pseudo-terminal through tmux: type keys, read
/// the screen, wait for text. Each session has its own tmux server socket, so
/// tests never touch the user's tmux and can run side by side.
final class TmuxSession {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

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
        socket = "acsh-test-\(UUID().uuidString.prefix(8))"
        let env = environment.map { "\($0.key)=\(Self.quote($0.value))" }.sorted().joined(separator: " ")
        let line = "env \(env) " + command.map(Self.quote).joined(separator: " ")
        try run(["new-session", "-d", "-s", target, "-x", "\(width)", "-y", "\(height)", line])
        // Keep the pane after the program exits, to see how it ended.
        try run(["set-option", "-t", target, "remain-on-exit", "on"])
    }

    deinit {
        _ = try? run(["kill-server"])
    }

    /// Types text as is (no key names).
    func type(_ text: String) throws {
        try run(["send-keys", "-t", target, "-l", text])
    }

    /// Sends tmux key names: "Enter", "Tab", "C-c", "C-d", "Up".
    func press(_ keys: String...) throws {
        try run(["send-keys", "-t", target] + keys)
    }

    /// The visible screen, plus scrollback.
    func screen() throws -> String {
        try run(["capture-pane", "-p", "-t", target, "-S", "-200"])
    }

    /// Waits until the screen contains `text` (or `predicate` holds); fails with the screen.
    @discardableResult
    func waitFor(_ text: String, timeout: Duration = .seconds(10)) throws -> String {
        try waitUntil("'\(text)'", timeout: timeout) { $0.contains(text) }
    }

    @discardableResult
    func waitUntil(_ what: String, timeout: Duration = .seconds(10), _ predicate: (String) -> Bool) throws -> String {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        while ContinuousClock.now < deadline {
            last = try screen()
            if predicate(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "timed out after \(timeout) waiting for \(what); the screen was:\n\(last)")
    }

    /// Whether the program in the pane has exited.
    func hasExited() throws -> Bool {
        try run(["list-panes", "-t", target, "-F", "#{pane_dead}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    /// The last line of the screen that is not blank.
    func lastLine() throws -> String {
        try screen().split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init) ?? ""
    }

    @discardableResult
    private func run(_ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tmux)
        p.arguments = ["-L", socket, "-f", "/dev/null"] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard p.terminationStatus == 0 else {
            throw Failure(description: "tmux \(args.joined(separator: " ")) failed: \(text)")
        }
        return text
    }

    private static func quote(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

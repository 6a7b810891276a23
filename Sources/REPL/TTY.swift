#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Facts about the terminal the REPL runs in, read when needed (the window
/// can change size between two statements).
public enum TTY {
    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Both ends interactive: only then libedit is used.
    public static var isInteractive: Bool { isTerminal(STDIN_FILENO) && isTerminal(STDOUT_FILENO) }

    /// Columns of the terminal on `fd`, or nil when it is not a terminal.
    public static func width(_ fd: Int32 = STDOUT_FILENO) -> Int? {
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// Colours only at a terminal, never with NO_COLOR (any non-empty value),
    /// `--no-color`, or TERM=dumb. The one rule: the shell and printed results both ask it.
    public static func colorEnabled(
        noColorFlag: Bool = false,
        environment: [String: String],
        isTerminal: Bool
    ) -> Bool {
        if noColorFlag || !isTerminal { return false }
        if let v = environment["NO_COLOR"], !v.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return true
    }
}

/// Unbuffered writes to the standard streams: output and prompts never
/// wait in a buffer behind each other.
public enum Console {
    public static func out(_ text: String) { write(STDOUT_FILENO, text) }
    public static func err(_ text: String) { write(STDERR_FILENO, text) }

    static func write(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { raw in
                #if canImport(Glibc)
                    Glibc.write(fd, raw.baseAddress, raw.count)
                #else
                    Darwin.write(fd, raw.baseAddress, raw.count)
                #endif
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            bytes = bytes.dropFirst(n)
        }
    }
}

/// ANSI styles, applied only when colour is on.
public struct Style: Sendable {
    public let enabled: Bool
    public init(enabled: Bool) { self.enabled = enabled }

    public func bold(_ s: String) -> String { wrap(s, "1") }
    public func dim(_ s: String) -> String { wrap(s, "2") }
    public func green(_ s: String) -> String { wrap(s, "32") }
    public func yellow(_ s: String) -> String { wrap(s, "33") }
    public func cyan(_ s: String) -> String { wrap(s, "36") }
    public func red(_ s: String) -> String { wrap(s, "31") }

    private func wrap(_ s: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }
}

#if canImport(Glibc)
    import Glibc
#endif
import Values

import REPL

/// Small process-level helpers: stderr lines and terminal detection.
enum Terminal {
    /// Messages quote servers and files (an errortext, a name): controls in them are
    /// replaced so they cannot act on the terminal or the log stderr goes to.
    static func stderr(_ line: String) {
        let safe = ControlCharacters.replaced(line, keepLineBreaks: true)
        let text = safe.hasSuffix("\n") ? safe : safe + "\n"
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { _ = write(2, $0.baseAddress, $0.count) }
    }

    /// Without a newline added and controls kept: progress lines are acsh's own
    /// escape sequences around text already passed through `ControlCharacters`.
    static func stderrRaw(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { _ = write(2, $0.baseAddress, $0.count) }
    }

    static var stderrIsTTY: Bool { isatty(2) == 1 }
    static var stdinIsTTY: Bool { isatty(0) == 1 }
    static var stdoutIsTTY: Bool { isatty(1) == 1 }

    /// Colours on stdout by the REPL's one rule (NO_COLOR, --no-color, TERM=dumb, not a terminal).
    static func colorEnabled(noColorFlag: Bool) -> Bool {
        TTY.colorEnabled(noColorFlag: noColorFlag, environment: ProcessEnvironment.all, isTerminal: stdoutIsTTY)
    }

    static var width: Int? {
        var ws = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 else { return nil }
        return Int(ws.ws_col)
    }
}

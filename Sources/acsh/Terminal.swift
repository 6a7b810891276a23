#if canImport(Glibc)
import Glibc
#endif

import REPL

/// Small process-level helpers: stderr lines and terminal detection.
enum Terminal {
    static func stderr(_ line: String) {
        let text = line.hasSuffix("\n") ? line : line + "\n"
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { _ = write(2, $0.baseAddress, $0.count) }
    }

    /// Without a newline added (progress lines).
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

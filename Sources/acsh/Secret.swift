#if canImport(Glibc)
    import Glibc
#endif

/// Secrets given as `-` are read from stdin; omitted ones are asked for
/// without echo at a terminal, never when stdin is piped (scripts never prompt).
enum Secret {
    static func resolve(_ given: String?, prompt: String, needed: Bool) throws -> String? {
        if given == "-" {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw CommandFailure("acsh: expected the secret on stdin, got nothing")
            }
            return line
        }
        if let given { return given }
        guard needed else { return nil }
        guard Terminal.stdinIsTTY else {
            throw CommandFailure("acsh: a secret is missing and stdin is not a terminal; pass it with - and pipe it in")
        }
        return readHidden(prompt)
    }

    /// Asks at the terminal without echo (the caller checked that stdin is one).
    static func ask(_ prompt: String) -> String? { readHidden(prompt) }

    private static func readHidden(_ prompt: String) -> String? {
        Terminal.stderrRaw(prompt)
        var old = termios()
        tcgetattr(0, &old)
        var quiet = old
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(0, TCSANOW, &quiet)
        defer {
            tcsetattr(0, TCSANOW, &old)
            Terminal.stderrRaw("\n")
        }
        return readLine(strippingNewline: true)
    }
}

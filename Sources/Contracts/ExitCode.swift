/// The process's exit status, as README "Exit codes" promises it. A struct, not an
/// enum: `exit N` in a script ends with any N. Literals still read as codes (`== 130`).
public struct ExitCode: RawRepresentable, Hashable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public init(_ rawValue: Int32) { self.rawValue = rawValue }
    public init(integerLiteral value: Int32) { rawValue = value }

    public static let ok: ExitCode = 0
    /// The server answered with an error.
    public static let apiError: ExitCode = 1
    /// `acsh check` found an error in a script (1, as linters and compilers say it).
    public static let findings: ExitCode = 1
    /// A usage or parse error: nothing was sent.
    public static let usage: ExitCode = 2
    /// Connection refused, DNS, TLS, timeout, a non-CloudStack or truncated answer.
    public static let transport: ExitCode = 3
    /// An async job failed or was cancelled.
    public static let jobFailed: ExitCode = 4
    /// A deadline passed while waiting for a job.
    public static let deadline: ExitCode = 124
    /// Ctrl-C (128 + SIGINT, as shells report it).
    public static let interrupted: ExitCode = 130

    public var description: String { String(rawValue) }
}

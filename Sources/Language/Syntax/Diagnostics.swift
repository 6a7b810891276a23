import Contracts
import Values

/// A syntax error at one place in the source.
public struct ParseError: Error, Sendable {
    public var message: String
    public var location: SourceLocation
}

/// All syntax errors of one parse; the parser recovers at statement
/// boundaries so a file shows several at once.
public struct ParseErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [ParseError]
    public var source: SourceFile

    /// `file:line:col: message`, the source line and a caret under the column.
    public var description: String { text(showingLocation: true) }

    /// Without `file:line:col: ` for a one-line entry at the prompt: the caret says where.
    public func text(showingLocation: Bool) -> String {
        errors.map { e in
            (showingLocation ? "\(e.location): " : "") + e.message + source.caret(at: e.location)
        }.joined(separator: "\n")
    }
}

extension SourceFile {
    /// The line of `location` and a caret under its column (after a line break); empty for other files.
    func caret(at location: SourceLocation) -> String {
        guard location.file == name, let line = line(location.line) else { return "" }
        return "\n    \(line.replacingTabs())\n    " + String(repeating: " ", count: max(0, location.column - 1)) + "^"
    }
}

extension String {
    fileprivate func replacingTabs() -> String {
        String(map { $0 == "\t" ? " " : $0 })
    }
}

/// A runtime error the script can catch (`catch e`: e.code, e.cserrorcode,
/// e.text) and that ends an uncaught script with `exitCode`.
public struct ScriptError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var location: SourceLocation?
    public var exitCode: ExitCode
    public var errorcode: Int?
    public var cserrorcode: Int?
    public var errortext: String?
    public var jobid: String?
    /// More fields for `catch e` (a bulk command's done, failed and nottried lists).
    public var report: Record?

    public init(
        _ message: String, at location: SourceLocation? = nil, exitCode: ExitCode = .usage,
        errorcode: Int? = nil, cserrorcode: Int? = nil, errortext: String? = nil, jobid: String? = nil
    ) {
        self.message = message
        self.location = location
        self.exitCode = exitCode
        self.errorcode = errorcode
        self.cserrorcode = cserrorcode
        self.errortext = errortext
        self.jobid = jobid
    }

    public var description: String {
        if let location { return "\(location): \(message)" }
        return message
    }
}

import Contracts

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
    public var description: String {
        errors.map { e in
            var out = "\(e.location): \(e.message)"
            if e.location.file == source.name, let line = source.line(e.location.line) {
                let shown = line.replacingTabs()
                out += "\n    \(shown)\n    " + String(repeating: " ", count: max(0, e.location.column - 1)) + "^"
            }
            return out
        }.joined(separator: "\n")
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

    public init(_ message: String, at location: SourceLocation? = nil, exitCode: ExitCode = .usage,
                errorcode: Int? = nil, cserrorcode: Int? = nil, errortext: String? = nil, jobid: String? = nil) {
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

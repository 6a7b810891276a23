import Contracts
import Output
import Values

/// One thing `acsh check` found, at one place: an error stops a script before
/// it starts; a warning is printed and never blocks.
public struct Finding: Sendable, Equatable {
    public enum Severity: String, Sendable {
        case error, warning
    }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation

    public init(_ severity: Severity, _ message: String, at location: SourceLocation) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    /// `file:line:col: severity: message`, as compilers print it.
    public var line: String { "\(location): \(severity.rawValue): \(message)" }

    var record: Value {
        .record([
            "file": .string(location.file), "line": .int(location.line), "column": .int(location.column),
            "severity": .string(severity.rawValue), "message": .string(message),
        ])
    }
}

extension [Finding] {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Compiler lines (no format, or text); json, csv or table through the same writers as results.
    public func rendered(_ format: OutputFormat?) -> String {
        guard let format, format != .text else { return map { $0.line + "\n" }.joined() }
        var out = ""
        RecordWriter.emit(.list(map(\.record)), format: format, options: OutputOptions()) { out += $0 }
        return out.hasSuffix("\n") || out.isEmpty ? out : out + "\n"
    }
}

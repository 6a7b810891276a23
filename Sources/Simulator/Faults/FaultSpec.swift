import Values

/// One fault injection rule: what goes wrong, for which command, and how often.
///
/// Text syntax (what `acsh simulator --fault` takes): `KIND[=VALUE][@COMMAND][:WHEN]`
/// - KIND: `http502`, `http503` (an HTML error page), `truncate` (cut JSON, status 200),
///   `delay=MS`, `drop` (close the connection without answering), `throttle[=MS]` (429,
///   retry after MS, default 1000), `error=CODE` (API error 431 or 530-537),
///   `job-hang` (the job never finishes), `job-fail[=CODE]` (jobstatus 2, default 530),
///   `job-cancel` (jobstatus 3), `job-unknown` (jobstatus 7).
/// - COMMAND: only this API (case-insensitive); every command when absent.
/// - WHEN: a probability `0.3`, or `firstN` for the first N matching requests (so
///   "fails then succeeds" is testable); always when absent.
/// Examples: `http502:0.3`, `error=536@deleteNetwork`, `throttle=200@listZones:first2`.
public struct FaultSpec: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case httpPage(status: Int)
        case truncatedJSON
        case delay(milliseconds: Int)
        case dropConnection
        case throttle(retryAfterMilliseconds: Int)
        case apiError(code: Int)
        case jobNeverFinishes
        case jobFails(code: Int)
        case jobCancelled
        case jobUnknownStatus

        /// Job faults act on the job an async command creates, not on the HTTP answer.
        var isJobFault: Bool {
            switch self {
            case .jobNeverFinishes, .jobFails, .jobCancelled, .jobUnknownStatus: true
            default: false
            }
        }
    }

    public enum When: Sendable, Equatable {
        case always
        case probability(Double)
        case first(Int)
    }

    public var kind: Kind
    public var command: String?
    public var when: When
    /// The text it was parsed from (or an equivalent), for logs.
    public var description: String

    /// Same fault, command and frequency (the source text does not matter).
    public static func == (a: FaultSpec, b: FaultSpec) -> Bool {
        a.kind == b.kind && a.command?.lowercased() == b.command?.lowercased() && a.when == b.when
    }

    public init(kind: Kind, command: String? = nil, when: When = .always) {
        self.kind = kind
        self.command = command
        self.when = when
        self.description = "\(kind)" + (command.map { "@\($0)" } ?? "")
    }

    /// Parses the text syntax above; the error says what is wrong and what is allowed.
    public init(parsing text: String) throws(FaultSpecError) {
        var rest = Substring(text.trimmingSpaces())
        var when = When.always
        if let colon = rest.lastIndex(of: ":") {
            let w = rest[rest.index(after: colon)...]
            rest = rest[..<colon]
            if w.hasPrefix("first"), let n = Int(w.dropFirst(5)), n > 0 {
                when = .first(n)
            } else if let p = Double(w), p >= 0, p <= 1 {
                when = .probability(p)
            } else {
                throw FaultSpecError(text: text, problem: "'\(w)' is not a probability (0 to 1) or firstN")
            }
        }
        var command: String?
        if let at = rest.firstIndex(of: "@") {
            command = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
            if command!.isEmpty { throw FaultSpecError(text: text, problem: "empty command after @") }
        }
        var name = rest
        var value: Int?
        if let eq = rest.firstIndex(of: "=") {
            name = rest[..<eq]
            guard let v = Int(rest[rest.index(after: eq)...]), v >= 0 else {
                throw FaultSpecError(text: text, problem: "'\(rest[rest.index(after: eq)...])' is not a whole number")
            }
            value = v
        }
        let kind: Kind
        switch name.lowercased() {
        case "http502": kind = .httpPage(status: 502)
        case "http503": kind = .httpPage(status: 503)
        case "http504": kind = .httpPage(status: 504)
        case "truncate": kind = .truncatedJSON
        case "delay":
            guard let value else {
                throw FaultSpecError(text: text, problem: "delay needs milliseconds, e.g. delay=200")
            }
            kind = .delay(milliseconds: value)
        case "drop": kind = .dropConnection
        case "throttle": kind = .throttle(retryAfterMilliseconds: value ?? 1000)
        case "error":
            guard let value, value == 431 || (530...537).contains(value) else {
                throw FaultSpecError(text: text, problem: "error needs a code 431 or 530-537, e.g. error=536")
            }
            kind = .apiError(code: value)
        case "job-hang": kind = .jobNeverFinishes
        case "job-fail": kind = .jobFails(code: value ?? 530)
        case "job-cancel": kind = .jobCancelled
        case "job-unknown": kind = .jobUnknownStatus
        default:
            throw FaultSpecError(
                text: text,
                problem: "unknown fault '\(name)'; use one of http502, http503, truncate, "
                    + "delay=MS, drop, throttle[=MS], error=CODE, job-hang, job-fail[=CODE], job-cancel, job-unknown")
        }
        self.kind = kind
        self.command = command
        self.when = when
        self.description = text
    }
}

/// A fault spec that could not be parsed; `description` is one line for the user.
public struct FaultSpecError: Error, CustomStringConvertible, Equatable {
    public let text: String
    public let problem: String
    public var description: String { "invalid fault '\(text)': \(problem)" }
}

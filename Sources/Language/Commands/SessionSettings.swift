import Contracts
import Values

/// One session setting `set` changes: its names, what its value takes, how it is
/// read and shown. `set`'s usage line, its parsing and completion come from this table.
struct SessionSetting: Sendable {
    /// The first is the one shown; the others are accepted too (`o`, `dry-run`).
    let names: [String]
    /// How usage shows the value: `json|table|csv|text`, `SECONDS`.
    let value: String
    /// Sets it from the typed text; the error message when the text does not fit.
    let apply: @Sendable (String, inout SessionOptions) -> String?
    let current: @Sendable (Interpreter) -> Value
}

extension Builtins {
    static let settings: [SessionSetting] = [
        SessionSetting(names: ["output", "o"], value: OutputFormat.allCases.map(\.rawValue).joined(separator: "|"), apply: { v, o in
            guard let format = OutputFormat(rawValue: v) else { return "unknown output format '\(v)': use \(OutputFormat.choices)" }
            o.output = format
            return nil
        }, current: { .string($0.outputFormat.rawValue) }),
        SessionSetting(names: ["timeout"], value: "SECONDS", apply: { v, o in
            guard let t = Double(v), t > 0 else { return "timeout needs seconds > 0" }
            o.timeout = t
            return nil
        }, current: { .double($0.options.timeout) }),
        SessionSetting(names: ["async"], value: "wait|nowait", apply: { v, o in
            switch v {
            case "wait", "true": o.asyncWait = true
            case "nowait", "false": o.asyncWait = false
            default: return "set async takes wait or nowait"
            }
            return nil
        }, current: { .string($0.options.asyncWait ? "wait" : "nowait") }),
        SessionSetting(names: ["dryrun", "dry-run"], value: "true|false", apply: { v, o in
            guard let b = Bool(v) else { return "set dryrun takes true or false" }
            o.dryRun = b
            return nil
        }, current: { .bool($0.options.dryRun) }),
        SessionSetting(names: ["pagesize"], value: "N", apply: { v, o in
            guard let n = Int(v), n > 0 else { return "pagesize needs a number > 0" }
            o.pageSize = n
            return nil
        }, current: { .int($0.options.pageSize) }),
        SessionSetting(names: ["onerror"], value: "stop|continue", apply: { v, o in
            switch v {
            case "stop": o.keepGoing = false
            case "continue": o.keepGoing = true
            default: return "set onerror takes stop or continue"
            }
            return nil
        }, current: { .string($0.options.keepGoing ? "continue" : "stop") }),
    ]

    /// `[output json|table|csv|text | timeout SECONDS | ...]`, for `set`'s usage line.
    static var settingsUsage: String { "[" + settings.map { "\($0.names[0]) \($0.value)" }.joined(separator: " | ") + "]" }

    /// Setting names, for completion after `set`.
    public static var settingNames: [String] { settings.map { $0.names[0] } }

    /// `set`: no arguments shows every setting; `set NAME VALUE` changes one.
    static func set(_ call: BuiltinCall) async throws -> PipeResult {
        let w = try await call.words().map(\.plainText)
        let interp = call.interpreter
        if w.isEmpty {
            var r = Record()
            for s in settings { r[s.names[0]] = s.current(interp) }
            return .value(.record(r))
        }
        guard w.count == 2 else { throw ScriptError("usage: \(call.usage)", at: call.location) }
        guard let setting = settings.first(where: { $0.names.contains(w[0]) }) else {
            throw ScriptError("unknown setting '\(w[0])': \(call.usage)", at: call.location)
        }
        var o = interp.options
        if let problem = setting.apply(w[1], &o) { throw ScriptError(problem, at: call.location) }
        interp.options = o
        return .value(.null)
    }
}

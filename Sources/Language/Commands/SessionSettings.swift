import Contracts
import Values
import OrderedCollections

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
    /// A setting that takes its own words (`set default [--save] NAME VALUE`) instead of one value.
    var words: (@Sendable (Interpreter, [Value], _ save: Bool, SourceLocation) throws -> Value)?
}

extension Builtins {
    static let settings: [SessionSetting] = [
        SessionSetting(
            names: ["output", "o"], value: OutputFormat.allCases.map(\.rawValue).joined(separator: "|"),
            apply: { v, o in
                guard let format = OutputFormat(rawValue: v) else {
                    return "unknown output format '\(v)': use \(OutputFormat.choices)"
                }
                o.output = format
                return nil
            }, current: { .string($0.outputFormat.rawValue) }),
        SessionSetting(
            names: ["timeout"], value: "SECONDS",
            apply: { v, o in
                guard let t = Bounded.seconds(v) else { return "timeout needs \(Bounded.secondsRange()), not '\(v)'" }
                o.timeout = t
                return nil
            }, current: { .double($0.options.timeout) }),
        SessionSetting(
            names: ["async"], value: "wait|nowait",
            apply: { v, o in
                switch v {
                case "wait", "true": o.asyncWait = true
                case "nowait", "false": o.asyncWait = false
                default: return "set async takes wait or nowait"
                }
                return nil
            }, current: { .string($0.options.asyncWait ? "wait" : "nowait") }),
        SessionSetting(
            names: ["dryrun", "dry-run"], value: "true|false",
            apply: { v, o in
                guard let b = Bool(v) else { return "set dryrun takes true or false" }
                o.dryRun = b
                return nil
            }, current: { .bool($0.options.dryRun) }),
        SessionSetting(
            names: ["pagesize"], value: "N",
            apply: { v, o in
                guard let n = Int(v), n > 0 else { return "pagesize needs a number > 0" }
                o.pageSize = n
                return nil
            }, current: { .int($0.options.pageSize) }),
        SessionSetting(
            names: ["onerror"], value: "stop|continue",
            apply: { v, o in
                switch v {
                case "stop": o.keepGoing = false
                case "continue": o.keepGoing = true
                default: return "set onerror takes stop or continue"
                }
                return nil
            }, current: { .string($0.options.keepGoing ? "continue" : "stop") }),
        SessionSetting(
            names: ["confirm"], value: "on|off",
            apply: { v, o in
                switch v {
                case "on", "true": o.confirm = true
                case "off", "false": o.confirm = false
                default: return "set confirm takes on or off"
                }
                return nil
            }, current: { .string($0.options.confirm ? "on" : "off") }),
        // Parameter defaults: their own table (ParameterDefaults), listed, set and removed here.
        SessionSetting(
            names: ["default"], value: "[--save] [NAME [VALUE]]",
            apply: { _, _ in "usage: set default [--save] NAME VALUE" },
            current: { (try? $0.setDefault([], save: false, SourceLocation(file: "", line: 0, column: 0))) ?? .null },
            words: { interp, w, save, loc in try interp.setDefault(w, save: save, loc) }),
    ]

    /// `[output json|table|csv|text | timeout SECONDS | ...]`, for `set`'s usage line.
    static var settingsUsage: String {
        "[" + settings.map { "\($0.names[0]) \($0.value)" }.joined(separator: " | ") + "]"
    }

    /// Setting names, for completion after `set`.
    public static var settingNames: [String] { settings.map { $0.names[0] } }

    /// `set`: no arguments shows every setting; `set NAME VALUE` changes one.
    static func set(_ call: BuiltinCall) async throws -> PipeResult {
        let args = try await call.parsed()
        let w = args.values.map(\.plainText)
        let interp = call.interpreter
        let save = args.flags["save"] != nil
        if let setting = settings.first(where: { $0.words != nil && $0.names.contains(w.first ?? "") }),
            let run = setting.words
        {
            return .value(try run(interp, Array(args.values.dropFirst()), save, call.location))
        }
        if save { throw ScriptError("--save goes with set default only; usage: \(call.usage)", at: call.location) }
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
        if setting.names[0] == "dryrun", call.host.isTerminal {  // the prompt shows [dry-run] from now on; say so once
            call.host.writeOutput(
                o.dryRun
                    ? "dry-run on: changing API calls are printed, not sent (read-only ones still run); `set dryrun false` ends it\n"
                    : "dry-run off: API calls are sent again\n")
        }
        return .value(.null)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import FoundationEssentials
import PrivateFiles
import Values

extension Builtins {
    /// explain, history: for people learning the API and turning exploration into scripts.
    static let learningCommands: [BuiltinDefinition] = [
        BuiltinDefinition(
            signature: Signature(
                "explain", [Slot("LINE", .commandLine)],
                summary:
                    "how a line resolves (API, parameters after name lookup, job polling, the request as curl); changes nothing",
                examples: ["explain deploy template:\"Debian 12\" zone:Sandbox-1 serviceoffering:\"Small Instance\""])
        ) { call in
            guard let e = call.exprs.first else { throw ScriptError("usage: explain LINE", at: call.location) }
            return .value(.string(try await call.interpreter.explain(e, call.scope)))
        },
        BuiltinDefinition(
            signature: Signature(
                "history", [Slot("save FILE.cs", .filePath, optional: true)],
                flags: [Flag("p", long: "profile", value: Slot("PROFILE", .word)), Flag("f", long: "force")],
                summary:
                    "the statements of this session that ran without an error; save writes those run on the current profile (or -p PROFILE) as a script (mode 0600, -f to overwrite)",
                examples: ["history save explore.cs"])
        ) { call in
            try await Builtins.history(call)
        },
    ]

    static func history(_ call: BuiltinCall) async throws -> PipeResult {
        let args = try await call.parsed()
        let words = args.values.map(\.plainText)
        let force = args.flags["f"] != nil
        let profile: String?? = args.flags["p"].map { .some($0.plainText) }
        let log = call.interpreter.log
        if words.isEmpty {
            return .value(.list(log.statements.map { .string($0) }))
        }
        guard words.count == 2, words[0] == "save" else { throw ScriptError("usage: \(call.usage)", at: call.location) }
        var path = words[1]
        if path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
            path = home + path.dropFirst()
        }
        let chosen = profile ?? call.host.profileName
        let (text, n) = log.script(profile: chosen)
        if let problem = writePrivate(text, to: path, overwrite: force) {
            throw ScriptError("cannot save \(path): \(problem)", at: call.location)
        }
        return .value(.string("saved \(n) statement\(n == 1 ? "" : "s") to \(path)"))
    }

    /// Writes a new file with mode 0600 (a session may hold ids and names worth keeping
    /// private); an existing file is replaced only with `overwrite`. Nil, or what went wrong.
    static func writePrivate(_ text: String, to path: String, overwrite: Bool) -> String? {
        do {
            try PrivateFile.write(path, Array(text.utf8), overwrite: overwrite)
            return nil
        } catch {
            return error.exists ? "the file exists; add -f to overwrite it" : error.problem
        }
    }
}

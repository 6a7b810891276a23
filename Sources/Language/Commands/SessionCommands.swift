import Contracts
import FoundationEssentials
import Values
import OrderedCollections

extension Builtins {
    /// set, use, sync, source, sleep.
    static let sessionCommands: [BuiltinDefinition] = [
        BuiltinDefinition(
            signature: Signature(
                "set", [Slot("SETTING VALUE", .setting, optional: true)], flags: [Flag("save", long: "save")],
                detail: Builtins.settingsUsage,
                summary:
                    "change a session setting; without arguments, show them all; set default [--save] NAME VALUE: a parameter default",
                examples: ["set output table", "set"])
        ) { call in
            try await Builtins.set(call)
        },
        BuiltinDefinition(
            signature: Signature(
                "use", [Slot("PROFILE", .word)],
                summary: "switch to another profile (server, keys and catalog)")
        ) { call in
            let w = try await call.words()
            guard w.count == 1 else { throw ScriptError("usage: use PROFILE", at: call.location) }
            do { try await call.host.useProfile(w[0].plainText) } catch {
                throw call.interpreter.convert(error, call.location)
            }
            call.interpreter.nameCache.clear()  // names mean other ids on another server
            return .value(.null)
        },
        BuiltinDefinition(
            signature: Signature(
                "sync", flags: [Flag("v", long: "verbose")],
                summary:
                    "fetch the API list of the active profile's server, use it from now on and say what changed (-v: every API and parameter)"
            )
        ) { call in
            let args = try await call.parsed()
            guard args.values.isEmpty else { throw ScriptError("usage: \(call.usage)", at: call.location) }
            do { return .value(.string(try await call.host.sync(verbose: args.flags["v"] != nil))) } catch {
                throw call.interpreter.convert(error, call.location)
            }
        },
        BuiltinDefinition(
            signature: Signature(
                "source", [Slot("FILE", .filePath)],
                summary: "run a script file here; its variables and functions stay defined")
        ) { call in
            let w = try await call.words()
            guard w.count == 1 else { throw ScriptError("usage: source FILE", at: call.location) }
            var path = w[0].plainText
            // The running script's own folder first: a file planted in the working
            // directory must not replace the library the script was written with.
            if !path.hasPrefix("/"), let dir = scriptFolder(call.location.file) {
                let beside = dir + "/" + path
                if FileManager.default.fileExists(atPath: beside) { path = beside }
            }
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
            else {
                throw ScriptError("cannot read \(path): check the path", at: call.location)
            }
            let program: Program
            do {
                program = try Parser.parse(SourceFile(name: path, text: text))
            } catch let e as ParseErrors {
                throw ScriptError(
                    "\(e.errors.count) syntax error\(e.errors.count == 1 ? "" : "s") in \(path):\n\(e)",
                    at: call.location)
            }
            try await call.interpreter.execute(program.statements, call.scope, printing: true)
            return .value(.null)
        },
        BuiltinDefinition(signature: Signature("sleep", [Slot("SECONDS", .seconds)], summary: "pause")) { call in
            let w = try await call.words()
            guard w.count == 1 else { throw ScriptError("usage: sleep SECONDS", at: call.location) }
            guard let s = Bounded.seconds(w[0].plainText, positive: false) else {
                throw ScriptError(
                    "sleep needs \(Bounded.secondsRange(positive: false)), not '\(w[0].plainText)'", at: call.location)
            }
            try await Task.sleep(for: Bounded.duration(seconds: s, max: .seconds(Bounded.maxSeconds)) ?? .zero)
            return .value(.null)
        },
    ]

    /// The folder of the script running at `file`; nil for `-c` text, the prompt and the command line.
    static func scriptFolder(_ file: String) -> String? {
        guard file != "-c", !file.hasPrefix("<") else { return nil }
        guard let slash = file.lastIndex(of: "/") else { return "." }
        return slash == file.startIndex ? "/" : String(file[..<slash])
    }
}

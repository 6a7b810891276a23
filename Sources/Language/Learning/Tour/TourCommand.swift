import Values

extension Builtins {
    /// tour: the guided walkthrough (steps in TourSteps).
    static let tourCommands: [BuiltinDefinition] = [
        BuiltinDefinition(
            signature: Signature(
                "tour", [Slot("ACTION", .choice(TourCommand.actions), optional: true)], flags: [Flag("here")],
                summary:
                    "a guided walkthrough of CloudStack on the sandbox: you type each step, the tour checks it against the server",
                examples: ["tour", "tour status"])
        ) { call in
            let args = try await call.parsed()
            let here = args.flags["here"] != nil
            var action = "continue"
            for w in args.values.map(\.plainText) {
                guard TourCommand.actions.contains(w) || w == "continue" else {
                    throw ScriptError("tour has no '\(w)'; usage: \(call.usage)", at: call.location)
                }
                action = w
            }
            guard let host = call.host as? any TourHost else {
                throw ScriptError(
                    "the tour needs the acsh shell (it keeps progress per profile): run it at the acsh prompt",
                    at: call.location)
            }
            let runner = TourRunner(
                host: host, interpreter: call.interpreter, scope: call.scope, location: call.location)
            return .value(.string(try await runner.run(action, here: here)))
        }
    ]
}

enum TourCommand {
    /// What `tour ACTION` does besides continuing (completion and usage read it).
    static let actions = ["status", "show", "skip", "reset"]
}

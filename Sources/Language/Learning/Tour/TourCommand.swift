import Values

extension Builtins {
    /// tour: the guided walkthrough (steps in TourSteps).
    static let tourCommands: [BuiltinDefinition] = [
        BuiltinDefinition(signature: Signature("tour", [Slot("ACTION", .choice(TourCommand.actions), optional: true)], flags: [Flag("here")],
            summary: "a guided walkthrough of CloudStack on the sandbox: you type each step, the tour checks it against the server",
            examples: ["tour", "tour status"])) { call in
            var action = "continue"
            var here = false
            for word in call.args {
                switch word {
                case .flag("here", _): here = true
                case .positional(let e):
                    let w = try await call.interpreter.evaluate(e, call.scope).plainText
                    if w == "--here" { here = true; continue }  // `--here` arrives as one word
                    guard TourCommand.actions.contains(w) || w == "continue" else {
                        throw ScriptError("tour has no '\(w)'; usage: \(call.usage)", at: e.location)
                    }
                    action = w
                case .flag(let f, let loc):
                    throw ScriptError("tour has no flag -\(f); usage: \(call.usage)", at: loc)
                case .named(_, _, _, let loc), .block(_, let loc):
                    throw ScriptError("tour takes no name:value and no block; usage: \(call.usage)", at: loc)
                }
            }
            guard let host = call.host as? any TourHost else {
                throw ScriptError("the tour needs the acsh shell (it keeps progress per profile): run it at the acsh prompt", at: call.location)
            }
            let runner = TourRunner(host: host, interpreter: call.interpreter, scope: call.scope, location: call.location)
            return .value(.string(try await runner.run(action, here: here)))
        },
    ]
}

enum TourCommand {
    /// What `tour ACTION` does besides continuing (completion and usage read it).
    static let actions = ["status", "show", "skip", "reset"]
}

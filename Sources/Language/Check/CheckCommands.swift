import APICatalog

/// API commands, resolved as a run resolves them (`CommandResolver`, the catalog's
/// `resolve(words:)`): unknown commands and parameters with did-you-mean, words an
/// API cannot take, booleans written otherwise, and required parameters missing
/// from a line that shows all its arguments.
extension ScriptChecker {
    func command(_ cmd: Command, piped: Bool, _ names: inout Set<String>) {
        for word in cmd.args {
            switch word {
            case .positional(let e), .named(_, _, let e, _): expr(e, &names)
            case .flag, .block: break
            }
        }
        // After `use` or `sync` another catalog may hold what this one lacks.
        guard !facts.catalogChanges else { return }
        let api: API
        do {
            api = try resolver.api(for: cmd, catalog: context.catalog)
        } catch {
            if let unlisted = resolver.unlisted(cmd, catalog: context.catalog) {
                if let text = unlisted.warning { warning(text, cmd.location) }
            } else if let e = error as? ScriptError {
                self.error(e.message, e.location ?? cmd.location)
            }
            return
        }
        var given: [String] = []
        var complete = true
        for word in cmd.args {
            if let problem = Interpreter.wordProblem(word, of: api) {
                error(problem.message, problem.location ?? cmd.location)
                complete = false
            }
            guard case .named(let name, let friendly, let value, let loc) = word else { continue }
            do {
                let (param, _) = try CommandResolver.parameter(name, friendly: friendly, of: api, at: loc)
                given.append(param.name)
                if case .literal(let v) = value.kind { try Interpreter.checkBoolean(param, name, v, loc) }
            } catch let e as ScriptError {
                error(e.message, e.location ?? loc)
                complete = false
            } catch {}
        }
        // Piped records fill parameters by name; a line with a mistake already has its finding.
        guard !piped, complete, !facts.defaultsUnknown else { return }
        let defaults = context.defaults + facts.defaultNames
        let filled = defaults.compactMap { ParameterDefaults.parameter($0, of: api, readOnly: api.isReadOnly)?.name }
        if let message = Interpreter.missingRequired(api, given: given + filled) { error(message, cmd.location) }
    }
}

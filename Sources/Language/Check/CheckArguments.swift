import Contracts
import Values

/// Builtins and stages, read by their signatures (the one registry): flags they do
/// not have, blocks and `name:value` words they do not take, how many words a stage
/// takes, and written values a slot cannot hold (`first abc`, `sleep x`, `set output jsno`).
/// Choices are left alone: `tour continue` is accepted beside its listed actions.
extension ScriptChecker {
    func stage(
        _ name: String, _ args: [CommandWord], _ condition: Expr?, _ loc: SourceLocation,
        _ names: inout Set<String>
    ) {
        if let condition {
            // `where`: bare names are fields; `$it` is the record.
            var inside = names
            inside.insert("it")
            expr(condition, &inside)
        }
        words(args, itBound: name == "each", &names)
        guard let sig = Stages.signature(named: name) else { return }
        let positionals = flagsAndBlocks(args, sig, stage: true, at: loc)
        guard sig.shape == .words || sig.shape == .none else { return }
        let plain = sig.slots.filter { $0.kind != .block }
        let least = plain.filter { !$0.optional }.count
        let most = plain.last?.repeats == true ? Int.max : plain.count
        if positionals.count > most {
            let what = most == 0 ? "no arguments" : "at most \(most) argument\(most == 1 ? "" : "s")"
            error("\(name) takes \(what); usage: \(sig.usage)", loc)
        } else if positionals.count < least {
            error("\(name) needs \(plain[positionals.count].name); usage: \(sig.usage)", loc)
        }
        if let block = sig.slots.first(where: { $0.kind == .block }), !block.optional,
            !args.contains(where: { if case .block = $0 { true } else { false } })
        {
            error("\(name) needs a block { \(block.name) }; usage: \(sig.usage)", loc)
        }
        for (i, e) in positionals.enumerated() where i < most {
            if let kind = sig.slotKind(at: i) { literal(e, kind, sig, problem: sig.countNeeded, at: loc) }
        }
    }

    func builtin(
        _ name: String, _ args: [CommandWord], _ exprs: [Expr], _ loc: SourceLocation,
        _ names: inout Set<String>
    ) {
        // `explain` reports what it finds itself and never stops a script.
        guard name != "explain" else { return }
        for e in exprs { expr(e, &names) }
        words(args, itBound: false, &names)
        if name == "source" { names.formUnion(facts.sourced[loc] ?? [Self.anyName]) }
        guard let sig = Builtins.signature(named: name) else { return }
        let positionals = flagsAndBlocks(args, sig, stage: false, at: loc)
        // Builtins read their words each its own way; only slots of one precise kind are judged.
        if positionals.count == 1, sig.slots.count == 1, let kind = sig.slotKind(at: 0) {
            literal(positionals[0], kind, sig, problem: "usage: \(sig.usage)", at: loc)
        }
        if name == "set" { setting(positionals, at: loc) }
    }

    /// Walks the words' values; an `each` block sees `$it`, and what it binds may be bound after.
    private func words(_ args: [CommandWord], itBound: Bool, _ names: inout Set<String>) {
        for word in args {
            switch word {
            case .positional(let e), .named(_, _, let e, _): expr(e, &names)
            case .block(let body, _):
                let hadIt = names.contains("it")
                var inside = names
                if itBound { inside.insert("it") }
                statements(body, &inside)
                names.formUnion(inside)
                if !hadIt { names.remove("it") }
            case .flag: break
            }
        }
    }

    /// Reports flags, blocks and `name:value` words the signature does not take, as
    /// `ParsedArguments` would; returns the positional values (flag values left out).
    private func flagsAndBlocks(_ args: [CommandWord], _ sig: Signature, stage: Bool, at stageLoc: SourceLocation)
        -> [Expr]
    {
        var positionals: [Expr] = []
        var k = 0
        while k < args.count {
            defer { k += 1 }
            switch args[k] {
            case .flag(let f, let loc):
                if sig.fieldFlags { positionals.append(Expr(.literal(.string("-" + f)), loc)); continue }
                guard let flag = sig.flags.first(where: { $0.matches(f) }) else { error(sig.noFlag(f), loc); continue }
                guard let slot = flag.value else { continue }
                guard k + 1 < args.count, case .positional(let v) = args[k + 1] else {
                    error(sig.flagNeedsValue(f, slot), loc)
                    continue
                }
                literal(
                    v, slot.kind, sig, problem: "-\(f) takes \(slot.name), a whole number ≥ 0; usage: \(sig.usage)",
                    at: stageLoc)
                k += 1
            case .block(_, let loc):
                if !sig.slots.contains(where: { $0.kind == .block }) { error(sig.noBlock, loc) }
            case .named(let n, _, _, let loc):
                // Builtins read `set output:json` as two words; stages take none.
                if stage { error(sig.noNamed(n), loc) }
            case .positional(let e):
                positionals.append(e)
            }
        }
        return positionals
    }

    /// A written value a slot cannot hold; computed values are the run's to judge. Reported at
    /// `loc`, the stage or builtin, where a run reports it.
    private func literal(_ e: Expr, _ kind: SlotKind, _ sig: Signature, problem: String, at loc: SourceLocation) {
        guard case .literal(let v) = e.kind, let text = e.literalText else { return }
        switch kind {
        case .count:
            // Read as a run reads it: `first 5.0` is 5.
            if (v.number?.int ?? Int(v.plainText)).map({ $0 < 0 }) ?? true { error(problem, loc) }
        case .seconds:
            if Bounded.seconds(text, positive: false) == nil {
                error("\(sig.name) needs \(Bounded.secondsRange(positive: false)), not '\(text)'", loc)
            }
        default: break
        }
    }

    /// `set NAME VALUE` with both written: the setting exists and takes the value (the `set` table's own test).
    private func setting(_ words: [Expr], at loc: SourceLocation) {
        guard words.count == 2, let name = words[0].literalText, let value = words[1].literalText,
            let setting = Builtins.settings.first(where: { $0.names.contains(name) }), setting.words == nil
        else {
            if words.count == 2, let name = words[0].literalText,
                !Builtins.settings.contains(where: { $0.names.contains(name) })
            {
                error("unknown setting '\(name)': \(Builtins.signature(named: "set")?.usage ?? "set")", loc)
            }
            return
        }
        var options = SessionOptions()
        if let problem = setting.apply(value, &options) { error(problem, loc) }
    }
}

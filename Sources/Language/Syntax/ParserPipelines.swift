import Values

/// Pipelines and command words: `list vms state:Running | where ... | first 5 &`.
extension Parser {
    /// A pipeline, unwrapped to a plain expression when it is one.
    mutating func parsePipelineExpr(stopAtBrace: Bool) throws -> Expr {
        let p = try parsePipeline(stopAtBrace: stopAtBrace)
        if p.stages.count == 1, !p.background, case .expr(let e) = p.stages[0].kind { return e }
        return Expr(.pipeline(p), p.location)
    }

    mutating func parsePipeline(stopAtBrace: Bool) throws -> Pipeline {
        let loc = peek.location
        var stages = [try parseHead(stopAtBrace: stopAtBrace)]
        if isOp("|"), case .builtin(let name, _, let exprs) = stages[0].kind, !exprs.isEmpty {
            throw error(
                "\(name) takes values, not a pipeline: put the pipeline in parentheses, e.g. \(name) (list zones | count)"
            )
        }
        while true {
            if isOp("|") {
                advance()
                skipLineBreakAfterOperator()
            } else if atNewline, pipeContinuesOnNextLine() {
                skipLineBreakAfterOperator()
                advance()
                skipLineBreakAfterOperator()
            } else {
                break
            }
            stages.append(try parseSegment(stopAtBrace: stopAtBrace))
        }
        var background = false
        if isOp("&") {
            advance()
            background = true
        }
        return Pipeline(stages: stages, background: background, location: loc)
    }

    /// A line starting with `|` continues the pipeline of the line before.
    func pipeContinuesOnNextLine() -> Bool {
        var k = 0
        while case .newline = peek(k).kind { k += 1 }
        return peek(k).isOp("|")
    }

    /// Tokens that end a command's words.
    func endsWords(_ t: Token, stopAtBrace: Bool) -> Bool {
        switch t.kind {
        case .newline, .eof: return true
        case .op(let o):
            return o == ";" || o == "|" || o == "&" || o == ")" || o == "}" || o == "]"
                || o == "&&" || o == "||" || (o == "{" && stopAtBrace)
        default: return false
        }
    }

    /// The first element: a builtin, an API command, or an expression.
    mutating func parseHead(stopAtBrace: Bool) throws -> Stage {
        let t = peek
        let loc = t.location
        guard let w = t.word, !["true", "false", "null", "wait"].contains(w) else {
            return Stage(kind: .expr(try parseExpression()), location: loc)
        }
        if Self.keywords.contains(w) {
            throw error("'\(w)' is a keyword and cannot start an expression")
        }
        let next = peek(1)
        if next.isOp("("), !next.spaceBefore {
            return Stage(kind: .expr(try parseExpression()), location: loc)
        }
        if let sig = Builtins.signature(named: w) {
            return try parseBuiltin(sig, stopAtBrace: stopAtBrace)
        }
        if endsWords(next, stopAtBrace: stopAtBrace) {
            advance()
            if fieldContext { return Stage(kind: .expr(Expr(.field(w), loc)), location: loc) }
            let cmd = Command(words: [w], args: [], location: loc)
            return Stage(kind: .expr(Expr(.variableOrCommand(w, cmd), loc)), location: loc)
        }
        if startsCommandWord(next) && next.word != "in" {
            return Stage(kind: .command(try parseCommand(stopAtBrace: stopAtBrace)), location: loc)
        }
        return Stage(kind: .expr(try parseExpression()), location: loc)
    }

    func startsCommandWord(_ t: Token) -> Bool {
        guard t.spaceBefore else { return false }
        switch t.kind {
        case .word, .variable, .number, .string, .rawString, .other: return true
        case .op("-"):
            // `cmd -flag`, but `n - 1` and `n -1` stay arithmetic.
            return peek(2).word != nil && !peek(2).spaceBefore
        case .op(let o): return o == "(" || o == "[" || o == "{"
        default: return false
        }
    }

    /// A stage after `|`: a registered stage, a builtin, or an API command.
    mutating func parseSegment(stopAtBrace: Bool) throws -> Stage {
        let t = peek
        guard let w = t.word else {
            throw error("expected a stage or a command after '|', found \(describe(t))")
        }
        if let sig = Stages.signature(named: w) {
            advance()
            switch sig.shape {
            case .expression:
                let saved = fieldContext
                fieldContext = true
                defer { fieldContext = saved }
                guard !endsWords(peek, stopAtBrace: stopAtBrace) else {
                    throw error("'\(w)' needs a condition, e.g. \(sig.usage)")
                }
                let e = try parseExpression()
                try rejectAssignInCondition()
                return Stage(kind: .stage(name: w, args: [], expr: e), location: t.location)
            case .words, .expressions, .pipeline, .none:
                let args = try parseCommandWords(stopAtBrace: stopAtBrace)
                return Stage(kind: .stage(name: w, args: args, expr: nil), location: t.location)
            }
        }
        if let sig = Builtins.signature(named: w) {
            return try parseBuiltin(sig, stopAtBrace: stopAtBrace)
        }
        return Stage(kind: .command(try parseCommand(stopAtBrace: stopAtBrace)), location: t.location)
    }

    mutating func parseBuiltin(_ sig: Signature, stopAtBrace: Bool) throws -> Stage {
        let t = advance()
        switch sig.shape {
        case .expressions:
            var exprs: [Expr] = []
            while !endsWords(peek, stopAtBrace: stopAtBrace) {
                exprs.append(try parseExpression())
                if isOp(",") { advance() }
            }
            return Stage(kind: .builtin(name: sig.name, args: [], exprs: exprs), location: t.location)
        case .expression:
            let e = endsWords(peek, stopAtBrace: stopAtBrace) ? nil : try parseExpression()
            return Stage(kind: .builtin(name: sig.name, args: [], exprs: e.map { [$0] } ?? []), location: t.location)
        case .words, .none:
            let args = try parseCommandWords(stopAtBrace: stopAtBrace)
            return Stage(kind: .builtin(name: sig.name, args: args, exprs: []), location: t.location)
        case .pipeline:
            if peek.word != nil, isOp("=", 1) { advance(); advance() }
            guard !endsWords(peek, stopAtBrace: stopAtBrace) else {
                throw error("'\(sig.name)' needs a line to work on, e.g. \(sig.usage)")
            }
            let p = try parsePipeline(stopAtBrace: stopAtBrace)
            return Stage(
                kind: .builtin(name: sig.name, args: [], exprs: [Expr(.pipeline(p), p.location)]), location: t.location)
        }
    }

    /// `VERB [NOUN] ARGS` or `rawApiName ARGS`.
    mutating func parseCommand(stopAtBrace: Bool) throws -> Command {
        let t = advance()
        guard let verb = t.word else { throw error("expected a command", t) }
        var words = [verb]
        if let noun = peek.word, peek.spaceBefore, !isNamedArgument(at: i) {
            advance()
            words.append(noun)
        }
        return Command(words: words, args: try parseCommandWords(stopAtBrace: stopAtBrace), location: t.location)
    }

    /// Whether the glued tokens at `k` read `name:`, `name=` or `tags[0].key=`.
    func isNamedArgument(at k: Int) -> Bool {
        guard tokens[k].word != nil else { return false }
        var j = k + 1
        while j < tokens.count, !tokens[j].spaceBefore {
            switch tokens[j].kind {
            case .op(":"), .op("="): return true
            case .word, .number, .op("["), .op("]"), .op("."): j += 1
            default: return false
            }
        }
        return false
    }

    mutating func parseCommandWords(stopAtBrace: Bool) throws -> [CommandWord] {
        var out: [CommandWord] = []
        while !endsWords(peek, stopAtBrace: stopAtBrace) {
            let t = peek
            if t.isOp("-"), t.spaceBefore, isOp("-", 1), !peek(1).spaceBefore, peek(2).word != nil, !peek(2).spaceBefore
            {
                // `--keep-going`: a long flag, its words joined by '-'.
                advance(); advance()
                var f = advance().word ?? ""
                while isOp("-"), !peek.spaceBefore, let w = peek(1).word, !peek(1).spaceBefore {
                    advance(); advance()
                    f += "-" + w
                }
                out.append(.flag(f, t.location))
                continue
            }
            if t.isOp("-"), t.spaceBefore, let f = peek(1).word, !peek(1).spaceBefore {
                advance(); advance()
                out.append(.flag(f, t.location))
                continue
            }
            if t.isOp("{") {
                out.append(.block(try parseBraced(), t.location))
                continue
            }
            if isNamedArgument(at: i) {
                var j = i + 1
                while !(tokens[j].isOp(":") || tokens[j].isOp("=")) { j += 1 }
                let name = text(from: t, to: tokens[j])
                let friendly = tokens[j].isOp(":")
                i = j
                let sep = advance()
                var value: Expr
                if peek.spaceBefore || endsWords(peek, stopAtBrace: stopAtBrace) {
                    value = Expr(.literal(.string("")), sep.location)
                } else {
                    value = try parseGluedValue(stopAtBrace: stopAtBrace, keepNumbers: false, optionalMark: true)
                }
                if case .other("?") = peek.kind, !peek.spaceBefore {
                    value = Expr(.optional(value), advance().location)
                }
                out.append(.named(name: name, friendly: friendly, value: value, location: t.location))
                continue
            }
            out.append(.positional(try parseGluedValue(stopAtBrace: stopAtBrace, keepNumbers: true)))
        }
        return out
    }

    /// A value made of tokens written without spaces between them:
    /// `web-1`, `10.1.1.0/24`, `web-$i`, `$vm.id`, `"quoted"`, `(expr)`, `[1, 2]`.
    /// `optionalMark`: a named argument's value, where a final `?` after `$x` is the opt-in `name:$x?`.
    mutating func parseGluedValue(stopAtBrace: Bool, keepNumbers: Bool, optionalMark: Bool = false) throws -> Expr {
        let loc = peek.location
        var parts: [InterpolationPart] = []
        var first = true
        var textStart: Int?
        var textEnd = 0
        func flushText(_ parts: inout [InterpolationPart], _ textStart: inout Int?) {
            if let s = textStart {
                parts.append(.text(String(decoding: bytes[s..<textEnd], as: UTF8.self)))
                textStart = nil
            }
        }
        while first || !peek.spaceBefore {
            let t = peek
            if endsWords(t, stopAtBrace: stopAtBrace) && !(t.isOp("]") && textStart != nil) { break }
            if !first, t.isOp("{") { break }
            // `name:$x?` (opt-in: leave out when null) ends the value; `web?` stays text.
            if optionalMark, !first, textStart == nil, case .other("?") = t.kind,
                peek(1).spaceBefore || endsWords(peek(1), stopAtBrace: stopAtBrace)
            {
                break
            }
            switch t.kind {
            case .variable, .string, .rawString, .op("("):
                flushText(&parts, &textStart)
                parts.append(.expr(try parsePostfix(adjacentOnly: true)))
            case .op("[") where first, .op("{") where first:
                parts.append(.expr(try parsePostfix(adjacentOnly: true)))
            case .error:
                throw error("")
            default:
                if textStart == nil { textStart = t.start }
                textEnd = t.end
                advance()
            }
            first = false
        }
        flushText(&parts, &textStart)
        if parts.count == 1 {
            switch parts[0] {
            case .expr(let e): return e
            case .reference: break
            case .text(let s):
                if keepNumbers, let n = Self.numberLiteral(s) { return Expr(.literal(.number(n)), loc) }
                return Expr(.literal(.string(s)), loc)
            }
        }
        return Expr(.interpolated(parts), loc)
    }

    static func numberLiteral(_ s: String) -> Number? {
        var body = Substring(s)
        if body.first == "-" { body = body.dropFirst() }
        guard !body.isEmpty, body.first != ".", body.last != "." else { return nil }
        var dots = 0
        for c in body.utf8 {
            if c == UInt8(ascii: ".") { dots += 1 } else if !(c >= 0x30 && c <= 0x39) { return nil }
        }
        return dots <= 1 ? Number(text: s) : nil
    }
}

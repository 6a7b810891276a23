import Values

/// Expressions by precedence, lowest first:
/// `||`, `&&`, comparisons (`== != < <= > >= =~ in`), `+ -`, `* / %`, unary `! -`, postfix.
extension Parser {
    public mutating func parseExpression() throws -> Expr {
        try parseOr()
    }

    mutating func binaryLevel(_ ops: Set<String>, next: (inout Parser) throws -> Expr) throws -> Expr {
        var left = try next(&self)
        while case .op(let o) = peek.kind, ops.contains(o) {
            let t = advance()
            skipLineBreakAfterOperator()
            let right = try next(&self)
            left = Expr(.binary(o, left, right), t.location)
        }
        return left
    }

    mutating func parseOr() throws -> Expr {
        try binaryLevel(["||"]) { try $0.parseAnd() }
    }

    mutating func parseAnd() throws -> Expr {
        try binaryLevel(["&&"]) { try $0.parseComparison() }
    }

    mutating func parseComparison() throws -> Expr {
        let left = try parseAdditive()
        let op: String
        switch peek.kind {
        case .op(let o) where ["==", "!=", "<", "<=", ">", ">=", "=~"].contains(o): op = o
        case .word("in"): op = "in"
        case .word("not") where peek(1).word == "in": op = "not in"; advance()
        default: return left
        }
        let t = advance()
        skipLineBreakAfterOperator()
        let right = try parseAdditive()
        if case .op(let o) = peek.kind, ["==", "!=", "<", "<=", ">", ">=", "=~"].contains(o) {
            throw error("comparisons do not chain: write 'a < b && b < c'")
        }
        return Expr(.binary(op, left, right), t.location)
    }

    mutating func parseAdditive() throws -> Expr {
        try binaryLevel(["+", "-"]) { try $0.parseMultiplicative() }
    }

    mutating func parseMultiplicative() throws -> Expr {
        try binaryLevel(["*", "/", "%"]) { try $0.parseUnary() }
    }

    mutating func parseUnary() throws -> Expr {
        if isOp("!") || isOp("-") {
            try enter()
            defer { depth -= 1 }
            let t = advance()
            guard case .op(let o) = t.kind else { fatalError("unreachable") }
            return Expr(.unary(o, try parseUnary()), t.location)
        }
        return try parsePostfix(adjacentOnly: false)
    }

    /// A primary followed by `.field`, `[index]` written right after it.
    mutating func parsePostfix(adjacentOnly: Bool) throws -> Expr {
        var e = try parsePrimary()
        while !peek.spaceBefore {
            if isOp(".") {
                let dot = advance()
                switch peek.kind {
                case .word(let f): advance(); e = Expr(.member(e, f), dot.location)
                case .number(let n) where !n.contains("."):
                    advance(); e = Expr(.index(e, Expr(.literal(.number(Number(text: n))), dot.location)), dot.location)
                default: throw error("expected a field name after '.'")
                }
            } else if isOp("[") {
                let bracket = open()
                defer { close() }
                skipLineBreakAfterOperator()
                let idx = try parseExpression()
                skipLineBreakAfterOperator()
                _ = try expectOp("]", "to close the index")
                e = Expr(.index(e, idx), bracket.location)
            } else {
                break
            }
        }
        return e
    }

    mutating func parsePrimary() throws -> Expr {
        try enter()
        defer { depth -= 1 }
        let t = peek
        let loc = t.location
        switch t.kind {
        case .number(let n):
            advance()
            return Expr(.literal(.number(Number(text: n))), loc)
        case .string(let parts):
            advance()
            return try interpolation(parts, loc)
        case .rawString(let s):
            advance()
            return Expr(.literal(.string(s)), loc)
        case .variable(let v):
            advance()
            return Expr(.variable(v), loc)
        case .word(let w):
            switch w {
            case "true": advance(); return Expr(.literal(.bool(true)), loc)
            case "false": advance(); return Expr(.literal(.bool(false)), loc)
            case "null": advance(); return Expr(.literal(.null), loc)
            case "wait":
                advance()
                if endsWords(peek, stopAtBrace: true) { return Expr(.wait(nil), loc) }
                return Expr(.wait(try parsePostfix(adjacentOnly: false)), loc)
            default: break
            }
            if Self.keywords.contains(w) && w != "in" {
                throw error("'\(w)' is a keyword and cannot start an expression")
            }
            advance()
            if isOp("("), !peek.spaceBefore {
                _ = open()
                defer { close() }
                var args: [Expr] = []
                skipLineBreakAfterOperator()
                while !isOp(")") {
                    args.append(try parsePipelineExpr(stopAtBrace: false))
                    let save = i
                    skipLineBreakAfterOperator()
                    if isOp(",") {
                        advance(); skipLineBreakAfterOperator()
                    } else {
                        if !isOp(")") { i = save }
                        break
                    }
                }
                _ = try expectOp(")", "to close the arguments of \(w)()")
                return Expr(.call(w, args), loc)
            }
            return Expr(fieldContext ? .field(w) : .variable(w), loc)
        case .op("("):
            _ = open()
            defer { close() }
            skipLineBreakAfterOperator()
            let e = try parsePipelineExpr(stopAtBrace: false)
            skipLineBreakAfterOperator()
            _ = try expectOp(")", "to close the '(' at line \(loc.line)")
            return e
        case .op("["):
            _ = open()
            defer { close() }
            var items: [Expr] = []
            skipLineBreakAfterOperator()
            while !isOp("]") {
                items.append(try parseExpression())
                let save = i
                skipLineBreakAfterOperator()
                if isOp(",") {
                    advance(); skipLineBreakAfterOperator()
                } else {
                    if !isOp("]") { i = save }  // report the error where the line ended
                    break
                }
            }
            _ = try expectOp("]", "to close the list")
            return Expr(.list(items), loc)
        case .op("{"):
            _ = open()
            defer { close() }
            var fields: [(String, Expr)] = []
            skipLineBreakAfterOperator()
            while !isOp("}") {
                let key: String
                switch peek.kind {
                case .word(let k), .number(let k), .rawString(let k): key = k
                case .string(let parts):
                    key = parts.map { if case .text(let s) = $0 { s } else { "" } }.joined()
                default: throw error("expected a field name in the record, found \(describe(peek))")
                }
                advance()
                guard isOp(":") || isOp("=") else { throw error("expected ':' after the field name '\(key)'") }
                advance()
                skipLineBreakAfterOperator()
                fields.append((key, try parseExpression()))
                let save = i
                skipLineBreakAfterOperator()
                if isOp(",") {
                    advance(); skipLineBreakAfterOperator()
                } else {
                    if !isOp("}") { i = save }
                    break
                }
            }
            _ = try expectOp("}", "to close the record")
            return Expr(.record(fields), loc)
        case .error:
            throw error("")
        case .eof, .newline:
            throw error("expected an expression, found \(describe(t))")
        default:
            throw error("expected an expression, found \(describe(t))")
        }
    }

    /// Parses the `$x.y` and `${expr}` parts of a string with a nested parser
    /// whose tokens carry locations in this file.
    mutating func interpolation(_ parts: [StringPart], _ loc: SourceLocation) throws -> Expr {
        var out: [InterpolationPart] = []
        for part in parts {
            switch part {
            case .text(let s): out.append(.text(s))
            case .code(let code, let cloc), .reference(let code, let cloc):
                let sub = SourceFile(name: source.name, text: code)
                var p = Parser(source: sub, line: cloc.line, column: cloc.column)
                p.depth = depth
                p.fieldContext = false
                do {
                    let e = try p.parseExpression()
                    guard p.atEnd else { throw p.error("unexpected \(p.describe(p.peek)) in ${...}") }
                    if case .reference = part { out.append(.reference(e)) } else { out.append(.expr(e)) }
                } catch let e as ParseError {
                    throw e
                }
            }
        }
        if out.isEmpty { return Expr(.literal(.string("")), loc) }
        if out.count == 1, case .text(let s) = out[0] { return Expr(.literal(.string(s)), loc) }
        return Expr(.interpolated(out), loc)
    }
}

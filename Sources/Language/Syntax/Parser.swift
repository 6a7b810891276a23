import Values

/// Recursive-descent parser. Statements end at a newline or `;`; after an
/// error it skips to the next statement and goes on, so one run reports
/// several errors (Crafting Interpreters' panic-mode recovery).
public struct Parser {
    var tokens: [Token]
    var i = 0
    let source: SourceFile
    let bytes: [UInt8]
    var errors: [ParseError] = []
    /// Inside `where`: bare names are fields of the current record.
    var fieldContext = false
    /// Brackets and blocks open now; bounded so deep nesting is an error, not a stack overflow.
    var depth = 0
    static let maxDepth = 100
    /// Byte ranges of the top-level statements parsed so far.
    var topLevelSpans: [Range<Int>] = []
    /// Brackets, braces and parentheses open now, innermost last: an error at
    /// the end of the input points at the one never closed.
    var openers: [Token] = []
    /// Where the last token taken ends.
    var previousEnd: Int { i > 0 ? tokens[i - 1].end : 0 }

    /// Set once nesting passed the limit: every enclosing level would then report its own
    /// unclosed opener, so parsing stops at that one error.
    var tooDeep = false

    mutating func enter() throws {
        depth += 1
        if depth > Self.maxDepth {
            tooDeep = true
            throw error("nested more than \(Self.maxDepth) levels deep")
        }
    }

    public init(source: SourceFile, line: Int = 1, column: Int = 1) {
        self.source = source
        bytes = Array(source.text.utf8)
        tokens = Lexer.tokenize(source.text, file: source.name, line: line, column: column)
    }

    init(tokens: [Token], source: SourceFile) {
        self.tokens = tokens
        self.source = source
        bytes = Array(source.text.utf8)
    }

    /// Parses a whole file or REPL entry; throws `ParseErrors` listing every error found.
    public static func parse(_ source: SourceFile) throws -> Program {
        var p = Parser(source: source)
        let stmts = p.parseStatements(untilBrace: false)
        if !p.errors.isEmpty { throw ParseErrors(errors: p.errors, source: source) }
        let texts = p.topLevelSpans.map { String(decoding: p.bytes[$0], as: UTF8.self) }
        return Program(statements: stmts, source: source, texts: texts)
    }

    // MARK: token access

    var peek: Token { tokens[i] }
    func peek(_ k: Int) -> Token { tokens[min(i + k, tokens.count - 1)] }
    var atEnd: Bool { if case .eof = peek.kind { true } else { false } }

    @discardableResult
    mutating func advance() -> Token {
        let t = tokens[i]
        if i < tokens.count - 1 { i += 1 }
        return t
    }

    func isOp(_ s: String, _ k: Int = 0) -> Bool { peek(k).isOp(s) }
    func isWord(_ w: String, _ k: Int = 0) -> Bool { peek(k).word == w }

    var atNewline: Bool { if case .newline = peek.kind { true } else { false } }

    mutating func skipNewlines() {
        while atNewline || isOp(";") { advance() }
    }

    func error(_ message: String, _ t: Token? = nil) -> ParseError {
        if t == nil, let open = unclosedAtEnd { return open }
        let t = t ?? peek
        if case .error(let m) = t.kind { return ParseError(message: m, location: t.location) }
        return ParseError(message: message, location: t.location)
    }

    /// `2:4: this '{' is never closed` when only line breaks are left and something is open.
    var unclosedAtEnd: ParseError? {
        guard let open = openers.last,
            tokens[i...].allSatisfy({ t in
                switch t.kind {
                case .newline, .eof: true;
                default: false
                }
            }), case .op(let o) = open.kind
        else { return nil }
        return ParseError(message: "this '\(o)' is never closed", location: open.location)
    }

    /// Takes the opening bracket at the current token, remembering it until `close` is called.
    mutating func open() -> Token {
        let t = advance()
        openers.append(t)
        return t
    }

    mutating func close() { openers.removeLast() }

    mutating func expectOp(_ s: String, _ what: String) throws -> Token {
        guard isOp(s) else { throw error("expected '\(s)' \(what), found \(describe(peek))") }
        return advance()
    }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .word(let w): "'\(w)'"
        case .variable(let v): "'$\(v)'"
        case .number(let n): "number \(n)"
        case .string, .rawString: "a string"
        case .op(let o): "'\(o)'"
        case .newline: "end of line"
        case .eof: "end of input"
        case .other(let o): "'\(o)'"
        case .error(let m): m
        }
    }

    func text(from a: Token, to b: Token) -> String {
        guard a.start <= b.start, b.start <= bytes.count else { return "" }
        return String(decoding: bytes[a.start..<b.start], as: UTF8.self)
    }

    // MARK: statements

    /// Statements until end of input (or `}` inside a block).
    mutating func parseStatements(untilBrace: Bool) -> [Stmt] {
        var out: [Stmt] = []
        while true {
            skipNewlines()
            if atEnd { break }
            if untilBrace && isOp("}") { break }
            let before = errors.count, openDepth = openers.count
            let start = peek.start
            do {
                out.append(try parseStatement())
                if !untilBrace { topLevelSpans.append(start..<max(start, previousEnd)) }
                if !(atNewline || atEnd || isOp(";") || (untilBrace && isOp("}"))) {
                    throw error("expected end of statement, found \(describe(peek))")
                }
            } catch let e as ParseError {
                if tooDeep && !errors.isEmpty { break }
                if errors.count == before || errors.last?.location != e.location { errors.append(e) }
                openers.removeLast(max(0, openers.count - openDepth))
                synchronize(untilBrace: untilBrace)
            } catch {
                openers.removeLast(max(0, openers.count - openDepth))
                synchronize(untilBrace: untilBrace)
            }
            if tooDeep { break }
        }
        return out
    }

    /// Skips to the next statement boundary, keeping `{ }` balanced.
    mutating func synchronize(untilBrace: Bool) {
        var depth = 0
        while !atEnd {
            if depth == 0 && (atNewline || isOp(";")) { return }
            if isOp("{") { depth += 1 }
            if isOp("}") {
                if depth == 0 { if untilBrace { return } } else { depth -= 1 }
            }
            advance()
        }
    }

    /// `where state = "Stopped"`, `if x = 1 {`: a single `=` where a condition ends.
    func rejectAssignInCondition() throws {
        if isOp("=") { throw error("'=' assigns a variable; to compare, write '=='") }
    }

    mutating func parseBlock(_ what: String) throws -> [Stmt] {
        try rejectAssignInCondition()
        guard isOp("{") else { _ = try expectOp("{", what); return [] }
        return try parseBraced()
    }

    /// `{ statements }` after the `{` is the current token.
    mutating func parseBraced() throws -> [Stmt] {
        let brace = open()
        defer { close() }
        let body = parseStatements(untilBrace: true)
        guard isOp("}") else {
            throw unclosedAtEnd
                ?? ParseError(
                    message: "missing '}' to close the block opened at line \(brace.location.line)",
                    location: peek.location)
        }
        advance()
        return body
    }

    static let keywords: Set<String> = [
        "if", "elif", "else", "for", "in", "while", "def", "return",
        "break", "continue", "try", "catch", "exit", "assert",
    ]

    mutating func parseStatement() throws -> Stmt {
        try enter()
        defer { depth -= 1 }
        let t = peek
        let loc = t.location
        if let w = t.word {
            switch w {
            case "if": return try parseIf()
            case "for":
                advance()
                let name: String
                switch peek.kind {
                case .word(let n), .variable(let n): name = n; advance()
                default: throw error("expected a loop variable after 'for'")
                }
                guard isWord("in") else { throw error("expected 'in' after 'for \(name)'") }
                advance()
                let seq = try parsePipelineExpr(stopAtBrace: true)
                return Stmt(.forIn(name, seq, try parseBlock("to start the loop body")), loc)
            case "while":
                advance()
                let cond = try parsePipelineExpr(stopAtBrace: true)
                return Stmt(.whileLoop(cond, try parseBlock("to start the loop body")), loc)
            case "def": return try parseDef()
            case "return":
                advance()
                return Stmt(.returnValue(atStatementEnd ? nil : try parsePipelineExpr(stopAtBrace: false)), loc)
            case "break": advance(); return Stmt(.breakLoop, loc)
            case "continue": advance(); return Stmt(.continueLoop, loc)
            case "try":
                advance()
                let body = try parseBlock("after 'try'")
                let save = i
                skipNewlines()
                guard isWord("catch") else {
                    i = save
                    throw error("expected 'catch' after the try block")
                }
                advance()
                var name: String?
                switch peek.kind {
                case .word(let n), .variable(let n): name = n; advance()
                default: break
                }
                return Stmt(.tryCatch(body, name, try parseBlock("to start the catch block")), loc)
            case "exit":
                advance()
                return Stmt(.exit(atStatementEnd ? nil : try parseExpression()), loc)
            case "assert":
                advance()
                let cond = try parseExpression()
                var msg: Expr?
                if isOp(",") { advance(); msg = try parseExpression() }
                return Stmt(.assert(cond, msg), loc)
            case "elif", "else", "catch", "in":
                throw error("'\(w)' without a matching '\(w == "catch" ? "try" : w == "in" ? "for" : "if")'")
            default:
                if isOp("=", 1) && !Self.keywords.contains(w) {
                    advance(); advance()
                    skipLineBreakAfterOperator()
                    return Stmt(.assign(w, try parsePipelineExpr(stopAtBrace: false)), loc)
                }
                if let s = try parsePathAssignment(w, loc) { return s }
            }
        }
        return Stmt(.expression(try parsePipelineExpr(stopAtBrace: false)), loc)
    }

    var atStatementEnd: Bool { atNewline || atEnd || isOp(";") || isOp("}") }

    mutating func skipLineBreakAfterOperator() {
        while atNewline { advance() }
    }

    /// `x.a = v` / `x[0].b = v`; nil (nothing consumed) when it is not one.
    mutating func parsePathAssignment(_ name: String, _ loc: SourceLocation) throws -> Stmt? {
        guard peek(1).spaceBefore == false, isOp(".", 1) || isOp("[", 1) else { return nil }
        let save = i, savedErrors = errors
        advance()
        var steps: [PathStep] = []
        while !peek.spaceBefore {
            if isOp("."), let f = peek(1).word {
                advance(); advance()
                steps.append(.field(f))
            } else if isOp("[") {
                advance()
                guard let e = try? parseExpression(), isOp("]") else { i = save; errors = savedErrors; return nil }
                advance()
                steps.append(.index(e))
            } else {
                break
            }
        }
        guard isOp("="), !steps.isEmpty else { i = save; errors = savedErrors; return nil }
        advance()
        skipLineBreakAfterOperator()
        return Stmt(.assignPath(name, steps, try parsePipelineExpr(stopAtBrace: false)), loc)
    }

    mutating func parseIf() throws -> Stmt {
        let loc = advance().location
        var branches: [(Expr, [Stmt])] = []
        let cond = try parsePipelineExpr(stopAtBrace: true)
        branches.append((cond, try parseBlock("to start the 'if' body")))
        var elseBody: [Stmt]?
        while true {
            let save = i
            skipNewlines()
            if isWord("elif") {
                advance()
                let c = try parsePipelineExpr(stopAtBrace: true)
                branches.append((c, try parseBlock("to start the 'elif' body")))
            } else if isWord("else") {
                advance()
                if isWord("if") {
                    // `else if` is `elif`: one flat chain, so a long chain never nests past the depth limit.
                    advance()
                    let c = try parsePipelineExpr(stopAtBrace: true)
                    branches.append((c, try parseBlock("to start the 'if' body")))
                    continue
                }
                elseBody = try parseBlock("to start the 'else' body")
                break
            } else {
                i = save
                break
            }
        }
        return Stmt(.ifElse(branches, elseBody), loc)
    }

    mutating func parseDef() throws -> Stmt {
        let loc = advance().location
        guard let name = peek.word else { throw error("expected a function name after 'def'") }
        advance()
        guard isOp("(") else { throw error("expected '(' after the function name, found \(describe(peek))") }
        _ = open()
        var params: [String] = []
        while !isOp(")") {
            switch peek.kind {
            case .word(let p), .variable(let p): params.append(p); advance()
            default: throw error("expected a parameter name, found \(describe(peek))")
            }
            if isOp(",") { advance() } else { break }
        }
        _ = try expectOp(")", "to close the parameter list")
        close()
        return Stmt(.def(name, params, try parseBlock("to start the function body")), loc)
    }
}

/// Turns source text into tokens. Works on UTF-8 bytes; columns count
/// characters (code points), so carets line up for non-ASCII text too.
public struct Lexer {
    private let bytes: [UInt8]
    private let file: String
    private var pos = 0
    private var line: Int
    private var column: Int
    private var sawSpace = true

    /// `line`/`column` let a nested lexer (for `${expr}` inside strings)
    /// report locations in the enclosing file.
    public init(_ text: String, file: String, line: Int = 1, column: Int = 1) {
        bytes = Array(text.utf8)
        self.file = file
        self.line = line
        self.column = column
    }

    public static func tokenize(_ text: String, file: String, line: Int = 1, column: Int = 1) -> [Token] {
        var lexer = Lexer(text, file: file, line: line, column: column)
        var out: [Token] = []
        while true {
            let t = lexer.next()
            out.append(t)
            if case .eof = t.kind { return out }
        }
    }

    private static let twoCharOps: Set<String> = ["==", "!=", "<=", ">=", "=~", "&&", "||"]
    private static let oneCharOps: Set<UInt8> = Set("=<>!+-*/%|&()[]{},.:;".utf8)

    private var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    private func peek(_ k: Int = 0) -> UInt8? { pos + k < bytes.count ? bytes[pos + k] : nil }

    private mutating func advance() {
        let c = bytes[pos]
        pos += 1
        if c == 0x0A {
            line += 1
            column = 1
        } else if c & 0xC0 != 0x80 {
            column += 1
        }
    }

    static func isWordStart(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == 0x5F || c >= 0x80
    }
    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    static func isWordChar(_ c: UInt8) -> Bool { isWordStart(c) || isDigit(c) }

    public mutating func next() -> Token {
        skipSpaceAndComments()
        let space = sawSpace
        sawSpace = false
        let loc = location
        let start = pos
        func make(_ k: TokenKind) -> Token {
            Token(kind: k, location: loc, start: start, end: pos, spaceBefore: space)
        }
        guard let c = peek() else { return make(.eof) }
        if c == 0x0A {
            // Runs of blank lines become one newline token.
            while let n = peek(), n == 0x0A || n == 0x20 || n == 0x09 || (n == 0x0D && peek(1) == 0x0A) { advance() }
            sawSpace = true
            return make(.newline)
        }
        if Self.isWordStart(c) {
            while let n = peek(), Self.isWordChar(n) { advance() }
            return make(.word(text(start, pos)))
        }
        if Self.isDigit(c) {
            while let n = peek(), Self.isDigit(n) { advance() }
            if peek() == UInt8(ascii: "."), let d = peek(1), Self.isDigit(d) {
                advance()
                while let n = peek(), Self.isDigit(n) { advance() }
            }
            return make(.number(text(start, pos)))
        }
        switch c {
        case UInt8(ascii: "$"):
            advance()
            if let n = peek(), Self.isWordStart(n) {
                let s = pos
                while let n = peek(), Self.isWordChar(n) { advance() }
                return make(.variable(text(s, pos)))
            }
            if let n = peek(), Self.isDigit(n) {
                let s = pos
                while let n = peek(), Self.isDigit(n) { advance() }
                return make(.variable(text(s, pos)))
            }
            return make(.other("$"))
        case UInt8(ascii: "\""):
            return stringToken(loc, start, space)
        case UInt8(ascii: "'"):
            advance()
            let s = pos
            while let n = peek(), n != UInt8(ascii: "'"), n != 0x0A { advance() }
            guard peek() == UInt8(ascii: "'") else { return make(.error("unterminated string: add the closing '")) }
            let body = text(s, pos)
            advance()
            return make(.rawString(body))
        default:
            break
        }
        if let n = peek(1) {
            let two = String(decoding: [c, n], as: UTF8.self)
            if Self.twoCharOps.contains(two) {
                advance(); advance()
                return make(.op(two))
            }
        }
        advance()
        if Self.oneCharOps.contains(c) { return make(.op(String(UnicodeScalar(c)))) }
        // Take the whole UTF-8 sequence of an unexpected character.
        while let n = peek(), n & 0xC0 == 0x80 { advance() }
        return make(.other(text(start, pos)))
    }

    private func text(_ s: Int, _ e: Int) -> String {
        String(decoding: bytes[s..<e], as: UTF8.self)
    }

    private mutating func skipSpaceAndComments() {
        while let c = peek() {
            // A carriage return is space only as part of a line end (CRLF files, or the last
            // byte): inside a line it is a character, so `keyword:a<CR>list` stays one word
            // and never starts a second command.
            if c == 0x20 || c == 0x09 || (c == 0x0D && (peek(1) == 0x0A || peek(1) == nil)) {
                sawSpace = true
                advance()
            } else if c == UInt8(ascii: "\\"), peek(1) == 0x0A {
                // Backslash-newline continues the line.
                sawSpace = true
                advance(); advance()
            } else if c == UInt8(ascii: "\\"), peek(1) == 0x0D, peek(2) == 0x0A {
                sawSpace = true
                advance(); advance(); advance()
            } else if c == UInt8(ascii: "#") {
                while let n = peek(), n != 0x0A { advance() }
            } else {
                return
            }
        }
    }

    private mutating func stringToken(_ loc: SourceLocation, _ start: Int, _ space: Bool) -> Token {
        advance()  // opening quote
        var parts: [StringPart] = []
        var buf: [UInt8] = []
        func flush() {
            if !buf.isEmpty { parts.append(.text(String(decoding: buf, as: UTF8.self))); buf.removeAll() }
        }
        while let c = peek() {
            if c == UInt8(ascii: "\"") {
                advance()
                flush()
                return Token(kind: .string(parts), location: loc, start: start, end: pos, spaceBefore: space)
            }
            if c == 0x0A { break }  // a string ends on its line; write \n for a line break
            if c == UInt8(ascii: "\\") {
                advance()
                guard let e = peek() else { break }
                advance()
                switch e {
                case UInt8(ascii: "n"): buf.append(0x0A)
                case UInt8(ascii: "t"): buf.append(0x09)
                case UInt8(ascii: "r"): buf.append(0x0D)
                case UInt8(ascii: "0"): buf.append(0x00)
                case UInt8(ascii: "e"): buf.append(0x1B)
                default: buf.append(e)  // \" \\ \$ and anything else stand for themselves
                }
                continue
            }
            if c == UInt8(ascii: "$"), let n = peek(1) {
                if n == UInt8(ascii: "{") {
                    flush()
                    let openLoc = location  // an unclosed `${` is reported where it opens
                    advance(); advance()
                    let codeLoc = location
                    let s = pos
                    var depth = 1
                    while let d = peek() {
                        if d == UInt8(ascii: "{") { depth += 1 }
                        if d == UInt8(ascii: "}") { depth -= 1; if depth == 0 { break } }
                        if d == 0x0A { break }
                        advance()
                    }
                    guard peek() == UInt8(ascii: "}") else {
                        return Token(
                            kind: .error("this '${' is never closed: add the closing } on the same line"),
                            location: openLoc, start: start, end: pos, spaceBefore: space)
                    }
                    parts.append(.code(text(s, pos), codeLoc))
                    advance()
                    continue
                }
                if Self.isWordChar(n) {
                    // The code keeps its `$`, so "$1" is the variable, not the number 1.
                    flush()
                    let codeLoc = location
                    let s = pos
                    advance()
                    scanSimpleReference()
                    parts.append(.reference(text(s, pos), codeLoc))
                    continue
                }
            }
            buf.append(c)
            advance()
        }
        return Token(
            kind: .error("unterminated string: add the closing \""), location: loc,
            start: start, end: pos, spaceBefore: space)
    }

    /// `name(.field|[digits])*` after a `$` in a string: "$vm.name is up" takes
    /// `vm.name`; a `.` not followed by a letter ends it ("at $x.").
    private mutating func scanSimpleReference() {
        if let c = peek(), Self.isDigit(c) {
            while let n = peek(), Self.isDigit(n) { advance() }
        } else {
            while let n = peek(), Self.isWordChar(n) { advance() }
        }
        while true {
            if peek() == UInt8(ascii: "."), let n = peek(1), Self.isWordStart(n) {
                advance()
                while let n = peek(), Self.isWordChar(n) { advance() }
            } else if peek() == UInt8(ascii: "[") {
                var k = 1
                if peek(k) == UInt8(ascii: "-") { k += 1 }
                let digitsStart = k
                while let d = peek(k), Self.isDigit(d) { k += 1 }
                guard k > digitsStart, peek(k) == UInt8(ascii: "]") else { return }
                for _ in 0...k { advance() }
            } else {
                return
            }
        }
    }
}

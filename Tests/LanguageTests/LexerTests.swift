import Testing
@testable import Language

@Suite struct LexerTests {
    func kinds(_ s: String) -> [TokenKind] { Lexer.tokenize(s, file: "t").map(\.kind) }

    @Test func wordsNumbersOperators() {
        #expect(kinds("a = 1.5 >= $b") == [.word("a"), .op("="), .number("1.5"), .op(">="), .variable("b"), .eof])
    }

    @Test func commentsAndShebangAreSkipped() {
        #expect(kinds("#!/usr/bin/env acsh\nx # note") == [.newline, .word("x"), .eof])
    }

    @Test func interpolationParts() {
        let t = Lexer.tokenize("\"$vm.name is ${a[0]}.\"", file: "t")
        guard case .string(let parts) = t[0].kind else { Issue.record("not a string"); return }
        #expect(parts.count == 4)
        #expect(parts[0] == .reference("$vm.name", SourceLocation(file: "t", line: 1, column: 2)))
        #expect(parts[1] == .text(" is "))
        if case .code(let c, _) = parts[2] { #expect(c == "a[0]") } else { Issue.record("no code part") }
        #expect(parts[3] == .text("."))
    }

    @Test func rawStringsKeepDollars() {
        #expect(kinds("'$x\\n'") == [.rawString("$x\\n"), .eof])
    }

    @Test func unterminatedStringIsAnErrorToken() {
        if case .error(let m) = kinds("\"abc")[0] {
            #expect(m.contains("unterminated"))
        } else {
            Issue.record("expected error")
        }
    }

    @Test func spaceBeforeDistinguishesFlags() {
        let t = Lexer.tokenize("sort -name a-b", file: "t")
        #expect(t[1].spaceBefore && !t[2].spaceBefore)
        #expect(!t[4].spaceBefore)
    }

    @Test func columnsCountCharacters() {
        let t = Lexer.tokenize("\"é\" x", file: "t")
        #expect(t[1].location.column == 5)
    }

    @Test func carriageReturnIsACharacterInsideALine() {
        let t = Lexer.tokenize("list zones keyword:a\rlist vms", file: "t")
        // `a`, CR and `list` are glued (no space before them): one value, not a second command.
        #expect(t.map(\.kind).contains(.other("\r")))
        let cr = t.firstIndex { $0.kind == .other("\r") }!
        #expect(!t[cr].spaceBefore && !t[cr + 1].spaceBefore)
        #expect(kinds("a\r\nb") == [.word("a"), .newline, .word("b"), .eof])
        #expect(kinds("a\r") == [.word("a"), .eof])
    }

    @Test func carriageReturnNeverStartsASecondCommand() async {
        let r = await run("print \"[\" + \"x\"\rprint \"pwned\"")
        #expect(!r.out.contains("pwned"))
        #expect(r.code == 2)
    }
}

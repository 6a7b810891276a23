import APICatalog
import Language
import Testing
@testable import REPL

/// The shell's `...>` decision is the language's (LineEvaluator's default): one answer.
@Suite struct ContinuationTests {
    final class Plain: LineEvaluator {
        func evaluate(_ source: String) async -> Session.Outcome { .success }
    }

    @Test(arguments: ["for z in list zones {", "list zones |", "x = [1, 2,", "a = 1 &&", "deployVirtualMachine \\"])
    func openStatementsContinue(_ source: String) {
        #expect(Plain().isIncomplete(source))
    }

    /// An open quote runs at once: strings end on their line, so no later line could close it.
    @Test(arguments: [
        "list zones", "for z in list zones {\n print $z\n}", "print \"a { b\"", "x = 1 # open { in a comment",
        "job = deploy vm &", "", "print \"abc", "print 'it",
    ])
    func closedStatementsRun(_ source: String) {
        #expect(!Plain().isIncomplete(source))
    }
}

/// One colour rule for the shell and printed results.
@Suite struct ColorRuleTests {
    @Test(arguments: [
        ([String: String](), true, false, true), (["TERM": "xterm"], true, false, true),
        (["TERM": "dumb"], true, false, false), (["NO_COLOR": "1"], true, false, false),
        (["NO_COLOR": ""], true, false, true),
        ([:], false, false, false), ([:], true, true, false),
    ])
    func colour(_ env: [String: String], _ isTerminal: Bool, _ flag: Bool, _ expected: Bool) {
        #expect(TTY.colorEnabled(noColorFlag: flag, environment: env, isTerminal: isTerminal) == expected)
    }
}

@Suite struct InsertionTests {
    @Test func aSingleCandidateIsInsertedWithItsSpace() {
        let c = Completion(replaceStart: 0, prefix: "li", candidates: [Candidate(insert: "list")], kind: .command)
        #expect(c.insertion == "list ")
        let p = Completion(
            replaceStart: 0, prefix: "zo", candidates: [Candidate(insert: "zoneid=", appendsSpace: false)],
            kind: .parameter)
        #expect(p.insertion == "zoneid=")
    }

    @Test func severalInsertTheCommonPrefixOrNothing() {
        let c = Completion(
            replaceStart: 0, prefix: "z", candidates: [Candidate(insert: "zoneid="), Candidate(insert: "zonename=")],
            kind: .parameter)
        #expect(c.insertion == "zone")
        let stuck = Completion(
            replaceStart: 0, prefix: "zone", candidates: [Candidate(insert: "zoneid="), Candidate(insert: "zone:")],
            kind: .parameter)
        #expect(stuck.insertion == nil)
        let byName = Completion(
            replaceStart: 0, prefix: "Sand", candidates: [Candidate(insert: "1a-0"), Candidate(insert: "1a-1")],
            kind: .value)
        #expect(byName.insertion == nil)
    }
}

@Suite struct ColumnPrinterTests {
    @Test func fillsDownThenAcross() {
        let names = ["alpha", "beta", "gamma", "delta", "epsilon"].map { Candidate(insert: $0) }
        let text = ColumnPrinter.layout(names, width: 30)
        #expect(
            text == """
                alpha    gamma    epsilon
                beta     delta

                """)
    }

    @Test func oneColumnWhenTheWindowIsNarrow() {
        let text = ColumnPrinter.layout(["zoneid=*", "zone:"].map { Candidate(insert: $0) }, width: 5)
        #expect(text == "zoneid=*\nzone:\n")
    }

    @Test func longListsAreCut() {
        let many = (0..<(ColumnPrinter.maximum + 5)).map { Candidate(insert: "n\($0)") }
        #expect(ColumnPrinter.layout(many, width: 80).hasSuffix("... and 5 more\n"))
    }
}

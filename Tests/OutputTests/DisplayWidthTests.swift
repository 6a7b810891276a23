import Testing
@testable import Output

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("", 0), ("abc", 3), ("数据库", 6), ("한국어", 6), ("ｆｕｌｌ", 8),
        ("🚀", 2), ("👩‍💻", 2), ("🇫🇷", 2), ("👍🏽", 2), ("❤️", 2), ("☺", 1),
        ("e\u{301}", 1), ("\u{301}", 0), ("a\u{200B}b", 2), ("tab\there", 7), ("é", 1), ("Ω", 1),
    ])
    func widths(text: String, width: Int) {
        #expect(displayWidth(text) == width, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test func ellipsizeCountsColumns() {
        #expect(ellipsize("abcdef", toWidth: 4) == "abc…")
        #expect(ellipsize("abc", toWidth: 3) == "abc")
        #expect(ellipsize("数据库主", toWidth: 5) == "数据…")
        #expect(ellipsize("数据库主", toWidth: 4) == "数…")
        #expect(ellipsize("abc", toWidth: 0) == "")
        #expect(displayWidth(ellipsize("🚀🚀🚀", toWidth: 4)) <= 4)
    }

    @Test func fitKeepsLeftColumnsWholeAndLeavesOutTheRest() {
        #expect(TableWriter.fit([10, 40, 5], into: nil, gap: 2) == [10, 40, 5])
        #expect(TableWriter.fit([10, 40, 5], into: 59, gap: 2) == [10, 40, 5])
        // Long values are capped at 40 when the row does not fit.
        #expect(TableWriter.fit([10, 60, 5], into: 59, gap: 2) == [10, 40, 5])
        // The first column that does not fit gets what is left, if that is a few characters...
        #expect(TableWriter.fit([36, 9, 61, 8], into: 80, gap: 2) == [36, 9, 31, 0])
        // ...else it is left out with everything after it.
        #expect(TableWriter.fit([36, 36, 36], into: 80, gap: 2) == [36, 36, 0])
        // One column wider than the terminal is cut to the terminal.
        #expect(TableWriter.fit([100, 5], into: 30, gap: 2) == [30, 0])
    }
}

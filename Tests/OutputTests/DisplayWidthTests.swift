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

    @Test func fitNarrowsWidestFirst() {
        #expect(TableWriter.fit([10, 40, 5], into: nil) == [10, 40, 5])
        #expect(TableWriter.fit([10, 40, 5], into: 100) == [10, 40, 5])
        #expect(TableWriter.fit([10, 40, 5], into: 35) == [10, 20, 5])
        #expect(TableWriter.fit([10, 40, 30], into: 40) == [10, 15, 15])
        #expect(TableWriter.fit([10, 40, 30], into: 41) == [10, 16, 15])
        // Below the minimum nothing shrinks further: the line overflows.
        #expect(TableWriter.fit([10, 40, 30], into: 5) == [6, 6, 6])
    }
}

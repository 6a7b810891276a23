import Testing
import Values

/// Numbers from outside never trap (issue 16 points 3 and 7).
@Suite struct BoundedTests {
    @Test func doublesBecomeIntsClampedOrNil() {
        #expect(Bounded.int(.infinity) == Int.max && Bounded.int(-.infinity) == Int.min)
        #expect(Bounded.int(.nan) == nil)
        #expect(Bounded.int(1e300) == Int.max && Bounded.int(9.3e18) == Int.max)
        #expect(Bounded.int(-2.7) == -2)
        #expect(Bounded.int(5e9, in: 0...100) == 100)
        #expect(Bounded.int32(Int.max) == Int32.max && Bounded.int32(-5) == -5)
    }

    @Test func integerOperationsReportInsteadOfTrapping() {
        #expect(Bounded.remainder(Int.min, -1) == nil && Bounded.divide(Int.min, -1) == nil)
        #expect(Bounded.remainder(7, 0) == nil && Bounded.divide(7, 0) == nil)
        #expect(
            Bounded.add(Int.max, 1) == nil && Bounded.subtract(Int.min, 1) == nil && Bounded.multiply(Int.max, 2) == nil
        )
        #expect(Bounded.add(2, 3) == 5 && Bounded.remainder(7, 3) == 1 && Bounded.divide(-9, 3) == -3)
    }

    @Test func secondsFromPeopleAreFiniteAndCapped() {
        for bad in ["inf", "-inf", "nan", "1e300", "31536001", "-1", "x", ""] {
            #expect(Bounded.seconds(bad) == nil, "\(bad)")
        }
        #expect(Bounded.seconds("0") == nil && Bounded.seconds("0", positive: false) == 0)
        #expect(Bounded.seconds("2.5") == 2.5 && Bounded.seconds("31536000") == 31_536_000)
        #expect(Bounded.duration(seconds: .infinity, max: .seconds(4)) == .seconds(4))
        #expect(Bounded.duration(seconds: 1.5, max: .seconds(4)) == .milliseconds(1500))
        #expect(
            Bounded.duration(seconds: .nan, max: .seconds(4)) == nil
                && Bounded.duration(seconds: -1, max: .seconds(4)) == nil)
    }
}

/// Text from outside never acts on a terminal or a log (issue 16 point 8).
@Suite struct ControlCharactersTests {
    @Test func c0AndC1AreReplacedLineBreaksKeptOnRequest() {
        let hostile = "a\u{1B}]0;title\u{07}b\u{9B}2Jc\rd\ne\tf\u{7F}"
        #expect(
            ControlCharacters.replaced(hostile)
                == "a\u{FFFD}]0;title\u{FFFD}b\u{FFFD}2Jc\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{FFFD}")
        #expect(
            ControlCharacters.replaced(hostile, keepLineBreaks: true)
                == "a\u{FFFD}]0;title\u{FFFD}b\u{FFFD}2Jc\u{FFFD}d\ne\tf\u{FFFD}")
        #expect(ControlCharacters.replaced("grüße 日本 🚀") == "grüße 日本 🚀")
    }
}

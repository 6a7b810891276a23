import Testing
@testable import Values

@Suite struct JSONParserTests {
    @Test(arguments: ["0", "-0", "1000000", "1.5e3", "1E-7", "-12.50", "12345678901234567890123", "6.02e+23"])
    func numbersKeepTheirText(text: String) throws {
        let v = try JSONParser.parse("[\(text)]")
        #expect(v[index: 0]?.number?.text == text)
        #expect(JSONWriter.compact(v) == "[\(text)]")
    }

    @Test func numbersCompareByValue() throws {
        #expect(try JSONParser.parse("1.5e3") == JSONParser.parse("1500"))
        #expect(try JSONParser.parse("1500") == .string("1500"))
    }

    @Test func keysKeepTheirOrder() throws {
        let v = try JSONParser.parse(#"{"zeta":1,"alpha":2,"mid":3}"#)
        #expect(v.record.map { Array($0.keys) } == ["zeta", "alpha", "mid"])
        #expect(JSONWriter.compact(v) == #"{"zeta":1,"alpha":2,"mid":3}"#)
    }

    @Test func escapes() throws {
        let v = try JSONParser.parse(#""q\" b\\ s\/ \b\f\n\r\t \u00e9 \u4E2D""#)
        #expect(v == .string("q\" b\\ s/ \u{8}\u{C}\n\r\t é 中"))
        #expect(JSONWriter.compact(v) == #""q\" b\\ s/ \u0008\u000c\n\r\t é 中""#)
    }

    @Test func surrogatePairs() throws {
        #expect(try JSONParser.parse(#""\ud83d\ude80""#) == .string("🚀"))
        #expect(try JSONParser.parse(#""\uD83D\uDE80x""#) == .string("🚀x"))
        // Lone halves become U+FFFD instead of failing the whole response.
        #expect(try JSONParser.parse(#""\ud83d""#) == .string("\u{FFFD}"))
        #expect(try JSONParser.parse(#""\ude80a""#) == .string("\u{FFFD}a"))
        #expect(try JSONParser.parse(#""\ud83d\u0041""#) == .string("\u{FFFD}"))
    }

    @Test(arguments: [#"{"a":[1,2"#, #"{"a":"#, #"["abc"#, "tru", #"{"a""#, "-", "[1.", #""\u00"#, ""])
    func truncatedInputSaysSo(text: String) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("parsed \(text)")
        } catch let error as JSONError {
            #expect(error.truncated, "\(text): \(error)")
            #expect(error.description.contains("ends early"))
        } catch {
            Issue.record("not a JSONError: \(error)")
        }
    }

    @Test(arguments: ["{a:1}", "[1,]", "[01x]", "nul!", #"{"a" 1}"#, "[1] 2", "\"a\u{1}b\"", #""\x""#, "+1", ".5"])
    func malformedInputIsNotTruncated(text: String) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("parsed \(text)")
        } catch let error as JSONError {
            #expect(!error.truncated, "\(text): \(error)")
            #expect(error.description.hasPrefix("malformed JSON at byte"))
        } catch {
            Issue.record("not a JSONError: \(error)")
        }
    }

    @Test func deepNestingIsAnError() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        do {
            _ = try JSONParser.parse(deep)
            Issue.record("parsed 100,000 levels")
        } catch let error as JSONError {
            #expect(error.message.contains("nested too deeply"))
        } catch {
            Issue.record("not a JSONError: \(error)")
        }
        #expect(throws: Never.self) {
            try JSONParser.parse(String(repeating: "[", count: 500) + String(repeating: "]", count: 500))
        }
    }

    @Test func whitespaceAndLiterals() throws {
        let v = try JSONParser.parse(" \n\t{ \"a\" : [ true , false , null ] }\r\n")
        #expect(v == ["a": [true, false, nil]])
    }
}

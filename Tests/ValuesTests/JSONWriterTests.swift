import PropertyBased
import Testing
@testable import Values

@Suite struct JSONWriterTests {
    static let palette: [Character] = [
        "a", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}",
        "é", "中", "🚀", "👩‍💻", "\u{2028}",
    ]

    @Test func stringsRoundTrip() async {
        await propertyCheck(input: Gen.element(of: Self.palette).compactMap { $0 }.string(of: 0...20)) {
            (s: String) throws in
            let json = JSONWriter.compact(.string(s))
            #expect(try JSONParser.parse(json) == .string(s))
            #expect(!json.utf8.dropFirst().dropLast().contains { $0 < 0x20 }, "control characters are escaped")
        }
    }

    @Test func nestedValuesRoundTrip() async {
        await propertyCheck(input: Gen.int(in: 0...99).array(of: 0...40)) { (choices: [Int]) throws in
            var i = 0
            func next(_ n: Int) -> Int { defer { i += 1 }; return i < choices.count ? choices[i] % n : 0 }
            func build(_ depth: Int) -> Value {
                switch next(depth > 2 ? 4 : 6) {
                case 0: return nil
                case 1: return .int(next(100) - 50)
                case 2: return .string(String(Self.palette[next(Self.palette.count)]))
                case 3: return .bool(next(2) == 0)
                case 4: return .list((0..<next(3)).map { _ in build(depth + 1) })
                default:
                    var r = Record()
                    for k in 0..<next(3) { r["k\(k)\(Self.palette[next(Self.palette.count)])"] = build(depth + 1) }
                    return .record(r)
                }
            }
            let v = build(0)
            #expect(try JSONParser.parse(JSONWriter.compact(v)) == v)
            #expect(try JSONParser.parse(JSONWriter.pretty(v)) == v)
            #expect(JSONWriter.compact(try JSONParser.parse(JSONWriter.pretty(v))) == JSONWriter.compact(v))
        }
    }

    @Test func prettyLayout() {
        let v: Value = ["a": [1, 2], "b": [:], "c": []]
        #expect(JSONWriter.pretty(v) == "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {},\n  \"c\": []\n}")
    }

    @Test func integralDoublesPrintWithoutExponent() {
        #expect(Number(1_000_000.0).text == "1000000")
        #expect(Number(1.5).text == "1.5")
        #expect(Number(42).int == 42)
        #expect(Number(text: "1e3").int == 1000)
    }
}

import Contracts
import PropertyBased
import Testing
import Values
@testable import Output

/// Whatever the data, CSV and JSON output read back to the same data.
@Suite struct RoundTripTests {
    static let palette: [Character] = [
        "a", "Z", "7", " ", ",", "\"", "\\", "\n", "\r", "\r\n", "\t", "é", "数",
        "🚀", "👩‍💻", "/", "-", "\u{7F}", "\u{1}",
    ]
    static let text = Gen.element(of: palette).compactMap { $0 }.string(of: 0...8)

    @Test func csvReadsBackToTheSameStrings() async {
        await propertyCheck(input: Self.text.array(of: 1...5).array(of: 1...6)) { rows in
            let width = rows.map(\.count).max() ?? 1
            let columns = (0..<width).map { "c\($0)" }
            let records: [Value] = rows.map { row in
                .record(
                    Record(
                        uniqueKeysWithValues: columns.enumerated().map { i, c in
                            (c, Value.string(i < row.count ? row[i] : ""))
                        }))
            }
            let out = RecordWriter.render(.list(records), format: .csv, options: OutputOptions(batchSize: 3))
            let parsed = CSVReader.parse(out)
            #expect(parsed.first == columns)
            #expect(Array(parsed.dropFirst()) == rows.map { row in (0..<width).map { $0 < row.count ? row[$0] : "" } })
        }
    }

    @Test func jsonReadsBackToAnEqualValue() async {
        await propertyCheck(input: Gen.int(in: 0...1000).array(of: 0...60)) { (choices: [Int]) throws in
            var source = ValueSource(choices: choices)
            let value = source.value(depth: 0)
            for pretty in [false, true] {
                let options = OutputOptions(pretty: pretty)
                let whole = RecordWriter.render(value, format: .json, options: options)
                #expect(try JSONParser.parse(whole) == value)
                // Streamed item by item, a list prints exactly as the whole list.
                if case .list(let items) = value {
                    var streamed = ""
                    let w = RecordWriter(format: .json, options: options) { streamed += $0 }
                    w.begin()
                    items.forEach(w.write)
                    w.finish()
                    #expect(streamed == whole)
                }
            }
        }
    }
}

/// An RFC 4180 reader for the tests: quoted fields may hold commas, quotes
/// (doubled) and line breaks; records end at LF or CRLF.
enum CSVReader {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" {
                        chars.removeFirst(); field.unicodeScalars.append("\"")
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\n" || (c == "\r" && chars.first == "\n") {
                if c == "\r" { chars.removeFirst() }
                row.append(field); field = ""
                rows.append(row); row = []
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}

/// Builds a value from a list of choices, so that shrinking the list shrinks the value.
struct ValueSource {
    var choices: [Int]
    var at = 0

    mutating func next(_ n: Int) -> Int {
        defer { at += 1 }
        return at < choices.count ? choices[at] % n : 0
    }

    mutating func value(depth: Int) -> Value {
        switch next(depth > 3 ? 5 : 7) {
        case 0: return .null
        case 1: return .bool(next(2) == 1)
        case 2: return .number(number())
        case 3, 4: return .string(string())
        case 5: return .list((0..<next(4)).map { _ in value(depth: depth + 1) })
        default:
            var r = Record()
            for _ in 0..<next(4) { r[string()] = value(depth: depth + 1) }
            return .record(r)
        }
    }

    mutating func string() -> String {
        String((0..<next(6)).map { _ in RoundTripTests.palette[next(RoundTripTests.palette.count)] })
    }

    /// Valid JSON number text of every shape: sign, fraction, exponent, big.
    mutating func number() -> Number {
        var t = next(3) == 0 ? "-" : ""
        t += next(4) == 0 ? "0" : String(next(1000) + 1) + (next(3) == 0 ? "000000000000000000000" : "")
        if next(3) == 0 { t += "." + String(next(1000)) }
        if next(4) == 0 { t += ["e", "E", "e+", "e-"][next(4)] + String(next(30)) }
        return Number(text: t)
    }
}

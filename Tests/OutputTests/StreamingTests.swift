import Contracts
import Testing
import Values
@testable import Output

/// Records are printed as they come (after the first batch for tables and
/// CSV), so a long listing never sits in memory.
@Suite struct StreamingTests {
    @Test(arguments: OutputFormat.allCases)
    func printsBeforeTheEnd(format: OutputFormat) {
        var out = ""
        let w = RecordWriter(format: format, options: OutputOptions(batchSize: 200)) { out += $0 }
        w.begin()
        for i in 0..<250 { w.write(["id": .int(i), "name": .string("vm-\(i)")]) }
        #expect(out.contains("vm-249"), "record 250 printed before finish()")
        let before = out
        w.finish()
        #expect(out.hasPrefix(before))
    }

    @Test func hundredThousandRecordsStream() {
        var lines = 0
        var biggestChunk = 0
        let w = RecordWriter(format: .table, options: OutputOptions(terminalWidth: 100)) { chunk in
            lines += chunk.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            biggestChunk = max(biggestChunk, chunk.utf8.count)
        }
        w.begin()
        for i in 0..<100_000 { w.write(["id": .int(i), "state": "Running"]) }
        w.finish()
        #expect(lines == 100_002, "header, rule and one line per record")
        #expect(biggestChunk < 10_000, "only the first batch is printed in one piece")
    }
}
